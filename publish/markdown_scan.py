"""Where things are in the Markdown source: citations, links, images, notes and headings,
each with its line and column, for messages that point at the author's text.

pandoc's Markdown reader does not report positions, so this is a light scan
of the source that skips the front matter, fenced code and inline code.
"""

import re
from dataclasses import dataclass

FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
INLINE_CODE = re.compile(r"(`+)(.+?)\1")
CITATION = re.compile(r"(?<![\w@])@(\{[^}]+\}|\w(?:[\w:.#$%&\-+?<>~/]*\w)?)")
# [text](address "title") and ![alt](address); an address may hold balanced parentheses.
LINK = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\]]*\])*)\]\(\s*<?((?:[^()\s<>]|\([^()\s]*\))*)>?(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)")
NOTE_DEFINITION = re.compile(r"^\[\^([^\]\s]+)\]:")
NOTE_REFERENCE = re.compile(r"\[\^([^\]\s]+)\](?!:)")
HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t#]*$")


@dataclass(frozen=True)
class Mark:
    kind: str  # citation, link, image, note-reference, note-definition, heading
    value: str  # the key, the address, the note's label, or the heading's level
    line: int
    column: int
    text: str = ""  # the link's text, the image's alt text, the heading's text


def body_lines(text):
    """(line number, line) after the front matter, with fenced code left out."""
    lines = text.splitlines()
    start = 0
    if lines and lines[0].strip() == "---":
        start = next((i + 1 for i, line in enumerate(lines[1:], 1) if line.strip() in ("---", "...")), len(lines))
    fence = None
    for number, line in enumerate(lines[start:], start=start + 1):
        opening = FENCE.match(line)
        if fence:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
            continue
        if opening:
            fence = opening.group(1)
            continue
        yield number, line


def mask_inline_code(line):
    """The line with inline code replaced by spaces, so columns stay right."""
    return INLINE_CODE.sub(lambda match: " " * len(match.group(0)), line)


def scan(text):
    """Every mark of the source, in reading order."""
    marks = []
    for number, raw in body_lines(text):
        line = mask_inline_code(raw)
        heading = HEADING.match(line)
        if heading:
            marks.append(Mark("heading", str(len(heading.group(1))), number, 1, heading.group(2)))
        definition = NOTE_DEFINITION.match(line)
        if definition:
            marks.append(Mark("note-definition", definition.group(1), number, 1))
        for match in NOTE_REFERENCE.finditer(line):
            marks.append(Mark("note-reference", match.group(1), number, match.start() + 1))
        for match in LINK.finditer(line):
            kind = "image" if match.group(1) else "link"
            marks.append(Mark(kind, match.group(3), number, match.start() + 1, match.group(2)))
        for match in CITATION.finditer(line):
            marks.append(Mark("citation", match.group(1).strip("{}"), number, match.start() + 1))
    return sorted(marks, key=lambda mark: (mark.line, mark.column))
