"""Figures and tables that float: one that does not fit at the foot of a page goes to the next page, as
in any browser, and WeasyPrint (which has no page floats) leaves the foot of the page empty, a void a
typesetter sends back. Here the text that follows the figure moves up into the void instead: after a
layout, a page more than a quarter empty whose next page opens with a figure or table has that figure
moved after as many of the next paragraphs as fill the void, in the print body, and the document is laid
out again (publish.editions.settling). The text keeps
its order; only the figure or table floats, as LaTeX floats them, and never past a heading. A figure that
cannot move (a heading, another float or the end follows it) is drawn smaller to fit the void instead, to
no less than half its height; a larger one leaves the void, as a typesetter would rather than shrink it more.
"""

import math

from publish.editions.layout_boxes import footnote_area, in_text, walked

FLOAT = "data-float"
FIXED = "data-float-fixed"  # on a float that cannot move: nothing it may move past follows it
FITTED = "data-float-fitted"  # on a figure drawn smaller, its picture's most height in --float-picture-height
SMALLEST_FIT = 0.5  # the least share of its height a picture is drawn at to fit a void
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
    for element in floats:
        following = element.getnext()
        if following is None or following.tag in HEADINGS or following.get(FLOAT) is not None:
            element.set(FIXED, "")


def fit_floats(container, fits=()):
    """Each (number, height) of `fits`: that figure's picture drawn at most `height` CSS px high."""
    floats = {element.get(FLOAT): element for element in container.iter(*FLOATING) if element.get(FLOAT)}
    for number, height in fits:
        element = floats.get(number)
        if element is not None:
            element.set(FITTED, "")
            element.set("style", f"--float-picture-height: {height}px")


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


def float_box(page_box, number):
    return next(box for box, _ in walked(page_box) if getattr(box, "element", None) is not None
                and box.element.get(FLOAT) == number and box.element.tag in FLOATING)


def fitted_height(page_box, number, room):
    """The height the figure's picture may take for the figure to fit in `room`, or None: no picture, or
    one that would have to shrink below SMALLEST_FIT."""
    figure = float_box(page_box, number)
    pictures = [box for box, _ in walked(figure) if type(box).__name__ in ("BlockReplacedBox", "InlineReplacedBox")]
    if len(pictures) != 1:
        return None
    picture = pictures[0].margin_height()
    height = math.floor(picture - (figure.margin_height() - room)) - 1
    return height if height >= SMALLEST_FIT * picture else None


def floats_leaving_voids(rendered):
    """({number: blocks to move it past}, {number: its picture's fitted height}) of each figure or table that
    opens a page after one it left more than a quarter empty: moved past as many paragraphs as fill the
    void, by the previous page's mean paragraph; or, if it cannot move, its picture drawn to fit."""
    moves, fits = {}, {}
    for page, following in zip(rendered.pages, rendered.pages[1:]):
        number = opening_float(following._page_box)
        top, bottom = text_area(page._page_box)
        empty = void(page._page_box)
        if number is None or bottom <= top or empty / (bottom - top) <= MOST_EMPTY:
            continue
        if FIXED not in float_box(following._page_box, number).element.attrib:
            moves[number] = max(1, math.ceil(empty / (block_height(page._page_box) or empty)))
        elif (height := fitted_height(following._page_box, number, empty)) is not None:
            fits[number] = height
    return moves, fits
