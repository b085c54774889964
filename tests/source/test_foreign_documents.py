"""A document written for plain pandoc (examples/from-plain-pandoc/) builds here as it is: a BibTeX
bibliography, a table pasted as HTML, a <script>, raw LaTeX, a note holding a list and code, a
chart saved as PDF, and a section that shows Markdown syntax in code. Read from its real editions.

No single module: what the source stage makes of a document written elsewhere, followed into every
edition."""

import re
import subprocess
import zipfile

import lxml.html
import pdfplumber
import pytest
from clients import in_browser, nu_errors, open_xml_report
from lxml import etree
from projects import EXAMPLES, run_doit
from readers import structure

SLUG = "from-plain-pandoc"
SOURCE = EXAMPLES / SLUG / "index.md"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TABLE = [["Format", "Extension", "Written by"], ["CSL-JSON", ".json", "Zotero, Mendeley"],
         ["CSL-YAML", ".yaml", "by hand, or pandoc"], ["BibLaTeX", ".bib", "Zotero, JabRef"],
         ["BibTeX", ".bibtex", "older tools a"]]
SCRIPT_MARK = "changed by a script"


@pytest.fixture(scope="module")
def built(examples_project):
    folder = examples_project / "build" / SLUG
    return {kind: folder / f"{SLUG}.{kind}" for kind in ("pdf", "docx", "html")}


def source_line(starting):
    """The number of the first line of the example's index.md that starts with `starting`."""
    lines = SOURCE.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if line.startswith(starting))


def bib_line(key):
    lines = (EXAMPLES / SLUG / "references.bib").read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if line.endswith(f"{{{key},"))


def test_the_pre_flight_prints_only_warnings_each_at_its_line(examples_project):
    result = run_doit(examples_project, "check")
    found = [line for line in result.stdout.splitlines() if line.startswith(f"source/{SLUG}/")]
    index, bib = f"source/{SLUG}/index.md", f"source/{SLUG}/references.bib"
    table, script, vspace = source_line("<table"), source_line("<script>"), source_line("\\vspace")
    assert found == [
        f"{index}:{table}:1: warning: raw HTML <table> loses its presentational attributes (border, style): "
        "the house style sets every edition [raw.html.presentational]",
        f"{index}:{table}:1: warning: the attribute 'onclick' of raw HTML <table> is removed: an event handler would "
        "run code [raw.html.removed]",
        f"{index}:{script}:1: warning: raw HTML <script> is removed with its content from every edition: it could run "
        "code, load something or not show the same in each edition [raw.html.removed]",
        f"{index}:{vspace}:1: warning: the LaTeX '\\vspace{{1em}}' has no meaning outside LaTeX: the editions leave it "
        "out (write it in Markdown) [raw.latex.dropped]",
        f"{bib}:{bib_line('macfarlane_pandoc')}:1: warning: entry 'macfarlane_pandoc': has no date ('issued'): "
        "citations will show 'n.d.' [bibliography.incomplete-entry]",
    ]


def test_the_script_is_in_no_edition(built):
    html = built["html"].read_text(encoding="utf-8")
    assert SCRIPT_MARK not in html and "onclick" not in html
    assert [script.get("type") for script in lxml.html.fromstring(html).iter("script")] == ["application/ld+json"]
    with zipfile.ZipFile(built["docx"]) as docx:
        assert not any(SCRIPT_MARK.encode() in docx.read(name) for name in docx.namelist())
    with pdfplumber.open(built["pdf"]) as pdf:
        assert not any(SCRIPT_MARK in (page.extract_text() or "") for page in pdf.pages)


# -- the pasted HTML table, a real table in each edition


def test_the_pasted_table_is_a_table_on_the_web(built):
    page = lxml.html.parse(str(built["html"])).getroot()
    tables = page.findall(".//table")
    assert len(tables) == 1
    rows = [[" ".join(cell.text_content().split()) for cell in row.iter("th", "td")] for row in tables[0].iter("tr")]
    assert rows == TABLE
    assert tables[0].find(".//thead/tr/th") is not None and tables[0].get("style") is None
    assert tables[0].find(".//sup").text == "a"


