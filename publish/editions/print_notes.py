"""Notes at the foot of the printed page: `notes_to_footnotes` puts each note's text at its call as
`<span class="footnote">`, which print.css floats to the foot of the page (`float: footnote`), what a note
holds (paragraphs, lists, quotations, code, tables, figures) made what a footnote can set; a long note cut
where the settling asks (publish.editions.long_notes) stands as two spans, the part under its call and
its continuation.

The settling lays the document out several times, each with other notes cut (the long report's six
layouts): pandoc writes the text once (PrintText), and for each layout only the notes it cuts, whose two
parts take their note's place in the text (put_cut_notes), where pandoc ran over the whole text each time
(0.35 s a layout for the long report)."""

from functools import cached_property

from publish.document import span, walk
from publish.editions.fragments import parsed
from publish.editions.long_notes import split_inlines, words
from publish.pandoc import html_fragment


def note_inlines(blocks):
    """A note's blocks as one run of inlines, which the print edition floats to the foot of the page:
    paragraphs separated by line breaks, and every other block as a span the print stylesheet sets
    as a block (a list's items with their marks, a quotation, code, a table's rows as lines)."""
    inlines = []
    for block in blocks:
        part = block_as_inlines(block)
        if not part:
            continue
        if inlines and block["t"] in ("Para", "Plain"):
            inlines.append({"t": "LineBreak"})
        inlines.extend(part)
    return inlines


def note_block(kind, inlines):
    return span([f"note-{kind}"], inlines)


def block_as_inlines(block):
    kind, content = block["t"], block.get("c")
    if kind in ("Para", "Plain"):
        return content
    if kind in ("BulletList", "OrderedList"):
        items = content if kind == "BulletList" else content[1]
        start = content[0][0] if kind == "OrderedList" else 1
        marks = ["•"] * len(items) if kind == "BulletList" else [f"{start + number}." for number in range(len(items))]
        return [note_block("list", [note_block("item", [{"t": "Str", "c": mark}, {"t": "Space"}, *note_inlines(item)])
                                    for mark, item in zip(marks, items)])]
    if kind == "BlockQuote":
        return [note_block("quote", note_inlines(content))]
    if kind == "CodeBlock":
        return [{"t": "Code", "c": [["", ["note-code"], []], content[1]]}]
    if kind == "Div":
        return note_inlines(content[1])
    if kind == "Header":
        return [note_block("heading", [{"t": "Strong", "c": content[2]}])]
    if kind == "LineBlock":
        return [note_block("lines", [inline for line in content for inline in [*line, {"t": "LineBreak"}]])]
    if kind == "DefinitionList":
        return [note_block("item", [{"t": "Strong", "c": term}, {"t": "Space"}, *[inline for definition in definitions
                                                                              for inline in note_inlines(definition)]])
                for term, definitions in content]
    if kind == "Table":
        return [note_block("table", table_lines(content))]
    if kind == "Figure":  # the picture in the line, its caption under it
        return [note_block("figure", [*note_inlines(content[2]), {"t": "LineBreak"}, *note_inlines(content[1][1])])]
    return []  # a rule: nothing to print


def table_lines(content):
    """A table's rows as lines of text, cells separated by a vertical bar: what a footnote can hold."""
    _, _, _, head, bodies, foot = content
    rows = head[1] + [row for body in bodies for row in body[2] + body[3]] + foot[1]
    lines = []
    for row in rows:
        cells = [note_inlines(cell[4]) for cell in row[1]]
        line = []
        for cell in cells:
            line += ([{"t": "Space"}, {"t": "Str", "c": "|"}, {"t": "Space"}] if line else []) + cell
        lines += ([{"t": "LineBreak"}] if lines else []) + line
    return lines


def note_spans(number, inlines, kept):
    """A note's span at its call; cut after `kept` words (when given), its two: the part kept under the call
    and its continuation."""
    if not kept:
        return [span(["footnote"], inlines, {"note": str(number)})]
    head, tail = split_inlines(inlines, kept)
    return [span(["footnote"], head, {"note": str(number)}),
            span(["footnote", "footnote-continued"], tail, {"note": f"{number}-continued"})]


def notes_to_footnotes(document, cuts=None, cut_parts=None):
    """Replace every Note with its text, inline at the call, marked for `float: footnote`.

    `cuts` ({note number: words kept}) splits long notes, see long_notes.py; the spans of each note cut are
    added to `cut_parts` when it is given.
    """
    cuts = cuts or {}
    number = 0

    def inline_note(element):
        nonlocal number
        if element["t"] != "Note":
            return None
        number += 1
        kept = cuts.get(str(number), 0)
        spans = note_spans(number, note_inlines(element["c"]), kept)
        if kept and cut_parts is not None:
            cut_parts.append(spans)
        return spans

    return {**document, "blocks": walk(document["blocks"], inline_note)}


def note_word_counts(document):
    """{note number: words in the note}, numbered as notes_to_footnotes numbers them."""
    counts = []

    def count(element):
        if element["t"] == "Note":
            counts.append(words(note_inlines(element["c"])))
        return None

    walk(document["blocks"], count)
    return {str(number): total for number, total in enumerate(counts, start=1)}


class PrintText:
    """The print body's HTML (pandoc's) for the layouts of one document: the text with every note whole,
    written once, and for each layout the notes it cuts."""

    def __init__(self, document, context=None):
        self.document, self.context = document, context

    @cached_property
    def whole(self):
        return html_fragment(notes_to_footnotes(self.document), self.context)

    def fragment(self, cuts=None):
        """(the text's HTML with every note whole, {note number: the elements of its two parts} of each note
        `cuts` cuts): pandoc writes the notes cut as a paragraph each, their parts as at their calls."""
        if not cuts:
            return self.whole, {}
        parts = []
        notes_to_footnotes(self.document, cuts, parts)
        written = html_fragment({**self.document, "blocks": [{"t": "Para", "c": spans} for spans in parts]},
                                self.context)
        return self.whole, {list(paragraph)[0].get("data-note"): list(paragraph) for paragraph in parsed(written)}


def put_cut_notes(container, parts):
    """Each note of `parts` (PrintText.fragment's) in the text's tree replaced by its two parts, the text
    that followed it kept after them."""
    notes = {element.get("data-note"): element for element in container.iter("span")
             if element.get("data-note") in parts}
    for number, elements in parts.items():
        note = notes[number]
        parent, after = note.getparent(), note.tail
        place = parent.index(note)
        parent.remove(note)
        for offset, element in enumerate(elements):
            parent.insert(place + offset, element)
        elements[-1].tail = after
