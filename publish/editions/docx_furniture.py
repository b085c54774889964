"""The brief's furniture in the DOCX edition: the summary, boxes, quotations and pull quotes
given the named paragraph styles of the reference document (publish.editions.docx_reference),
through pandoc's custom styles. Nothing is formatted directly.
"""

from publish.document import walk

BOX_STYLE_SUFFIX = " Title"
# An empty paragraph that asks for a page break; publish.editions.docx_package moves the request to
# the paragraph that follows it, so that no empty line tops the new page.
PAGE_BREAK = {"t": "RawBlock", "c": ["openxml", "<w:p><w:pPr><w:pageBreakBefore/></w:pPr></w:p>"]}


def box_style(kind):
    """The paragraph style of a box kind: 'key-points' -> 'Key Points'."""
    return " ".join(word.capitalize() for word in kind.split("-"))


def styled(style, blocks):
    """Blocks whose paragraphs take `style`, list items included (pandoc styles a list's paragraphs
    only when each item's content is itself in a styled div, and as paragraphs, not a tight list's
    plain lines, which it always sets as 'Compact')."""

    def item(blocks):
        return [custom(style, [{"t": "Para", "c": block["c"]} if block["t"] == "Plain" else block for block in blocks])]

    def into_lists(element):
        if element["t"] == "BulletList":
            return {**element, "c": [item(blocks) for blocks in element["c"]]}
        if element["t"] == "OrderedList":
            return {**element, "c": [element["c"][0], [item(blocks) for blocks in element["c"][1]]]}
        return None

    return [custom(style, walk(blocks, into_lists))]


def custom(style, blocks):
    return {"t": "Div", "c": [["", [], [["custom-style", style]]], blocks]}


def heading_as(style, header):
    """A heading as a paragraph in a named style (a box's title is not a section of the outline)."""
    return custom(style, [{"t": "Para", "c": header["c"][2]}])


def classes(element):
    return element["c"][0][1] if element["t"] == "Div" else []


def furniture(document):
    """The document with its summary, boxes, quotation sources and pull quotes in their named styles,
    and its page breaks (a LaTeX \\newpage in the source) as Word's."""

    def restyle(element):
        names = classes(element)
        if "page-break" in names:
            return PAGE_BREAK
        if "summary" in names:
            heading, *rest = element["c"][1]
            return [heading_as("Abstract Title", heading), *styled("Abstract", rest)]
        if "box" in names:
            kind = next((name for name in names if name != "box"), "box")
            blocks = element["c"][1]
            title = [heading_as(box_style(kind) + BOX_STYLE_SUFFIX, blocks[0])] if blocks and blocks[0]["t"] == "Header" else []
            return [*title, *styled(box_style(kind), blocks[len(title):])]
        if "attribution" in names:
            return styled("Quotation Source", element["c"][1])
        if "pull-quote" in names:
            return styled("Pull Quote", element["c"][1])
        return None

    return {**document, "blocks": walk(document["blocks"], restyle)}