def test_the_pasted_table_is_a_word_table(built):
    with zipfile.ZipFile(built["docx"]) as docx:
        root = etree.fromstring(docx.read("word/document.xml"))
    tables = root.findall(f".//{W}tbl")
    assert len(tables) == 1
    rows = [["".join(node.text for node in cell.iter(f"{W}t")) for cell in row.findall(f"{W}tc")]
            for row in tables[0].findall(f"{W}tr")]
    assert rows == TABLE
    assert tables[0].find(f"{W}tblPr/{W}tblStyle").get(f"{W}val") == "Table"
    assert tables[0].find(f"{W}tr/{W}trPr/{W}tblHeader") is not None


def test_the_pasted_table_is_a_tagged_table_in_the_pdf(built):
    tree = structure(built["pdf"])
    kinds = [kind for _, kind, _, _ in tree]
    assert kinds.count("Table") == 1 and kinds.count("TH") == 3 and kinds.count("TD") == 12
    with pdfplumber.open(built["pdf"]) as pdf:
        lines = (pdf.pages[0].extract_text() or "").splitlines()
    assert [" ".join(line.split()) for line in lines if line.startswith(("Format", "CSL-", "Bib"))][:5] == [
        " ".join(row) for row in TABLE]


# -- raw LaTeX: mapped where it means something, dropped where it does not


def test_latex_commands_become_what_they_mean(built):
    page = lxml.html.parse(str(built["html"])).getroot()
    assert [em.text for em in page.iter("em") if em.text == "only"] == ["only"]  # \emph{only}
    reference = page.xpath("//a[contains(@class, 'crossref')]")[0]
    assert " ".join(reference.text_content().split()) == "Figure 1" and reference.get("href") == "#fig:sizes"
    prose = " ".join(element.text_content() for element in page.iter("p", "h1", "h2", "li", "td", "th"))
    assert not re.search(r"\\(autoref|newpage|emph|vspace)", prose)
    with pdfplumber.open(built["pdf"]) as pdf:
        pages = [page.extract_text() or "" for page in pdf.pages]
    # \newpage: the second section starts a page; the figure reference is its number
    lines = [line for line in pages[1].splitlines() if line.strip()]
    assert lines[1] == "The chart" and "The chart" not in pages[0]
    assert "Figure 1 shows the size of each edition" in pages[1]
    with zipfile.ZipFile(built["docx"]) as docx:
        body = etree.fromstring(docx.read("word/document.xml"))
    breaking = [paragraph for paragraph in body.iter(f"{W}p") if paragraph.find(f"{W}pPr/{W}pageBreakBefore") is not None]
    assert ["".join(node.text for node in paragraph.iter(f"{W}t")) for paragraph in breaking] == ["The chart"]
    assert not [br for br in body.iter(f"{W}br") if br.get(f"{W}type") == "page"]


def test_the_chart_saved_as_pdf_is_a_figure_in_every_edition(built):
    with pdfplumber.open(built["pdf"]) as pdf:
        assert len(pdf.pages[1].images) == 1
    figures = [node for _, kind, _, node in structure(built["pdf"]) if kind == "Figure"]
    assert [node.get("alt_text") for node in figures] == ["Size of each edition of the first brief, in kilobytes"]
    page = lxml.html.parse(str(built["html"])).getroot()
    assert page.get_element_by_id("fig:sizes").find(".//img").get("src").startswith("data:image/")
    with zipfile.ZipFile(built["docx"]) as docx:
        assert any(name.startswith("word/media/") for name in docx.namelist())


# -- the note that holds a list and code


def test_the_note_keeps_its_list_and_code_on_the_web(built):
    page = lxml.html.parse(str(built["html"])).getroot()
    note = page.get_element_by_id("fn2")
    assert [" ".join(item.text_content().split()) for item in note.findall(".//ul/li")] == [
        "bibliography: references.bib for one file;", "a list for several, one a line."]
    assert note.find(".//pre").text_content().splitlines() == ["bibliography:", "  - references.bib",
                                                                "  - more-references.json"]


