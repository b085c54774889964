"""The layout of a Markdown file, by a scan of its lines: where the body starts, where each note and
link reference is defined, where a word stands (escapes, entities and smart punctuation allowed).
The source map (publish.source.source_map) finds each element of pandoc's parse with these; what an
element is always comes from the parse."""

import html
import re

FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
NOTE_DEFINITION = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:")
LINK_DEFINITION = re.compile(r"^ {0,3}\[(?!\^)[^\]]+\]:\s")
ENTITY = re.compile(r"&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
SEPARATOR_LINE = re.compile(r"^\s*[|+]?[\s:=+|-]*[-=][\s:=+|-]*$")


def front_matter_end(text):
    """Offset where the body starts: after the closing '---' or '...' of the front matter."""
    if not text.startswith("---"):
        return 0
    for match in re.finditer(r"^(---|\.\.\.)[ \t]*$", text, re.MULTILINE):
        if match.start() > 0:
            return match.end()
    return 0


def line_spans(text):
    """(start, end) offset of every line, end excluding the newline."""
    spans, start = [], 0
    for line in text.split("\n"):
        spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def blank(text, regions):
    """`text` with each (start, end) region replaced by spaces (newlines kept), so offsets stay."""
    characters = list(text)
    for start, end in regions:
        for index in range(start, end):
            if characters[index] != "\n":
                characters[index] = " "
    return "".join(characters)


def definitions(text, body_start):
    """Note definitions {label: (start of the label, start of the note's text, end)} (the first,
    if a label is defined twice) and the regions of every note and link reference definition,
    found by a line scan that steps over fenced code."""
    spans, regions = [], []  # spans: [label, label start, text start, end]
    fence, current = None, None
    previous_blank = True
    for start, end in line_spans(text):
        if start < body_start:
            continue
        line = text[start:end]
        opening = FENCE.match(line)
        if fence:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
            previous_blank = False
            continue
        is_blank = not line.strip()
        if current and not is_blank and previous_blank and not line.startswith(("    ", "\t")):
            current = None  # an unindented block after a blank line ends the note
        note = NOTE_DEFINITION.match(line)
        if note:
            current = [note.group(1), start + line.index("[^"), start + note.end(), end]
            spans.append(current)
        elif current:
            if not is_blank:
                current[3] = end
        elif LINK_DEFINITION.match(line):
            regions.append((start, end))
        if opening and not current:
            fence = opening.group(1)
        previous_blank = is_blank
    notes = {}
    for label, label_start, text_start, end in spans:
        notes.setdefault(label, (label_start, text_start, end))
        regions.append((label_start, end))
    return notes, regions


def match_at(text, at, word):
    """The offset after `word` if the source at `at` spells it (allowing escapes, entities and the
    punctuation pandoc's smart extension turns into quotes, dashes and ellipses), else None."""
    position, index = at, 0
    while index < len(word):
        if position >= len(text):
            return None
        character, source = word[index], text[position]
        if source == character:
            position, index = position + 1, index + 1
        elif source == "\\" and text[position + 1:position + 2] == character:
            position, index = position + 2, index + 1
        elif character in "’‘" and source == "'":
            position, index = position + 1, index + 1
        elif character == "—" and text.startswith("---", position):
            position, index = position + 3, index + 1
        elif character == "–" and text.startswith("--", position):
            position, index = position + 2, index + 1
        elif character == "…" and text.startswith("...", position):
            position, index = position + 3, index + 1
        elif character == "\xa0" and source == " ":
            position, index = position + 1, index + 1
        elif character == "\xa0" and text.startswith("\\ ", position):
            position, index = position + 2, index + 1
        elif source == "&" and (entity := ENTITY.match(text, position)) and html.unescape(entity.group()) == character:
            position, index = entity.end(), index + 1
        else:
            return None
    return position

