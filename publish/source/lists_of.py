"""LaTeX's `\\listoffigures`, `\\listoftables` and pandoc-crossref's `\\listoflistings`, where the
author wrote them: in the parse, a mark (publish.source.raw_content); in the transforms, once the
captions carry their numbers (publish.source.crossrefs), an unnumbered heading and a list of every
numbered figure, table or listing, each its caption linked to it, in every edition.
"""

from publish.document import iterate, walk
from publish.source.crossrefs import numbered_kind

LISTS = {"listoffigures": "fig", "listoftables": "tbl", "listoflistings": "lst"}
TITLES = {"fig": "List of Figures", "tbl": "List of Tables", "lst": "List of Listings"}
MARKS = {f"list-of-{kind}": kind for kind in TITLES}  # the class of each mark, and the kind it lists


def list_mark(raw):
    """The mark a raw `\\listoffigures` (or of tables, of listings) stands as, or None."""
    kind = LISTS.get(raw.strip().lstrip("\\"))
    return {"t": "Div", "c": [["", [f"list-of-{kind}"], []], []]} if kind else None


def marked_kind(block):
    """The kind a mark lists, or None when the block is no mark."""
    if block["t"] != "Div" or block["c"][1] or len(block["c"][0][1]) != 1:
        return None
    return MARKS.get(block["c"][0][1][0])


def caption_entry(element):
    """A numbered caption's words, without its notes, linked to its element when it has an id."""
    blocks = element["c"][1][1]
    words = walk([inline for block in blocks for inline in block["c"]], lambda inline: [] if inline["t"] == "Note"
                 else None)
    if element["c"][0][0]:
        words = [{"t": "Link", "c": [["", [], []], words, [f"#{element['c'][0][0]}", ""]]}]
    return [{"t": "Plain", "c": words}]


def is_numbered_caption(element):
    """A figure or table whose caption starts with its label ('Figure 2:'), not a subfigure's letter."""
    blocks = element["c"][1][1]
    first = blocks[0]["c"][0] if blocks and blocks[0]["c"] else None
    return bool(first) and first["t"] == "Span" and "caption-label" in first["c"][0][1] and \
        not first["c"][1][0]["c"][0]["c"].startswith("(")


def lists_of(document, labels):
    """The document with each mark made its heading and list (an empty list says nothing: left out)."""
    numbered = [element for element in iterate(document["blocks"])
                if element["t"] in ("Figure", "Table") and is_numbered_caption(element)]
    level = 1

    def made(element):
        nonlocal level
        if element["t"] == "Header":
            level = element["c"][0]
            return None
        kind = marked_kind(element)
        if kind is None:
            return None
        entries = [caption_entry(target) for target in numbered if numbered_kind(target) == kind]
        if not entries:
            return []
        title = [{"t": "Str", "c": labels.word(TITLES[kind])}]
        heading = {"t": "Header", "c": [min(level + 1, 6), ["", ["unnumbered", "unlisted"], []], title]}
        return [heading, {"t": "BulletList", "c": entries}]

    return {**document, "blocks": walk(document["blocks"], made)}