def test_the_note_keeps_its_list_and_code_in_word(built):
    with zipfile.ZipFile(built["docx"]) as docx:
        notes = etree.fromstring(docx.read("word/footnotes.xml"))
    note = next(note for note in notes.findall(f"{W}footnote")
                if "A bibliography is named" in "".join(node.text or "" for node in note.iter(f"{W}t")))
    paragraphs = note.findall(f"{W}p")
    styles = [paragraph.find(f"{W}pPr/{W}pStyle").get(f"{W}val") for paragraph in paragraphs]
    assert styles == ["FootnoteText", "FootnoteText", "FootnoteText", "SourceCode"]
    assert all(paragraph.find(f"{W}pPr/{W}numPr") is not None for paragraph in paragraphs[1:3])  # a real list


def test_the_note_with_a_list_and_code_prints_at_the_foot_of_its_page(built):
    with pdfplumber.open(built["pdf"]) as pdf:
        page = pdf.pages[0]
        words = page.extract_words()
        table_bottom = max(word["bottom"] for word in words if word["text"] == "older")
        note_words = [word for word in words if word["top"] > table_bottom + 40]
    text = " ".join(word["text"] for word in note_words)
    assert re.search(r"2\. A bibliography is named .* • bibliography: references\.bib for one file; • a list for "
                     r"several, one a line\. bibliography: - references\.bib - more-references\.json 3\. Oren "
                     "Patashnik", text), text


# -- the section that shows Markdown syntax, and the BibTeX bibliography


def test_markdown_shown_in_code_stays_code(built):
    page = lxml.html.parse(str(built["html"])).getroot()
    blocks = [block.text_content() for block in page.iter("pre")]
    assert any("[^1]: The note, at the foot of the page in print." in block for block in blocks)
    assert any('<script>alert("code, never run")</script>' in block for block in blocks)
    assert len(page.xpath("//aside[@role='doc-footnote']")) == 4  # two notes of the text, two citations


def test_the_bibtex_entries_are_cited_in_every_edition(built):
    page = lxml.html.parse(str(built["html"])).getroot()
    bibliography = " ".join(page.get_element_by_id("refs").text_content().split())
    assert "Patashnik, Oren. BibTeXing. 1988." in bibliography and "Version 0.31.2" in bibliography
    with zipfile.ZipFile(built["docx"]) as docx:
        assert b"Patashnik" in docx.read("word/document.xml")
    with pdfplumber.open(built["pdf"]) as pdf:
        assert "Patashnik, Oren. BibTeXing. 1988." in pdf.pages[1].extract_text()


def test_a_date_written_today_is_the_day_of_the_last_commit(examples_project, built):
    committed = subprocess.run(["git", "log", "-1", "--format=%cs", "--", f"source/{SLUG}"], cwd=examples_project,
                               capture_output=True, text=True, check=True).stdout.strip()
    page = lxml.html.parse(str(built["html"])).getroot()
    published = page.xpath("//meta[@name='citation_publication_date']")[0].get("content")
    assert published == committed.replace("-", "/")


def test_the_web_page_passes_the_nu_checker(built):
    assert nu_errors(built["html"]) == []


def test_an_open_xml_validator_finds_nothing_word_would_repair(built):
    report = open_xml_report(built["docx"])
    assert report["valid"] and report["error_count"] == report["warning_count"] == 0, report["errors"]


@pytest.fixture(scope="module")
def browser_report(built, tmp_path_factory):
    return in_browser(built["html"], tmp_path_factory.mktemp("plain-pandoc-screenshots"))


def test_sidenotes_that_hold_lists_and_code_do_not_overlap(browser_report):
    notes = browser_report["wide"]["layout"]["notes"]
    assert len(notes) == 4
    for above, below in zip(notes, notes[1:]):
        assert above["box"]["y"] + above["box"]["height"] <= below["box"]["y"], "sidenotes overlap"


@pytest.mark.parametrize("view", ["wide", "phone", "dark"])
def test_the_web_page_has_no_wcag_22_violation(browser_report, view):
    assert browser_report[view]["violations"] == []
