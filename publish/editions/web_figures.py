"""Charts that stay legible on a phone. A figure is scaled down to the width of the screen, which suits a
photograph, but a chart's labels shrink with it: a 480-px SVG chart set in 13 px type reads at 9 px at
375 px, a chart drawn from a PDF at 300 dpi smaller still. A chart (an SVG, or a picture drawn for print,
300 dpi or more) keeps at least three quarters of its own size on a narrow screen, and its figure
scrolls sideways in a box of its own, focusable and named after its caption, as a table's does.
"""

import lxml.html

from publish.pictures.facts import ATTRIBUTE, from_element

LEGIBLE = 0.75  # the least share of its own size a chart may shrink to
PRINT_DPI = 150  # a raster picture made for print at this resolution or more is taken for a chart
CSS_DPI = 96


def chart_width(picture):
    """The width in CSS px a chart asks for (an SVG's own width, a raster picture's at its own resolution
    when made for print), from what the parse recorded of it; None for a picture that is no chart."""
    if picture.media_type == "image/svg+xml":
        return picture.width or None
    if picture.media_type == "image/png" and picture.dpi >= PRINT_DPI:
        return picture.width * CSS_DPI / picture.dpi
    return None


def make_charts_legible(container):
    """Each chart of a figure given the least width it may take, in a box that scrolls on a narrow screen;
    the parse's record of every picture dropped from the page once read."""
    for picture in list(container.iter("img")):
        facts = from_element(picture.get("src") or "", [(ATTRIBUTE, picture.attrib.pop(ATTRIBUTE, ""))])
        figure = picture.getparent()
        width = chart_width(facts) if facts and figure is not None and figure.tag == "figure" else None
        if not width:
            continue
        caption = figure.find("figcaption")
        name = " ".join(caption.text_content().split()) if caption is not None else picture.get("alt", "")
        box = lxml.html.Element("div", {"class": "figure-scroll", "role": "region", "tabindex": "0",
                                        "aria-label": name})
        picture.addprevious(box)
        box.tail, picture.tail = picture.tail, None
        box.append(picture)
        picture.set("style", f"--least-width: {round(width * LEGIBLE)}px")
