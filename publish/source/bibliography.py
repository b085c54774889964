"""The one bibliography loader: any bibliography pandoc reads, as CSL items with the place of
each entry in its file, and what is wrong with each.

CSL-JSON (`.json`) and CSL-YAML (`.yaml`, `.yml`) are read here; `.bib` and `.bibtex` files are
converted to CSL by pandoc itself (the same conversion its citeproc makes when given the file,
with its BibLaTeX and BibTeX readers), once per content, cached; a `.bib` is named BibTeX or
BibLaTeX by what it holds, and its mistakes placed where they are (publish.source.bibtex). The
checks, the parse (its citeproc run reads the merged items), How to cite and the citation files all
see the same CSL items.
"""

import hashlib
import json
import re
from dataclasses import dataclass, field

import yaml

from publish import atomic
from publish.document import texts
from publish.errors import PublishError
from publish.findings import Finding
from publish.paths import CACHE
from publish.source.bibtex import dialect, mistake
from publish.source.files import UNHOLDABLE, read_text, unholdable
from publish.source.yaml_mistakes import yaml_failure
from publish.source.yaml_reading import SURROGATE, safe_yaml

FORMATS = {".json": "CSL-JSON", ".yaml": "CSL-YAML", ".yml": "CSL-YAML", ".bib": "BibTeX", ".bibtex": "BibTeX"}
PANDOC_READERS = {".bib": "biblatex", ".bibtex": "bibtex"}  # as pandoc chooses for a file it is given
ITEM_TYPES = set("""article article-journal article-magazine article-newspaper bill book broadcast chapter classic
collection dataset document entry entry-dictionary entry-encyclopedia event figure graphic hearing interview
legal_case legislation manuscript map motion_picture musical_score pamphlet paper-conference patent performance
periodical personal_communication post post-weblog regulation report review review-book software song speech
standard thesis treaty webpage""".split())
NAME_FIELDS = set("""author chair collection-editor compiler composer container-author contributor curator director
editor editorial-director editor-translator executive-producer guest host illustrator interviewer narrator organizer
original-author performer producer recipient reviewed-author script-writer series-creator translator""".split())
DATE_FIELDS = {"accessed", "available-date", "event-date", "issued", "original-date", "submitted"}
INVALID, INCOMPLETE = "bibliography.invalid-entry", "bibliography.incomplete-entry"  # an entry's finding codes
BIBTEX_ENTRY = re.compile(r"@([A-Za-z]+)\s*[{(]\s*([^,\s{}()]+)\s*,")
BIBTEX_NOT_ENTRIES = {"comment", "string", "preamble"}
PANDOC_POSITION = re.compile(r"\(line (\d+), column (\d+)\):\s*(.*)", re.DOTALL)
CACHE_FOLDER = CACHE / "bibliographies"


@dataclass(frozen=True)
class Entry:
    key: str
    path: object
    line: int
    column: int


@dataclass
class Bibliography:
    path: object
    format: str
    items: list = field(default_factory=list)  # CSL items, in file order
    entries: list = field(default_factory=list)  # Entry for each item, same order
    findings: list = field(default_factory=list)
    read: bool = True  # False when the file as a whole could not be read

    def unreadable(self, line, column, message):
        """The whole file could not be read: one error at the fault, no items."""
        self.findings.append(Finding(str(self.path), line, column, "bibliography.unreadable", message))
        self.read = False
        return self


def id_positions(text):
    """(line, column) of each `"id": ...` in a CSL-JSON file, in order."""
    return [place_of(text, match.start()) for match in re.finditer(r'"id"\s*:', text)]


def place_of(text, offset):
    return text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)


def with_date_parts(item):
    """An item whose dates written the way pandoc-citeproc wrote them ({year: 2008, month: 3}) are in CSL's
    'date-parts': pandoc still reads that form in front matter, but not in a CSL-JSON file, which is where
    the parse hands every entry to citeproc; the author's year is kept either way."""
    legacy = {name: value for name in DATE_FIELDS & item.keys() if isinstance(value := item[name], dict)
              and "year" in value and not {"date-parts", "literal", "raw"} & value.keys()}
    converted = {name: {"date-parts": [[value[part] for part in ("year", "month", "day") if part in value]]}
                 for name, value in legacy.items()}
    return {**item, **converted}


