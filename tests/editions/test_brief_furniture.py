"""The furniture of a policy brief (summary, boxes, quotations, authors, dates) and the house fonts
inside the DOCX, read from the real editions of examples/brief-furniture/ and of a variant of it
with two ORCID iDs and a full date.

No single module: the furniture is made once by the source stage (publish/source/furniture.py) and
drawn by each edition; this is the editions stage, read back from the editions."""

import json
import re
import shutil
import subprocess
import zipfile

import lxml.html
import pdfplumber
import pytest
from clients import in_browser, libreoffice_pdf, nu_errors
from lxml import etree
from projects import copy_built, run_doit
from readers import structure

EXAMPLE = "brief-furniture"
VARIANT = "brief-furniture-variant"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
SECOND_ORCID = "0000-0000-0000-0001"  # a placeholder with a valid check digit, for the tests only


@pytest.fixture(scope="module")
def project(examples_project, tmp_path_factory):
    """A copy of the built examples (the session's stay as they are), and a variant of this one: both authors
    with ORCID iDs, dated 2026-03-15."""
    project = copy_built(examples_project, tmp_path_factory.mktemp("furniture") / "project")
    source = project / "source"
    if not (source / VARIANT).exists():
        shutil.copytree(source / EXAMPLE, source / VARIANT)
        index = source / VARIANT / "index.md"
        text = index.read_text(encoding="utf-8")
        text = text.replace('date: "2026-11-28"', 'date: "2026-03-15"')
        text = text.replace('    position: "Second example author"\n', f'    position: "Second example author"\n'
                                                                           f'    orcid: "{SECOND_ORCID}"\n'
                                                                           '    affiliation: "A second institution"\n')
        text = text.replace('    affiliation: "An example publication of this repository"\n    bio: |\n      *Example',
                            '    bio: |\n      *Example')
        index.write_text(text, encoding="utf-8")
        run_doit(project)
    return project


def edition(project, slug, kind):
    return project / "build" / slug / f"{slug}.{kind}"


@pytest.fixture(scope="module")
def pdf_text(project):
    with pdfplumber.open(edition(project, VARIANT, "pdf")) as pdf:
        return [" ".join((page.extract_text() or "").split()) for page in pdf.pages]


def test_the_pre_flight_has_nothing_to_say_of_the_example(project):
    result = run_doit(project, "check")
    assert [line for line in result.stdout.splitlines() if line.startswith(f"source/{EXAMPLE}/")] == []


def test_the_date_reads_as_the_language_writes_it(pdf_text, project):
    assert "March 15, 2026" in pdf_text[0] and "2026-03-15" not in " ".join(pdf_text)
    page = lxml.html.parse(str(edition(project, VARIANT, "html"))).getroot()
    [time] = page.xpath("//header[@class='title-block']//time")
    assert (time.get("datetime"), time.text) == ("2026-03-15", "March 15, 2026")
    core = zipfile.ZipFile(edition(project, VARIANT, "docx")).read("docProps/core.xml").decode()
    assert "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2026-03-15T00:00:00Z</dcterms:created>" in core


def test_the_pdf_has_every_part_in_its_place(pdf_text):
    text = " ".join(pdf_text)
    order = ["The Parts of a Policy Brief", "Summary Policy briefs share a shape", "Key points • The summary comes first",
             "Recommendations 1. Write the key points", "How the boxes are designed Each kind of box",
             "A note in Quarto’s form This callout", "— World Wide Web Consortium, WCAG 2.2",
             "A pull quote repeats a line", "Written just above its sentence", "Bibliography", "About the authors Josiah Carberry, Example author",
             "About this publication"]
    positions = [text.find(part) for part in order]
    assert -1 not in positions, [part for part, position in zip(order, positions) if position < 0]
    assert positions == sorted(positions)


def test_boxes_are_shaded_in_their_house_colours_and_titled_in_the_tags(project):
    import tomllib

    house = tomllib.loads((project / "styles" / "house.toml").read_text(encoding="utf-8"))
    with pdfplumber.open(edition(project, VARIANT, "pdf")) as pdf:
        page = pdf.pages[0]
        fills = {tuple(round(value, 2) for value in rect["non_stroking_color"]) for rect in page.rects
                 if rect.get("non_stroking_color") and rect["width"] > 200}
    key_points = tuple(round(int(house["boxes"]["key-points"]["background"][i:i + 2], 16) / 255, 2) for i in (1, 3, 5))
    assert key_points in fills
    headings = [node.get("type") for _, kind, _, node in structure(edition(project, VARIANT, "pdf")) if kind.startswith("H")]
    assert headings.count("H3") >= 3  # box titles, one level below their section's H2


@pytest.fixture(scope="module")
def page(project):
    return lxml.html.parse(str(edition(project, VARIANT, "html"))).getroot()


