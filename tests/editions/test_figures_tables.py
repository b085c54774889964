"""Tables, figures, cross-references, formulas and code, in the example publication
(examples/figures-and-tables/), read from its real editions.

No single module: the editions stage, as a reader meets the tables, figures and formulas in each
edition."""

import re
import shutil
import subprocess
import zipfile

import lxml.html
import pdfplumber
import pikepdf
import pytest
from clients import in_browser, nu_errors
from lxml import etree
from projects import run_doit
from readers import margin_mm, structure

SLUG = "figures-and-tables"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
MM = 72 / 25.4


@pytest.fixture(scope="module")
def built(examples_project):
    folder = examples_project / "build" / SLUG
    return {kind: folder / f"{SLUG}.{kind}" for kind in ("pdf", "docx", "html")}


@pytest.fixture(scope="module")
def pdf_pages(built):
    with pdfplumber.open(built["pdf"]) as document:
        return [" ".join((page.extract_text() or "").split()) for page in document.pages]


def plain(text):
    """Text as a reader sees it: no-break spaces as spaces, words hyphenated at a line's end joined."""
    return text.replace("\u00a0", " ").replace("\u2010 ", "")


def test_the_pre_flight_finds_nothing_to_say(examples_project):
    result = run_doit(examples_project, "check")
    assert [line for line in result.stdout.splitlines() if line.startswith(f"source/{SLUG}/")] == []


# -- PDF


def test_captions_are_numbered_and_references_name_their_targets(pdf_pages):
    text = plain(" ".join(pdf_pages))
    for caption in ("Table 1: Build times of the brief", "Table 2: The three editions", "Table 4: The item types of CSL",
                    "Figure 1: Median build times", "Figure 2: The same chart, saved as a PDF file", "Figure 5: The brief"):
        assert caption in text, caption
    for reference in ("Table 1 gives the build times", "Figure 1 shows the same times as Table 1", "(Figure 2)",
                      "Figure 3 is a PNG", "coefficients is Equation (1)", "Equations (1) and (2) are numbered",
                      "(see “Tables” for the numbers"):
        assert reference in text, reference
    assert "@fig" not in text and "@tbl" not in text and "{#eq" not in text


def test_a_long_table_repeats_its_header_on_the_next_page(built):
    with pdfplumber.open(built["pdf"]) as document:
        pages = [page.extract_text() or "" for page in document.pages]
    starts = [number for number, text in enumerate(pages) if "Table 4:" in text]
    assert starts, "no Table 4"
    following = pages[starts[0] + 1].splitlines()
    assert following[1:3] == ["Table 4 (continued)", "Item type Letters"], following[:3]  # after the running head


def test_numbers_are_right_aligned_where_the_markdown_says(built):
    with pdfplumber.open(built["pdf"]) as document:
        words = [word for page in document.pages[:1] for word in page.extract_words()]
    medians = [word for word in words if word["text"] in ("1.38", "1.17", "1.19", "0.89", "0.17")][:5]
    ratios = [word for word in words if word["text"] in ("1.18", "1.00", "1.02", "0.76", "0.14")]
    assert len(medians) == 5 and len(ratios) == 5
    assert max(word["x1"] for word in medians) - min(word["x1"] for word in medians) < 0.5
    assert max(word["x1"] for word in ratios) - min(word["x1"] for word in ratios) < 0.5
    top, bottom = medians[0]["top"] - 2, ratios[-1]["bottom"] + 2
    measurements = [word for word in words if word["text"] in ("Cold", "The", "After", "Nothing") and top < word["top"] < bottom]
    assert len(measurements) == 5 and len({round(word["x0"]) for word in measurements}) == 1  # left-aligned


def test_no_table_figure_formula_or_code_runs_into_the_margin(built):
    with pdfplumber.open(built["pdf"]) as document:
        for page in document.pages:
            left, right = margin_mm("inner") * MM - 1, page.width - margin_mm("outer") * MM + 1
            for char in page.chars:
                assert left <= char["x0"] and char["x1"] <= right, f"{char['text']!r} at x={char['x0']:.0f}"
            for image in page.images:
                assert left <= image["x0"] and image["x1"] <= right


