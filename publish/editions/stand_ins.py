"""The DOCX's and the EPUB's pictures given to pandoc as stand-ins, their bytes put in the package after.

pandoc's Word writer reads a picture only for its format, its size in pixels and its resolution, from which
it sizes the picture on the page, and copies its bytes into word/media/ (the EPUB writer only copies them,
into EPUB/media/). A long report's forty pictures, handed to pandoc as data: URLs in its JSON input, took it
five seconds to read and copy; it is given instead a blank picture of the same format, size and resolution,
marked with the hash of the bytes it stands for (a JPEG's comment, a PNG's text chunk), and the package's
media are swapped for those bytes after.
"""

import base64
import hashlib
import io
import zipfile

from publish.pictures.facts import RESIZED

MARKER = "publish-picture"


def stand_in(data):
    """(a blank picture of the format, size and resolution of `data`, marked with its hash; the hash)."""
    from PIL import Image, PngImagePlugin

    digest = hashlib.sha256(data).hexdigest()
    with Image.open(io.BytesIO(data)) as picture:
        kind, size, dpi = picture.format, picture.size, picture.info.get("dpi")
    options, output = ({"dpi": dpi} if dpi else {}), io.BytesIO()
    blank = Image.new("L", size, 255)
    if kind == "JPEG":
        blank.save(output, format="JPEG", quality=10, comment=f"{MARKER} {digest}".encode("ascii"), **options)
    else:
        text = PngImagePlugin.PngInfo()
        text.add_text(MARKER, digest)
        blank.save(output, format="PNG", compress_level=1, pnginfo=text, **options)
    return output.getvalue(), digest


def marked(data):
    """The hash a stand-in is marked with, or None for another picture."""
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as picture:
            comment = picture.info.get("comment", b"")
            mark = comment.decode("ascii", "replace") if isinstance(comment, bytes) else str(comment)
            return picture.info.get(MARKER) or (mark.removeprefix(f"{MARKER} ") if mark.startswith(MARKER) else None)
    except (OSError, ValueError):
        return None


def stand_in_url(data, media_type, pictures):
    """A data: URL of the stand-in of `data` (of `media_type`), which `pictures` ({mark: bytes}) records; of
    `data` itself for a picture that is no PNG or JPEG (a GIF, a WebP, an SVG, as they are)."""
    if media_type not in RESIZED:
        return f"data:{media_type};base64,{base64.b64encode(data).decode('ascii')}"
    blank, mark = stand_in(data)
    pictures[mark] = data
    return f"data:{media_type};base64,{base64.b64encode(blank).decode('ascii')}"


def real_pictures(zipped, pictures, media):
    """{member: bytes} of the package `zipped` to put in place of the stand-ins pandoc copied into the folder
    `media` ('word/media/'); `pictures` maps each stand-in's mark to the bytes it stands for."""
    found = {}
    with zipfile.ZipFile(io.BytesIO(zipped)) as package:
        for name in package.namelist():
            digest = marked(package.read(name)) if name.startswith(media) else None
            if digest in pictures:
                found[name] = pictures[digest]
    return found
