"""The author's pre-flight: every check `doit check` runs, and that guards the build.

A check is a pure function of the read unit (publish.source.read), what the parse decided about it
(publish.source.decisions) and the index of its elements by kind, made in one walk: what is a
citation, a link, a note or a heading comes from pandoc's parse, and the source map says where
it stands. Each finding is one line, `path:line:col: severity: message`, the form editors and CI
annotators understand. Errors stop the build; warnings do not (unless `doit check --strict`).
Printing them is the command line's job (publish.source.preflight).
"""

import difflib

from publish.document import iterate
from publish.findings import Finding
from publish.labels import has_catalogue
from publish.model.authors import unshown_keys
from publish.model.front_matter import known_keys
from publish.paths import SLUG_FORM, Publication
from publish.source import crossrefs, text_checks
from publish.source.crossrefs import is_crossref
from publish.source.decisions import Places
from publish.source.placeholders import placeholder_findings


def front_matter_findings(source, decisions, index):
    places = Places(source)
    known = known_keys()
    found = [places.at_key(key, "front-matter.unknown-key",
                           f"unknown key '{key}' in the front matter: no edition uses it")
             for key in source.settings.front_matter if key not in known]
    found += [unshown_key_finding(source, keys, value) for keys, value in unshown_keys(source.settings.merged)]
    if decisions.date_known_from == "file":
        date, folder = source.settings.merged.get("date"), source.unit.folder.as_posix()
        found.append(places.at_key("date", "date.uncommitted",
                                   f"date '{date}' is the day of the last commit of {folder}/, "
                                   f"which has none yet: the editions say {decisions.metadata['date']}, the file's "
                                   "last change, until it is committed"))
    return found


def unshown_key_finding(source, keys, value):
    """A key of an author or an affiliation no edition shows, at its line and column, with what it says."""
    path, line, column = source.settings.place(*keys)
    whose = "an affiliation" if any(key in ("affiliation", "affiliations") for key in keys[:-1]) else "an author"
    if isinstance(value, bool):  # as the author wrote it in YAML, never Python's True
        value = "true" if value else "false"
    said = " ".join(str(value).split()) if isinstance(value, (str, int, float)) else ""
    said = f" ('{said[:39]}…')" if len(said) > 40 else f" ('{said}')" if said else ""
    return Finding(str(path), line, column, "front-matter.unknown-key",
                   f"unknown key '{keys[-1]}' of {whose}: no edition shows it{said}")


def duplicate_entry_findings(source, decisions, index):
    """A key given by entries of two bibliography files is an error at the second."""
    first, found = {}, []
    for bibliography in decisions.bibliographies:
        for entry in bibliography.entries:
            earlier = first.setdefault(entry.key, entry)
            if earlier.path != entry.path:
                found.append(Finding(str(entry.path), entry.line, entry.column, "bibliography.duplicate-key",
                                     f"duplicate key '{entry.key}' (first in {earlier.path.name} at line {earlier.line}): "
                                     "give each entry its own id"))
    return found


def cited_keys(source, index):
    """{key: [citation, ...]} of every citation in the body, and the keys the front matter's `nocite`
    cites ('*' for everything)."""
    cited = {}
    for cite in index.of("Cite"):
        for citation in cite["c"][0]:
            if not is_crossref(citation["citationId"]):
                cited.setdefault(citation["citationId"], []).append(citation)
    nocite = {citation["citationId"] for element in iterate(source.document.get("meta", {}).get("nocite", {}))
              if element["t"] == "Cite" for citation in element["c"][0]}
    return cited, nocite


def citation_findings(source, decisions, index):
    """Unknown keys are errors (with the closest key), unless a bibliography could not be read (its
    own error says why, and its keys are unknown); entries never cited are warnings."""
    places, found = Places(source), []
    cited, nocite = cited_keys(source, index)
    entries = [entry for bibliography in decisions.bibliographies for entry in bibliography.entries]
    keys = {entry.key for entry in entries}
    all_read = all(bibliography.read for bibliography in decisions.bibliographies)
    for key, citations in sorted(cited.items()):
        if key in keys or not all_read:
            continue
        close = difflib.get_close_matches(key, sorted(keys), n=1)
        hint = f"; did you mean '{close[0]}'?" if close else "; add it to the bibliography"
        found += [places.at(citation, "citation.unknown", f"citation key '{key}' is not in the bibliography{hint}")
                  for citation in citations]
    if "*" not in nocite:
        found += [Finding(str(entry.path), entry.line, entry.column, "bibliography.uncited",
                          f"bibliography entry '{entry.key}' is never cited")
                  for entry in entries if entry.key not in cited and entry.key not in nocite]
    return found


def duplicate_label_findings(source, decisions, index):
    """A label given twice is an error at the second."""
    places, first, found = Places(source), {}, []
    for label, _, element in decisions.numbering.definitions:
        if label in first:
            line = source.places.place(first[label], default=None)
            where = f" (first at line {line.line})" if line else ""
            found.append(places.at(element, "crossref.duplicate-label",
                                   f"the label '{label}' is given twice{where}: give each its own"))
        first.setdefault(label, element)
    return found


