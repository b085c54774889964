"""The PDF's fonts are subset by fontTools, whose version the lock file fixes, even where the system has
HarfBuzz's subsetter (Chromium's package brings it; the two write different bytes), and without decoding
the layout tables the subset drops (pyproject.toml keeps fontTools below 4.68, which decodes a face's
whole GSUB and GPOS first: half the brief's PDF time). Run in a process of its own: WeasyPrint is loaded
once a process."""

import subprocess
import sys
import textwrap

SUBSETTING = """
    from publish.editions.weasyprint_loading import load_weasyprint
    from publish.paths import STYLES
    weasyprint = load_weasyprint()
    import weasyprint.pdf.fonts as pdf_fonts

    read = []

    class Recording(pdf_fonts.TTFont):
        def __getitem__(self, tag):
            read.append(tag)
            return super().__getitem__(tag)

    pdf_fonts.TTFont = Recording
    face = (STYLES / "fonts" / "NotoSerif-Regular.ttf").resolve().as_uri()
    page = f"<style>@font-face {{ font-family: T; src: url({face}) }} p {{ font-family: T }}</style><p>Office, fine.</p>"
    weasyprint.HTML(string=page).write_pdf()
    print("head" in read, sorted({"GSUB", "GPOS"} & set(read)))
"""


def test_the_pdf_subsets_its_fonts_with_fonttools_without_reading_the_layout_tables_it_drops():
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(SUBSETTING)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    subset_by_fonttools, layout_read = done.stdout.split(maxsplit=1)
    assert subset_by_fonttools == "True", "the face was not subset by fontTools"
    assert layout_read.strip() == "[]", f"the subset decoded {layout_read.strip()} only to drop them"
