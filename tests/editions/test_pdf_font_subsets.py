"""The PDF's fonts are subset by fontTools, whose version the lock file fixes, even where the system has
HarfBuzz's subsetter (Chromium's package brings it; the two write different bytes); without decoding the
layout tables the subset drops (pyproject.toml keeps fontTools below 4.68, which decodes a face's whole
GSUB and GPOS first: nearly half the brief's PDF time); and each subset keeps its face's own date, not the
build's. Run in a process of its own: WeasyPrint is loaded once a process."""

import io
import os
import subprocess
import sys
import textwrap

import pikepdf
import pytest
from fontTools.ttLib import TTFont

FACE = "styles/fonts/NotoSerif-Regular.ttf"

SUBSETTING = """
    import sys
    from pathlib import Path
    from fontTools.ttLib import TTFont
    from publish.editions.weasyprint_loading import load_weasyprint

    {before}
    weasyprint = load_weasyprint()
    read, reading = [], TTFont.__getitem__

    def recording(font, tag):
        read.append(tag)
        return reading(font, tag)

    TTFont.__getitem__ = recording
    face = Path("{face}").resolve().as_uri()
    style = f"@font-face {{{{ font-family: T; src: url({{face}}) }}}} p {{{{ font-family: T }}}}"
    page = f"<style>{{style}}</style><p>Office.</p>"
    sys.stdout.buffer.write(weasyprint.HTML(string=page).write_pdf())
    print("head" in read, sorted({{"GSUB", "GPOS"}} & set(read)), file=sys.stderr)
"""


def subset_in_a_pdf(before=""):
    """(the PDF's bytes, what its subsetting said) of a one-line page in a house face, built now."""
    environment = {name: value for name, value in os.environ.items() if name != "SOURCE_DATE_EPOCH"}
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(SUBSETTING.format(face=FACE, before=before))],
                          capture_output=True, env=environment)
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout, done.stderr.decode().splitlines()[-1]


def embedded_face(pdf):
    """The bytes of the first TrueType face the PDF embeds."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        for font in document.objects:
            if isinstance(font, pikepdf.Dictionary) and "/FontFile2" in font:
                return font.FontFile2.read_bytes()
    raise AssertionError("no embedded TrueType face")


@pytest.mark.parametrize("before", ["", "import weasyprint"], ids=["loaded by us", "imported first elsewhere"])
def test_the_pdf_subsets_its_fonts_with_fonttools_without_reading_the_layout_tables_it_drops(before):
    _, said = subset_in_a_pdf(before)
    subset_by_fonttools, layout_read = said.split(maxsplit=1)
    assert subset_by_fonttools == "True", "the face was not subset by fontTools"
    assert layout_read == "[]", f"the subset decoded {layout_read} only to drop them"


def test_a_subset_keeps_its_faces_date_so_two_builds_give_the_same_pdf():
    pdf, _ = subset_in_a_pdf()
    subset = embedded_face(pdf)
    assert len(subset) < os.path.getsize(FACE) / 10, "the face was embedded whole"
    assert TTFont(io.BytesIO(subset))["head"].modified == TTFont(FACE)["head"].modified
