"""No word hyphenated across a page turn: a reader who turns the page in the middle of 'Islam-' has to
hold the half word in mind (a typesetter's rule; WeasyPrint has no hyphenate-limit-last).

Each paragraph and list item of the print body is numbered (data-block). After a layout, a page whose
last line of text ends in a hyphen WeasyPrint inserted names the word and its paragraph; that one word
is then kept whole (a span that is not hyphenated), and the document laid out again (publish.editions.
settling): the word moves to the next page whole, and the paragraph keeps its hyphenation everywhere else.
"""

import re

import lxml.html

from publish.editions.layout_boxes import in_text, walked

BLOCK = "data-block"
HYPHEN = "\u2010"  # the hyphen WeasyPrint sets where it hyphenates a word (hyphenate-character)
SKIPPED = {"footnote"}  # a note's text stands inside its paragraph in the HTML, but not in its lines


def number_blocks(container, whole_words=frozenset()):
    """Each paragraph and list item numbered in reading order; each (block, word, occurrence) of
    `whole_words` kept from hyphenation."""
    blocks = list(container.iter("p", "li"))
    for number, block in enumerate(blocks):
        block.set(BLOCK, str(number))
    for number, word, occurrence in whole_words:
        keep_whole(blocks[int(number)], word, occurrence)


def text_places(element):
    """(element, 'text' or 'tail') of each run of the element's own text, notes left out, in order."""
    yield element, "text"
    for child in element:
        if not SKIPPED & set((child.get("class") or "").split()):
            yield from text_places(child)
        yield child, "tail"


def keep_whole(block, word, occurrence):
    """The `occurrence`-th time (from 1) `word` stands in the block's text, wrapped in an unhyphenated span."""
    seen = 0
    for element, side in list(text_places(block)):
        text = getattr(element, side) or ""
        for match in re.finditer(rf"\b{re.escape(word)}\b", text):
            seen += 1
            if seen == occurrence:
                span = lxml.html.Element("span", {"style": "hyphens: manual"})
                span.text, span.tail = word, text[match.end():]
                setattr(element, side, text[:match.start()])
                if side == "text":
                    element.insert(0, span)
                else:
                    element.addnext(span)
                return


def text_lines(page_box):
    """(line box, its ancestors) of each line of the page's text (not of its notes, running heads or folios)."""
    return [(box, parents) for box, parents in walked(page_box) if type(box).__name__ == "LineBox"
            and in_text(parents)]


def line_text(line):
    return " ".join(box.text for box, _ in walked(line) if type(box).__name__ == "TextBox").strip()


def block_of(parents):
    element = next((parent.element for parent in reversed(parents) if getattr(parent, "element", None) is not None
                    and parent.element.get(BLOCK) is not None), None)
    return element.get(BLOCK) if element is not None else None


def block_lines(rendered):
    """{block number: [(page index, line text)]} of every numbered block's lines, in order."""
    lines = {}
    for index, page in enumerate(rendered.pages):
        for line, parents in text_lines(page._page_box):
            if (number := block_of(parents)) is not None:
                lines.setdefault(number, []).append((index, line_text(line)))
    return lines


def broken_word(lines, position):
    """(word, occurrence) of the word hyphenated at the end of line `position` of a block's `lines`."""
    joined = ""
    for index, (_, text) in enumerate(lines[:position + 1]):
        joined += text[:-1] if text.endswith(HYPHEN) else text + " "
    head = re.search(r"(\w+)$", joined)
    tail = re.match(r"\w+", lines[position + 1][1]) if position + 1 < len(lines) else None
    if head is None or tail is None:
        return None
    word = head.group(1) + tail.group(0)
    before = re.sub(r"\w+$", "", joined)
    return word, len(re.findall(rf"\b{re.escape(word)}\b", before)) + 1


def hyphenated_page_ends(rendered):
    """{(block, word, occurrence)} of the words hyphenated across a page turn."""
    found = set()
    for number, lines in block_lines(rendered).items():
        for position, (page, text) in enumerate(lines[:-1]):
            if text.endswith(HYPHEN) and lines[position + 1][0] != page:
                if (broken := broken_word(lines, position)) is not None:
                    found.add((number, *broken))
    return found
