"""Text of both directions in one publication: in a right-to-left one, a bibliography entry or a note
written in Latin script (a citation of an English source in a Persian brief) reads left to right as a
whole (an island), instead of having its words and full stops reordered as if it were Persian (a run
of the other direction inside a line is isolated by publish.bidi).
"""

import unicodedata

ISLANDS = ("csl-entry", "footnote")  # the classes of the blocks that may be in another script


def first_strong_direction(text):
    """'ltr' or 'rtl' from the first character with a strong direction (as HTML's dir="auto" decides), or None."""
    for character in text:
        kind = unicodedata.bidirectional(character)
        if kind == "L":
            return "ltr"
        if kind in ("R", "AL"):
            return "rtl"
    return None


def mark_islands(container, direction):
    """In a right-to-left body, each bibliography entry and note whose text starts in a left-to-right
    script gets dir="ltr" (WeasyPrint has no dir="auto"); a left-to-right body is left as it is."""
    if direction != "rtl":
        return
    for element in container.iter():
        if set((element.get("class") or "").split()) & set(ISLANDS) and first_strong_direction(element.text_content()) == "ltr":
            # a web page's note (an <aside> in the margin) keeps the page's direction, so that it stays in
            # the margin the page's direction puts it in: its paragraphs read left to right
            for island in element.xpath("./p") if element.tag == "aside" else [element]:
                island.set("dir", "ltr")
