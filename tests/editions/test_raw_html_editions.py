"""Raw HTML as a page written for Jekyll holds it (note calls written <sup id>, lists typed A or i, a
closing tag on an indented line), read back from the real HTML, PDF and DOCX editions.

No single module: the parse (publish/source/raw_html.py) and the print stylesheet (styles/print.css)."""

import shutil

import docx
import lxml.html
import pdfplumber
import pytest
from projects import copy_project, run_doit

SLUG = "jekyll-memo"
MEMO = """---
title: "A memo written for Jekyll"
author: "A. Author"
date: 2016-08-08
lang: en
---

Plain<sup>1</sup>, a call<sup id="fnr2"><a href="#fn2">2</a></sup>, <em id="e">held</em> and H<sub id="s">2</sub>O.

<ol type="A">
\t<li>Alpha item</li>
\t<li>Bravo item</li>
    </ol>

A)  First lettered
B)  Second lettered

<ol type="i">
<li>Roman one</li>
<li>Roman two</li>
</ol>

## After the lists

<ul>
<li id="fn2">The note text.</li>
</ul>
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("jekyll") / "project")
    shutil.rmtree(project / "source" / "engaging-with-the-taliban")
    (project / "source" / SLUG).mkdir()
    (project / "source" / SLUG / "index.md").write_text(MEMO, encoding="utf-8")
    run_doit(project, f"html:{SLUG}", f"pdf:{SLUG}", f"docx:{SLUG}")
    return {kind: project / "build" / SLUG / f"{SLUG}.{kind}" for kind in ("html", "pdf", "docx")}


def test_the_html_keeps_the_formatting_the_ids_the_list_types_and_the_heading(built):
    article = lxml.html.parse(str(built["html"])).getroot().find(".//main")
    assert [span.text_content() for span in article.xpath(".//sup/span[@id='fnr2']")] == ["2"]
    assert article.xpath(".//em/span[@id='e']") and article.xpath(".//sub/span[@id='s']")
    assert [ordered.get("type") for ordered in article.xpath(".//ol")] == ["A", "A", "i"]
    assert "After the lists" in [heading.text_content() for heading in article.xpath(".//h2")]
    assert not article.xpath(".//li//h2") and not article.xpath(".//pre")


def shift(page, text, before):
    """How far above its line (in points, below it if negative) the character `text` that follows
    `before` on a page stands, and whether it is smaller than the text before it."""
    characters = page.chars
    for index in range(len(characters) - len(before)):
        if "".join(character["text"] for character in characters[index:index + len(before)]) == before:
            after, previous = characters[index + len(before)], characters[index + len(before) - 1]
            assert after["text"] == text
            return previous["bottom"] - after["bottom"], after["size"] < previous["size"]
    raise AssertionError(f"{before!r} not found")


def test_the_pdf_raises_the_calls_and_numbers_the_lists_by_their_type(built):
    with pdfplumber.open(built["pdf"]) as pdf:
        text = " ".join(page.extract_text() or "" for page in pdf.pages)
        first = pdf.pages[0]
        for text_before, number in (("Plain", "1"), ("a call", "2")):
            up, smaller = shift(first, number, text_before)
            assert up > 1 and smaller, text_before
        down, smaller = shift(first, "2", "and H")
        assert down < -0.5 and smaller
    lines = [" ".join(line.split()) for line in text.splitlines()]
    for item in ("A. Alpha item", "B. Bravo item", "A. First lettered", "B. Second lettered", "i. Roman one",
                 "ii. Roman two"):
        assert item in lines, item


def test_the_docx_raises_the_calls_and_letters_its_lists(built):
    document = docx.Document(str(built["docx"]))
    runs = [run for paragraph in document.paragraphs for run in paragraph.iter_inner_content() if hasattr(run, "font")]
    runs += [run for paragraph in document.paragraphs for link in paragraph.hyperlinks for run in link.runs]
    raised_runs = [run.text for run in runs if run.font.superscript]
    assert {"1", "2"} <= set(raised_runs) and [run.text for run in runs if run.font.subscript] == ["2"]
    numbering = document.part.numbering_part.element
    formats = numbering.xpath(".//w:lvl[@w:ilvl='0']/w:numFmt/@w:val")
    assert "upperLetter" in formats and "lowerRoman" in formats
