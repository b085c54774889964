"""What the parse records of each picture, once: the hash of its bytes, its type, its size as shown (in
pixels, its EXIF orientation applied; an SVG's in CSS px), the resolution it states, and whether its bytes
may be shown as they are.

The record travels with the picture in the parsed document: the Image's address becomes
`picture:<sha256>.<ext>` and its attribute `data-picture` holds the rest ("1606x1004 300dpi as-is
image/jpeg"). Each edition reads it to ask the picture cache for the size it needs (publish.pictures.cache);
no edition opens the picture to learn these facts again.
"""

import io
import re
from dataclasses import dataclass

ATTRIBUTE = "data-picture"
SCHEME = "picture:"
EXTENSIONS = {"image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif", "image/svg+xml": ".svg",
              "image/webp": ".webp"}
RESIZED = ("image/png", "image/jpeg")  # the types a picture is resized in (a GIF may move; an SVG has no pixels)
TRANSPOSED = (5, 6, 7, 8)  # EXIF orientations that swap width and height
RECORD = re.compile(r"(\d+)x(\d+) ([\d.]+)dpi (as-is|re-encode) (\S+)")


@dataclass(frozen=True)
class Picture:
    digest: str  # sha256 of the file's bytes, hex
    media_type: str
    width: int  # as shown: pixels, or an SVG's CSS px (0 when it does not say)
    height: int
    dpi: float = 0  # the resolution the file states, 0 when none
    as_is: bool = True  # upright and in a colour space every edition shows (not CMYK): its bytes may pass through

    @property
    def target(self):
        return f"{SCHEME}{self.digest}{EXTENSIONS[self.media_type]}"

    @property
    def record(self):
        return f"{self.width}x{self.height} {self.dpi:g}dpi {'as-is' if self.as_is else 're-encode'} {self.media_type}"

    @property
    def resizable(self):
        return self.media_type in RESIZED


def from_element(target, attributes):
    """The Picture an Image element of the parsed document records (its address and its attributes'
    key-value pairs), or None for an image that is no recorded picture."""
    record = dict(attributes).get(ATTRIBUTE, "")
    match = RECORD.fullmatch(record)
    if not target.startswith(SCHEME) or not match:
        return None
    width, height, dpi, kept, media_type = match.groups()
    digest = target.removeprefix(SCHEME).split(".")[0]
    return Picture(digest, media_type, int(width), int(height), float(dpi), kept == "as-is")


def svg_size(data):
    """(width, height) of an SVG in CSS px, from its width and height or else its viewBox; (0, 0) if neither."""
    from lxml import etree

    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    sizes = [re.fullmatch(r"\s*([\d.]+)\s*(px)?\s*", root.get(name) or "") for name in ("width", "height")]
    if all(sizes):
        return round(float(sizes[0].group(1))), round(float(sizes[1].group(1)))
    box = (root.get("viewBox") or "").replace(",", " ").split()
    return (round(float(box[2])), round(float(box[3]))) if len(box) == 4 else (0, 0)


def raster_facts(data):
    """(width, height, dpi, as_is) of a raster picture, read from its header (its pixels are not decoded)."""
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        # a PNG's EXIF is read only from a chunk before its pixels: for one after them Pillow decodes them all
        exif = image.getexif() if image.format != "PNG" or "exif" in image.info else {}
        orientation = exif.get(0x0112, 1)
        width, height = (image.height, image.width) if orientation in TRANSPOSED else image.size
        dpi = float(image.info.get("dpi", (0, 0))[0] or 0)
        return width, height, round(dpi, 2) if dpi >= 10 else 0, orientation in (0, 1) and image.mode != "CMYK"


def picture_facts(digest, media_type, data):
    """The Picture of `data`, a file of `media_type` whose sha256 is `digest`."""
    if media_type == "image/svg+xml":
        return Picture(digest, media_type, *svg_size(data))
    return Picture(digest, media_type, *raster_facts(data))
