"""The house fonts for the web edition: WOFF2 subsets holding just the page's characters.

They are embedded in the page as data: URLs, so the HTML edition is one file
that works offline and can be mailed. Subsets are cached by content (font
bytes and character set), so a rebuild that adds no new character reuses them.
"""

import base64
import hashlib
import io

from publish import atomic
from publish.paths import BUILD, STYLES

CACHE = BUILD / ".cache" / "web-fonts"


def woff2_subset(font_path, characters):
    """The font at `font_path` cut down to `characters`, as WOFF2 bytes."""
    key = hashlib.sha256(font_path.read_bytes() + characters.encode("utf-8")).hexdigest()
    cached = CACHE / f"{key}.woff2"
    if cached.is_file():
        return cached.read_bytes()
    import brotli  # noqa: F401 -- fontTools compresses WOFF2 with it: importing it here puts its version in this stage's tools
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(font_path, recalcTimestamp=False)  # keep 'head' as shipped: same bytes every build
    options = subset.Options()
    options.hinting = False  # screens today render well without TrueType hints, which are half the bytes
    options.layout_features += ["tnum", "lnum"]  # tabular lining figures, which tables ask for
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(character) for character in characters])
    subsetter.subset(font)
    font.flavor = "woff2"  # the Options' flavor only matters to fontTools' command line
    output = io.BytesIO()
    font.save(output)
    atomic.write_bytes(cached, output.getvalue())
    return output.getvalue()


def page_characters(text):
    """Every character of the page, and printable ASCII, so a small edit rarely needs a new subset."""
    return "".join(sorted(set(text) | {chr(code) for code in range(0x20, 0x7F)}))


def faces_used(page):
    """The font faces a page needs: regular and italic of both families, headings in bold;
    bold text only where the page has <strong> or <b>, bold italic where it also has <em> or <i>;
    the code font where it has code, the math font where it has MathML, the Arabic-script font where
    it has Arabic letters."""
    bold = "<strong" in page or "<b>" in page
    italic = "<em" in page or "<i>" in page
    faces = {("body", "regular"), ("body", "italic"), ("heading", "regular"), ("heading", "italic"), ("heading", "bold")}
    if bold:
        faces |= {("body", "bold")}
    if bold and italic:
        faces |= {("body", "bold-italic"), ("heading", "bold-italic")}
    if "<code" in page:
        faces |= {("code", "regular"), ("code", "bold")}
    if "<math" in page:
        faces |= {("math", "regular")}
    if any("\u0600" <= character <= "\u06ff" or "\ufb50" <= character <= "\ufeff" for character in page):
        faces |= {("arabic", "regular"), ("arabic", "bold")}  # Arabic script: Persian, Pashto, Arabic, Urdu
    return faces


def data_url_for(characters):
    """A `url_for` for house_style.font_faces: each font file as an embedded WOFF2 subset."""

    def url_for(path):
        data = woff2_subset(STYLES / path, characters)
        return "data:font/woff2;base64," + base64.b64encode(data).decode("ascii")

    return url_for
