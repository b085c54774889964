"""Charts that stay legible on a phone. A figure is scaled down to the width of the screen, which suits a
photograph, but a chart's labels shrink with it: a 480-px SVG chart set in 13 px type reads at 9 px at
375 px, a chart drawn from a PDF at 300 dpi smaller still. A chart (an SVG, or a picture drawn for print,
300 dpi or more) keeps at least three quarters of its own size on a narrow screen, and its figure
scrolls sideways in a box of its own, focusable and named after its caption, as a table's does.
"""

import base64
import io
import re

import lxml.html
from lxml import etree

LEGIBLE = 0.75  # the least share of its own size a chart may shrink to
PRINT_DPI = 150  # a raster picture made for print at this resolution or more is taken for a chart
CSS_DPI = 96
PNG_HEAD = 256 * 1024  # base64 characters: a PNG's chunks before its pixels, an ICC profile included


def svg_width(data):
    """An SVG's own width in CSS px (its width attribute, else its viewBox's), or None."""
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    width = re.fullmatch(r"\s*([\d.]+)\s*(px)?\s*", root.get("width") or "")
    if width:
        return float(width.group(1))
    box = (root.get("viewBox") or "").replace(",", " ").split()
    return float(box[2]) if len(box) == 4 else None


def print_width(data):
    """A raster picture's width at its own resolution in CSS px, when made for print (PRINT_DPI or more)."""
    from PIL import Image

    with Image.open(io.BytesIO(data)) as picture:
        dpi = picture.info.get("dpi", (0, 0))[0]
        return picture.width * CSS_DPI / float(dpi) if dpi and float(dpi) >= PRINT_DPI else None


def chart_width(source):
    """The width in CSS px a chart's data: URL asks for, or None for a picture that is no chart."""
    match = re.match(r"data:image/(svg\+xml|png);base64,", source)
    if not match:
        return None
    encoded = source[match.end():]
    # a PNG's resolution stands before its pixels: its head is enough (a large photograph is not decoded)
    data = base64.b64decode(encoded if match.group(1) == "svg+xml" else encoded[:PNG_HEAD])
    try:
        return svg_width(data) if match.group(1) == "svg+xml" else print_width(data)
    except (etree.XMLSyntaxError, OSError, ValueError):
        return None


def make_charts_legible(container):
    """Each chart of a figure given the least width it may take, in a box that scrolls on a narrow screen."""
    for picture in list(container.iter("img")):
        figure = picture.getparent()
        width = chart_width(picture.get("src") or "") if figure is not None and figure.tag == "figure" else None
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
