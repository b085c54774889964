"""The house fonts for the web edition: WOFF2 subsets holding the page's characters.

They are embedded in the page as data: URLs, so the HTML edition is one file
that works offline and can be mailed. Each subset holds what a page in Latin
script uses (ASCII, Latin-1 and the common punctuation) and the page's other
characters, if any: pages in English, French or Spanish share their subsets
(cached by content, publish.editions.font_subsets), so a catalogue cuts each
face once, and a small edit rarely needs a new one.
"""

import base64
import unicodedata

from publish.editions.font_subsets import subset
from publish.paths import STYLES


# ASCII, Latin-1, and the punctuation of running text: dashes, quotation marks, bullet, ellipsis,
# per mille, single guillemets, euro, trade mark; and the notes' back-link arrow (pandoc's "↩︎").
LATIN_PAGE = frozenset(chr(code) for ranges in ((0x20, 0x7F), (0xA0, 0x100), (0x2010, 0x2027), (0x2030, 0x203B),
                                                (0x20AC, 0x20AD), (0x2122, 0x2123), (0x21A9, 0x21AA), (0xFE0E, 0xFE0F))
                       for code in range(*ranges))


def page_characters(text):
    """The characters a page's subsets hold: those of a Latin page, and every other one it shows."""
    return "".join(sorted(LATIN_PAGE | {character for character in set(text) if unicodedata.category(character) != "Cc"}))


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
        data = subset(STYLES / path, characters, "web")
        return "data:font/woff2;base64," + base64.b64encode(data).decode("ascii")

    return url_for
