"""Authors as the front matter gives them, in every shape pandoc, Quarto and JOSS read: a name, a
list of names, or mappings with a position, affiliations (text, Quarto's objects, JOSS's numbers
into the front matter's `affiliations` list), an ORCID iD, an e-mail and an address."""

import re

from publish.errors import PublishError

ORCID_FORM = re.compile(r"^(?:https?://orcid\.org/)?(\d{4}-\d{4}-\d{4}-\d{3}[\dX])$")
# What the editions show of an author, and of an affiliation given as a mapping (Quarto's); any other key
# (Quarto's acknowledgements, an affiliation's postal address) is a finding, as no edition shows it.
AUTHOR_KEYS = {"name", "position", "role", "affiliation", "affiliations", "orcid", "email", "url", "bio",
               "organization", "organisation"}
AFFILIATION_PARTS = ("department", "name", "city", "region", "state", "country")  # as one line, in this order
AFFILIATION_KEYS = {*AFFILIATION_PARTS, "ref", "id", "index", "number"}


def orcid_check_digit(digits):
    """The check digit of an ORCID iD's first fifteen digits (ISO 7064 11,2)."""
    total = 0
    for digit in digits:
        total = (total + int(digit)) * 2
    result = (12 - total % 11) % 11
    return "X" if result == 10 else str(result)


def orcid_problem(value):
    """What is wrong with an ORCID iD as written, or None."""
    match = ORCID_FORM.match(str(value).strip())
    if not match:
        return f"orcid '{value}' is not an ORCID iD: write its sixteen digits as 0000-0002-1825-0097"
    digits = match.group(1).replace("-", "")
    if orcid_check_digit(digits[:15]) != digits[15]:
        return f"orcid '{value}' is not a valid ORCID iD (its check digit does not match): copy it again from orcid.org"
    return None


def is_organisation(entry):
    """Whether an author is an organisation, written as such: `organization: true` (or `organisation`), or
    Quarto's and CSL's `name: {literal: ...}`; its name is then never read as a person's, given and family."""
    name = entry.get("name")
    return bool(entry.get("organization") or entry.get("organisation")
                or isinstance(name, dict) and name.get("literal"))


def author_name(entry):
    """An author's name: text, or Quarto's {given, family} (or {literal})."""
    name = entry.get("name")
    if isinstance(name, dict):
        name = name.get("literal") or " ".join(str(name[part]) for part in ("given", "family") if name.get(part))
    return name


def author_affiliations(entry, affiliations, where):
    """An author's affiliations as lines of text, from any of the shapes authors write: text, a list
    of texts, Quarto's objects ({name} or {ref: id}), or JOSS's numbers ('1, 2') of the front
    matter's `affiliations` list."""
    value = entry.get("affiliation", entry.get("affiliations"))
    if value is None:
        return []
    values = value if isinstance(value, list) else [value]
    lines = []
    for item in values:
        if isinstance(item, dict):
            reference = item.get("ref", item.get("id"))
            lines.append(affiliation_line(item) if item.get("name") else affiliations.get(str(reference), ""))
        elif isinstance(item, int) or (isinstance(item, str) and item.replace(",", " ").split() and
                                       all(part.isdigit() for part in item.replace(",", " ").split())):
            lines += [affiliations.get(part, "") for part in str(item).replace(",", " ").split()]
        elif isinstance(item, str):
            lines.append(affiliations.get(item, item))
        else:
            raise PublishError("an author's affiliation must be text, a list, or {name: ...}", *where("author"))
    return [line for line in lines if line]


def affiliation_line(item):
    """An affiliation given as a mapping, as one line: 'Department of YYY, University of XXX, Dublin, USA'."""
    return ", ".join(str(item[part]).strip() for part in AFFILIATION_PARTS if str(item.get(part) or "").strip())


def shared_affiliation_names(merged):
    """{id or index: its line} of the front matter's own `affiliations` list (Quarto, JOSS)."""
    names = {}
    for number, item in enumerate(merged.get("affiliations") or [], start=1):
        if isinstance(item, dict) and item.get("name"):
            for key in (item.get("id"), item.get("index"), number):
                if key is not None:
                    names.setdefault(str(key), affiliation_line(item))
    return names


def author_entries(merged):
    """[((key, number), entry)] of the authors as the front matter writes them (`author` or `authors`, one or a
    list): where each stands, for a finding at its own line, and what it says."""
    name = next((name for name in ("author", "authors") if merged.get(name)), None)
    entries = merged.get(name) if name else []
    return [((name, number), entry) for number, entry in enumerate(entries if isinstance(entries, list) else [entries])]


def unshown_keys(merged):
    """(where: ('author', 0, 'acknowledgements'), value) of each key of an author or of an affiliation that no
    edition shows."""
    found = []
    for (name, number), entry in author_entries(merged):
        if isinstance(entry, dict):
            found += [((name, number, key), value) for key, value in entry.items() if key not in AUTHOR_KEYS]
            for key in ("affiliation", "affiliations"):
                found += unshown_affiliation_keys(entry.get(key), (name, number, key))
    return found + unshown_affiliation_keys(merged.get("affiliations"), ("affiliations",))


def unshown_affiliation_keys(value, path):
    items = value if isinstance(value, list) else [value]
    where = [(*path, number) for number in range(len(items))] if isinstance(value, list) else [path]
    return [((*place, key), part) for place, item in zip(where, items) if isinstance(item, dict)
            for key, part in item.items() if key not in AFFILIATION_KEYS]


def normalise_author(entry, where, affiliations=None, place=("author",)):
    """An author as {name, position, affiliation: [lines], orcid, email, url}, from text or a mapping
    (the bio, Markdown, is read from pandoc's parse of the front matter by the parse stage). `place`: where
    the entry stands ('author', 0), for a problem at its own line."""
    if isinstance(entry, str):
        entry = {"name": entry}
    if not isinstance(entry, dict) or not isinstance(author_name(entry), str) or not author_name(entry).strip():
        raise PublishError("each author needs a 'name' (text)", *where("author"))
    orcid = str(entry.get("orcid") or "").strip()
    if orcid and (problem := orcid_problem(orcid)):
        raise PublishError(problem, *where((*place, "orcid")))
    return {
        "name": author_name(entry),
        "position": entry.get("position") or entry.get("role") or "",
        "affiliation": author_affiliations(entry, affiliations or {}, where),
        "orcid": ORCID_FORM.match(orcid).group(1) if orcid else "",
        "email": str(entry.get("email") or "").strip(),
        "url": str(entry.get("url") or "").strip(),
        "organization": is_organisation(entry),
    }


def shared_affiliations(authors):
    """Every affiliation once, in order, and each author's numbers in that list (for a title block that
    names an institution once however many of its authors there are)."""
    affiliations = []
    for author in authors:
        for line in author["affiliation"]:
            if line not in affiliations:
                affiliations.append(line)
    for author in authors:
        author["affiliation_numbers"] = [affiliations.index(line) + 1 for line in author["affiliation"]]
    return affiliations


def authors(value, merged, where, key="author"):
    """The front matter's authors (`author` or `authors`) as a list of normalised authors."""
    entries = value if isinstance(value, list) else [value]
    affiliations = shared_affiliation_names(merged)
    written = next((name for name in ("author", "authors") if merged.get(name)), "author")
    places = [(written, number) for number in range(len(entries))] if isinstance(value, list) else [(written,)]
    return [normalise_author(entry, where, affiliations, place) for entry, place in zip(entries, places)]