def date_problem(value):
    if isinstance(value, str):
        return None  # a date written as text, which pandoc's citeproc reads itself
    if not isinstance(value, dict):
        return "must be an object with 'date-parts', or text"
    if "literal" in value or "raw" in value:
        return None
    parts = value.get("date-parts")
    if not (isinstance(parts, list) and 1 <= len(parts) <= 2 and all(isinstance(p, list) and 1 <= len(p) <= 3 for p in parts)):
        return "needs 'date-parts': [[year]], [[year, month]] or [[year, month, day]]"
    for year, *rest in parts:
        numbers = [year, *rest]
        if not all(isinstance(n, int) or (isinstance(n, str) and n.isdigit()) for n in numbers):
            return "has date parts that are not whole numbers"
        month, day = (int(rest[0]) if rest else 1), (int(rest[1]) if len(rest) > 1 else 1)
        if not (1 <= month <= 24 and 1 <= day <= 31):
            return f"has a month or day out of range ({numbers})"
    return None


def name_problem(value):
    if not isinstance(value, list) or not value:
        return "must be a list of names"
    for name in value:
        if not isinstance(name, dict) or not (name.get("family") or name.get("literal")):
            return "has a name without 'family' (or 'literal' for an organisation)"
    return None


def entry_problems(item, check_type=True):
    """(code, message) for what is wrong with one CSL item: invalid (an error) or incomplete (a warning)."""
    found = []
    if check_type and not item.get("type"):
        found.append((INCOMPLETE, "has no 'type': it is cited as an item of no particular type; give it one (e.g. "
                                  "article-journal, book, report, webpage)"))
    elif check_type and (not isinstance(item["type"], str) or item["type"] not in ITEM_TYPES):
        found.append((INVALID, f"type '{item['type']}' is not a CSL item type (e.g. article-journal, book, report, "
                               "webpage)"))
    for name in sorted(NAME_FIELDS & item.keys()):
        if problem := name_problem(item[name]):
            found.append((INVALID, f"'{name}' {problem}"))
    for name in sorted(DATE_FIELDS & item.keys()):
        if problem := date_problem(item[name]):
            found.append((INVALID, f"'{name}' {problem}"))
    titled = bool(item.get("title"))
    if not titled:  # pandoc's citeproc cites it by what it has ("J, 1984"), as pandoc and Quarto do
        found.append((INCOMPLETE, "has no 'title': citations and the bibliography show it without one"))
    if not (NAME_FIELDS & item.keys()):
        found.append((INCOMPLETE, "has no author or editor: citations will show its title instead" if titled else
                      "has no author or editor, nor a title to show instead: citations show what else it has, such "
                      "as its date"))
    if "issued" not in item:
        found.append((INCOMPLETE, "has no date ('issued'): citations will show 'n.d.'"))
    return found


def checked(bibliography, items, places, check_type=True):
    """Fill `bibliography` with the items that have an id, in order, and their findings."""
    path, seen = str(bibliography.path), {}
    places = iter(places)
    for number, item in enumerate(items, start=1):
        line, column = next(places, (1, 1))
        if not isinstance(item, dict) or not isinstance(item.get("id"), (str, int)) or item.get("id") == "":
            bibliography.findings.append(Finding(path, line, column, INVALID, f"entry {number} has no 'id'"))
            continue
        key = str(item["id"])
        if key in seen:
            bibliography.findings.append(Finding(path, line, column, "bibliography.duplicate-key",
                                                 f"duplicate key '{key}' (first at line {seen[key]}): give each entry its own id"))
            continue
        seen[key] = line
        item = with_date_parts(item)
        bibliography.items.append({**item, "id": key})
        bibliography.entries.append(Entry(key, bibliography.path, line, column))
        bibliography.findings += [Finding(path, line, column, code, f"entry '{key}': {problem}")
                                  for code, problem in entry_problems(item, check_type)]
    return bibliography


def load_csl_json(bibliography, text):
    try:
        items = json.loads(text)
    except json.JSONDecodeError as error:
        return bibliography.unreadable(error.lineno, error.colno, f"not valid CSL-JSON: {error.msg}")
    except RecursionError:  # json's reader recurses once a level
        return bibliography.unreadable(1, 1, "not valid CSL-JSON: lists or objects nested hundreds deep")
    if not isinstance(items, list):
        return bibliography.unreadable(1, 1, "a CSL-JSON bibliography is a list of entries: [ {...}, {...} ]")
    written = "\n".join(texts(items))
    if SURROGATE.search(written):
        offset = lone_surrogate_escape(text)
        return bibliography.unreadable(*place_of(text, offset), f"not valid CSL-JSON: '{text[offset:offset + 6]}' is "
                                       "half of a UTF-16 pair, not a character: write the character itself")
    if found := UNHOLDABLE.search(written):  # written as an escape ('\\u0001'): read_text has refused the character
        escape = re.search(rf"\\u{ord(found[0]):04x}", text, re.IGNORECASE)
        return bibliography.unreadable(*place_of(text, escape.start() if escape else 0), unholdable(found[0]))
    return checked(bibliography, items, id_positions(text))


