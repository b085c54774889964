"""The DOCX edition as Word and LibreOffice see it: footnotes, styles, page set-up, properties."""

import re
import shutil
import subprocess
import tomllib
import zipfile

import docx
import pytest
from clients import open_xml_report
from lxml import etree
from projects import ROOT

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
HOUSE = tomllib.loads((ROOT / "styles" / "house.toml").read_text(encoding="utf-8"))
SECTIONS = ["Flawed assumption(s) and (lack of) leverage", "Towards pragmatic, piecemeal engagement"]


@pytest.fixture(scope="module")
def package(editions):
    with zipfile.ZipFile(editions["docx"]) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.fixture(scope="module")
def word(editions):
    return docx.Document(str(editions["docx"]))


def xml(package, name):
    return etree.fromstring(package[name])


def test_four_word_footnotes_with_superscript_marks(package, word):
    notes = [n for n in xml(package, "word/footnotes.xml").iter(f"{W}footnote") if int(n.get(f"{W}id")) > 0]
    assert len(notes) == 4
    references = list(xml(package, "word/document.xml").iter(f"{W}footnoteReference"))
    assert len(references) == 4 and "word/endnotes.xml" not in package
    for reference in references:
        assert reference.getparent().find(f"{W}rPr/{W}rStyle").get(f"{W}val") == "FootnoteReference"
    assert word.styles["Footnote Reference"].font.superscript
    for note in notes:
        assert {p.find(f"{W}pPr/{W}pStyle").get(f"{W}val") for p in note.iter(f"{W}p")} == {"FootnoteText"}


def test_title_block_headings_and_text_in_named_styles(word):
    styles = [(p.style.name, p.text) for p in word.paragraphs]
    assert styles[:7] == [
        ("Title", "Engaging with the Taliban"),
        ("Subtitle", "From Leverage and Isolation to Piecemeal Pragmatism"),
        ("Author", "Romain Malejacq"),
        ("Author Position", "Associate Professor"),
        ("Affiliation", "Centre for International Conflict Analysis & Management - Department of Political Science"),
        ("Affiliation", "Radboud University Nijmegen"),
        ("Date", "2024"),
    ]
    headings = [text for style, text in styles if style == "Heading 1"]
    assert headings == SECTIONS + ["Bibliography", "About this publication"]
    assert [style for style, text in styles if text.startswith("Since the Taliban")] == ["Body Text"]
    assert len([style for style, _ in styles if style == "Bibliography"]) == 2


def points(size):
    return float(size.removesuffix("pt"))


def rgb(name):
    return HOUSE["colours"][name].lstrip("#").upper()


def test_every_font_size_and_colour_of_the_house_style_is_in_the_named_styles(word):
    body, heading = HOUSE["fonts"]["body"]["family"], HOUSE["fonts"]["heading"]["family"]
    assert word.styles["Normal"].font.name == body
    for name in ("Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "Series", "Author Position", "Affiliation",
                 "header", "footer"):
        assert word.styles[name].font.name == heading, name
    sizes = {"Normal": "body", "Title": "title", "Subtitle": "subtitle", "Heading 1": "heading-1", "Heading 2": "heading-2",
             "Footnote Text": "note", "header": "running-head", "footer": "running-head"}
    for name, size in sizes.items():
        assert word.styles[name].font.size.pt == points(HOUSE["sizes"][size]), name
    colours = {"Normal": "text", "Title": "accent", "Heading 1": "accent", "Heading 2": "accent", "Series": "accent",
               "Hyperlink": "accent", "Author": "text", "Date": "muted", "Affiliation": "muted", "footer": "muted"}
    for name, tone in colours.items():
        assert str(word.styles[name].font.color.rgb) == rgb(tone), name


def test_spacing_and_indents_of_the_house_style_are_in_the_named_styles(word):
    body = points(HOUSE["sizes"]["body"])
    normal = word.styles["Normal"].paragraph_format
    assert normal.line_spacing == pytest.approx(float(HOUSE["spacing"]["line-height"]), abs=0.01)
    paragraph_em = float(HOUSE["spacing"]["paragraph"].removesuffix("em"))
    assert word.styles["Body Text"].paragraph_format.space_after.pt == pytest.approx(paragraph_em * body)
    indent_em = float(HOUSE["spacing"]["bibliography-indent"].removesuffix("em"))
    bibliography = word.styles["Bibliography"].paragraph_format
    assert bibliography.left_indent.pt == pytest.approx(indent_em * body)
    assert bibliography.first_line_indent.pt == pytest.approx(-indent_em * body)  # a hanging indent


def test_the_styles_pandoc_names_exist(word):
    names = {style.name for style in word.styles}
    assert {"Body Text", "Block Text", "Bibliography", "Hyperlink", "Footnote Reference", "Table", "Normal Table"} <= names


def test_an_open_xml_validator_finds_nothing_word_would_repair(editions):
    report = open_xml_report(editions["docx"])
    assert report["valid"] and report["error_count"] == report["warning_count"] == 0, report["errors"]


def test_no_direct_formatting_where_a_style_should_be(package):
    for part in ("word/document.xml", "word/footnotes.xml"):
        text = package[part].decode("utf-8")
        for tag in ("rFonts", "sz", "color", "jc", "ind", "spacing"):
            assert f"<w:{tag} " not in text, f"direct {tag} in {part}"


