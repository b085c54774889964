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

import re
from bisect import bisect_right
from dataclasses import dataclass

from publish.source.markdown_layout import FENCE, blank, definitions, front_matter_end, line_spans, match_at
from publish.source.source_tables import TablePlaces

# A div's opening fence: colons, then its class or attributes (a closing fence is colons alone).
DIV_OPENING = re.compile(r"^ {0,3}:{3,}[ \t]*[^\s:]", re.MULTILINE)
WINDOW = 4000  # how far ahead an element may stand from the one before it
# Containers whose inlines are the last item of 'c', or the second.
INLINES_LAST = {"Emph", "Underline", "Strong", "Strikeout", "Superscript", "Subscript", "SmallCaps"}
INLINES_SECOND = {"Quoted", "Span"}
# The method that places each kind of block; the blocks that start at their own mark (a heading's '#', a
# fence) rather than at their first word.
BLOCK_PLACERS = {"Para": "paragraph", "Plain": "paragraph", "Header": "header", "CodeBlock": "code_block",
                 "RawBlock": "raw_block", "LineBlock": "line_block", "BlockQuote": "quotation", "Div": "fenced_div",
                 "Figure": "figure", "BulletList": "bullet_list", "OrderedList": "ordered_list",
                 "DefinitionList": "definition_list", "Table": "table_block"}
STARTS_AT_ITS_MARK = ("Header", "Div", "CodeBlock", "RawBlock", "Table")
INLINE_PLACERS = {"Str": "string", "Cite": "citations", "Link": "link", "Image": "link", "Code": "verbatim",
                  "Math": "verbatim", "RawInline": "verbatim", "Note": "note"}


@dataclass(frozen=True)
class Place:
    line: int
    column: int


