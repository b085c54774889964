"""Pull quotes placed away from the sentence they repeat.

An author writes a pull quote (`::: pull-quote`) where its sentence stands, usually just above it; set
there, the reader reads the same words twice in a row. A typesetter moves it a block away: after the
paragraph, box or quotation that follows the sentence's paragraph, or, where there is none (a heading or
the end comes first), before the one that precedes it. Decided once here, for every edition; the author's words keep
their order, only the pull quote, a repetition, moves; a pull quote that repeats no sentence near it
stays where it was written.
"""

import re

from publish.document import stringify

PULL_QUOTE = "pull-quote"


def plain(text):
    """Text reduced to its words, to find a quotation in a paragraph whatever its quotes and spaces."""
    return " ".join(re.findall(r"\w+", text.lower()))


def is_pull_quote(block):
    return block["t"] == "Div" and PULL_QUOTE in block["c"][0][1]


def source_paragraph(blocks, index):
    """The index of the paragraph next to the pull quote at `index` that holds its words, else None."""
    words = plain(stringify(blocks[index]["c"][1]))
    for neighbour in (index + 1, index - 1):
        if 0 <= neighbour < len(blocks) and blocks[neighbour]["t"] == "Para" and words \
                and words in plain(stringify(blocks[neighbour]["c"])):
            return neighbour
    return None


def passable(block):
    """A block a pull quote may move past: not a heading or a rule (it stays in its section), nor another
    pull quote."""
    return block["t"] not in ("Header", "HorizontalRule") and not is_pull_quote(block)


def new_place(blocks, index, source):
    """Where the pull quote goes: after the block after its sentence's paragraph, else before the block
    before it, so that one stands between; None where neither is there."""
    after = max(source, index) + 1  # the block after both the sentence's paragraph and the pull quote
    if after < len(blocks) and passable(blocks[after]):
        return after + 1
    before = min(source, index) - 1
    if before >= 0 and passable(blocks[before]):
        return before
    return None


def placed_pull_quotes(blocks):
    """The blocks with each pull quote that stands next to its sentence moved a paragraph away."""
    blocks = list(blocks)
    for index in [index for index, block in enumerate(blocks) if is_pull_quote(block)]:
        source = source_paragraph(blocks, index)
        place = new_place(blocks, index, source) if source is not None else None
        if place is not None:
            quote = blocks.pop(index)
            blocks.insert(place - 1 if place > index else place, quote)
    return blocks


def pull_quotes(document):
    """The document with its pull quotes (top-level ones, where an author writes them) placed."""
    return {**document, "blocks": placed_pull_quotes(document["blocks"])}
