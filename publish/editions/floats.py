"""Figures and tables that float: one that does not fit at the foot of a page goes to the next page, as
in any browser, and WeasyPrint (which has no page floats) leaves the foot of the page empty, a void a
typesetter sends back. Here the text that follows the figure moves up into the void instead: after a
layout, a page more than a quarter empty whose next page opens with a figure or table has that figure
moved after as many of the next paragraphs as fill the void, in the print body, and the document is laid
out again (publish.editions.settling). The text keeps
its order; only the figure or table floats, as LaTeX floats them, and never past a heading.
"""

import math

from publish.editions.layout_boxes import footnote_area, in_text, walked

FLOAT = "data-float"
FLOATING = ("figure", "table")
MOST_EMPTY = 0.25  # the share of a page's text area a figure's move may leave empty at its foot
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def number_floats(container, moves=()):
    """Each figure and table (not one inside another) numbered; each (number, steps) of `moves` moved
    after that many of the blocks that follow it."""
    floats = [element for element in container.iter(*FLOATING)
              if not any(ancestor.tag in FLOATING for ancestor in element.iterancestors())]
    for number, element in enumerate(floats):
        element.set(FLOAT, str(number))
    for number, steps in moves:
        move_later(floats[int(number)], steps)


def move_later(element, steps):
    """The element after the next `steps` blocks of its parent, stopping before a heading or another float."""
    for _ in range(steps):
        following = element.getnext()
        if following is None or following.tag in HEADINGS or following.get(FLOAT) is not None:
            return
        following.addnext(element)


def text_area(page_box):
    """(top, bottom) of the page's text area: its content box, less the notes at its foot."""
    top = page_box.content_box_y()
    area = footnote_area(page_box)
    return top, area.position_y if area is not None and area.children else top + page_box.height


def void(page_box):
    """The height left empty at the foot of the page's text area, under its last line or picture."""
    top, bottom = text_area(page_box)
    ends = [box.position_y + box.margin_height() for box, parents in walked(page_box) if in_text(parents)
            and type(box).__name__ in ("LineBox", "BlockReplacedBox", "InlineReplacedBox", "TableRowBox")]
    return bottom - max(ends, default=top)


def block_height(page_box):
    """The mean height a paragraph takes on the page (its lines), to tell how many fill a void."""
    heights = {}
    for box, parents in walked(page_box):
        if type(box).__name__ == "LineBox" and in_text(parents):
            block = next((id(parent) for parent in reversed(parents) if type(parent).__name__ == "BlockBox"), 0)
            heights[block] = heights.get(block, 0) + box.margin_height()
    return sum(heights.values()) / len(heights) if heights else 0


def opening_float(page_box):
    """The number of the figure or table the page's text opens with, else None."""
    for box, parents in walked(page_box):
        if not in_text(parents):
            continue
        element = getattr(box, "element", None)
        if element is not None and element.get(FLOAT) is not None:
            return element.get(FLOAT)
        if type(box).__name__ == "LineBox":
            return None
    return None


def floats_leaving_voids(rendered):
    """{number: blocks to move it past} of each figure or table that opens a page after one it left more
    than a quarter empty: as many paragraphs as fill the void, by the previous page's mean paragraph."""
    found = {}
    for page, following in zip(rendered.pages, rendered.pages[1:]):
        number = opening_float(following._page_box)
        top, bottom = text_area(page._page_box)
        empty = void(page._page_box)
        if number is not None and bottom > top and empty / (bottom - top) > MOST_EMPTY:
            found[number] = max(1, math.ceil(empty / (block_height(page._page_box) or empty)))
    return found