def test_figures_tables_and_formulas_are_tagged_with_their_alternatives(built):
    tree = structure(built["pdf"])
    kinds = [kind for _, kind, _, _ in tree]
    assert kinds.count("Table") >= 4 and "TH" in kinds and "TD" in kinds  # a table over two pages is two here
    figures = [node for _, kind, _, node in tree if kind == "Figure"]
    alternatives = [node.get("alt_text", "") for node in figures]
    assert any(text.startswith("Median build times of the brief") for text in alternatives)
    assert r"\hat{\beta} = (X^\top X)^{-1} X^\top y" in alternatives  # a formula, read as its TeX source
    assert all(alternatives), "a figure without alternate text"


def test_the_pdf_embeds_only_house_fonts(built):
    with pikepdf.open(built["pdf"]) as pdf:
        names = {str(font.BaseFont).split("+")[-1] for page in pdf.pages
                 for font in page.obj.get("/Resources", {}).get("/Font", {}).values()}
    assert names <= {"Noto-Serif", "Noto-Serif-Italic", "Noto-Serif-Bold", "Noto-Serif-Bold-Italic", "Noto-Sans",
                     "Noto-Sans-Italic", "Noto-Sans-Bold", "Noto-Sans-Mono", "Noto-Sans-Mono-Bold"}, names
    assert "Noto-Sans-Mono" in names  # the code


# -- DOCX


@pytest.fixture(scope="module")
def document_xml(built):
    with zipfile.ZipFile(built["docx"]) as docx:
        return etree.fromstring(docx.read("word/document.xml")), docx.namelist()


def test_docx_tables_take_the_house_table_style_repeat_their_header_and_fill_the_text_block(document_xml):
    root, _ = document_xml
    tables = root.findall(f".//{W}tbl")
    assert [table.find(f"{W}tblPr/{W}tblStyle").get(f"{W}val") for table in tables] == ["Table", "Table", "WideTable", "Table"]
    for table in tables:
        styles = {style.get(f"{W}val") for style in table.iter(f"{W}pStyle")}
        assert styles == ({"WideTableText"} if len(table.find(f"{W}tblGrid")) >= 7 else {"TableText"})
        width = table.find(f"{W}tblPr/{W}tblW")
        assert (width.get(f"{W}type"), width.get(f"{W}w")) == ("pct", "5000")
        assert table.find(f"{W}tr/{W}trPr/{W}tblHeader") is not None


def test_docx_formulas_are_word_equations_and_targets_are_bookmarks(document_xml):
    root, _ = document_xml
    assert len(root.findall(f".//{M}oMath")) >= 6
    bookmarks = {mark.get(f"{W}name") for mark in root.iter(f"{W}bookmarkStart")}
    assert {"tbl-timings", "tbl-types", "fig-times", "fig-web", "eq-ols", "eq-median", "sec-tables"} <= bookmarks
    anchors = {link.get(f"{W}anchor") for link in root.iter(f"{W}hyperlink") if link.get(f"{W}anchor")}
    assert {"tbl-timings", "fig-times", "fig-catalogue", "eq-ols", "sec-tables"} <= anchors <= bookmarks


def test_docx_images_are_ones_word_reads_described_by_their_alt_text(document_xml):
    root, names = document_xml
    media = sorted(name.rsplit(".", 1)[1] for name in names if name.startswith("word/media/"))
    assert media == ["jpg", "png", "png", "png", "png"]  # the SVG and the WebP as PNG
    descriptions = [element.get("descr") for element in root.iter("{http://schemas.openxmlformats.org/drawingml/2006/picture}cNvPr")]
    assert descriptions and not any(text.startswith("data:") for text in descriptions)


def test_docx_has_no_direct_formatting_but_cell_alignment(document_xml):
    root, _ = document_xml
    for tag in ("rFonts", "sz", "color", "ind", "spacing"):
        assert not root.findall(f".//{W}{tag}"), tag
    for alignment in root.iter(f"{W}jc"):
        assert any(ancestor.tag == f"{W}tc" for ancestor in alignment.iterancestors()), "alignment outside a table cell"


def test_libreoffice_finds_every_table_figure_and_formula(built, tmp_path):
    soffice = shutil.which("soffice")
    profile = f"-env:UserInstallation=file://{tmp_path}/profile"
    process = subprocess.run([soffice, profile, "--headless", "--convert-to", "fodt", "--outdir", str(tmp_path),
                              str(built["docx"])], capture_output=True, text=True, timeout=180)
    assert process.returncode == 0, process.stderr
    flat = (tmp_path / f"{SLUG}.fodt").read_text(encoding="utf-8")
    assert len(re.findall(r"<table:table ", flat)) == 4
    assert len(re.findall(r"<draw:image ", flat)) >= 5
    assert len(re.findall(r"<math:math", flat)) + len(re.findall(r"<draw:object", flat)) >= 6


