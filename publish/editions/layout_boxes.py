"""Reading WeasyPrint's layout back: its boxes, page by page, for the rounds that settle the print
layout (long notes, page ends, floats, continued tables)."""

OUTSIDE_THE_TEXT = ("FootnoteAreaBox", "MarginBox")  # a page's notes, running heads and folios


def walked(box, parents=()):
    """(box, its ancestors) of a box and every box inside it, in order."""
    yield box, parents
    for child in getattr(box, "children", None) or []:
        yield from walked(child, (*parents, box))


def footnote_area(page_box):
    return next((box for box in page_box.children if type(box).__name__ == "FootnoteAreaBox"), None)


def in_text(parents):
    """Whether a box with these ancestors is part of the page's text (not its notes, heads or folios)."""
    return not any(type(parent).__name__ in OUTSIDE_THE_TEXT for parent in parents)
