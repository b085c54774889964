"""Formulas in the DOCX (publish/editions/docx_math.py): pandoc's Office Math with its brackets paired
and its accents as Word writes them, so that LibreOffice reads every formula whole, and each numbered
formula centred with its number at the right margin; read back from the package's XML and from
LibreOffice's own layout of the example publication."""

import io
import zipfile

import pdfplumber
import pytest
from clients import open_xml_report
from lxml import etree

from publish.editions.docx_math import readable_math
from publish.ooxml import MATH, W
from publish.pandoc import run_pandoc

SLUG = "figures-and-tables"
M, WORD = f"{{{MATH}}}", f"{{{W}}}"
OPENING, CLOSING = "([{", ")]}"


def office_math(formulas):
    """pandoc's OMML for each TeX formula, shown as display formulas, after readable_math."""
    markdown = "\n\n".join(f"$${formula}$$" for formula in formulas)
    with_docx = run_pandoc(["--from=markdown", "--to=docx", "--output=-"], markdown.encode("utf-8"))
    with zipfile.ZipFile(io.BytesIO(with_docx)) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    readable_math(root)
    return list(root.iter(f"{M}oMathPara"))


def lone_brackets(zone):
    return [run for run in zone.iter(f"{M}r") if "".join(run.itertext()) in (*OPENING, *CLOSING)]


def delimiters(zone):
    return [(group.find(f"{M}dPr/{M}begChr").get(f"{M}val"), group.find(f"{M}dPr/{M}endChr").get(f"{M}val"))
            for group in zone.iter(f"{M}d") if group.find(f"{M}dPr/{M}begChr") is not None]


def test_every_bracket_of_a_formula_is_paired_with_its_closing_one():
    formulas = [r"(X^\top X)^{-1} X^\top y", r"t_{((n+1)/2)}", r"f(x) = [a, b)", r"\{x : g(x) > 0\}^c",
                r"\left( \frac{a}{b} \right)^2", r"(a + (b - c)^2)"]
    zones = office_math(formulas)
    assert len(zones) == len(formulas)
    assert [lone_brackets(zone) for zone in zones] == [[]] * len(formulas)
    assert delimiters(zones[0]) == [("(", ")")]
    assert delimiters(zones[2]) == [("(", ")"), ("[", ")")]  # a half-open interval keeps its two brackets
    inverse = zones[0].find(f".//{M}sSup/{M}e/{M}d")  # (X^T X) is the base of ^{-1}
    assert "".join(inverse.itertext()) == "X⊤X"
    assert all(group.find(f"{M}dPr/{M}grow").get(f"{M}val") == "off" for zone in zones[:1] for group in zone.iter(
        f"{M}d"))  # the size of TeX's plain brackets


def test_an_unpaired_bracket_stays_as_written():
    [zone] = office_math([r"x)"])
    assert [("".join(run.itertext())) for run in lone_brackets(zone)] == [")"] and not delimiters(zone)


def test_texs_bar_is_the_combining_macron():
    [zone] = office_math([r"\bar{t} = \hat{t}"])
    assert [accent.get(f"{M}val") for accent in zone.iter(f"{M}chr")] == ["\u0304", "\u0302"]


@pytest.fixture(scope="module")
def docx(examples_project):
    return examples_project / "build" / SLUG / f"{SLUG}.docx"


def test_a_numbered_formula_is_centred_with_its_number_at_the_right_margin(docx):
    with zipfile.ZipFile(docx) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    numbered = [p for p in root.iter(f"{WORD}p") if p.find(f"{WORD}pPr/{WORD}pStyle[@{WORD}val='Equation']")
                is not None]
    assert len(numbered) == 2 and not [p for p in numbered if p.find(f"{M}oMathPara") is not None]
    for paragraph, number in zip(numbered, ("(1)", "(2)")):
        stops = [(tab.get(f"{WORD}val"), int(tab.get(f"{WORD}pos"))) for tab in paragraph.iter(f"{WORD}tab")
                 if tab.getparent().tag == f"{WORD}tabs"]
        assert [kind for kind, _ in stops] == ["center", "right"] and abs(stops[0][1] * 2 - stops[1][1]) <= 1
        parts = [child for child in paragraph if child.tag in (f"{WORD}r", f"{M}oMath")]
        assert [part.tag.split("}")[1] for part in parts] == ["r", "oMath", "r", "r"]  # tab, formula, tab, number
        assert parts[0].find(f"{WORD}tab") is not None and parts[2].find(f"{WORD}tab") is not None
        assert "".join(parts[3].itertext()) == number
    assert open_xml_report(docx)["errors"] == []  # the delimiters and tab stops as Word's schema has them


def test_libreoffice_sets_every_formula_whole_with_its_number_at_the_margin(figures_docx_in_libreoffice):
    with pdfplumber.open(figures_docx_in_libreoffice) as pdf:
        text = "".join(page.extract_text() for page in pdf.pages)
        at_margin = {word["text"] for page in pdf.pages for word in page.extract_words()
                     if word["text"] in ("(1)", "(2)") and word["x1"] > page.width * 0.8}
    assert "¿" not in text  # what LibreOffice shows for a formula it cannot read
    assert "β=(X⊤X)−1X⊤y" in "".join(text.split()).replace("^", "")  # the right-hand side is all there
    assert at_margin == {"(1)", "(2)"}  # the numbers at the right margin, not just after their formulas