def crossref_findings(source, decisions, index):
    """A reference to a label nothing carries, or to a figure or table without a caption (so without a
    number), is an error (a warning when the label is a Quarto cell's, whose output is not made here)."""
    places, found = Places(source), []
    numbered = decisions.numbering.targets
    labels = sorted({label for label, _, _ in decisions.numbering.definitions})
    for _, citation in crossrefs.references_among(index.of("Cite")):
        key = citation["citationId"]
        label = crossrefs.label_of(key)
        if label in numbered:
            continue
        if label in labels:
            kind = crossrefs.KINDS[crossrefs.kind_of(label)].lower()
            found.append(places.at(citation, "crossref.uncaptioned",
                                   f"'@{key}' points to a {kind} without a caption, which has no number: give it "
                                   "a caption"))
        elif label in source.settled.cell_labels:
            found.append(places.at(citation, "crossref.cell-output",
                                   f"cross-reference '@{key}' points to the output of a code cell, which is not "
                                   f"made here: the editions show '@{key}' as written"))
        else:
            close = difflib.get_close_matches(label, labels, n=1)
            hint = f"; did you mean '@{close[0]}'?" if close else f"; label the target with {{#{label}}}"
            found.append(places.at(citation, "crossref.unknown",
                                   f"cross-reference '@{key}' points to no figure, table, section or equation "
                                   f"labelled '{label}'{hint}"))
    return found


def language_findings(source, decisions, index):
    """A language without a catalogue of labels."""
    lang = str(source.settings.merged.get("lang") or "")
    if lang and not has_catalogue(lang):
        return [Places(source).at_key("lang", "lang.no-catalogue", f"no catalogue of labels for '{lang}' "
                                      f"(locale/{lang.split('-')[0]}.po): the words the editions add (Bibliography, "
                                      "Figure, ...) are in English")]
    return []


def translation_findings(source, contents, original):
    """What the original has that a translation lacks (a note, a citation, a reference to a label, a figure's
    or table's label), so a translator sees what was missed: `contents` are the translation's, `original` the
    original's (publish.source.decisions.contents_of, as the original's parse recorded them)."""
    places = Places(source)
    name = Publication(source.unit.slug).index.as_posix()
    found = [places.at_key("lang", "translation.incomplete",
                           f"note {number} of the original ({name}) has no counterpart in this translation")
             for number in range(contents["notes"] + 1, original["notes"] + 1)]
    found += [places.at_key("lang", "translation.incomplete",
                            f"the original ({name}) cites '{key}', which this translation does not")
              for key in sorted(set(original["cited"]) - set(contents["cited"]))]
    found += [places.at_key("lang", "translation.incomplete",
                            f"the original ({name}) refers to '@{label}', which this translation does not")
              for label in sorted(set(original.get("references", [])) - set(contents["references"]))]
    found += [places.at_key("lang", "translation.incomplete",
                            f"the original ({name}) has the label '{label}', which this translation does not")
              for label in sorted(set(original["labels"]) - set(contents["labels"]))]
    return same_language_findings(source, original.get("lang") or "") + found


def same_language_findings(source, original_lang):
    """A translation into the original's own language (its file's tag or its `lang`, inherited or its own)
    is refused: it would be a second original under the first one's name, its editions linked as another
    language's."""
    name = Publication(source.unit.slug).index.as_posix()
    own = str(source.settings.merged.get("lang") or "")
    tag = source.unit.lang
    if not original_lang or original_lang.lower() not in (tag.lower(), own.lower()):
        return []
    if tag.lower() == original_lang.lower():
        message = (f"{source.index.name} is a translation into '{tag}', the language of the original ({name}): "
                   f"name it after the language it is translated into (index.fr.md, say), or remove it")
    else:
        message = (f"this translation's lang is '{own}', the language of the original ({name}): set `lang: {tag}`, "
                   "the language its file name says, in its front matter")
    where = Places(source).at_key("lang", "translation.same-language", message)
    if "lang" not in source.settings.front_matter:  # the original's, inherited: said at this file's first line
        where = Finding(str(source.index), 1, 1, "translation.same-language", message)
    return [where]


CHECKS = (front_matter_findings, placeholder_findings, duplicate_entry_findings, citation_findings,
          duplicate_label_findings, crossref_findings, language_findings, *text_checks.CHECKS)


def check(source, decisions, index):
    """Every finding of the checks for one read unit (what deciding found is in `decisions.findings`)."""
    return [finding for run in CHECKS for finding in run(source, decisions, index)]


def folder_findings(publication):
    """A publication's folder needs an index.md and a name that can be its slug, unique in source/."""
    folder = publication.folder
    if not publication.index.is_file():
        return [Finding(str(publication.index), 1, 1, "folder.no-index",
                        f"{folder}/ has no {publication.index.name}: add one, or move the folder out of source/")]
    if not SLUG_FORM.match(publication.slug):
        return [Finding(str(publication.index), 1, 1, "folder.bad-slug",
                        f"the folder name '{publication.slug}' is the slug of the editions' file names: use "
                        "lower-case letters, digits and hyphens only")]
    twins = sorted(other.name for other in folder.parent.iterdir()
                   if other.is_dir() and other.name != publication.slug and other.name.lower() == publication.slug.lower())
    if twins:
        return [Finding(str(publication.index), 1, 1, "folder.slug-clash",
                        f"{folder}/ and source/{twins[0]}/ would share the slug '{publication.slug.lower()}': rename one")]
    return []