def test_page_set_up_from_series_settings_and_house_style(package):
    section = xml(package, "word/document.xml").find(f"{W}body/{W}sectPr")
    size = section.find(f"{W}pgSz")
    assert (size.get(f"{W}w"), size.get(f"{W}h")) == ("11906", "16838")  # A4
    margin = section.find(f"{W}pgMar")
    top_mm = float(HOUSE["page"]["margin-top"].removesuffix("mm"))
    assert int(margin.get(f"{W}top")) == round(top_mm * 1440 / 25.4)
    assert section.find(f"{W}titlePg") is not None  # page 1 has no header or footer


def part_for(package, section, kind):
    reference = section.find(f"{W}{kind}Reference")
    rels = xml(package, "word/_rels/document.xml.rels")
    [target] = [r.get("Target") for r in rels.iter(f"{RELS}Relationship") if r.get("Id") == reference.get(f"{R}id")]
    return xml(package, f"word/{target}")


def test_running_head_and_page_number_field_from_page_two(package):
    section = xml(package, "word/document.xml").find(f"{W}body/{W}sectPr")
    header = "".join(part_for(package, section, "header").itertext())
    assert header == "Engaging with the TalibanRomain Malejacq"
    footer = part_for(package, section, "footer")
    assert [i.text.strip() for i in footer.iter(f"{W}instrText")] == ["PAGE"]
    assert footer.find(f".//{W}pStyle").get(f"{W}val") == "Footer"


def test_document_properties(word, package, source_revision):
    core = word.core_properties
    assert core.title == "Engaging with the Taliban"
    assert core.author == "Romain Malejacq"
    assert core.subject == "From Leverage and Isolation to Piecemeal Pragmatism"
    assert core.language == "en" and "Taliban" in core.keywords
    assert core.created.year == 2024  # the publication's year, not the build time
    custom = xml(package, "docProps/custom.xml")
    values = {p.get("name"): "".join(p.itertext()) for p in custom}
    assert values["Edition date"] == "2024"
    assert values["Source revision"] == source_revision
    assert values["Publication"] == "engaging-with-the-taliban"  # where doit review puts a reviewed copy back


def test_links_are_web_addresses_only(package):
    rels = xml(package, "word/_rels/document.xml.rels")
    hyperlinks = [r.get("Target") for r in rels.iter(f"{RELS}Relationship") if r.get("Type").endswith("/hyperlink")]
    assert hyperlinks == ["https://www.lawfaremedia.org/article/why-international-leverage-has-failed-with-the-taliban"]
    assert "unresolved" not in package["word/document.xml"].decode() and 'w:anchor="#"' not in package["word/document.xml"].decode()


@pytest.fixture(scope="module")
def libreoffice(editions, tmp_path_factory):
    """The DOCX opened by LibreOffice and saved as PDF and as flat ODF."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is needed for this test: apt-get install libreoffice-writer-nogui"
    out = tmp_path_factory.mktemp("libreoffice")
    profile = f"-env:UserInstallation=file://{out}/profile"
    for target in ("pdf", "fodt"):
        process = subprocess.run([soffice, profile, "--headless", "--convert-to", target, "--outdir", str(out),
                                  str(editions["docx"])], capture_output=True, text=True, timeout=180)
        assert process.returncode == 0, process.stderr
    return out / f"{editions['docx'].stem}.pdf", out / f"{editions['docx'].stem}.fodt"


def test_libreoffice_opens_it_with_the_notes_as_footnotes(libreoffice):
    pdf, flat = libreoffice
    assert pdf.stat().st_size > 10_000
    text = flat.read_text(encoding="utf-8")
    assert len(re.findall(r'<text:note [^>]*text:note-class="footnote"', text)) == 4
    assert not re.findall(r'<text:note [^>]*text:note-class="endnote"', text)
    import pdfplumber

    with pdfplumber.open(pdf) as document:
        pages = [page.extract_text() or "" for page in document.pages]
    assert "This logic has been notably visible" in "".join(pages)
    assert any("Engaging with the Taliban" in page and "Romain Malejacq" in page for page in pages[1:]), "no running head"


def title_lines(authors, affiliations):
    """The DOCX title block of a publication by `authors` [(name, [affiliation numbers])], as (style, text)."""
    from publish.document import stringify
    from publish.editions.docx import title_block

    metadata = {"brand": {}, "series": "Briefs", "title": "T", "subtitle": "", "date_display": "1 May 2026",
                "affiliations": affiliations,
                "authors": [{"name": name, "position": "", "affiliation_numbers": numbers,
                             "affiliation": [affiliations[number - 1] for number in numbers]} for name, numbers in authors]}
    return [(dict(block["c"][0][2])["custom-style"], stringify(block["c"][1])) for block in title_block(metadata)]


def test_the_title_block_numbers_affiliations_only_when_several_authors_have_several():
    def names(lines):
        return [line for line in lines if line[0] in ("Author", "Affiliation")]

    assert names(title_lines([("Ann", [1])], ["Institute", "University"][:1])) == [
        ("Author", "Ann"), ("Affiliation", "Institute")]
    assert names(title_lines([("Ann", [1]), ("Bo", [1])], ["Institute"])) == [
        ("Author", "Ann"), ("Author", "Bo"), ("Affiliation", "Institute")]  # one, shared: no number
    assert names(title_lines([("Ann", [1, 2]), ("Bo", [2])], ["Institute", "University"])) == [
        ("Author", "Ann1,2"), ("Author", "Bo2"), ("Affiliation", "1Institute"), ("Affiliation", "2University")]
    assert title_lines([("Ann", [1])], ["Institute"])[0] == ("Series", "Briefs")
