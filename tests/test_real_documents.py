"""Real documents written for other tools (tests/documents/) build here with correct content: no
LaTeX or citation syntax left in any edition, every cross-reference's number equal to its target's,
the figures and formulas present in each edition, the headings in the source's order.

No single module: the whole pipeline on documents no one here wrote (the LaTeX labels are
publish/source/latex_labels.py's; the references publish/source/raw_latex.py's)."""

import json
import re
import shutil
import struct
import zipfile
import zlib
from pathlib import Path

import lxml.html
import pypandoc
import pytest
from projects import copy_project, run_doit
from readers import docx_text, pdf_pages_text

DOCUMENTS = Path(__file__).parent / "documents"
LEFT_OVER = re.compile(r"\\(label|autoref|ref|eqref|begin|end)\b|\?\?|(?<![\w.])@[A-Za-z]")


def stand_in_png():
    """A small image, where a document's own figure is not kept (see tests/documents/README.md)."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\x00" + b"\x20\x60\xa0" * 32 for _ in range(16))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 32, 16, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def adopt_bayeso(folder):
    """The JOSS paper as an author would bring it: its date written as the schema reads it, its
    language said; its figures' files (not kept) stood in for."""
    folder.mkdir(parents=True)
    text = (DOCUMENTS / "joss-bayeso" / "paper.md").read_text(encoding="utf-8")
    assert "\ndate: 6 December 2022\n" in text
    (folder / "index.md").write_text(text.replace("\ndate: 6 December 2022\n", "\ndate: 2022-12-06\nlang: en\n"),
                                     encoding="utf-8")
    shutil.copy(DOCUMENTS / "joss-bayeso" / "paper.bib", folder / "paper.bib")
    for name in re.findall(r"\]\((figures/[^)\s]+\.png)\)", text):
        (folder / name).parent.mkdir(exist_ok=True)
        (folder / name).write_bytes(stand_in_png())
    return text


@pytest.fixture(scope="module")
def bayeso(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("real") / "project")
    source = adopt_bayeso(project / "source" / "bayeso")
    check = run_doit(project, "check", "bayeso")
    run_doit(project, "html:bayeso", "pdf:bayeso", "docx:bayeso")
    return project / "build" / "bayeso", source, check.stdout


def test_the_joss_paper_checks_without_an_error_or_a_dropped_label(bayeso):
    _, _, checked = bayeso
    findings = [line for line in checked.splitlines() if line.startswith("source/bayeso/")]
    assert findings == [] and "0 errors" in checked


def test_no_latex_or_citation_syntax_is_left_in_any_edition(bayeso):
    folder, _, _ = bayeso
    page = lxml.html.parse(str(folder / "bayeso.html")).getroot().find(".//main")
    texts = {"html": page.text_content(), "docx": " ".join(docx_text(folder / "bayeso.docx").all_words),
             "pdf": " ".join(pdf_pages_text(folder / "bayeso.pdf"))}
    for edition, text in texts.items():
        assert not LEFT_OVER.search(text), (edition, LEFT_OVER.search(text))


def test_each_cross_reference_has_its_targets_number(bayeso):
    folder, _, _ = bayeso
    page = lxml.html.parse(str(folder / "bayeso.html")).getroot()
    captions = {figure.get("id"): figure.find(".//figcaption").text_content()
                for figure in page.iter("figure") if figure.get("id")}
    equations = {span.get("id"): span.xpath(".//*[contains(@class, 'equation-number')]")[0].text_content()
                 for span in page.xpath("//*[contains(@class, 'equation') and @id]")}
    references = [(link.get("href")[1:], link.text_content()) for link in page.xpath("//main//a[@href]")
                  if link.get("href").startswith(("#fig:", "#eq:"))]
    assert {target for target, _ in references} == {"fig:bo_steps", "fig:logo_bayeso", "eq:eqn:global_opt",
                                                    "eq:eqn:simple"}
    for target, shown in references:
        if target.startswith("fig:"):
            assert captions[target].startswith(shown + ":"), (target, shown)
        else:
            assert f"({shown.split()[-1]})" == equations[target], (target, shown)
    assert [captions[name].split(":")[0] for name in ("fig:bo_steps", "fig:logo_bayeso")] == ["Figure\xa01",
                                                                                             "Figure\xa02"]


def test_figures_and_formulas_are_in_every_edition_and_headings_in_order(bayeso):
    folder, source, _ = bayeso
    read = json.loads(pypandoc.convert_text(source, "json", format="markdown"))
    headings = [pypandoc.convert_text(json.dumps({**read, "blocks": [{"t": "Plain", "c": block["c"][2]}]}),
                                      "plain", format="json").strip()
                for block in read["blocks"] if block["t"] == "Header"]
    page = lxml.html.parse(str(folder / "bayeso.html")).getroot()
    shown = [heading.text_content().strip() for heading in page.xpath("//main//h1 | //main//h2")]
    assert [heading for heading in shown if heading in headings] == headings
    assert len(page.xpath("//main//figure//img")) == 2
    assert len(page.xpath("//main//*[local-name()='math'][@display='block']")) == source.count("\\begin{equation}")
    with zipfile.ZipFile(folder / "bayeso.docx") as archive:
        document = archive.read("word/document.xml").decode("utf-8")
    assert document.count("<a:blip ") == 2 and document.count("<m:oMathPara>") == source.count("\\begin{equation}")
    words = re.sub(r"<[^>]+>", "", document)
    assert "(1)" in words and "(2)" in words and re.search(r"Equation\s1\b", words)
    pdf = " ".join(pdf_pages_text(folder / "bayeso.pdf"))
    assert "Figure 1: Visualization" in pdf and "Figure 2: Logo of BayesO" in pdf
    assert "(1)" in pdf and "(2)" in pdf and "Equation 1" in pdf
