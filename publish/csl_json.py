"""Read and validate a CSL-JSON bibliography, with the line of every entry for messages."""

import json
import re
from dataclasses import dataclass

from publish.findings import Finding
from publish.metadata import read_text

ITEM_TYPES = set("""article article-journal article-magazine article-newspaper bill book broadcast chapter classic
collection dataset document entry entry-dictionary entry-encyclopedia event figure graphic hearing interview
legal_case legislation manuscript map motion_picture musical_score pamphlet paper-conference patent performance
periodical personal_communication post post-weblog regulation report review review-book software song speech
standard thesis treaty webpage""".split())
NAME_FIELDS = set("""author chair collection-editor compiler composer container-author contributor curator director
editor editorial-director editor-translator executive-producer guest host illustrator interviewer narrator organizer
original-author performer producer recipient reviewed-author script-writer series-creator translator""".split())
DATE_FIELDS = {"accessed", "available-date", "event-date", "issued", "original-date", "submitted"}


@dataclass(frozen=True)
class Entry:
    key: str
    path: object
    line: int
    column: int


def id_positions(text):
    """(line, column) of each `"id": ...` in the file, in order."""
    positions = []
    for match in re.finditer(r'"id"\s*:', text):
        line = text.count("\n", 0, match.start()) + 1
        positions.append((line, match.start() - text.rfind("\n", 0, match.start())))
    return positions


def date_problem(value):
    if not isinstance(value, dict):
        return "must be an object with 'date-parts'"
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


def entry_problems(item):
    """What is wrong with one CSL-JSON item."""
    found = []
    if item.get("type") not in ITEM_TYPES:
        found.append(f"type '{item.get('type')}' is not a CSL item type (e.g. article-journal, book, report, webpage)")
    for field in sorted(NAME_FIELDS & item.keys()):
        problem = name_problem(item[field])
        if problem:
            found.append(f"'{field}' {problem}")
    for field in sorted(DATE_FIELDS & item.keys()):
        problem = date_problem(item[field])
        if problem:
            found.append(f"'{field}' {problem}")
    if not item.get("title"):
        found.append("has no 'title'")
    return found


def bibliography_findings(path):
    """(findings, entries) for a CSL-JSON file: parse errors, duplicate keys, invalid entries."""
    text = read_text(path)
    try:
        items = json.loads(text)
    except json.JSONDecodeError as error:
        return [Finding(str(path), error.lineno, error.colno, "error", f"not valid JSON: {error.msg}")], []
    if not isinstance(items, list):
        return [Finding(str(path), 1, 1, "error", "a CSL-JSON bibliography is a list of entries: [ {...}, {...} ]")], []
    positions = iter(id_positions(text))
    findings, entries, seen = [], [], {}
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict) or not isinstance(item.get("id"), (str, int)):
            findings.append(Finding(str(path), 1, 1, "error", f"entry {number} has no 'id'"))
            continue
        line, column = next(positions, (1, 1))
        key = str(item["id"])
        if key in seen:
            findings.append(Finding(str(path), line, column, "error",
                                    f"duplicate key '{key}' (first at line {seen[key]}): give each entry its own id"))
            continue
        seen[key] = line
        entries.append(Entry(key, path, line, column))
        findings += [Finding(str(path), line, column, "error", f"entry '{key}': {problem}") for problem in entry_problems(item)]
    return findings, entries
