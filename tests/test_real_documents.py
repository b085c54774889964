"""Real documents written for other tools (tests/documents/) build here with correct content: no
LaTeX or citation syntax left in any edition's text (outside code, where a document shows its
syntax), every cross-reference's number equal to its target's, the figures and formulas present
in each edition, the headings in the source's order.

No single module: the whole pipeline on documents no one here wrote (the LaTeX labels are
publish/source/latex_labels.py's; the references publish/source/raw_latex.py's)."""

import json
import re
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

import lxml.html
import pypandoc
import pytest
from PIL import Image
from projects import copy_project, run_doit
from readers import pdf_pages_text

from publish.document import iterate, stringify

DOCUMENTS = Path(__file__).parent / "documents"
LEFT_OVER = re.compile(r"\\(label|autoref|ref|eqref|begin|end)\b|\?\?|(?<![\w.])@[A-Za-z]")
IMAGE = re.compile(r"\]\(([^)\s#:]+\.(?:png|jpe?g|gif|pdf))\s*\)")
NUMBER = re.compile(r"\(?(\d+(?:\.\d+)*(?: \([a-z]\))?)\)?$")  # '2', '2.1', '6 (b)', '(3)' ending a reference


@dataclass(frozen=True)
class Document:
    slug: str
    folder: str  # in tests/documents/
    text: str = "paper.md"
    warnings: frozenset = frozenset()  # the codes `doit check` may report for it (the document's own gaps)
    added: str = ""  # front-matter lines an author adds after adopting it, as `doit adopt` asked
    replaced: tuple = ()  # (as written, as corrected) in its front matter, where `doit check` found it wrong
    figures: bool = True  # it has figures and cross-references (a memo has neither)


ADOPTED = (
    Document("bayeso", "joss-bayeso"),
    Document("inara", "joss-inara", warnings=frozenset({"bibliography.uncited", "bibliography.incomplete-entry",
                                                        "front-matter.unknown-key"})),
    # its authorless front matter completed, and the one citation it makes on purpose of a key it lacks given
    Document("crossref-demo", "pandoc-crossref-demo", "demo.md",
             frozenset({"front-matter.unknown-key"}),
             "author: Nikolay Yakimov\ndate: 2026\nreferences:\n  - {id: unprocessedCitation, type: book, "
             "title: A book, author: [{family: Doe}], issued: {date-parts: [[2020]]}}\n"),
    Document("jasa", "quarto-jasa", "template.qmd", frozenset({"front-matter.unknown-key", "date.uncommitted"})),
    # its ORCID placeholder (12 digits, no iD) left out; the two works it cites by keys its .bib spells
    # otherwise ('Kirschmer:2010:AEI:...') given under the keys it cites them by
    Document("acm", "quarto-acm", "template.qmd",
             frozenset({"front-matter.unknown-key", "bibliography.uncited", "bibliography.incomplete-entry",
                        "div.unknown-class"}),
             "date: 2023-01-12\nreferences:\n  - {id: Kirschmer-2010-AEI-1958016-1958018, type: article-journal, "
             "title: Algorithmic Enumeration of Ideal Classes for Quaternion Orders, container-title: SIAM J. Comput., "
             "author: [{family: Kirschmer, given: Markus}, {family: Voight, given: John}], "
             "issued: {date-parts: [[2010]]}}\n  - {id: 2004-ITE-1009386-1010128, type: paper-conference, "
             "title: IEEE TCSC Executive Committee, author: [{literal: IEEE}], issued: {date-parts: [[2004]]}}\n",
             (("    orcid: 1234-5678-9012\n", ""),)),
    # a thesis folder its Makefile orders, with its metadata.yml: the author's name and language added
    Document("phd-thesis", "phd-thesis-markdown", ".", frozenset({"front-matter.unknown-key", "raw.latex.dropped",
                                                                  "bibliography.uncited"}),
             "lang: en\n"),
    # a Jekyll site's pages, adopted as a folder: the memo's signatory and date added, as adopting asked
    Document("m-16-21", "whitehouse-m-16-21", ".", frozenset({"front-matter.unknown-key", "raw.html.presentational"}),
             'author: "Tony Scott"\ndate: 2016-08-08\n', figures=False),
)