def lone_surrogate_escape(text):
    """The offset of the first '\\uXXXX' in JSON text that is half of a UTF-16 pair without its other half (0
    when none is written so)."""
    escapes = [(match.start(), int(match[1], 16)) for match in re.finditer(r"\\u([dD][89a-fA-F][0-9a-fA-F]{2})", text)]
    number = 0
    while number < len(escapes):
        offset, code = escapes[number]
        after = escapes[number + 1] if number + 1 < len(escapes) else None
        if code < 0xDC00 and after and after[0] == offset + 6 and after[1] >= 0xDC00:
            number += 2
            continue
        return offset
    return 0


def load_csl_yaml(bibliography, text, first_line=1):
    try:
        data, node = safe_yaml(text)
    except yaml.YAMLError as error:
        line, column, message = yaml_failure(error, text, first_line)
        return bibliography.unreadable(line, column or 1, f"not valid CSL-YAML: {message}")
    items = data.get("references") if isinstance(data, dict) else data
    if isinstance(node, yaml.MappingNode):
        node = next((value for key, value in node.value if key.value == "references"), None)
    if not isinstance(items, list) or not isinstance(node, yaml.SequenceNode):
        return bibliography.unreadable(first_line, 1, "a CSL-YAML bibliography is 'references:' followed by a list "
                                                      "of entries")
    places = [(item.start_mark.line + first_line, item.start_mark.column + 1) for item in node.value]
    return checked(bibliography, items, places)


def bibtex_places(text):
    """(key, line, column) of every entry of a BibTeX or BibLaTeX file, in order."""
    return [(match.group(2), *place_of(text, match.start())) for match in BIBTEX_ENTRY.finditer(text)
            if match.group(1).lower() not in BIBTEX_NOT_ENTRIES]


def converted_by_pandoc(path, text, reader):
    """pandoc's CSL items for a BibTeX/BibLaTeX file, cached by content."""
    from publish.pandoc import run_pandoc

    cached = CACHE_FOLDER / f"{hashlib.sha256((reader + text).encode('utf-8')).hexdigest()}.json"
    if cached.is_file():
        return json.loads(cached.read_text(encoding="utf-8"))
    output = run_pandoc([f"--from={reader}", "--to=csljson", path], context=path)
    atomic.write_bytes(cached, output)
    return json.loads(output)


def load_bibtex(bibliography, text):
    reader = PANDOC_READERS[bibliography.path.suffix.lower()]
    if reader == "biblatex":
        bibliography.format = dialect(text)
    try:
        items = converted_by_pandoc(bibliography.path, text, reader)
    except PublishError as error:
        match = PANDOC_POSITION.search(error.detail)
        if not match:
            return bibliography.unreadable(1, 1, f"not valid {bibliography.format}: {error.message}")
        problem = match.group(3).strip().splitlines()[0]  # not the line pandoc echoes
        line, column, message = mistake(text, int(match.group(1)), int(match.group(2)), problem)
        return bibliography.unreadable(line, column, f"not valid {bibliography.format}: {message}")
    places = {}
    for key, line, column in bibtex_places(text):
        places.setdefault(key, []).append((line, column))
    ordered = [places[str(item.get("id"))].pop(0) if places.get(str(item.get("id"))) else (1, 1) for item in items]
    return checked(bibliography, items, ordered, check_type=False)


def load_bibliography(path):
    """A Bibliography: its CSL items, the place of each, and what is wrong with it."""
    kind = FORMATS.get(path.suffix.lower())
    bibliography = Bibliography(path, kind or path.suffix)
    if kind is None:
        return bibliography.unreadable(1, 1, f"'{path.name}' is not a bibliography format pandoc reads: use "
                                             f"{', '.join(sorted(FORMATS))}")
    try:
        text = read_text(path)
    except PublishError as error:  # not UTF-8, or a character no edition can hold: at its place in the file
        return bibliography.unreadable(error.line or 1, error.column or 1, error.message)
    if kind == "CSL-JSON":
        return load_csl_json(bibliography, text)
    if kind == "CSL-YAML":
        return load_csl_yaml(bibliography, text)
    return load_bibtex(bibliography, text)


def bibliography_paths(values, publication, context):
    """The bibliography files a unit names, relative to its folder; each must exist inside the project."""
    from pathlib import Path

    from publish.paths import inside, names_a_file

    paths = []
    for value in values:
        path = publication.folder / value
        if not inside(path, Path.cwd()):
            raise PublishError(f"bibliography '{value}' is outside the project: keep it beside {publication.index.name}", context)
        if not names_a_file(path):
            raise PublishError(f"bibliography '{value}' not found next to {publication.index.name}", context)
        paths.append(path)
    return paths
