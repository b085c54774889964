"""Where each element of pandoc's parse stands in the author's Markdown file.

pandoc's Markdown reader reports no positions, so this module walks the parsed
document in reading order and finds each element in the text, moving forward
from the last one found. The parse says what the element is (a citation, a
note, a heading, code); the text only says where it is. Nothing inside code,
math or raw content is ever mistaken for something else, because those are
elements of the parse too, found and stepped over like the rest.

Notes are found at their definition (`[^label]: ...`), which may stand far
from the call; the main text is searched with every note definition and link
reference definition blanked out, so a word of a note is never taken for the
text around its call.
"""

import html
import re
from bisect import bisect_right
from dataclasses import dataclass

FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
NOTE_DEFINITION = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:")
LINK_DEFINITION = re.compile(r"^ {0,3}\[(?!\^)[^\]]+\]:\s")
ENTITY = re.compile(r"&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
DIV_FENCE = re.compile(r"^ {0,3}:{3,}", re.MULTILINE)
TABLE_CAPTION = re.compile(r"[^\n]*(?:\n[ \t]*)*\n {0,3}(?:Table)?:[ \t]")
WINDOW = 4000  # how far ahead an element may stand from the one before it
# Containers whose inlines are the last item of 'c', or the second.
INLINES_LAST = {"Emph", "Underline", "Strong", "Strikeout", "Superscript", "Subscript", "SmallCaps"}
INLINES_SECOND = {"Quoted", "Span"}


@dataclass(frozen=True)
class Place:
    line: int
    column: int


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


SEPARATOR_LINE = re.compile(r"^\s*[|+]?[\s:=+|-]*[-=][\s:=+|-]*$")


def table_rows(view, start, end):
    """(start, end) of each row of the table written in view[start:end]: a grid table's rows lie
    between its '+---+' lines, a pipe or simple table's rows are its other lines."""
    lines = line_spans(view[start:end])
    spans = [(start + a, start + b) for a, b in lines]
    if view[start:end].lstrip().startswith("+"):
        rows, current = [], None
        for a, b in spans:
            if view[a:b].lstrip().startswith("+"):
                if current is not None:
                    rows.append((current, a))
                current = b + 1
        return rows
    return [(a, b + 1) for a, b in spans if view[a:b].strip() and not SEPARATOR_LINE.match(view[a:b])]


class SourceMap:
    """The place in the author's file of every element of pandoc's parse of it.

    Built once from the text and the parse; `place(element)` answers for the very
    element objects of that parse (the checks walk the same objects).
    """

    def __init__(self, text, document):
        self.text = text
        self.body_start = front_matter_end(text)
        self.notes, definition_regions = definitions(text, self.body_start)
        self.main = blank(text, [(0, self.body_start), *definition_regions])
        self.line_starts = [start for start, _ in line_spans(text)]
        self.offsets = {}  # id(element) -> offset of its first character
        self.elements = []  # kept alive, so ids stay theirs
        cursor = self.blocks(document.get("blocks", []), self.body_start, self.main, len(text))
        self.end = cursor

    # -- answers

    def place_of_offset(self, offset):
        line = bisect_right(self.line_starts, offset)
        return Place(line, offset - self.line_starts[line - 1] + 1)

    def place(self, element, default=None):
        """The Place where `element` (a block, inline, or citation of the parse) starts, or `default`."""
        offset = self.offsets.get(id(element))
        return default if offset is None else self.place_of_offset(offset)

    def offset(self, element):
        return self.offsets.get(id(element))

    # -- finding

    def remember(self, element, offset):
        if offset is not None and id(element) not in self.offsets:
            self.offsets[id(element)] = offset
            self.elements.append(element)

    @staticmethod
    def find(view, needle, start, limit):
        if not needle:
            return None
        found = view.find(needle, start, min(limit, start + WINDOW))
        return None if found < 0 else found

    @classmethod
    def find_spread(cls, view, text, start, limit):
        """(start, end) of `text` at or after `start`, also where the author's line breaks stand for
        its spaces (pandoc reads inline code written over two lines with a space); (None, None)."""
        found = cls.find(view, text, start, limit)
        if found is not None:
            return found, found + len(text)
        if not text.split():
            return None, None
        pattern = re.compile(r"\s+".join(re.escape(word) for word in text.split()))
        match = pattern.search(view, start, min(limit, start + WINDOW))
        return (match.start(), match.end()) if match else (None, None)

    def line_end(self, offset):
        end = self.text.find("\n", offset)
        return len(self.text) if end < 0 else end

    @staticmethod
    def skip_attributes(view, offset):
        """Past an attribute block '{...}' right after an element."""
        if view[offset:offset + 1] == "{":
            close = view.find("}", offset)
            if close > 0:
                return close + 1
        return offset

    # -- blocks

    def blocks(self, blocks, cursor, view, limit):
        for block in blocks:
            cursor = self.block(block, cursor, view, limit)
        return cursor

    def block(self, block, cursor, view, limit):
        kind, content = block["t"], block.get("c")
        start = cursor
        if kind in ("Para", "Plain"):
            cursor = self.inlines(content, cursor, view, limit)
        elif kind == "Header":
            cursor = self.inlines(content[2], cursor, view, limit)
            first = self.first_offset(content[2])
            start = self.line_start(first) if first is not None else start
            cursor = self.line_end(max(cursor, start))
            if re.match(r"\n {0,3}(=+|-+)[ \t]*(\n|$)", view[cursor:cursor + 200]):  # a setext underline
                cursor = self.line_end(cursor + 1)
        elif kind == "CodeBlock":
            lines = [line for line in content[1].split("\n") if line.strip()]
            found = self.find(view, lines[0].strip(), cursor, limit) if lines else None
            if found is not None:
                start = self.line_start(found)
                fence_line = self.line_start(max(start - 1, 0))
                if start and FENCE.match(view[fence_line:start]):
                    start = fence_line
                last = self.find(view, lines[-1].strip(), found, limit)
                cursor = self.line_end(last if last is not None else found)
        elif kind == "RawBlock":
            found = self.find(view, content[1].strip(), cursor, limit)
            if found is not None:
                start, cursor = found, found + len(content[1].strip())
        elif kind == "LineBlock":
            for line in content:
                cursor = self.inlines(line, cursor, view, limit)
        elif kind in ("BlockQuote", "Div", "Figure"):
            if kind == "Div":
                start = self.div_start(view, cursor, limit)
            children = content if kind == "BlockQuote" else content[-1]
            cursor = self.blocks(children, cursor, view, limit)
            if kind == "Figure":
                self.blocks(content[1][1], start, view, limit)  # its caption, usually inside the image's brackets
        elif kind in ("BulletList", "OrderedList"):
            for item in content if kind == "BulletList" else content[1]:
                cursor = self.blocks(item, cursor, view, limit)
        elif kind == "DefinitionList":
            for term, definitions in content:
                cursor = self.inlines(term, cursor, view, limit)
                for definition in definitions:
                    cursor = self.blocks(definition, cursor, view, limit)
        elif kind == "Table":
            cursor = self.table(content, cursor, view, limit)
            first = self.first_in(content[3:])
            start = self.line_start(first) if first is not None else start
        first = self.first_offset_of_block(block)
        self.remember(block, start if kind in ("Header", "Div", "CodeBlock", "RawBlock", "Table") or first is None else first)
        return cursor

    def div_start(self, view, cursor, limit):
        """A fenced div's ':::' line, or a '<div' tag, whichever comes first."""
        fence = DIV_FENCE.search(view, cursor, min(limit, cursor + WINDOW))
        tag = self.find(view, "<div", cursor, limit)
        candidates = [offset for offset in (fence.start() if fence else None, tag) if offset is not None]
        return min(candidates) if candidates else cursor

    def table(self, content, cursor, view, limit):
        """A table's cells, each searched within its own row (a grid table's cell may span lines,
        so its words interleave with its neighbours'), then its caption, before or after it."""
        _, caption, _, head, bodies, foot = content
        rows = list(head[1])
        for body in bodies:
            rows += body[2] + body[3]
        rows += foot[1]
        region = self.table_region(view, cursor, limit)
        spans = table_rows(view, *region) if region else []
        if len(spans) != len(rows):  # not a layout this knows: one search after another
            spans = [(None, None)] * len(rows)
        end = cursor
        for row, (start, stop) in zip(rows, spans):
            for cell in row[1]:
                found = self.blocks(cell[4], start if start is not None else end, view, stop or limit)
                end = max(end, found) if start is not None else found
        if region:
            end = max(end, region[1])
        following = TABLE_CAPTION.match(view, end)
        if following:  # the caption after the table; else it stood before, where the search began
            return self.blocks(caption[1], following.end(), view, limit)
        self.blocks(caption[1], cursor, view, limit)
        return end

    @staticmethod
    def table_region(view, cursor, limit):
        """(start, end) of the table's own lines after `cursor`: from its first line (past a caption
        written before it) to the first empty line."""
        position = cursor
        while True:
            match = re.compile(r"[ \t]*\n").match(view, position)
            if not match:
                break
            position = match.end()
        caption = re.compile(r" {0,3}(?:Table)?:[ \t][^\n]*\n(?:[ \t]*\n)*").match(view, position)
        if caption:
            position = caption.end()
        end = view.find("\n\n", position, limit)
        end = min(limit, len(view)) if end < 0 else end
        return (position, end) if position < end else None

    def line_start(self, offset):
        return self.text.rfind("\n", 0, offset) + 1

    def first_offset(self, inlines):
        for inline in inlines:
            if (offset := self.offsets.get(id(inline))) is not None:
                return offset
        return None

    def first_offset_of_block(self, block):
        return self.offsets.get(id(block)) if id(block) in self.offsets else self.first_in(block.get("c"))

    def first_in(self, value):
        """The smallest offset of any element found inside `value`."""
        found = []

        def visit(item):
            if isinstance(item, dict):
                if id(item) in self.offsets:
                    found.append(self.offsets[id(item)])
                for child in item.values():
                    visit(child)
            elif isinstance(item, list):
                for child in item:
                    visit(child)

        visit(value)
        return min(found) if found else None

    # -- inlines

    def inlines(self, inlines, cursor, view, limit):
        for inline in inlines:
            cursor = self.inline(inline, cursor, view, limit)
        return cursor

    def inline(self, inline, cursor, view, limit):
        kind, content = inline["t"], inline.get("c")
        if kind == "Str":
            found = self.word(view, content, cursor, limit)
            if found is not None:
                self.remember(inline, found[0])
                return found[1]
        elif kind in INLINES_LAST or kind in INLINES_SECOND:
            children = content if kind in INLINES_LAST else content[1]
            start, cursor = cursor, self.inlines(children, cursor, view, limit)
            first = self.first_offset(children)
            if kind == "Span" and first is not None:  # it opens at its '[' or '<span', before its first word
                opening = max(view.rfind("[", start, first), view.rfind("<span", start, first))
                first = opening if opening >= 0 else first
            self.remember(inline, first)
            if kind == "Span" and view[cursor:cursor + 1] == "]":
                cursor = self.skip_attributes(view, cursor + 1)
            return cursor
        elif kind == "Cite":
            for citation in content[0]:
                key = citation["citationId"]
                found = min((offset for offset in (self.find(view, f"@{key}", cursor, limit),
                                                   self.find(view, "@{" + key + "}", cursor, limit)) if offset is not None),
                            default=None)
                if found is not None:
                    self.remember(citation, found)
                    self.remember(inline, found)
                    cursor = found + len(key) + 1
        elif kind in ("Link", "Image"):
            return self.link(inline, cursor, view, limit)
        elif kind in ("Code", "Math", "RawInline"):
            text = content[1]
            found, end = self.find_spread(view, text, cursor, limit)
            if found is not None:
                opening = found
                while opening > cursor and view[opening - 1] in "`$":
                    opening -= 1
                self.remember(inline, opening)
                while end < len(view) and view[end] in "`$":
                    end += 1
                return self.skip_attributes(view, end)
        elif kind == "Note":
            return self.note(inline, cursor, view, limit)
        return cursor

    def word(self, view, word, cursor, limit):
        """(start, end) of `word` at or after `cursor`."""
        end = min(limit, cursor + WINDOW, len(view))
        starts = {word[0], "\\", "'", "-", ".", "&"}
        for at in range(cursor, end):
            if view[at] in starts:
                after = match_at(view, at, word)
                if after is not None:
                    return at, after
        return None

    def link(self, link, cursor, view, limit):
        attributes, children, (target, _) = link["c"]
        bang = "!" if link["t"] == "Image" else ""
        automatic = [child.get("c") for child in children] in ([target], [target.removeprefix("mailto:")])
        if automatic:
            found = self.find(view, children[0]["c"], cursor, limit)
            if found is not None:
                self.remember(children[0], found)
                self.remember(link, found - 1 if view[found - 1:found] == "<" else found)
                return found + len(children[0]["c"]) + (1 if view[found - 1:found] == "<" else 0)
            return cursor
        after = self.inlines(children, cursor, view, limit)
        first = self.first_offset(children) if children else None
        if first is None:
            opening = self.find(view, f"{bang}[", cursor, limit)
        else:
            opening = view.rfind("[", cursor, first)
            opening = opening - 1 if bang and opening > 0 and view[opening - 1] == "!" else opening
            opening = None if opening < 0 else opening
        if opening is None:
            return after
        self.remember(link, opening)
        close = view.find("]", max(after, opening), min(limit, max(after, opening) + WINDOW))
        if close < 0:
            return after
        following = view[close + 1:close + 2]
        if following == "(":
            depth, position = 0, close + 1
            while position < len(view):
                depth += {"(": 1, ")": -1}.get(view[position], 0)
                if depth == 0:
                    break
                position += 1
            return self.skip_attributes(view, position + 1)
        if following == "[":
            end = view.find("]", close + 1)
            return end + 1 if end > 0 else close + 1
        return self.skip_attributes(view, close + 1)

    def note(self, note, cursor, view, limit):
        """A note's call in the text, and its content at its definition (or inside ^[...])."""
        reference = self.find(view, "[^", cursor, limit)
        inline = self.find(view, "^[", cursor, limit)
        if inline is not None and (reference is None or inline < reference):
            self.remember(note, inline)
            end = self.blocks(note["c"], inline + 2, view, limit)
            close = view.find("]", end)
            return close + 1 if close >= 0 else end
        if reference is None:
            return cursor
        close = view.find("]", reference)
        label = view[reference + 2:close]
        self.remember(note, reference)
        if label in self.notes:
            _, start, end = self.notes[label]
            self.blocks(note["c"], start, self.text, end + 1)
        return close + 1
