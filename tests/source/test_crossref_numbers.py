"""A cross-reference and its target's caption show the same number in every edition, for every
cross-reference syntax the pipeline accepts: Quarto's (`{#fig-x}` on an image, a `::: {#fig-x}` div,
`: Caption {#tbl-x}`, `{#sec-x}`, `$$ … $$ {#eq-x}`) and pandoc-crossref's (`{#fig:x}`, `@tbl:x`, ...),
cited alone, capitalised, grouped, or as the number alone, with a figure nested in a figure div; the
document numbers its sections (`number-sections`), an unnumbered heading among them.

The numbers are read back from each edition as a reader gets it: the PDF's text (poppler) and its
bookmarks, the DOCX's paragraphs, the web page's and the EPUB's text and headings.

No single module: the numbers the source stage gives (publish/source/crossrefs.py), read back in every
edition."""

import re
import subprocess
import zipfile

import lxml.etree
import lxml.html
import pikepdf
import pytest
from PIL import Image
from projects import copy_project, run_doit
from readers import epub_pages

DOCUMENT = """---
title: Cross-references in every syntax
author: Test Author
date: 2024-05-01
lang: en
number-sections: true
---

Alpha is in @fig-alpha, Beta in [@fig-beta], Gamma in @fig:gamma, Delta in @Fig-delta.
The grouped tables are [@tbl-one; @tbl:two]. Omega is [-@eq-omega], Psi is in @eq:psi.
Later is in @sec-later, Last in @sec:last. Outer is in @fig-outer, Inner in @fig-inner.

# First section

| a | b |
|---|---|
| 1 | 2 |

: Caption One {#tbl-one}

![Caption Alpha](a.png){#fig-alpha}

::: {#fig-beta}
![A blue rectangle](b.png)

Caption Beta
:::

$$ x = 1 $$ {#eq-omega}

# An interlude {-}

Not counted: a heading marked {-} has no number.

# Later section {#sec-later}

::: {#fig-outer}
![Caption Inner](c.png){#fig-inner}

Caption Outer
:::

![Caption Gamma](d.png){#fig:gamma}

| c | d |
|---|---|
| 3 | 4 |

: Caption Two {#tbl:two}

## A subsection

$$ y = 2 $$ {#eq:psi}

# Last section {#sec:last}

![Caption Delta](e.png){#fig-delta}
"""
REFERENCE = re.compile(r"\b(Alpha|Beta|Gamma|Delta|Outer|Inner) (?:is )?in (?:Figure|figure) (\d+(?:\s\([a-z]\))?)")
CAPTION = re.compile(r"\b(Figure|Table) (\d+): Caption (\w+)")
SUBCAPTION = re.compile(r"\(([a-z])\) Caption (\w+)")  # a subfigure's: its letter under its figure's number
EQUATION_NUMBER = re.compile(r"\((\d+)\)")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("crossrefs"))
    for folder in (project / "source").iterdir():
        if folder.is_dir():
            subprocess.run(["rm", "-r", str(folder)], check=True)
    folder = project / "source" / "xref"
    folder.mkdir()
    (folder / "index.md").write_text(DOCUMENT, encoding="utf-8")
    for name in "abcde":
        Image.new("RGB", (60, 40), (31, 78, 121)).save(folder / f"{name}.png")
    run_doit(project)
    return project / "build" / "xref"


def plain(text):
    """Running text: words broken at a line end by a hyphen joined again, spaces of any kind as one."""
    return " ".join(re.sub("[\u2010\u00ad-]\n", "", text).replace("\u00a0", " ").split())


def pdf_text(folder):
    return plain(subprocess.run(["pdftotext", str(folder / "xref.pdf"), "-"], capture_output=True, text=True,
                                check=True).stdout)


def pdf_headings(folder):
    with pikepdf.open(folder / "xref.pdf") as pdf, pdf.open_outline() as outline:
        return [(item.title, [child.title for child in item.children]) for item in outline.root]


def docx_paragraphs(folder):
    """Every paragraph's text and style, in reading order (table cells included)."""
    names = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    with zipfile.ZipFile(folder / "xref.docx") as package:
        body = lxml.etree.fromstring(package.read("word/document.xml"))
    paragraphs = []
    for paragraph in body.iter(f"{{{names}}}p"):
        style = paragraph.find(f"{{{names}}}pPr/{{{names}}}pStyle")
        paragraphs.append(("".join(paragraph.itertext()), style.get(f"{{{names}}}val") if style is not None else ""))
    return paragraphs


def html_page(folder):
    return lxml.html.fromstring((folder / "xref.html").read_bytes())


def numbers_agree(text, headings):
    """Each figure, table, equation and section number a reference gives is the one its target shows."""
    referenced = {name: number for name, number in REFERENCE.findall(text)}
    captioned = {name: number for kind, number, name in CAPTION.findall(text) if kind == "Figure"}
    captioned.update({name: f"{captioned['Outer']} ({letter})" for letter, name in SUBCAPTION.findall(text)})
    referenced = {name: " ".join(number.split()) for name, number in referenced.items()}
    assert referenced == {name: captioned[name] for name in referenced} and len(referenced) == 6
    tables = {name: number for kind, number, name in CAPTION.findall(text) if kind == "Table"}
    assert re.search(rf"The grouped tables are Table {tables['One']}, Table {tables['Two']}\.", text)
    shown = EQUATION_NUMBER.findall(text.split("First section", 1)[1])  # the numbers beside the formulas
    omega, psi = re.search(r"Omega is \((\d+)\), Psi is in Equation \((\d+)\)", text).groups()
    assert shown[:2] == [omega, psi]
    later, last = re.search(r"Later is in Section (\d+), Last in Section (\d+)", text).groups()
    assert (later, last) == ("2", "3")  # the interlude, marked {-}, is not counted
    shown = [" ".join(heading.replace("\u00a0", " ").split()) for heading in headings]
    assert {f"{later} Later section", f"{last} Last section", "1 First section", "An interlude"} <= set(shown)


def test_the_pdf_shows_each_reference_and_caption_with_one_number(built):
    headings = [title for title, _ in pdf_headings(built)]
    numbers_agree(pdf_text(built), headings)


def test_the_docx_shows_each_reference_and_caption_with_one_number(built):
    paragraphs = docx_paragraphs(built)
    numbers_agree(plain(" ".join(text for text, _ in paragraphs)),
                  [text for text, style in paragraphs if style == "Heading1"])


def test_the_web_page_shows_each_reference_and_caption_with_one_number(built):
    page = html_page(built)
    article = page.find(".//article")
    numbers_agree(plain(article.text_content()), [heading.text_content() for heading in article.iter("h2")])
    for link in page.iter("a"):  # each reference leads to the very element whose number it gives
        if "crossref" in (link.get("class") or "").split():
            assert page.get_element_by_id(link.get("href")[1:]) is not None


def test_the_epub_shows_each_reference_and_caption_with_one_number(built):
    pages = epub_pages(built / "xref.epub")
    text = plain(" ".join("".join(page.find("{*}body").itertext()) for page in pages))
    headings = ["".join(heading.itertext()) for page in pages for heading in page.iter("{*}h1")]
    numbers_agree(text, [heading for heading in headings if heading != "Cross-references in every syntax"])