def stage(document, folder):
    """The document as its repository holds it, in a folder of its own outside the project: its text and
    bibliography as kept, its figures (not kept, see tests/documents/README.md) stood in for by small
    images of the same names and formats."""
    shutil.copytree(DOCUMENTS / document.folder, folder)
    text = "".join(path.read_text(encoding="utf-8") for path in sorted(folder.rglob("*.*md")))
    for number, name in enumerate(sorted(set(IMAGE.findall(text)))):
        if not (folder / name).exists():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            Image.new("RGB", (48, 24), (40 * number % 256, 120, 200)).save(folder / name)  # PNG, JPEG or PDF
    return folder / document.text


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """{slug: (its build folder, its source as written, what `doit adopt` printed, what `doit check` then
    printed)}: each document adopted
    with `doit adopt`, into a project whose series says the language (as a series of English papers
    would), then built."""
    root = tmp_path_factory.mktemp("real")
    project = copy_project(root / "project")
    shutil.rmtree(project / "source" / "engaging-with-the-taliban")
    with open(project / "source" / "series.yaml", "a", encoding="utf-8") as series:
        series.write("\nlang: en\n")
    found = {}
    for document in ADOPTED:
        paper = stage(document, root / "elsewhere" / document.folder)
        adopted = run_doit(project, "adopt", str(paper), "--slug", document.slug)
        index = project / "source" / document.slug / "index.md"
        text = index.read_text(encoding="utf-8").replace("---\n", "---\n" + document.added, 1)
        for written, corrected in document.replaced:
            assert text.index(written) < text.index("\n---\n")  # in the front matter, never the text
            text = text.replace(written, corrected, 1)
        index.write_text(text, encoding="utf-8")
        checked = run_doit(project, "check", document.slug, check=False)
        written = paper.read_text(encoding="utf-8") if paper.is_file() else text  # a folder: its chapters joined
        found[document.slug] = (project / "build" / document.slug, written, adopted.stdout, checked.stdout)
    run_doit(project, *(f"{task}:{document.slug}" for document in ADOPTED for task in ("html", "pdf", "docx")))
    return found


def main_of(folder, slug):
    return lxml.html.parse(str(folder / f"{slug}.html")).getroot().find(".//main")


def prose(element):
    """An element's text without its code, where a document may show LaTeX or Markdown as written, and
    without a formula's TeX source (the MathML annotation a reader's software may read)."""
    for code in element.xpath(".//code | .//pre | .//*[local-name()='annotation']"):
        code.drop_tree()
    return element.text_content()


@pytest.mark.parametrize("document", ADOPTED, ids=lambda document: document.slug)
def test_it_is_adopted_and_checks_without_an_error_and_with_only_its_own_gaps(built, document):
    _, _, adopted, checked = built[document.slug]
    codes = {line.rsplit("[", 1)[1].rstrip("]") for line in checked.splitlines()
             if line.startswith(f"source/{document.slug}/")}
    assert f"adopt: wrote source/{document.slug}/index.md" in adopted
    assert "0 errors" in checked and codes <= document.warnings, checked
    assert f"source/{document.slug}/index.md:1:1:" not in checked  # each finding at its place, none at the top


@pytest.mark.parametrize("document", ADOPTED, ids=lambda document: document.slug)
def test_no_latex_or_citation_syntax_is_left_in_any_edition(built, document):
    folder, _, _, _ = built[document.slug]
    with zipfile.ZipFile(folder / f"{document.slug}.docx") as archive:
        docx = etree_text(archive.read("word/document.xml"))
    texts = {"html": prose(main_of(folder, document.slug)), "docx": docx,
             "pdf": " ".join(pdf_pages_text(folder / f"{document.slug}.pdf"))}
    code_shown = {match.group(0) for match in LEFT_OVER.finditer(main_of(folder, document.slug).text_content())}
    for edition, text in texts.items():
        left = {match.group(0) for match in LEFT_OVER.finditer(text)}
        assert not left if edition == "html" else left <= code_shown, (edition, left)


def etree_text(xml):
    """A DOCX part's text, its code (the 'Verbatim Char' and 'Source Code' styles) left out."""
    from lxml import etree

    root = etree.fromstring(xml)
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    for run in root.iter(f"{w}r"):
        style = run.find(f"{w}rPr/{w}rStyle")
        if style is not None and style.get(f"{w}val") in ("VerbatimChar",):
            run.getparent().remove(run)
    return " ".join(text.text or "" for text in root.iter(f"{w}t"))


def number_of(target):
    """The number a figure's, a table's or an equation's own caption or mark gives it: a subfigure's,
    '(b)' under its figure's, is '6 (b)'."""
    if target.tag == "figure":
        caption = " ".join(target.xpath("./figcaption")[0].text_content().split())
        if caption.startswith("("):
            return f"{number_of(target.xpath('ancestor::figure[1]')[0])} {caption.split()[0]}"
        return caption.split(":")[0].split()[-1]
    if target.tag == "table":
        return target.find(".//caption").text_content().split(":")[0].split()[-1]
    return target.xpath(".//*[contains(@class, 'equation-number')]")[0].text_content().strip("()")


@pytest.mark.parametrize("document", [document for document in ADOPTED if document.figures],
                         ids=lambda document: document.slug)