# -- HTML


@pytest.fixture(scope="module")
def page(built):
    return lxml.html.parse(str(built["html"])).getroot()


def test_html_formulas_are_mathml_captions_numbered_and_references_linked(page):
    assert len(page.findall(".//{http://www.w3.org/1998/Math/MathML}math")) + len(page.findall(".//math")) >= 6
    captions = [" ".join(caption.text_content().split()) for caption in page.iter("caption", "figcaption")]
    assert plain(captions[0]) == "Table 1: Build times of the brief" and any(plain(c).startswith("Figure 5:") for c in captions)
    for link in page.xpath("//a[contains(@class, 'crossref')]"):
        assert page.get_element_by_id(link.get("href")[1:]) is not None
    assert page.get_element_by_id("eq-ols").xpath(".//*[@class='equation-number']")[0].text == "(1)"


def test_html_keeps_the_alignment_and_scrolls_wide_tables_in_their_own_box(page):
    first = page.get_element_by_id("tbl-timings")
    assert [cell.get("style") for cell in first.xpath(".//tbody/tr[1]/td")] == [
        "text-align: left;", "text-align: right;", "text-align: right;"]
    boxes = page.xpath("//div[contains(concat(' ', @class, ' '), ' table-scroll ')]")
    assert len(boxes) == 4 and all(box.get("tabindex") == "0" and box.get("role") == "region" for box in boxes)
    assert plain(boxes[0].get("aria-label")) == "Table 1: Build times of the brief"
    assert [box.get("class") for box in boxes].count("table-scroll wide") == 1  # nine columns: may spread


@pytest.fixture(scope="module")
def browser_report(built, tmp_path_factory):
    return in_browser(built["html"], tmp_path_factory.mktemp("example-screenshots"))


def test_html_passes_the_nu_checker(built):
    assert nu_errors(built["html"]) == []


@pytest.mark.parametrize("view", ["wide", "phone", "dark"])
def test_html_has_no_wcag_22_violation(browser_report, view):
    assert browser_report[view]["violations"] == []


def test_on_a_phone_the_wide_table_scrolls_and_the_page_does_not(browser_report):
    layout = browser_report["phone"]["layout"]
    assert layout["scrollWidth"] <= layout["clientWidth"] == 375
    assert any(box["scrollWidth"] > box["clientWidth"] for box in layout["tableBoxes"])
    assert all(math["width"] > 0 for math in layout["maths"])  # the browser laid out every formula


@pytest.mark.parametrize("view", ["wide", "phone"])
def test_html_display_formulas_show_no_scroll_bar_unless_too_wide(browser_report, view):
    """A formula's box a few px shorter than its ink gave each display formula a vertical scroll bar."""
    maths = browser_report[view]["layout"]["displayMaths"]
    assert len(maths) == 3
    assert all(math["scrollHeight"] <= math["clientHeight"] for math in maths)
    assert all(math["scrollWidth"] <= math["clientWidth"] for math in maths)  # these three fit, even at 375 px


def test_html_wide_table_spreads_beside_the_text_rather_than_scroll_at_1280_px(browser_report):
    layout = browser_report["wide"]["layout"]
    assert all(box["scrollWidth"] <= box["clientWidth"] for box in layout["tableBoxes"])  # its last column seen
    assert layout["scrollWidth"] <= layout["clientWidth"]


def test_html_table_captions_stay_in_view_on_a_phone(browser_report):
    layout = browser_report["phone"]["layout"]
    assert any(box["scrollWidth"] > box["clientWidth"] for box in layout["tableBoxes"])  # a table still scrolls
    assert all(0 <= caption["left"] and caption["right"] <= layout["viewportWidth"] for caption in layout["captions"])


def test_html_charts_stay_legible_on_a_phone(browser_report):
    """Scaled to a 375-px screen, a 480-px chart set its labels in 9 px (one drawn from a PDF at 300 dpi
    smaller still): a chart keeps three quarters of its size and scrolls in its own box."""
    phone, wide = browser_report["phone"]["layout"], browser_report["wide"]["layout"]
    assert len(phone["charts"]) == 2 and all(chart["least"] >= 300 for chart in phone["charts"])
    assert all(chart["width"] >= chart["least"] and chart["scrolls"] for chart in phone["charts"])
    assert phone["scrollWidth"] <= phone["clientWidth"]  # the page itself never scrolls sideways
    assert not any(chart["scrolls"] for chart in wide["charts"])  # beside the text at 1280 px, whole
