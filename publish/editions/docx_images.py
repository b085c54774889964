"""Images as Word shows them everywhere: each picture at the size it is printed (the PDF's, publish.editions.
picture_sizes), and WebP and SVG as PNG.

Word reads neither WebP nor SVG in every version still in use (SVG only from
Word 2016, and pandoc can give it no fallback), so the DOCX carries each such
image as a PNG, drawn once and cached by content: an SVG through WeasyPrint's
own SVG renderer and pdfium, a WebP through Pillow. The other editions keep
the original.
"""

import base64
import hashlib
import io

from publish import atomic
from publish.editions.picture_sizes import print_pictures
from publish.editions.stand_ins import stand_in_url
from publish.editions.weasyprint_loading import load_weasyprint
from publish.paths import CACHE
from publish.pictures.cache import fitted, original

CACHE_FOLDER = CACHE / "docx-images"
DPI = 200


def svg_size(data):
    """(width, height) of an SVG in CSS px, from its width and height or else its viewBox."""
    from lxml import etree

    root = etree.fromstring(data)
    box = [float(value) for value in root.get("viewBox", "0 0 300 150").replace(",", " ").split()]
    width, height = root.get("width", ""), root.get("height", "")
    if width.replace(".", "").isdigit() and height.replace(".", "").isdigit():
        return float(width), float(height)
    return box[2], box[3]


def svg_as_png(data):
    """An SVG drawn at DPI, through WeasyPrint (SVG to PDF) and pdfium (PDF to PNG)."""
    import pypdfium2
    load_weasyprint()
    from weasyprint import HTML

    width, height = svg_size(data)
    source = "data:image/svg+xml;base64," + base64.b64encode(data).decode("ascii")
    page = (f"<style>@page {{ size: {width}px {height}px; margin: 0 }} body {{ margin: 0 }} img {{ display: block; "
            f"width: {width}px; height: {height}px }}</style><img src=\"{source}\">")
    pdf = HTML(string=page).write_pdf()
    document = pypdfium2.PdfDocument(pdf)
    try:
        return document[0].render(scale=DPI / 72).to_pil()
    finally:
        document.close()


def as_png(media_type, data):
    """PNG bytes of an image Word may not read, cached by content."""
    cached = CACHE_FOLDER / f"{hashlib.sha256(data).hexdigest()}-{DPI}.png"
    if cached.is_file():
        return cached.read_bytes()
    from PIL import Image

    image = svg_as_png(data) if media_type == "image/svg+xml" else Image.open(io.BytesIO(data))
    output = io.BytesIO()
    image.save(output, format="PNG", optimize=True)
    atomic.write_bytes(cached, output.getvalue())
    return output.getvalue()


def word_images(document, house, papersize):
    """(the document with each picture as a data: URL of a stand-in of it at its printed size (publish.editions.stand_ins),
    WebP and SVG as PNG; {stand-in's mark: the bytes it stands for})."""
    pictures = {}

    def finish(picture, width):
        if picture.media_type in ("image/webp", "image/svg+xml"):
            png = as_png(picture.media_type, original(picture))
            return f"data:image/png;base64,{base64.b64encode(png).decode('ascii')}"
        return stand_in_url(fitted(picture, width, "print"), picture.media_type, pictures)

    return print_pictures(document, house, papersize, finish)[0], pictures