def test_html_boxes_are_named_notes_and_the_summary_is_described(page):
    boxes = page.xpath("//div[contains(concat(' ', @class, ' '), ' box ')]")
    assert len(boxes) == 4
    for box in boxes:
        assert box.get("role") == "note"
        [title] = page.xpath(f"//*[@id='{box.get('aria-labelledby')}']")
        assert title.tag in ("h2", "h3", "h4") and title.text_content().strip()
    summary = " ".join(page.get_element_by_id("summary").text_content().split())
    assert summary.startswith("Summary Policy briefs share a shape")
    [description] = page.xpath("//meta[@name='description']/@content")
    assert description.startswith("Policy briefs share a shape: a summary up front")
    assert page.xpath("//meta[@name='citation_abstract']/@content") == [description]
    assert page.xpath("//div[@class='attribution']//text()")


def test_html_names_each_author_with_their_orcid(page):
    assert page.xpath("//meta[@name='citation_author_orcid']/@content") == [
        "https://orcid.org/0000-0002-1825-0097", f"https://orcid.org/{SECOND_ORCID}"]
    data = json.loads(page.xpath("//script[@type='application/ld+json']")[0].text)
    assert [author.get("sameAs") for author in data["author"]] == [["https://orcid.org/0000-0002-1825-0097"],
                                                                   [f"https://orcid.org/{SECOND_ORCID}"]]
    assert data["abstract"].startswith("Policy briefs share a shape")
    links = [a.get("href") for a in page.get_element_by_id("about-authors").iter("a")]
    assert links == ["https://orcid.org/0000-0002-1825-0097", f"https://orcid.org/{SECOND_ORCID}"]
    marks = [sup.text for sup in page.xpath("//header//p[@class='author-name']/sup")]
    assert marks == ["1", "2"]  # two institutions, each named once in the title block
    assert [" ".join(p.text_content().split()) for p in page.xpath("//header//div[@class='affiliations']/p")] == [
        "1An example publication of this repository", "2A second institution"]


def test_html_is_valid_and_accessible(project):
    html = edition(project, EXAMPLE, "html")
    assert nu_errors(html) == []
    report = in_browser(html)
    assert [report[view]["violations"] for view in ("wide", "phone", "dark")] == [[], [], []]


@pytest.fixture(scope="module")
def docx(project):
    with zipfile.ZipFile(edition(project, VARIANT, "docx")) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_docx_furniture_is_in_named_styles_without_direct_formatting(docx):
    document = etree.fromstring(docx["word/document.xml"])
    styles = [p.get(f"{W}val") for p in document.iter(f"{W}pStyle")]
    for style in ("AbstractTitle", "Abstract", "KeyPointsTitle", "KeyPoints", "RecommendationsTitle", "Recommendations",
                  "BoxTitle", "Box", "NoteTitle", "Note", "QuotationSource", "PullQuote"):
        assert style in styles, style
    assert styles.count("KeyPoints") == 3  # the list's items are in the box, not 'Compact'
    for tag in ("rFonts", "sz", "color", "jc", "ind", "spacing", "shd", "pBdr"):
        assert not document.findall(f".//{W}pPr/{W}{tag}"), tag
    core = docx["docProps/core.xml"].decode()
    assert "<dc:description>Policy briefs share a shape: a summary up front" in core


def test_docx_carries_the_house_fonts_as_word_embeds_them(docx):
    table = etree.fromstring(docx["word/fontTable.xml"])
    relationships = {r.get("Id"): r.get("Target") for r in etree.fromstring(docx["word/_rels/fontTable.xml.rels"])}
    embedded = {}
    for font in table.iter(f"{W}font"):
        for embed in font:
            if embed.tag.startswith(f"{W}embed"):
                embedded.setdefault(font.get(f"{W}name"), []).append(embed.tag.removeprefix(f"{W}embed"))
                key = embed.get(f"{W}fontKey")
                assert re.fullmatch(r"\{[0-9A-F-]{36}\}", key)
                data = docx[f"word/{relationships[embed.get(f'{R}id')]}"]
                key_bytes = bytes.fromhex(key.strip("{}").replace("-", ""))[::-1]
                head = bytes(byte ^ key_bytes[index % 16] for index, byte in enumerate(data[:32]))
                assert head[:4] == b"\x00\x01\x00\x00", "the part is not an obfuscated TrueType font"
    assert embedded["Noto Serif"] == ["Regular", "Bold", "Italic", "BoldItalic"]
    assert embedded["Noto Sans"] == ["Regular", "Bold", "Italic"]
    assert b"<w:embedTrueTypeFonts/>" in docx["word/settings.xml"]
    assert b'Extension="odttf"' in docx["[Content_Types].xml"]


def test_libreoffice_without_noto_installed_sets_the_docx_in_the_house_fonts(project, tmp_path):
    installed = subprocess.run(["fc-list", ":family=Noto Serif"], capture_output=True, text=True).stdout
    assert installed.strip() == "", "this test needs a machine without the Noto fonts installed"
    exported = libreoffice_pdf(edition(project, EXAMPLE, "docx"), tmp_path)
    fonts = subprocess.run(["pdffonts", str(exported)], capture_output=True, text=True).stdout
    names = {line.split()[0].split("+")[-1] for line in fonts.splitlines()[2:]}
    assert {"NotoSerif-Regular", "NotoSans-Bold", "NotoSans-Regular"} <= names, names
