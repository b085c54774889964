"""The house fonts cut down for the HTML and DOCX editions by HarfBuzz's subsetter (hb-subset).

hb-subset takes milliseconds where fontTools' subsetter takes most of a second a face (it decodes
the whole kerning table first); fontTools still packs the web subsets as WOFF2. Subsets are cached
by content (the font's bytes, the characters, what the subset is for) in build/.cache/font-subsets/,
so texts that ask for the same characters share them.
"""

import hashlib
import io

from publish import atomic
from publish.paths import CACHE

CACHE_FOLDER = CACHE / "font-subsets"
# Tabular lining figures, which tables ask for, beside HarfBuzz's default layout features.
EXTRA_FEATURES = ("tnum", "lnum")
SUFFIXES = {"web": "woff2", "docx": "ttf"}


def tag_number(tag):
    """An OpenType tag as HarfBuzz's 32-bit number."""
    return int.from_bytes(tag.encode("ascii"), "big")


def cut(data, characters, purpose):
    """The font `data` cut down to `characters`, as TrueType bytes. A DOCX subset keeps every name
    (Word matches a font by them) and the outline of the missing-glyph box; neither keeps hinting,
    which today's screens and printers do without and which is half the bytes."""
    import uharfbuzz

    request = uharfbuzz.SubsetInput()
    request.unicode_set.update(ord(character) for character in characters)
    request.layout_feature_tag_set.update(tag_number(tag) for tag in EXTRA_FEATURES)
    request.flags = uharfbuzz.SubsetFlags.NO_HINTING
    if purpose == "docx":
        request.flags |= uharfbuzz.SubsetFlags.NOTDEF_OUTLINE
        request.name_id_set.clear()
        request.name_id_set.invert()  # every name ID, not only HarfBuzz's default 0 to 6
    face = uharfbuzz.subset(uharfbuzz.Face(uharfbuzz.Blob(data)), request)
    if face is None:
        raise ValueError("HarfBuzz could not cut the font down")
    return bytes(face.blob.data)


def as_woff2(ttf):
    """TrueType bytes packed as WOFF2, its 'head' kept as it is (the same bytes every build)."""
    import brotli  # noqa: F401 -- fontTools compresses WOFF2 with it: importing it here puts its version in this stage's tools
    from fontTools.ttLib import woff2

    output = io.BytesIO()
    woff2.compress(io.BytesIO(ttf), output)
    return output.getvalue()


def subset(path, characters, purpose):
    """The font at `path` cut down to `characters`: WOFF2 for the "web", TrueType for a "docx"."""
    data = path.read_bytes()
    characters = "".join(sorted(set(characters)))
    key = hashlib.sha256(data + f"{purpose}:{characters}".encode("utf-8")).hexdigest()
    cached = CACHE_FOLDER / f"{key}.{SUFFIXES[purpose]}"
    if cached.is_file():
        return cached.read_bytes()
    ttf = cut(data, characters, purpose)
    result = as_woff2(ttf) if purpose == "web" else ttf
    atomic.write_bytes(cached, result)
    return result