class SourceMap(TablePlaces):
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
        its spaces (pandoc reads inline code written over two lines with a space), whichever comes
        first: the same code written on one line further on is not this one; (None, None)."""
        found = cls.find(view, text, start, limit)
        if not text.split() or " " not in text:
            return (None, None) if found is None else (found, found + len(text))
        pattern = re.compile(r"\s+".join(re.escape(word) for word in text.split()))
        match = pattern.search(view, start, min(limit, start + WINDOW) if found is None else found)
        if match:
            return match.start(), match.end()
        return (None, None) if found is None else (found, found + len(text))

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
        """Place a block and what it holds from `cursor` on; return where the search goes on."""
        placer = BLOCK_PLACERS.get(block["t"])
        start, cursor = (cursor, cursor) if placer is None else getattr(self, placer)(block.get("c"), cursor, view, limit)
        first = self.first_offset_of_block(block)
        self.remember(block, start if block["t"] in STARTS_AT_ITS_MARK or first is None else first)
        return cursor

    def paragraph(self, content, cursor, view, limit):
        return cursor, self.inlines(content, cursor, view, limit)

    def header(self, content, cursor, view, limit):
        start, cursor = cursor, self.inlines(content[2], cursor, view, limit)
        first = self.first_offset(content[2])
        start = self.line_start(first) if first is not None else start
        cursor = self.line_end(max(cursor, start))
        if re.match(r"\n {0,3}(=+|-+)[ \t]*(\n|$)", view[cursor:cursor + 200]):  # a setext underline
            cursor = self.line_end(cursor + 1)
        return start, cursor

    def code_block(self, content, cursor, view, limit):
        """From its opening fence (if fenced) to its last line of code."""
        lines = [line for line in content[1].split("\n") if line.strip()]
        found = self.find(view, lines[0].strip(), cursor, limit) if lines else None
        if found is None:
            return cursor, cursor
        start = self.line_start(found)
        fence_line = self.line_start(max(start - 1, 0))
        if start and FENCE.match(view[fence_line:start]):
            start = fence_line
        return start, self.line_end(self.code_end(view, content[1], lines[-1].strip(), found, limit))

    def code_end(self, view, code, last_line, found, limit):
        """Where a code block's last line stands: the last place it does within the code's own length,
        each line shifted as its first is (an indented block's four spaces, a list's, a quotation's);
        a long block's last line is beyond any window, and a '}' may stand on many of its lines."""
        first = code.split("\n")[0]
        shift = max(found - self.line_start(found) - (len(first) - len(first.lstrip())), 0)
        bound = min(limit, len(view), self.line_start(found) + len(code) + shift * (code.count("\n") + 1) + 1)
        last = view.rfind(last_line, found, bound)
        return found if last < 0 else last

    def raw_block(self, content, cursor, view, limit):
        """At its content, which is never on its fence: a lone '}' is not the one of '```{=latex}'."""
        raw = content[1].strip()
        found = self.find(view, raw, cursor, limit)
        while found is not None and FENCE.match(view[self.line_start(found):found]):
            found = self.find(view, raw, self.line_end(found) + 1, limit)
        return (cursor, cursor) if found is None else (found, found + len(raw))

    def line_block(self, content, cursor, view, limit):
        for line in content:
            cursor = self.inlines(line, cursor, view, limit)
        return cursor, cursor

    def quotation(self, content, cursor, view, limit):
        return cursor, self.blocks(content, cursor, view, limit)

    def fenced_div(self, content, cursor, view, limit):
        """From its opening fence; what it holds from the next line (a div inside it has a fence of its own)."""
        start = self.div_start(view, cursor, limit)
        inside = self.line_end(start) if DIV_OPENING.match(view, start) else cursor
        return start, self.blocks(content[-1], inside, view, limit)

    def figure(self, content, cursor, view, limit):
        start, cursor = cursor, self.blocks(content[-1], cursor, view, limit)
        self.blocks(content[1][1], start, view, limit)  # its caption, usually inside the image's brackets
        return start, cursor

    def bullet_list(self, content, cursor, view, limit):
        for item in content:
            cursor = self.blocks(item, cursor, view, limit)
        return cursor, cursor

    def ordered_list(self, content, cursor, view, limit):
        return self.bullet_list(content[1], cursor, view, limit)

    def definition_list(self, content, cursor, view, limit):
        for term, meanings in content:
            cursor = self.inlines(term, cursor, view, limit)
            for definition in meanings:
                cursor = self.blocks(definition, cursor, view, limit)
        return cursor, cursor

    def div_start(self, view, cursor, limit):
        """A fenced div's opening ':::' line (never the closing fence of the div before), or a '<div' tag,
        whichever comes first."""
        fence = DIV_OPENING.search(view, cursor, min(limit, cursor + WINDOW))
        tag = self.find(view, "<div", cursor, limit)
        candidates = [offset for offset in (fence.start() if fence else None, tag) if offset is not None]
        return min(candidates) if candidates else cursor

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
        """Place an inline (and what it holds) from `cursor` on; return where the search goes on."""
        kind = inline["t"]
        if kind in INLINES_LAST or kind in INLINES_SECOND:
            return self.container(inline, cursor, view, limit)
        placer = INLINE_PLACERS.get(kind)
        return cursor if placer is None else getattr(self, placer)(inline, cursor, view, limit)

    def string(self, inline, cursor, view, limit):
        found = self.word(view, inline["c"], cursor, limit)
        if found is None:
            return cursor
        self.remember(inline, found[0])
        return found[1]

    def container(self, inline, cursor, view, limit):
        """Emphasis, a span, a quotation: at its first word, or its opening '[' or '<span' for a span."""
        kind, content = inline["t"], inline["c"]
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

    def citations(self, inline, cursor, view, limit):
        """Each citation at its '@key'; what its prefix and suffix hold too, the suffix first of all: pandoc
        reads `[@a, @b]` as one citation of 'a' whose suffix holds a citation of 'b'."""
        for citation in inline["c"][0]:
            key = citation["citationId"]
            found = min((offset for offset in (self.find(view, f"@{key}", cursor, limit),
                                               self.find(view, "@{" + key + "}", cursor, limit)) if offset is not None),
                        default=None)
            if found is None:
                continue
            self.inlines(citation["citationPrefix"], cursor, view, found)  # between the last key and this one
            self.remember(citation, found)
            self.remember(inline, found)
            cursor = self.inlines(citation["citationSuffix"], found + len(key) + 1, view, limit)
        return cursor

    def verbatim(self, inline, cursor, view, limit):
        """Code, math or raw text: from its opening backticks or dollars to their closing ones."""
        found, end = self.find_spread(view, inline["c"][1], cursor, limit)
        if found is None:
            return cursor
        opening = found
        while opening > cursor and view[opening - 1] in "`$":
            opening -= 1
        self.remember(inline, opening)
        while end < len(view) and view[end] in "`$":
            end += 1
        return self.skip_attributes(view, end)

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