def test_each_cross_reference_has_its_targets_number(built, document):
    folder, _, _, _ = built[document.slug]
    main = main_of(folder, document.slug)
    targets = {element.get("id"): element for element in main.xpath(".//figure[@id] | .//table[@id] | "
                                                                     ".//*[contains(@class, 'equation')][@id]")}
    references = [(link.get("href")[1:], link.text_content()) for link in main.xpath(".//a[@href]")
                  if link.get("href")[1:] in targets and "crossref" in (link.get("class") or "")]
    assert references
    for target, shown in references:
        assert NUMBER.search(" ".join(shown.split())).group(1) == number_of(targets[target]), (target, shown)


def squeezed(text):
    return "".join(text.split())


@pytest.mark.parametrize("document", ADOPTED, ids=lambda document: document.slug)
def test_the_text_reads_in_the_order_written_in_every_edition(built, document):
    """Each paragraph of plain words in the source (most of them) is in the web page and the PDF, once,
    after the one before it: nothing lost, doubled or moved (raw HTML blocks around them included)."""
    folder, source, _, _ = built[document.slug]
    read = json.loads(pypandoc.convert_text(source, "json", format="markdown"))
    plain = {"Str", "Space", "SoftBreak", "Emph", "Strong"}
    paragraphs = [squeezed(pypandoc.convert_text(json.dumps({**read, "blocks": [block]}), "plain", format="json"))
                  for block in read["blocks"] if block["t"] == "Para"
                  and all(inline["t"] in plain for inline in iterate(block["c"]))
                  and not stringify(block).startswith(("Listing:", ": "))]  # a caption of the block after it
    assert len(paragraphs) >= 3
    pdf = squeezed(" ".join(pdf_pages_text(folder / f"{document.slug}.pdf")).replace("\u00ad", ""))
    for edition, text in (("html", squeezed(main_of(folder, document.slug).text_content())), ("pdf", pdf)):
        place = 0
        for paragraph in paragraphs:
            words = paragraph[:60] if edition == "html" else re.sub(r"[-‐]", "", paragraph[:60])
            found = (text if edition == "html" else re.sub(r"[-‐]", "", text)).find(words, place)
            assert found >= place, (edition, paragraph[:60])
            place = found


@pytest.mark.parametrize("document", ADOPTED, ids=lambda document: document.slug)
def test_figures_and_formulas_are_in_every_edition_and_headings_in_order(built, document):
    folder, source, _, _ = built[document.slug]
    read = json.loads(pypandoc.convert_text(source, "json", format="markdown"))
    headings = [squeezed(pypandoc.convert_text(json.dumps({**read, "blocks": [{"t": "Plain", "c": block["c"][2]}]}),
                                               "plain", format="json"))
                for block in read["blocks"] if block["t"] == "Header"]
    main = main_of(folder, document.slug)
    for number in main.xpath(".//*[contains(@class, 'section-number')]"):  # "2.1 Method" is the heading "Method"
        number.drop_tree()
    shown = [squeezed(heading.text_content())
             for heading in main.xpath(".//h1 | .//h2 | .//h3 | .//h4 | .//h5 | .//h6")]
    assert [heading for heading in shown if heading in headings] == headings
    if not document.figures:
        return
    images = len([element for element in iterate(read["blocks"]) if element["t"] == "Image"])
    formulas = len(main.xpath(".//*[local-name()='math'][@display='block']"))
    assert len(main.xpath(".//img")) == images
    with zipfile.ZipFile(folder / f"{document.slug}.docx") as archive:
        docx = archive.read("word/document.xml").decode("utf-8")
    numbered = docx.count('<w:pStyle w:val="Equation"/>')  # a numbered formula: its paragraph, number at the margin
    assert docx.count("<m:oMathPara>") + numbered == formulas and docx.count("<pic:pic>") == images
    tables = len([element for element in iterate(read["blocks"]) if element["t"] == "Table"])
    assert len(main.xpath(".//table")) >= tables and docx.count("<w:tbl>") >= tables
    assert not re.search(r'<w:pStyle w:val="SourceCode"/><w:jc ', docx)  # code, a listing's too, is never centred
    pdf = " ".join(pdf_pages_text(folder / f"{document.slug}.pdf"))
    figures = len([caption for caption in main.xpath(".//figcaption") if caption.text_content().startswith("Figure")])
    assert figures and all(f"Figure {number}:" in pdf for number in range(1, figures + 1))
    numbered_tables = len([caption for caption in main.xpath(".//table/caption")
                           if caption.text_content().startswith("Table")])
    assert all(f"Table {number}:" in pdf for number in range(1, numbered_tables + 1))
    numbered = len(main.xpath(".//*[contains(@class, 'equation-number')]"))
    assert all(f"({number})" in pdf for number in range(1, numbered + 1))
