"""Where each element read from a run of raw HTML stands in the author's file.

pandoc's HTML reader reports no positions, and a run may span many lines (a list of notes, a pasted
table), so each element it made is found in the run's own text, in reading order, moving forward:
an element made from a tag (a link, an image, a table, a list) at its `<a`, `<img`, `<table`, `<ol`;
a word where it is written outside the tags; any other element where the first thing it holds was
found. What an element is comes from the parse; the text only says where it is.
"""

import re

from publish.document import iterate
from publish.source.markdown_layout import match_at

TAG = re.compile(r"<[^>]*>")
OPENING_TAG = {"Link": "a", "Image": "img", "Table": "table", "BulletList": "ul", "OrderedList": "ol",
               "BlockQuote": "blockquote", "DefinitionList": "dl", "HorizontalRule": "hr", "CodeBlock": "pre",
               "Header": "h[1-6]"}


def without_tags(text):
    """`text` with each tag blanked out (offsets kept), so a word is never found inside an attribute."""
    return TAG.sub(lambda match: " " * len(match.group()), text)


def word_at_or_after(view, word, cursor):
    """(start, end) of `word` at or after `cursor` in `view`, or None."""
    for at in range(cursor, len(view)):
        if view[at] in (word[0], "&", "\\"):
            after = match_at(view, at, word)
            if after is not None:
                return at, after
    return None


def places_in_run(blocks, text, start, end):
    """[(element, offset)] of every element in `blocks` (what pandoc read from the HTML written in
    text[start:end]); an element that cannot be found is placed where the run starts."""
    written, words = text[start:end], without_tags(text[start:end])
    found, cursor = {}, 0
    for element in iterate(blocks):
        kind = element["t"]
        if kind in OPENING_TAG:
            match = re.compile(rf"<{OPENING_TAG[kind]}\b", re.IGNORECASE).search(written, cursor)
            if match:
                found[id(element)], cursor = match.start(), match.start() + 1
        elif kind == "Str" and element["c"]:
            span = word_at_or_after(words, element["c"], cursor)
            if span:
                found[id(element)], cursor = span
    placed = []
    for element in iterate(blocks):
        offset = found.get(id(element))
        if offset is None:  # a paragraph, an emphasis, a span: where the first thing it holds stands
            offset = min((found[id(inner)] for inner in iterate(element["c"] if "c" in element else [])
                          if id(inner) in found), default=0)
        placed.append((element, start + offset))
    return placed
