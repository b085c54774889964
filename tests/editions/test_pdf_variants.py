"""The PDF editions (publish/editions/pdf.py) in this process: the page (size and margins from the
settings and the house style, the side a right-to-left page binds on, wide tables), each variant's
fixed identifier, and the archival and printer's files rendered from the brief's parse. The PDF as a
reader gets it is in test_pdf.py."""

import dataclasses
import io
import json

import pikepdf
import pytest
from projects import SLUG, inside

from publish.editions import pdf, pdf_structure
from publish.editions.fragments import parsed as parsed_fragment
from publish.editions.pdf import page_css
from publish.house_style import load_house_style
from publish.paths import Publication


UNIT = Publication(SLUG)


def test_page_size_and_margins():
    house = load_house_style()
    page = house["page"]
    assert pdf.page_css(house, "a4") == (f"@page {{ size: A4; margin: {page['margin-top']} {page['margin-outer']} "
                                         f"{page['margin-bottom']} {page['margin-inner']}; }}\n")
    assert "size: letter;" in pdf.page_css(house, "letter")


def test_page_size_and_margins_come_from_settings_and_house_style():
    house = load_house_style()
    assert "size: letter;" in page_css(house, "letter") and "size: A4;" in page_css(house, "a4")
    assert house["page"]["margin-top"] in page_css(house, "a4")


def test_a_right_to_left_page_binds_on_the_right():
    house = load_house_style()
    house["page"].update({"margin-top": "20mm", "margin-bottom": "25mm", "margin-inner": "30mm", "margin-outer": "15mm"})
    assert "margin: 20mm 15mm 25mm 30mm;" in pdf.page_css(house, "a4") and "@top-left" not in pdf.page_css(house, "a4")
    rtl = pdf.page_css(house, "a4", "rtl")
    assert "margin: 20mm 30mm 25mm 15mm;" in rtl
    assert "@top-left { content: string(running-authors); } @top-right { content: string(running-title); }" in rtl


def test_a_table_of_many_columns_is_marked_wide():
    house = load_house_style()  # wide from 7 columns
    assert pdf.print_body("<p>No table.</p>", {"dir": "ltr", "lang": "en"}, house) == '<p data-block="0">No table.</p>'  # numbered
    fragment = ('<table><tr><th>1</th><th>2</th></tr><tr>' + "<td>c</td>" * 7 + '</tr></table>'
                '<table class="grid"><tr>' + "<td>c</td>" * 8 + '</tr></table>'
                '<table><tr>' + "<td>c</td>" * 6 + '</tr></table>')
    container = parsed_fragment(pdf.print_body(fragment, {"dir": "ltr", "lang": "en"}, house))
    assert [table.get("class") for table in container.iter("table")] == ["wide", "grid wide", None]
    assert [len(table.findall(".//td")) for table in container.iter("table")] == [7, 8, 6]


def test_each_variant_has_its_own_fixed_identifier():
    identifiers = {key: pdf.pdf_identifier(UNIT, variant) for key, variant in pdf.VARIANTS.items()}
    assert len(set(identifiers.values())) == 3 and all(len(value) == 32 for value in identifiers.values())
    assert identifiers["pdf"] == pdf.pdf_identifier(UNIT, pdf.VARIANTS["pdf"])
    assert pdf.pdf_identifier(Publication(SLUG, "fr"), pdf.VARIANTS["pdf"]) != identifiers["pdf"]
    assert {key: variant.pdf_variant for key, variant in pdf.VARIANTS.items()} == {"pdf": "pdf/ua-1", "pdfa": "pdf/a-3a",
                                                                                  "press": None}
    # The edition keeps the identifier its earlier builds had: a reader's software may know a document by its /ID.
    assert identifiers["pdf"] == b"8515ba13427d513ed7147c8bd4eb9ad1"
    with pytest.raises(dataclasses.FrozenInstanceError):  # the variants are shared: no build may change one
        pdf.VARIANTS["pdf"].attach_sources = True


def test_the_archival_pdf_carries_the_sources_as_the_parse_read_them(parsed, archival):
    with pikepdf.open(io.BytesIO(archival)) as document:
        attached = {name: file.get_file().read_bytes() for name, file in document.attachments.items()}
        assert document.open_metadata()["pdfaid:conformance"] == "A"
        assert str(document.docinfo["/Title"]).startswith("Engaging with the Taliban")
    sources = {item["name"]: item["text"].encode("utf-8") for item in json.loads((parsed / UNIT.sources).read_text())}
    assert attached == sources and set(sources) == {"index.md", "references.json"}
    assert b"/ObjStm" in archival  # compact: objects packed into compressed object streams


@pytest.fixture(scope="module")
def press(parsed):
    with inside(parsed):
        pdf.build_pdf(UNIT, "press")
        return UNIT.artifact("press").read_bytes()


def test_the_printers_file_is_tagged_described_and_carries_no_sources(press):
    with pikepdf.open(io.BytesIO(press)) as document:
        assert not document.attachments  # only the archival edition carries its sources
        kinds = [str(element.S) for element in pdf_structure.elements(document.Root.StructTreeRoot.K)]
        assert kinds[0] == "/Document" and kinds.count("/Note") == 4 and "/H1" in kinds
        assert document.open_metadata()["dc:language"] == {"en"}  # XMP metadata, which WeasyPrint leaves out here
        bleed, room = round(3 / 25.4 * 72, 3), round(10 / 25.4 * 72, 3)  # 3 mm round the A4 page, 10 for marks
        for page in document.pages:
            assert [round(float(value), 3) for value in page.obj.TrimBox] == [0, 0, 595.276, 841.89]
            assert [float(value) for value in page.obj.BleedBox] == pytest.approx(
                [-bleed, -bleed, 595.276 + bleed, 841.89 + bleed], abs=0.01)
            assert [float(value) for value in page.mediabox] == pytest.approx(
                [-room, -room, 595.276 + room, 841.89 + room], abs=0.01)
