"""Images are read once from the publication's folder, kept in the picture cache by their content, and
recorded in the parsed document by what the editions need to know of them (publish.pictures.facts).

The parsed document names each picture by its hash (`picture:<sha256>.png`) and records its size, type and
resolution; it does not carry the bytes: a report's forty photographs made it a 73 MB document that pandoc
read and wrote again for citeproc and every edition read again, where each needs a smaller size of each
picture. Each edition asks the picture cache for the size it shows the picture at (publish.editions.
picture_sizes) and carries it inside itself: the HTML page stays one file, pandoc's sandbox needs no extra
file for the DOCX, and WeasyPrint reads nothing from the network for the PDF.

A chart saved as PDF (what R and matplotlib users export) is drawn once as a PNG
at print resolution (pdfium, through pypdfium2), cached by its content: no
edition can show a PDF inside a page.
"""

import hashlib
import io
from urllib.parse import unquote, urlsplit

from publish import atomic
from publish.document import walk
from publish.errors import PublishError
from publish.paths import CACHE, inside, names_a_file
from publish.pictures.cache import keep_original
from publish.pictures.facts import ATTRIBUTE, picture_facts

MEDIA_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
               ".svg": "image/svg+xml", ".webp": "image/webp", ".pdf": "image/png"}
PDF_DPI = 300
CACHE_FOLDER = CACHE / "pdf-figures"


def image_file(publication, target):
    """The local file an image points at, which must be inside the publication's folder."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        raise PublishError(f"image '{target}' is not a file beside {publication.index.name}: save it in {publication.folder}/ "
                           "and point to it by its name (the build never fetches from the network)", publication.index)
    path = publication.folder / unquote(parts.path)
    if not inside(path, publication.folder):
        raise PublishError(f"image '{target}' is outside {publication.folder}/: keep images inside it", publication.index)
    if not names_a_file(path):
        raise PublishError(f"image '{target}' not found in {publication.folder}/", publication.index)
    if path.suffix.lower() not in MEDIA_TYPES:
        raise PublishError(f"image '{target}' is not one of {', '.join(sorted(MEDIA_TYPES))}", publication.index)
    return path


def pdf_as_png(path):
    """The first page of a PDF figure as PNG bytes at print resolution, cached by content."""
    content = path.read_bytes()
    cached = CACHE_FOLDER / f"{hashlib.sha256(content).hexdigest()}-{PDF_DPI}dpi.png"  # its resolution recorded
    if cached.is_file():
        return cached.read_bytes()
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(content)
    except pypdfium2.PdfiumError as error:
        raise PublishError(f"image '{path.name}' is not a PDF pdfium can read ({error}): export the chart again", path) from None
    try:
        bitmap = document[0].render(scale=PDF_DPI / 72)
        output = io.BytesIO()
        bitmap.to_pil().save(output, format="PNG", optimize=True, dpi=(PDF_DPI, PDF_DPI))  # its printed size
    finally:
        document.close()
    atomic.write_bytes(cached, output.getvalue())
    return output.getvalue()


def resolved_image(publication, target):
    """(the Picture every edition shows for an image's address, its bytes): its file read once (a PDF drawn),
    its facts recorded."""
    path = image_file(publication, target)
    data = pdf_as_png(path) if path.suffix.lower() == ".pdf" else path.read_bytes()
    try:
        picture = picture_facts(hashlib.sha256(data).hexdigest(), MEDIA_TYPES[path.suffix.lower()], data)
    except (OSError, ValueError, SyntaxError) as error:  # Pillow's, and lxml's for an SVG
        raise PublishError(f"image '{target}' cannot be read as {path.suffix.lower()[1:].upper()} ({error})",
                           publication.index) from None
    return picture, data


def embed_images(document, images):
    """Replace each image's address with its picture's (`picture:<sha256>.<ext>`), its facts recorded in its
    attributes and its bytes kept in the picture cache; `images` maps each address to the (Picture, bytes)
    the parse decided for it (resolved_image). The parse's part only: `doit check` writes nothing."""

    def embed(element):
        if element["t"] != "Image":
            return None
        (identifier, classes, pairs), caption, (target, title) = element["c"]
        if target.startswith("data:") or target not in images:
            return None
        picture, data = images[target]
        keep_original(picture, data)
        pairs = [*(pair for pair in pairs if pair[0] != ATTRIBUTE), [ATTRIBUTE, picture.record]]
        return {"t": "Image", "c": [[identifier, classes, pairs], caption, [picture.target, title]]}

    return {**document, "blocks": walk(document["blocks"], embed)}
