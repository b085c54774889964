"""Each edition's pictures at the size it shows them, asked of the picture cache (publish.pictures.cache).

The parse recorded each picture (publish.pictures.facts); an edition decides only how wide it shows it:

- print (the PDF, and the DOCX, whose page is the PDF's): 300 dpi at the width it is printed at, which is
  its width attribute (`{width=80%}` of the text width, or a length) and at most the text width, the paper's
  width less the inner and outer margins of styles/house.toml's [page] (136 mm on A4). Word keeps such a
  picture as it is (its own compression, when a reviewer saves, goes down to 220 ppi by default); the PDF
  and the DOCX ask for the same size, so the cache encodes it once for both;
- the screen (the web page, and the EPUB, read on screens as narrow as the page's column): twice the CSS
  px it is shown at, its width attribute of the page's text column (web.css's --measure, 576 px), and a
  chart at least at the width it keeps on a narrow screen (publish.editions.web_figures).

A picture is never enlarged; one already small enough passes through byte for byte.
"""

import base64
import math
import re

from publish.document import iterate, walk
from publish.pictures.cache import fit_all, fitted
from publish.pictures.facts import ATTRIBUTE, EXTENSIONS, SCHEME, from_element

PRINT_DPI = 300
SCREEN_DENSITY = 2  # device pixels a CSS px on a high-density screen
CSS_PX_PER_INCH = 96
ROOT_FONT_PX = 16  # 1rem: web.css sets the root's font size to 100%
PAPER_WIDTH_MM = {"a4": 210.0, "letter": 215.9}
PX_PER_UNIT = {"px": 1, "in": 96, "mm": 96 / 25.4, "cm": 96 / 2.54, "pt": 96 / 72, "pc": 16}
LENGTH = re.compile(r"\s*([\d.]+)\s*(%|px|in|mm|cm|pt|pc)?\s*")
TOKEN = re.compile(SCHEME + r"([0-9a-f]{64})-w(\d+)(\.[a-z]+)")


def length_px(value, whole):
    """A width attribute as pandoc keeps it ('80%', '5cm', '3in', '300px', '300') in CSS px, a percentage
    of `whole` px; None when there is none or it is in a unit relative to the font."""
    match = LENGTH.fullmatch(value or "")
    if not match:
        return None
    number, unit = float(match.group(1)), match.group(2) or "px"
    return whole * number / 100 if unit == "%" else number * PX_PER_UNIT[unit]


def text_width_px(house, papersize):
    """The printed text width in CSS px: the paper's width less the inner and outer margins."""
    page = house["page"]
    margins = sum(length_px(page[f"margin-{side}"], 0) for side in ("inner", "outer"))
    return PAPER_WIDTH_MM[papersize] * PX_PER_UNIT["mm"] - margins


def column_px(css):
    """The web page's text column in CSS px, from its style sheet's --measure (in rem)."""
    match = re.search(r"--measure:\s*([\d.]+)rem", css)
    if not match:
        raise ValueError("the web style sheet sets no --measure in rem: the pictures' size depends on it")
    return float(match.group(1)) * ROOT_FONT_PX


def shown_px(pairs, whole):
    """The CSS px a picture is shown at: its width attribute's, at most the whole width."""
    wanted = length_px(dict(pairs).get("width"), whole)
    return min(whole, wanted) if wanted else whole


def print_pixels(pairs, text_px):
    return math.ceil(shown_px(pairs, text_px) / CSS_PX_PER_INCH * PRINT_DPI)


def screen_pixels(pairs, column, least=0):
    return math.ceil(max(shown_px(pairs, column), least) * SCREEN_DENSITY)


def recorded_pictures(blocks):
    """[(picture, its image's attribute pairs)] of each recorded picture the blocks show, in order."""
    found = []
    for element in iterate(blocks):  # read, not rewritten: no copy of the document
        if element["t"] == "Image":
            (_, _, pairs), _, (target, _) = element["c"]
            if (picture := from_element(target, pairs)) is not None:
                found.append((picture, pairs))
    return found


def sized_pictures(document, pixels, finish, purpose, keep_record=False):
    """The document with each recorded picture's address replaced by `finish(picture, width)`, `width` the
    pixels `pixels(picture, attribute pairs)` says the edition needs; the record dropped unless kept. The
    sizes the document asks for are put in the cache for `purpose` first, all at once (fit_all)."""
    fit_all([(picture, pixels(picture, pairs)) for picture, pairs in recorded_pictures(document["blocks"])], purpose)

    def size(element):
        if element["t"] != "Image":
            return None
        (identifier, classes, pairs), caption, (target, title) = element["c"]
        picture = from_element(target, pairs)
        if picture is None:
            return None
        kept = pairs if keep_record else [pair for pair in pairs if pair[0] != ATTRIBUTE]
        address = finish(picture, pixels(picture, pairs))
        return {"t": "Image", "c": [[identifier, classes, kept], caption, [address, title]]}

    return {**document, "blocks": walk(document["blocks"], size)}


def data_url(picture, width, purpose):
    data = fitted(picture, width, purpose)
    return f"data:{picture.media_type};base64,{base64.b64encode(data).decode('ascii')}"


def token(picture, width):
    """An address that stands for the picture at `width` until the edition puts its bytes in (`embedded`,
    `fetched`)."""
    return f"{SCHEME}{picture.digest}-w{width}{EXTENSIONS[picture.media_type]}"


def embedded(text, pictures, purpose):
    """`text` with each token of `pictures` ({digest: Picture}) replaced by a data: URL of its bytes."""
    return TOKEN.sub(lambda match: data_url(pictures[match.group(1)], int(match.group(2)), purpose), text)


def fetched(address, pictures, purpose):
    """(media type, bytes) of a token's picture at its size, for WeasyPrint's URL fetcher."""
    match = TOKEN.fullmatch(address)
    picture = pictures[match.group(1)]
    return picture.media_type, fitted(picture, int(match.group(2)), purpose)


def print_pictures(document, house, papersize, finish=token):
    """The document with each picture's address `finish(picture, pixels it needs in print)`, and the
    pictures by their hash."""
    text, pictures = text_width_px(house, papersize), {}

    def pixels(picture, pairs):
        pictures[picture.digest] = picture
        return print_pixels(pairs, text)

    return sized_pictures(document, pixels, finish, "print"), pictures
