"""The pre-flight's check for the placeholders `doit new` wrote and the author has not replaced yet
(publish.model.placeholders): each is a warning at its place while the draft is written, which
`doit check --strict` and a release refuse."""

from publish.document import stringify
from publish.findings import Finding
from publish.model.authors import author_entries
from publish.model.placeholders import AFFILIATION, AUTHOR_NAME, CODE, OPENING
from publish.source.decisions import Places


def author_placeholders(source):
    """(keys, what it is) of each author's name and affiliation still as `doit new` wrote them."""
    found = []
    for (name, number), entry in author_entries(source.settings.merged):
        entry = entry if isinstance(entry, dict) else {"name": entry}
        if str(entry.get("name", "")).strip() == AUTHOR_NAME:
            found.append(((name, number, "name"), f"'{AUTHOR_NAME}' is what doit new wrote: write the author's name"))
        affiliations = entry.get("affiliation")
        if AFFILIATION in (affiliations if isinstance(affiliations, list) else [affiliations]):
            found.append(((name, number, "affiliation"),
                          f"'{AFFILIATION}' is what doit new wrote: write the author's institution, or leave it out"))
    return found


def placeholder_findings(source, decisions, index):
    """A warning at each placeholder left: the front matter's author and affiliation, the opening sentence."""
    found = []
    for keys, message in author_placeholders(source):
        path, line, column = source.settings.place(*keys)
        found.append(Finding(str(path), line, column, CODE, f"{message} (a release refuses it)"))
    places = Places(source)
    found += [places.at(block, CODE, f"'{OPENING}' is what doit new wrote: write the text in its place (a release "
                                     "refuses it)")
              for block in index.of("Para") if stringify(block).startswith(OPENING)]
    return found
