"""The editions' functions run in this process on the brief's parsed files: fast enough to run for
every mutant of publish/editions/ in the mutation tests, and precise about what each function owes."""

import dataclasses
import io
import json
import os
import zipfile
from contextlib import contextmanager

import lxml.html
import pikepdf
import pytest
from lxml import etree
from projects import SLUG, copy_project

from publish.editions import docx_package, docx_reference, docx_styles, html, pdf, pdf_structure
from publish.editions.fragments import finished
from publish.editions.local_files import local_files_only
from publish.editions.fragments import parsed as parsed_fragment
from publish.house_style import load_house_style
from publish.paths import REFERENCE_DOCX, Publication
from publish.source.parse import parse_publication

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
UNIT = Publication(SLUG)


@contextmanager
def inside(folder):
    before = os.getcwd()
    os.chdir(folder)
    try:
        yield folder
    finally:
        os.chdir(before)


@pytest.fixture(scope="module")
def parsed(tmp_path_factory):
    """A copy of the project in which the brief is parsed (build/<slug>/.work/), not yet rendered."""
    project = copy_project(tmp_path_factory.mktemp("units"))
    with inside(project):
        parse_publication(UNIT)
    return project


@pytest.fixture
def project(parsed):
    with inside(parsed):
        yield parsed


def para(*inlines):
    return {"t": "Para", "c": list(inlines)}


def words(text):
    inlines = []
    for word in text.split():
        inlines += [{"t": "Space"}] if inlines else []
        inlines.append({"t": "Str", "c": word})
    return inlines


def note(*blocks):
    return {"t": "Note", "c": list(blocks)}


# -- HTML


@pytest.fixture(scope="module")
def page(parsed):
    with inside(parsed):
        html.build_html(UNIT)
        return lxml.html.parse(str(UNIT.artifact("html"))).getroot()


def test_each_note_follows_the_paragraph_that_calls_it(page):
    asides = page.xpath("//article/aside[@role='doc-footnote']")
    assert [aside.get("id") for aside in asides] == [f"fn{n}" for n in range(1, 5)]
    for number, aside in enumerate(asides, start=1):
        calling = aside.getprevious()
        assert calling.xpath(f".//a[@id='fnref{number}']"), f"note {number} is not after its paragraph"
        assert aside.find("span").text == f"{number}." and aside.get("class") == "footnote"
    assert not page.xpath("//section[@id='footnotes']")


def test_a_fragment_without_notes_is_left_as_it_is():
    assert finished("<p>No note here.</p>", html.place_notes_beside_text) == "<p>No note here.</p>"


def test_a_note_called_inside_a_list_follows_the_whole_list():
    fragment = ('<ul><li>item<a href="#fn1" class="footnote-ref" id="fnref1" role="doc-noteref"><sup>1</sup></a></li></ul>'
                '<p>after</p><section id="footnotes" class="footnotes footnotes-end-of-document" role="doc-endnotes">'
                '<ol><li id="fn1"><p>The note.<a href="#fnref1" class="footnote-back" role="doc-backlink">↩</a></p></li>'
                '</ol></section>')
    container = parsed_fragment(finished(fragment, html.place_notes_beside_text))
    assert [child.tag for child in container] == ["ul", "aside", "p"]
    assert container[1].xpath(".//a[@role='doc-backlink']")[0].get("aria-label") == "Back to the text at note 1"


def test_each_table_scrolls_in_a_named_focusable_region_of_its_own():
    from publish.labels import Labels

    fragment = ("<p>a</p><table><caption>Provinces\n and   districts</caption><tr><td>x</td></tr></table><p>b</p>"
                "<table><tr><td>y</td></tr></table>")
    container = parsed_fragment(finished(fragment, lambda body: html.make_tables_scroll(body, Labels("fr"))))
    assert [child.tag for child in container] == ["p", "div", "p", "div"]
    boxes = container.findall("div")
    assert [dict(box.attrib) for box in boxes] == [
        {"class": "table-scroll", "role": "region", "tabindex": "0", "aria-label": "Provinces and districts"},
        {"class": "table-scroll", "role": "region", "tabindex": "0", "aria-label": "Tableau\u00a02"}]  # no caption: its number
    assert [[child.tag for child in box] for box in boxes] == [["table"], ["table"]]
    assert [box[0].findtext(".//td") for box in boxes] == ["x", "y"]


def test_the_page_links_its_editions_and_citations_by_their_registered_names(page):
    links = [(a.get("href"), a.text) for a in page.xpath("//nav[@class='edition-links']//a")]
    assert links == [(f"{SLUG}.pdf", "PDF"), (f"{SLUG}.docx", "DOCX"), (f"{SLUG}.epub", "EPUB"), (f"{SLUG}.ris", "RIS"),
                     (f"{SLUG}.bib", "BibTeX"), (f"{SLUG}.json", "CSL-JSON")]
    assert page.xpath("//meta[@name='citation_pdf_url']/@content") == [f"{SLUG}.pdf"]
    data = json.loads(page.xpath("//script[@type='application/ld+json']")[0].text)
    assert [item["contentUrl"] for item in data["encoding"]] == [f"{SLUG}.pdf", f"{SLUG}.docx", f"{SLUG}.epub"]


def test_the_page_carries_its_policy_styles_and_font_subsets(page):
    [policy] = page.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
    assert policy.startswith("default-src 'none';") and "script-src" not in policy
    css = page.find(".//style").text
    assert "--font-body:" in css and css.count("@font-face") >= 5
    assert css.count("data:font/woff2;base64,") == css.count("@font-face")
    assert "url(fonts/" not in css  # no font is fetched from a file


def test_the_faces_a_page_needs():
    from publish.editions.web_fonts import faces_used, page_characters

    plain = faces_used("<p>text</p>")
    assert ("body", "bold") not in plain and ("heading", "bold") in plain and ("body", "italic") in plain
    assert ("body", "bold") in faces_used("<strong>x</strong>") and ("body", "bold-italic") not in faces_used("<b>x</b>")
    assert ("body", "bold-italic") in faces_used("<strong>x</strong><em>y</em>")
    characters = page_characters("ğ")
    assert "ğ" in characters and "A" in characters and "é" in characters and "“" in characters
    assert characters == "".join(sorted(set(characters))) and page_characters("abc") == page_characters("")


# -- PDF


def test_notes_become_spans_at_their_calls_and_long_ones_split():
    document = {"meta": {}, "blocks": [para(*words("Call one."), note(para(*words("first note"))),
                                            *words(" and two."), note(para(*words("a b c d e f")), para(*words("g h"))))]}
    whole = pdf.notes_to_footnotes(document)["blocks"][0]["c"]
    spans = [inline for inline in whole if inline["t"] == "Span"]
    assert [span["c"][0][2] for span in spans] == [[["note", "1"]], [["note", "2"]]]
    assert [inline["t"] for inline in spans[1]["c"][1]].count("LineBreak") == 1  # two paragraphs, one break
    assert pdf.note_word_counts(document) == {"1": 2, "2": 8}
    cut = [inline for inline in pdf.notes_to_footnotes(document, cuts={"2": 3})["blocks"][0]["c"] if inline["t"] == "Span"]
    assert [span["c"][0][1] for span in cut] == [["footnote"], ["footnote"], ["footnote", "footnote-continued"]]
    assert [inline["c"] for inline in cut[1]["c"][1] if inline["t"] == "Str"] == ["a", "b", "c"]
    assert cut[2]["c"][0][2] == [["note", "2-continued"]]


def test_page_size_and_margins():
    house = load_house_style()
    page = house["page"]
    assert pdf.page_css(house, "a4") == (f"@page {{ size: A4; margin: {page['margin-top']} {page['margin-outer']} "
                                         f"{page['margin-bottom']} {page['margin-inner']}; }}\n")
    assert "size: letter;" in pdf.page_css(house, "letter")


def test_a_right_to_left_page_binds_on_the_right():
    house = load_house_style()
    house["page"].update({"margin-top": "20mm", "margin-bottom": "25mm", "margin-inner": "30mm", "margin-outer": "15mm"})
    assert "margin: 20mm 15mm 25mm 30mm;" in pdf.page_css(house, "a4") and "@top-left" not in pdf.page_css(house, "a4")
    rtl = pdf.page_css(house, "a4", "rtl")
    assert "margin: 20mm 30mm 25mm 15mm;" in rtl
    assert "@top-left { content: string(running-authors); } @top-right { content: string(running-title); }" in rtl


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


def test_a_table_of_many_columns_is_marked_wide():
    house = load_house_style()  # wide from 7 columns
    assert pdf.print_body("<p>No table.</p>", {"dir": "ltr"}, house) == "<p>No table.</p>"  # as pandoc wrote it
    fragment = ('<table><tr><th>1</th><th>2</th></tr><tr>' + "<td>c</td>" * 7 + '</tr></table>'
                '<table class="grid"><tr>' + "<td>c</td>" * 8 + '</tr></table>'
                '<table><tr>' + "<td>c</td>" * 6 + '</tr></table>')
    container = parsed_fragment(pdf.print_body(fragment, {"dir": "ltr"}, house))
    assert [table.get("class") for table in container.iter("table")] == ["wide", "grid wide", None]
    assert [len(table.findall(".//td")) for table in container.iter("table")] == [7, 8, 6]


@pytest.mark.filterwarnings("ignore:path is deprecated:DeprecationWarning")  # ziamath, as it loads its own files
def test_formulas_print_as_images_in_the_house_math_font_size_and_colour(project):
    import base64

    metadata = json.loads(UNIT.metadata.read_text(encoding="utf-8"))
    house = load_house_style()
    document = {"pandoc-api-version": [1, 23, 1], "meta": {},
                "blocks": [para({"t": "Str", "c": "Area"}, {"t": "Space"}, {"t": "Math", "c": [{"t": "InlineMath"}, "r^2"]})]}
    printed = lxml.html.fromstring(pdf.print_html(document, metadata, house))
    [image] = printed.xpath("//img[contains(@class, 'math')]")
    assert not printed.xpath("//math") and image.get("alt") == "r^2" and image.get("class") == "math inline"
    svg = base64.b64decode(image.get("src").removeprefix("data:image/svg+xml;base64,")).decode("utf-8")
    assert house["colours"]["text"] in svg
    height = float(image.get("style").split("height: ")[1].split("px")[0])
    assert 10 < height < 20  # r squared at 10pt (13.3px), not at a default size


def test_the_fetcher_serves_the_allowed_folders_and_nothing_else(tmp_path):
    allowed = tmp_path / "allowed"
    allowed.mkdir()
    (allowed / "ok.css").write_text("p {}")
    (tmp_path / "secret.txt").write_text("secret")
    fetcher = local_files_only([allowed])
    assert fetcher.fetch((allowed / "ok.css").as_uri()) is not None
    versioned = fetcher.fetch((allowed / "ok.css").as_uri() + "?v=2")  # a query names no other file
    assert versioned.read() == b"p {}"
    versioned.close()
    for url in ((tmp_path / "secret.txt").as_uri(), f"{(tmp_path / 'secret.txt').as_uri()}?{allowed / 'ok.css'}",
                "http://127.0.0.1:9/x.png", "https://example.org/x.css"):
        with pytest.raises(ValueError, match="blocked"):
            fetcher.fetch(url)


@pytest.fixture(scope="module")
def archival(parsed):
    with inside(parsed):
        pdf.build_pdf(UNIT, "pdfa")
        return UNIT.artifact("pdfa").read_bytes()


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
        bleed = round(3 / 25.4 * 72, 3)  # 3 mm round the A4 page
        for page in document.pages:
            assert [round(float(value), 3) for value in page.obj.TrimBox] == [0, 0, 595.276, 841.89]
            assert [float(value) for value in page.mediabox] == pytest.approx([-bleed, -bleed, 595.276 + bleed, 841.89 + bleed],
                                                                              abs=0.01)


def test_the_structure_is_finished_once_and_stays_so(archival):
    once = pdf_structure.finish_structure(archival)
    assert pdf_structure.finish_structure(once) == once  # nothing left to finish
    with pikepdf.open(io.BytesIO(archival)) as document:
        kinds = [str(element.S) for element in pdf_structure.elements(document.Root.StructTreeRoot.K)]
        assert kinds.count("/Note") == 4 and kinds[0] == "/Document"
        ids = [str(element.ID) for element in pdf_structure.elements(document.Root.StructTreeRoot.K) if element.S == "/Note"]
        assert ids == ["note-1", "note-2", "note-3", "note-4"]
        reached = pdf_structure.tagged_content(document)
        for index, page in enumerate(document.pages):
            marked = [operands for operands, operator in pikepdf.parse_content_stream(page) if str(operator) == "BDC"]
            assert all((page.obj.objgen, int(operands[1].MCID)) in reached for operands in marked)
            parents = document.Root.StructTreeRoot.ParentTree.Nums[2 * index + 1]
            furniture = sum(1 for parent in parents if parent is None)
            assert furniture == (0 if index == 0 else 3), f"page {index + 1}"  # running head (two parts), page number


def test_a_pdf_without_tags_is_left_as_it_is():
    untagged = pikepdf.new()
    untagged.add_blank_page()
    output = io.BytesIO()
    untagged.save(output)
    assert pdf_structure.finish_structure(output.getvalue()) == output.getvalue()


def tagged_pdf(pages=5):
    """A small tagged PDF shaped as WeasyPrint writes them: on each page a paragraph the structure tree
    reaches (MCID 0; its /K written each way the PDF format allows) and a running head it does not
    (MCID 1), and a marked-content point; the last page's footnote area (a NonStruct) holds two notes
    and content of its own."""
    Dictionary, Array, Name = pikepdf.Dictionary, pikepdf.Array, pikepdf.Name
    document_pdf = pikepdf.new()
    for _ in range(pages):
        document_pdf.add_blank_page()
    root = document_pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    document = document_pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document, P=root))
    children, numbers = Array(), Array()
    for index, page in enumerate(document_pdf.pages):
        content = (b"/P <</MCID 0>> BDC BT (Text) Tj ET EMC\n/Span <</MCID 1>> BDC BT (Running head) Tj ET EMC\n"
                   b"/Span <</MCID 9>> DP\n")
        kids = [0, Array([0]), Dictionary(Type=Name.MCR, Pg=page.obj, MCID=0),
                Array([Dictionary(Type=Name.MCR, Pg=page.obj, MCID=0)])][index % 4]
        paragraph = document_pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.P, P=document, Pg=page.obj, K=kids))
        children.append(paragraph)
        parents = Array([paragraph, paragraph])
        if index == pages - 1:
            content += b"".join(b"/Span <</MCID %d>> BDC BT (Note) Tj ET EMC\n" % mcid for mcid in (2, 3, 4))
            area = document_pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.NonStruct, P=document, Pg=page.obj))
            notes = [document_pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.P, P=area, Pg=page.obj,
                                                           K=Array([mcid]))) for mcid in (2, 3)]
            area.K = Array([*notes, 4])  # the area holds marked content of its own, beside its notes
            children.append(area)
            parents.extend([*notes, area])
        page.obj.Contents = document_pdf.make_stream(content)
        page.obj.StructParents = index
        numbers.extend([index, parents])
    document.K = children
    root.K = Array([document])
    root.ParentTree = Dictionary(Nums=numbers)
    document_pdf.Root.StructTreeRoot = root
    document_pdf.Root.MarkInfo = Dictionary(Marked=True)
    output = io.BytesIO()
    document_pdf.save(output, deterministic_id=True)
    return output.getvalue()


def marked_content(page):
    return [(str(operator), [str(operand) if isinstance(operand, pikepdf.Name) else operand.get("/MCID", None)
                             if isinstance(operand, pikepdf.Dictionary) else operand for operand in operands])
            for operands, operator in pikepdf.parse_content_stream(page) if str(operator) in ("BDC", "BMC", "DP", "EMC")]


def test_content_no_element_reaches_becomes_an_artifact_on_every_page():
    pages = 5
    with pikepdf.open(io.BytesIO(pdf_structure.finish_structure(tagged_pdf(pages)))) as finished:
        parents = finished.Root.StructTreeRoot.ParentTree.Nums
        for index, page in enumerate(finished.pages):
            expected = [("BDC", ["/P", 0]), ("EMC", []), ("BMC", ["/Artifact"]), ("EMC", []), ("DP", ["/Span", 9])]
            if index == pages - 1:
                expected += [("BDC", ["/Span", mcid]) if n % 2 == 0 else ("EMC", []) for mcid in (2, 3, 4) for n in (0, 1)]
            assert marked_content(page) == expected, f"page {index + 1}"  # a marked-content point stays one
            assert page.obj.Contents.get("/Filter") == "/FlateDecode"  # the rewritten stream compressed again
            mapping = parents[2 * index + 1]
            assert parents[2 * index] == index and mapping[1] is None, f"page {index + 1}"
            assert mapping[0].S == "/P" and mapping[0].Pg.objgen == page.obj.objgen
        notes = [element for element in pdf_structure.elements(finished.Root.StructTreeRoot.K) if element.S == "/Note"]
        assert [str(note.ID) for note in notes] == ["note-1", "note-2"]
        [area] = [element for element in pdf_structure.elements(finished.Root.StructTreeRoot.K) if element.S == "/NonStruct"]
        assert area.K[2] == 4


def test_the_finished_pdf_is_identified_by_its_content_not_by_the_clock():
    import time

    while True:  # two documents finished within one second: a clock-seeded identifier would be the same for both
        second = int(time.time())
        one, two = (pdf_structure.finish_structure(tagged_pdf(pages)) for pages in (1, 2))
        if int(time.time()) == second:
            break
    identifiers = []
    for data in (one, two):
        with pikepdf.open(io.BytesIO(data)) as finished:
            identifiers.append(bytes(finished.trailer.ID[1]))
    assert identifiers[0] != identifiers[1]
    assert pdf_structure.finish_structure(tagged_pdf(1)) == one


# -- DOCX reference styles


@pytest.fixture(scope="module")
def styles(parsed):
    with inside(parsed):
        docx_reference.build_reference_docx()
        with zipfile.ZipFile(REFERENCE_DOCX) as archive:
            return etree.fromstring(archive.read("word/styles.xml"))


def style(styles, style_id):
    return styles.find(f"{W}style[@{W}styleId='{style_id}']")


def prop(styles, style_id, path, attribute="val"):
    element = style(styles, style_id).find(path)
    return None if element is None else element.get(f"{W}{attribute}")


def test_the_reference_carries_the_house_fonts_sizes_and_colours(styles):
    house = load_house_style()
    body, heading = house["fonts"]["body"]["family"], house["fonts"]["heading"]["family"]
    defaults = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    assert {defaults.find(f"{W}rFonts").get(f"{W}{a}") for a in ("ascii", "hAnsi", "eastAsia")} == {body}
    # complex scripts (Persian, Arabic) in the house's Arabic-script font, as the CSS stacks fall back to it
    assert defaults.find(f"{W}rFonts").get(f"{W}cs") == house["fonts"]["arabic"]["family"]
    assert prop(styles, "Heading1", f"{W}rPr/{W}rFonts", "cs") == house["fonts"]["arabic"]["family"]
    assert defaults.find(f"{W}color").get(f"{W}val") == house["colours"]["text"].lstrip("#").upper()
    for style_id in ("Title", "Subtitle", "Heading1", "Heading2", "Heading3", "Series", "AuthorPosition", "Affiliation",
                     "Header", "Footer"):
        assert prop(styles, style_id, f"{W}rPr/{W}rFonts", "ascii") == heading, style_id
    sizes = {"Normal": "body", "Title": "title", "Subtitle": "subtitle", "Heading1": "heading-1", "Heading2": "heading-2",
             "Heading3": "body", "FootnoteText": "note", "Header": "running-head", "Footer": "running-head"}
    for style_id, size in sizes.items():
        expected = str(round(float(house["sizes"][size].removesuffix("pt")) * 2))
        assert prop(styles, style_id, f"{W}rPr/{W}sz") == prop(styles, style_id, f"{W}rPr/{W}szCs") == expected, style_id
    accent, muted, text = (house["colours"][tone].lstrip("#").upper() for tone in ("accent", "muted", "text"))
    for style_id in ("Title", "Subtitle", "Heading1", "Heading2", "Heading3", "Series", "Hyperlink"):
        assert prop(styles, style_id, f"{W}rPr/{W}color") == accent, style_id
    for style_id in ("AuthorPosition", "Affiliation", "Header", "Footer", "Date"):
        assert prop(styles, style_id, f"{W}rPr/{W}color") == muted, style_id
    assert prop(styles, "Author", f"{W}rPr/{W}color") == text


def test_the_reference_carries_the_title_block_look_and_the_spacing(styles):
    house = load_house_style()
    for style_id in ("Heading1", "Heading2", "Heading3", "Author"):
        assert style(styles, style_id).find(f"{W}rPr/{W}b") is not None, style_id
    assert style(styles, "Series").find(f"{W}rPr/{W}caps") is not None
    for style_id in ("Series", "Author", "AuthorPosition", "Affiliation"):
        assert (prop(styles, style_id, f"{W}pPr/{W}spacing", "before"), prop(styles, style_id, f"{W}pPr/{W}spacing", "after")) \
            == ("0", "0"), style_id
    assert (prop(styles, "Date", f"{W}pPr/{W}spacing", "before"), prop(styles, "Date", f"{W}pPr/{W}spacing", "after")) \
        == ("160", "360")
    for style_id in ("Title", "Subtitle", "Author", "Date", "Abstract"):
        assert prop(styles, style_id, f"{W}pPr/{W}jc") == "left", style_id
    assert prop(styles, "Footer", f"{W}pPr/{W}jc") == "center"
    assert prop(styles, "Normal", f"{W}pPr/{W}spacing", "line") == str(round(240 * float(house["spacing"]["line-height"])))
    assert prop(styles, "Normal", f"{W}pPr/{W}spacing", "lineRule") == "auto"
    assert (prop(styles, "BodyText", f"{W}pPr/{W}spacing", "before"), prop(styles, "BodyText", f"{W}pPr/{W}spacing", "after")) \
        == ("0", "100")
    assert (prop(styles, "Bibliography", f"{W}pPr/{W}ind", "left"), prop(styles, "Bibliography", f"{W}pPr/{W}ind", "hanging")) \
        == ("300", "300")


def test_the_styles_the_reference_adds_are_named_based_and_shown(styles):
    for style_id, name, based_on, *_ in docx_reference.ADDED_STYLES:
        element = style(styles, style_id)
        assert element.find(f"{W}name").get(f"{W}val") == name and element.find(f"{W}basedOn").get(f"{W}val") == based_on
    added = style(styles, "Series")
    assert added.get(f"{W}type") == "paragraph" and added.get(f"{W}customStyle") == "1" and added.find(f"{W}qFormat") is not None
    normal_table = style(styles, "TableNormal")
    assert normal_table.get(f"{W}type") == "table" and normal_table.find(f"{W}name").get(f"{W}val") == "Normal Table"
    margins = normal_table.find(f"{W}tblPr/{W}tblCellMar")
    assert [(side.tag.removeprefix(W), side.get(f"{W}w")) for side in margins] == [("top", "0"), ("left", "108"),
                                                                                     ("bottom", "0"), ("right", "108")]


def test_the_styles_part_is_a_standalone_document_declaring_word_2010_ignorable(project, styles):
    with zipfile.ZipFile(REFERENCE_DOCX) as archive:
        part = archive.read("word/styles.xml")
    assert part.startswith(b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n")
    assert styles.nsmap["w14"] == docx_reference.W14 and styles.nsmap["mc"] == docx_reference.MC
    assert styles.get(f"{{{docx_reference.MC}}}Ignorable") == "w14"


def test_every_property_stands_where_the_schema_orders_it(styles):
    orders = {"rPr": docx_styles.RUN_ORDER, "pPr": docx_styles.PARAGRAPH_ORDER}
    for tag, order in orders.items():
        for properties in styles.iter(f"{W}{tag}"):
            names = [etree.QName(child) for child in properties if isinstance(child.tag, str)]
            ranks = [order.index(name.localname) if name.namespace == W[1:-1] else len(order) for name in names]
            assert ranks == sorted(ranks), [name.localname for name in names]


def table_style_parts(element):
    return [etree.tostring(part) for part in element if etree.QName(part).localname in ("tblPr", "tblStylePr")]


def test_the_house_table_styles(styles):
    table = style(styles, "Table")
    assert [etree.QName(child).localname for child in table].count("rPr") == 1
    assert [etree.QName(child).localname for child in table].count("tblPr") == 1
    assert table.get(f"{W}default") == "1"  # pandoc's tables take it
    numbers = f"{{{docx_reference.W14}}}"
    run = [(etree.QName(child).localname, child.get(f"{W}val") or child.get(f"{numbers}val") or child.get(f"{W}ascii"))
           for child in table.find(f"{W}rPr")]
    assert run == [("rFonts", "Noto Sans"), ("sz", "18"), ("szCs", "18"), ("numForm", "lining"), ("numSpacing", "tabular")]
    properties = table.find(f"{W}tblPr")
    assert prop(styles, "Table", f"{W}tblPr/{W}tblStyleRowBandSize") == "1"
    assert (prop(styles, "Table", f"{W}tblPr/{W}tblInd", "w"), prop(styles, "Table", f"{W}tblPr/{W}tblInd", "type")) == ("0", "dxa")
    rules = [(etree.QName(side).localname, side.get(f"{W}val"), side.get(f"{W}sz"), side.get(f"{W}space"), side.get(f"{W}color"))
             for side in properties.find(f"{W}tblBorders")]
    assert rules == [("top", "single", "6", "0", "1A1A1A"), ("bottom", "single", "6", "0", "1A1A1A")]  # 0.75pt, no vertical
    margins = [(etree.QName(side).localname, side.get(f"{W}w"), side.get(f"{W}type")) for side in properties.find(f"{W}tblCellMar")]
    assert margins == [("top", "36", "dxa"), ("left", "90", "dxa"), ("bottom", "36", "dxa"), ("right", "90", "dxa")]
    header, band = table.findall(f"{W}tblStylePr")
    assert header.get(f"{W}type") == "firstRow" and header.find(f"{W}rPr/{W}b") is not None
    rule = header.find(f"{W}tcPr/{W}tcBorders/{W}bottom")
    assert (rule.get(f"{W}val"), rule.get(f"{W}sz"), rule.get(f"{W}color")) == ("single", "4", "1A1A1A")
    assert header.find(f"{W}tcPr/{W}vAlign").get(f"{W}val") == "bottom"
    shading = band.find(f"{W}tcPr/{W}shd")
    assert band.get(f"{W}type") == "band2Horz" and (shading.get(f"{W}val"), shading.get(f"{W}fill")) == ("clear", "F0F3F7")
    wide = style(styles, "WideTable")
    assert (wide.get(f"{W}type"), wide.get(f"{W}customStyle"), wide.get(f"{W}default")) == ("table", "1", None)
    assert wide.find(f"{W}name").get(f"{W}val") == "Wide Table"
    assert (prop(styles, "WideTable", f"{W}rPr/{W}sz"), prop(styles, "WideTable", f"{W}rPr/{W}szCs")) == ("15", "15")
    assert prop(styles, "Table", f"{W}rPr/{W}sz") == "18"  # a copy, not the same element
    assert table_style_parts(wide) == table_style_parts(table)  # the whole house table, header and bands included
    for style_id, name, size in (("TableText", "Table Text", "18"), ("WideTableText", "Wide Table Text", "15")):
        element = style(styles, style_id)
        assert (element.get(f"{W}type"), element.find(f"{W}name").get(f"{W}val"), prop(styles, style_id, f"{W}basedOn")) \
            == ("paragraph", name, "Normal")
        spacing = element.find(f"{W}pPr/{W}spacing")
        assert {key.removeprefix(W): value for key, value in spacing.attrib.items()} == \
            {"before": "0", "after": "60", "line": "264", "lineRule": "auto"}
        assert prop(styles, style_id, f"{W}rPr/{W}rFonts", "ascii") == "Noto Sans"
        assert prop(styles, style_id, f"{W}rPr/{W}sz") == prop(styles, style_id, f"{W}rPr/{W}szCs") == size


@pytest.mark.parametrize("weight", ["normal", "400", "500", "lighter"])  # a regular face
def test_a_plain_house_table_has_no_bold_header_and_no_bands(styles, weight):
    import copy

    house = load_house_style()
    plain = {**house, "table": {**house["table"], "header-weight": weight, "zebra": "none"}}
    again = copy.deepcopy(styles)
    docx_reference.table_style(again, plain)
    header, = style(again, "Table").findall(f"{W}tblStylePr")
    assert header.get(f"{W}type") == "firstRow" and header.find(f"{W}rPr") is None
    assert header.find(f"{W}tcPr/{W}tcBorders/{W}bottom") is not None  # the rule under it stays


@pytest.mark.parametrize("weight", ["bold", "bolder", "501", "600", "700", "900"])  # the bold face
def test_a_bold_header_weight_in_any_css_form_is_bold_in_word(styles, weight):
    import copy

    house = load_house_style()
    again = copy.deepcopy(styles)
    docx_reference.table_style(again, {**house, "table": {**house["table"], "header-weight": weight}})
    header = style(again, "Table").find(f"{W}tblStylePr")
    assert header.get(f"{W}type") == "firstRow" and header.find(f"{W}rPr/{W}b") is not None


def test_a_property_created_in_its_place_goes_before_the_first_that_must_follow_it():
    parent = etree.fromstring(f'<w:pPr xmlns:w="{W[1:-1]}"><w:pStyle/><w:spacing/><w:jc/></w:pPr>')
    created = docx_styles.child(parent, "keepNext", before=("spacing", "jc"))
    assert [etree.QName(element).localname for element in parent] == ["pStyle", "keepNext", "spacing", "jc"]
    assert docx_styles.child(parent, "keepNext", before=("spacing", "jc")) is created  # found, not made twice
    docx_styles.child(parent, "rPr")
    assert etree.QName(parent[-1]).localname == "rPr"  # nothing must follow it: last


def test_the_furniture_styles(styles):
    house = load_house_style()
    for kind, box in house["boxes"].items():
        name = " ".join(word.capitalize() for word in kind.split("-"))
        body, title = name.replace(" ", ""), name.replace(" ", "") + "Title"
        rule, background = box["rule"].lstrip("#").upper(), box["background"].lstrip("#").upper()
        assert style(styles, body).find(f"{W}name").get(f"{W}val") == name
        side = style(styles, body).find(f"{W}pPr/{W}pBdr/{W}left")
        assert (side.get(f"{W}val"), side.get(f"{W}sz"), side.get(f"{W}space"), side.get(f"{W}color")) == ("single", "20", "8", rule)
        assert [etree.QName(child).localname for child in style(styles, body).find(f"{W}pPr/{W}pBdr")] == ["left"]
        assert prop(styles, body, f"{W}pPr/{W}shd", "fill") == background and prop(styles, body, f"{W}pPr/{W}shd") == "clear"
        assert (prop(styles, body, f"{W}pPr/{W}spacing", "before"), prop(styles, body, f"{W}pPr/{W}spacing", "after")) == ("0", "80")
        assert (prop(styles, body, f"{W}pPr/{W}ind", "left"), prop(styles, body, f"{W}pPr/{W}ind", "right")) == ("240", "240")
        assert prop(styles, body, f"{W}rPr/{W}rFonts", "ascii") == "Noto Sans"
        assert style(styles, title).find(f"{W}name").get(f"{W}val") == f"{name} Title"
        assert prop(styles, title, f"{W}basedOn") == body and style(styles, title).find(f"{W}pPr/{W}keepNext") is not None
        assert style(styles, title).find(f"{W}rPr/{W}b") is not None and prop(styles, title, f"{W}rPr/{W}color") == rule
    accent = house["colours"]["accent"].lstrip("#").upper()
    assert style(styles, "AbstractTitle").find(f"{W}pPr/{W}keepNext") is not None
    assert style(styles, "AbstractTitle").find(f"{W}rPr/{W}b") is not None
    assert prop(styles, "AbstractTitle", f"{W}rPr/{W}rFonts", "ascii") == "Noto Sans"
    assert prop(styles, "AbstractTitle", f"{W}rPr/{W}color") == accent
    assert prop(styles, "QuotationSource", f"{W}basedOn") == "BlockText" and prop(styles, "QuotationSource", f"{W}pPr/{W}jc") == "right"
    assert prop(styles, "QuotationSource", f"{W}rPr/{W}rFonts", "ascii") == "Noto Sans"
    rule = house["quotes"]["pull-rule"].lstrip("#").upper()
    rules = [(etree.QName(side).localname, side.get(f"{W}val"), side.get(f"{W}sz"), side.get(f"{W}space"), side.get(f"{W}color"))
             for side in style(styles, "PullQuote").find(f"{W}pPr/{W}pBdr")]
    assert rules == [("top", "single", "8", "6", rule), ("bottom", "single", "8", "6", rule)]
    assert (prop(styles, "PullQuote", f"{W}pPr/{W}spacing", "before"), prop(styles, "PullQuote", f"{W}pPr/{W}spacing", "after")) \
        == ("360", "360")
    assert (prop(styles, "PullQuote", f"{W}pPr/{W}ind", "left"), prop(styles, "PullQuote", f"{W}pPr/{W}ind", "right")) == ("680", "680")
    assert prop(styles, "PullQuote", f"{W}rPr/{W}rFonts", "ascii") == "Noto Sans"
    assert prop(styles, "PullQuote", f"{W}rPr/{W}color") == accent
    size = str(round(float(house["quotes"]["pull-size"].removesuffix("pt")) * 2))
    assert prop(styles, "PullQuote", f"{W}rPr/{W}sz") == prop(styles, "PullQuote", f"{W}rPr/{W}szCs") == size


def test_captions_and_code(styles):
    house = load_house_style()
    assert style(styles, "Caption").find(f"{W}rPr/{W}i") is None  # upright
    assert prop(styles, "Caption", f"{W}rPr/{W}rFonts", "ascii") == "Noto Sans"
    assert prop(styles, "Caption", f"{W}rPr/{W}sz") == prop(styles, "Caption", f"{W}rPr/{W}szCs") == "18"
    for style_id, spacing in (("ImageCaption", ("80", "240")), ("TableCaption", ("240", "80"))):  # figures' below, tables' above
        assert (prop(styles, style_id, f"{W}pPr/{W}spacing", "before"), prop(styles, style_id, f"{W}pPr/{W}spacing", "after")) \
            == spacing, style_id
    assert prop(styles, "VerbatimChar", f"{W}rPr/{W}rFonts", "ascii") == "Noto Sans Mono"
    assert style(styles, "VerbatimChar").find(f"{W}rPr/{W}sz") is None  # the size of the text around it
    spacing = style(styles, "SourceCode").find(f"{W}pPr/{W}spacing")
    assert {key.removeprefix(W): value for key, value in spacing.attrib.items()} == \
        {"before": "120", "after": "120", "line": "240", "lineRule": "auto"}
    assert prop(styles, "SourceCode", f"{W}pPr/{W}wordWrap") == "1"
    assert prop(styles, "SourceCode", f"{W}rPr/{W}rFonts", "ascii") == "Noto Sans Mono"
    assert prop(styles, "SourceCode", f"{W}rPr/{W}sz") == prop(styles, "SourceCode", f"{W}rPr/{W}szCs") == "17"
    for tone, token_styles in docx_reference.CODE_TOKENS.items():
        for style_id in token_styles:
            token = style(styles, style_id)
            assert (token.get(f"{W}type"), prop(styles, style_id, f"{W}basedOn")) == ("character", "VerbatimChar"), style_id
            assert token.find(f"{W}name").get(f"{W}val") == style_id
            assert prop(styles, style_id, f"{W}rPr/{W}color") == house["code"][tone].lstrip("#").upper(), style_id
            assert (token.find(f"{W}rPr/{W}i") is not None) == (tone == "comment"), style_id


def test_properties_go_where_the_schema_orders_them():
    parent = etree.Element(f"{W}rPr")
    for tag in ("sz", "b", "color", "rFonts"):
        docx_styles.set_property(parent, tag, {"val": "1"}, docx_styles.RUN_ORDER)
    assert [child.tag.removeprefix(W) for child in parent] == ["rFonts", "b", "color", "sz"]
    docx_styles.set_property(parent, "b", {}, docx_styles.RUN_ORDER)
    assert [child.tag.removeprefix(W) for child in parent].count("b") == 1
    for tag in ("later", "latest"):  # properties the order does not know go last, in the order they were set
        docx_styles.set_property(parent, tag, {}, docx_styles.RUN_ORDER)
    docx_styles.set_property(parent, "i", {}, docx_styles.RUN_ORDER)
    assert [child.tag.removeprefix(W) for child in parent] == ["rFonts", "b", "i", "color", "sz", "later", "latest"]


def test_lengths_become_word_units():
    house = load_house_style()
    assert docx_styles.half_points("10.5pt") == "21"
    assert docx_styles.em_twips("0.5em", house) == "100" and docx_styles.em_twips("5pt", house) == "100"
    for bad in ("2mm", "1in"):
        with pytest.raises(ValueError):
            docx_styles.em_twips(bad, house)
    with pytest.raises(ValueError):
        docx_styles.half_points("3mm")


# -- DOCX package parts

METADATA = {"title": "T", "subtitle": "S", "description": "", "authors": [{"name": "A One"}, {"name": "B Two"}],
            "keywords": ["k1", "k2"], "lang": "fr", "date": "2024-03", "series": "", "publisher": "P", "revision": "abc",
            "short_title": "Short", "summary": "", "publication": "brief.fr", "dir": "ltr",
            "languages": [], "published": "2024-03-01T00:00:00Z", "modified": "2023-11-14T22:13:20Z"}


def test_core_properties_say_what_the_metadata_says_dated_by_the_publication_and_the_sources():
    core = etree.fromstring(docx_package.core_properties(METADATA))
    values = {etree.QName(element).localname: element.text for element in core}
    assert values == {"title": "T", "subject": "S", "creator": "A One; B Two", "keywords": "k1, k2", "language": "fr",
                      "created": "2024-03-01T00:00:00Z", "modified": "2023-11-14T22:13:20Z"}
    described = etree.fromstring(docx_package.core_properties({**METADATA, "description": "D", "summary": "A summary."}))
    assert [e.text for e in described if etree.QName(e).localname == "subject"] == ["D"]
    assert [e.text for e in described if etree.QName(e).localname == "description"] == ["A summary."]


def test_custom_properties_name_only_what_is_known():
    custom = etree.fromstring(docx_package.custom_properties(METADATA))
    properties = [(p.get("name"), p.get("pid"), p.get("fmtid"), "".join(p.itertext())) for p in custom]
    assert properties == [("Publisher", "2", docx_package.CUSTOM_PROPERTY_ID, "P"),
                          ("Edition date", "3", docx_package.CUSTOM_PROPERTY_ID, "2024-03"),
                          ("Source revision", "4", docx_package.CUSTOM_PROPERTY_ID, "abc"),
                          ("Publication", "5", docx_package.CUSTOM_PROPERTY_ID, "brief.fr")]  # for doit review


def test_the_running_head_and_the_page_number_field():
    head = etree.fromstring(docx_package.running_head(METADATA, 9000))
    assert "".join(head.itertext()) == "ShortA One, B Two"
    assert head.find(f".//{W}tab").get(f"{W}pos") == "9000" and head.find(f".//{W}tab").get(f"{W}val") == "right"
    assert head.find(f".//{W}pStyle").get(f"{W}val") == "Header"
    footer = etree.fromstring(docx_package.page_number_footer())
    kinds = [child.get(f"{W}fldCharType") for child in footer.iter(f"{W}fldChar")]
    assert kinds == ["begin", "separate", "end"]
    assert [t.text for t in footer.iter(f"{W}instrText")] == [" PAGE "]
    assert [t.text for t in footer.iter(f"{W}t")] == ["2"]  # shown until Word updates the field
    assert footer.find(f".//{W}pStyle").get(f"{W}val") == "Footer"


@pytest.mark.parametrize("papersize, width, height", [("a4", "11906", "16838"), ("letter", "12240", "15840")])
def test_the_page_set_up(papersize, width, height):
    page = {"margin-top": "24mm", "margin-bottom": "26mm", "margin-inner": "25.4mm", "margin-outer": "20mm"}
    section = docx_package.section_properties(papersize, page)
    size, margins = section.find(f"{W}pgSz"), section.find(f"{W}pgMar")
    assert (size.get(f"{W}w"), size.get(f"{W}h")) == (width, height)
    assert {name: margins.get(f"{W}{name}") for name in ("top", "bottom", "left", "right", "header", "footer", "gutter")} == \
        {"top": "1361", "bottom": "1474", "left": "1440", "right": "1134", "header": "680", "footer": "737", "gutter": "0"}
    assert section.find(f"{W}titlePg") is not None
    references = {r.get(f"{W}type"): r.get(docx_package.R and f"{{{docx_package.R}}}id") for r in section.iter(f"{W}headerReference")}
    assert references == {"default": docx_package.HEADER_ID}
    assert docx_package.text_width(papersize, page) == int(width) - 1440 - 1134


def test_the_page_set_up_replaces_pandocs():
    document = (f'<w:document xmlns:w="{W[1:-1]}"><w:body><w:p/><w:sectPr><w:pgSz w:w="1"/></w:sectPr></w:body></w:document>')
    body = etree.fromstring(docx_package.with_page_setup(document.encode(), "a4", load_house_style()["page"])).find(f"{W}body")
    assert [child.tag.removeprefix(W) for child in body] == ["p", "sectPr"]
    assert body.find(f"{W}sectPr/{W}pgSz").get(f"{W}w") == "11906"


def test_the_header_and_footer_parts_are_related_and_typed():
    rels = etree.fromstring(docx_package.with_relationships(
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>'))
    assert {(r.get("Id"), r.get("Target"), r.get("Type").rsplit("/", 1)[1]) for r in rels} == \
        {("rIdRunningHead", "header1.xml", "header"), ("rIdPageNumber", "footer1.xml", "footer")}
    types = etree.fromstring(docx_package.with_content_types(
        b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'))
    assert {(t.get("PartName"), t.get("ContentType").rsplit(".", 1)[1]) for t in types} == \
        {("/word/header1.xml", "header+xml"), ("/word/footer1.xml", "footer+xml")}


def test_every_package_part_is_a_standalone_xml_document():
    house = load_house_style()
    section = docx_package.with_page_setup(f'<w:document xmlns:w="{W[1:-1]}"><w:body/></w:document>'.encode(), "a4",
                                           house["page"])
    parts = [docx_package.core_properties(METADATA), docx_package.custom_properties(METADATA),
             docx_package.running_head(METADATA, 9000), docx_package.page_number_footer(), section,
             docx_package.with_relationships(b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>'),
             docx_package.with_content_types(b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
             docx_package.finished_body(f'<w:document xmlns:w="{W[1:-1]}"><w:body/></w:document>'.encode(), 9000,
                                        docx_package.TableMeasures.of(house))]
    for part in parts:  # as Word writes them
        assert part.startswith(b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"), part[:80]


def test_only_the_description_is_left_out_when_empty():
    core = etree.fromstring(docx_package.core_properties({**METADATA, "authors": [], "keywords": []}))
    assert [etree.QName(element).localname for element in core] == ["title", "subject", "creator", "keywords", "language",
                                                                      "created", "modified"]


def test_the_table_measures_come_from_the_house_style():
    # 9pt tables, 7.5pt from 7 columns on, cells padded by 0.5em of 9pt (90 twips) left and right
    measures = docx_package.TableMeasures.of(load_house_style())
    assert measures == docx_package.TableMeasures(9.0, 7.5, 7, 90)
    with pytest.raises(dataclasses.FrozenInstanceError):
        measures.size = 12.0


def cell(text, style="Compact"):
    runs = f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>' if text else ""
    return f'<w:tc><w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{runs}</w:p></w:tc>'


def docx_table(rows, grid=True, layout=True):
    columns = max(len(row) for row in rows)
    return ('<w:tbl><w:tblPr><w:tblStyle w:val="Table"/><w:tblW w:type="auto" w:w="0"/>'
            + ('<w:tblLayout w:type="fixed"/>' if layout else "") + "</w:tblPr>"
            + ("<w:tblGrid>" + '<w:gridCol w:w="100"/>' * columns + "</w:tblGrid>" if grid else "")
            + "".join("<w:tr>" + "".join(cell(text) if isinstance(text, str) else cell(*text) for text in row) + "</w:tr>"
                      for row in rows) + "</w:tbl>")


def column_widths_of(xml):
    return [int(column.get(f"{W}w")) for column in etree.fromstring(xml).iter(f"{W}gridCol")]


@pytest.mark.parametrize("rows, text_width, widths", [
    # least widths (longest word x 100 + 2 x 50 padding): 600, 1200, and 200 for the empty column (one character);
    # the 7000 twips left go 9 : 27 : 0 by the text each column holds
    ([["Name", "Description", ""], ["Kabul", "the capital city", ""]], 9000, [2350, 6450, 200]),
    # the longest words do not fit: the width is shared by them (400 : 600), not by the text
    ([["abc abc abc abc", "abcde"], ["", "abcde"]], 999, [400, 599]),
    ([["abc abc abc abc", "abcde"], ["", "abcde"]], 500, [200, 300]),
    ([["", ""]], 9000, [200, 200]),  # no text at all: nothing to share the room by
])
def test_columns_fit_their_longest_words_and_share_the_rest_by_their_text(rows, text_width, widths):
    table = etree.fromstring(f'<w:document xmlns:w="{W[1:-1]}">{docx_table(rows)}</w:document>')[0]
    assert docx_package.column_widths(table, text_width, 100, 50) == widths


def test_the_body_is_finished_tables_pictures_and_formulas():
    math, picture, drawing = docx_package.MATH, docx_package.PICTURE, docx_package.DRAWING
    narrow = [["Name", ("Description", "SourceCode")], ["Kabul", "the capital city"]]
    seven = [["Afghanistan", "a", "b", "c", "d", "e", "f"]]
    eight = [["a", "b", "c", "d", "e", "f", "g", "h"]]
    body = (f'<w:document xmlns:w="{W[1:-1]}" xmlns:m="{math}" xmlns:wp="{drawing}" xmlns:pic="{picture}"><w:body>'
            f'<w:p><m:oMath><m:r><m:rPr><m:nor/><m:sty m:val="p"/></m:rPr><m:t>if</m:t></m:r>'
            f'<m:r><m:rPr><m:sty m:val="i"/></m:rPr><m:t>x</m:t></m:r></m:oMath></w:p>'
            + docx_table([["no grid"]], grid=False) + docx_table(narrow) + docx_table(seven, layout=False)
            + docx_table(eight) +
            '<w:p><w:r><w:drawing><wp:inline><wp:docPr id="1" name="Picture" descr="A map of the provinces"/>'
            '<pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="map.png" descr="data:image/png;base64,iVBORw0KGgo="/>'
            '</pic:nvPicPr></pic:pic></wp:inline></w:drawing></w:r></w:p>'
            '<w:p><w:r><w:drawing><wp:anchor><pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="b.png" descr="b.png"/>'
            '</pic:nvPicPr></pic:pic></wp:anchor></w:drawing></w:r></w:p></w:body></w:document>')
    root = etree.fromstring(docx_package.finished_body(body.encode(), 9000, docx_package.TableMeasures.of(load_house_style())))
    runs = root.findall(f".//{{{math}}}rPr")
    assert [[etree.QName(child).localname for child in run] for run in runs] == [["nor"], ["sty"]]  # m:nor or m:sty, not both
    tables = root.findall(f".//{W}tbl")
    for table in tables:
        assert (table.find(f"{W}tblPr/{W}tblW").get(f"{W}type"), table.find(f"{W}tblPr/{W}tblW").get(f"{W}w")) == ("pct", "5000")
        assert table.find(f"{W}tblPr/{W}tblLayout") is None  # columns as wide as their contents need
    styles = [(table.find(f"{W}tblPr/{W}tblStyle").get(f"{W}val"), [style.get(f"{W}val") for style in table.iter(f"{W}pStyle")])
              for table in tables]
    assert styles == [("Table", ["Compact"]), ("Table", ["TableText", "SourceCode", "TableText", "TableText"]),
                      ("WideTable", ["WideTableText"] * 7), ("WideTable", ["WideTableText"] * 8)]
    # A 9pt character is 0.65 x 9pt = 117 twips, 97.5 at 7.5pt; cells are padded by 2 x 90. Narrow table: least widths
    # 5 x 117 + 180 = 765 and 11 x 117 + 180 = 1467, the 6768 left shared 9 : 27. Seven columns: 11 x 97.5 + 180 =
    # 1252.5 and 6 x 277.5, the 6082.5 left shared 11 : 1 : 1 ...
    assert column_widths_of(etree.tostring(tables[1])) == [2457, 6543]
    assert column_widths_of(etree.tostring(tables[2])) == [5188] + [635] * 6
    assert column_widths_of(etree.tostring(tables[0])) == []
    descriptions = [element.get("descr") for element in root.iter(f"{{{picture}}}cNvPr")]
    assert descriptions == ["A map of the provinces", ""]  # the alternate text, never the image's bytes or address



def paragraphs_of(body):
    """[the names of its properties..., "text:" and its text] for each paragraph of a finished body."""
    root = etree.fromstring(docx_package.finished_body(
        f'<w:document xmlns:w="{W[1:-1]}"><w:body>{body}</w:body></w:document>'.encode(), 9000,
        docx_package.TableMeasures.of(load_house_style())))
    return [[etree.QName(child).localname for child in p.findall(f"{W}pPr/*")] + ["text:" + "".join(p.itertext())]
            for p in root.find(f"{W}body").iter(f"{W}p")]


REQUEST = '<w:p><w:pPr><w:pageBreakBefore/></w:pPr></w:p>'


def test_a_page_break_moves_onto_the_paragraph_it_stands_before():
    """A \\newpage (pandoc writes it as an empty paragraph that only breaks the page) becomes the
    page break of the paragraph after it, in the place the schema gives it, and the empty paragraph
    goes; a paragraph without properties gets them, first."""
    styled = ('<w:p><w:pPr><w:pStyle w:val="Heading1"/><w:keepNext/><w:jc w:val="left"/></w:pPr>'
              '<w:r><w:t>Styled</w:t></w:r></w:p>')
    plain = '<w:p><w:r><w:t>Plain</w:t></w:r><w:r><w:t> text</w:t></w:r></w:p>'
    assert paragraphs_of(REQUEST + '<w:bookmarkStart w:id="0" w:name="a"/>' + styled + REQUEST + plain) == [
        ["pStyle", "keepNext", "pageBreakBefore", "jc", "text:Styled"], ["pageBreakBefore", "text:Plain text"]]
    root = etree.fromstring(docx_package.finished_body(
        f'<w:document xmlns:w="{W[1:-1]}"><w:body>{REQUEST}{plain}</w:body></w:document>'.encode(), 9000,
        docx_package.TableMeasures.of(load_house_style())))
    assert [etree.QName(child).localname for child in root.find(f"{W}body/{W}p")] == ["pPr", "r", "r"]


def test_a_page_break_stays_where_no_paragraph_can_take_it():
    """Before another break (two in a row leave a blank page), before a table (Word ignores a break
    inside one) and at the very end, the empty paragraph keeps the break."""
    table = '<w:tbl><w:tblPr/><w:tr><w:tc><w:p><w:r><w:t>Cell</w:t></w:r></w:p></w:tc></w:tr></w:tbl>'
    plain = '<w:p><w:r><w:t>Plain</w:t></w:r></w:p>'
    assert paragraphs_of(REQUEST + REQUEST + plain + REQUEST + table + plain + REQUEST) == [
        ["pageBreakBefore", "text:"], ["pageBreakBefore", "text:Plain"], ["pageBreakBefore", "text:"], ["text:Cell"],
        ["text:Plain"], ["pageBreakBefore", "text:"]]


@pytest.mark.parametrize("paragraph", [
    '<w:p><w:pPr><w:pageBreakBefore/></w:pPr><w:r><w:t>text</w:t></w:r></w:p>',  # it has words: it is no request
    '<w:p><w:pPr><w:pStyle w:val="Compact"/><w:pageBreakBefore/></w:pPr></w:p>',  # and a style
    '<w:p><w:pPr><w:keepNext/></w:pPr></w:p>',  # some other property alone
    '<w:p><w:pPr><w:spacing w:after="0"/></w:pPr></w:p>',
    '<w:p><w:pPr><w:pageBreakBefore/><w:jc w:val="center"/></w:pPr></w:p>',  # and another property
    '<w:p/>',
    '<w:p><w:pPr/></w:p>',  # empty properties, as Word may write them
])
def test_only_an_empty_paragraph_that_only_breaks_the_page_is_a_request(paragraph):
    assert not docx_package.is_page_break_request(etree.fromstring(f'<w:document xmlns:w="{W[1:-1]}">{paragraph}</w:document>')[0])
    assert docx_package.is_page_break_request(etree.fromstring(f'<w:document xmlns:w="{W[1:-1]}">{REQUEST}</w:document>')[0])


def test_a_notes_paragraphs_are_in_the_note_style_and_its_tables_in_the_table_style():
    notes = (f'<w:footnotes xmlns:w="{W[1:-1]}"><w:footnote w:id="1">'
             '<w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr><w:r><w:t>Note</w:t></w:r></w:p>'
             '<w:p><w:pPr><w:pStyle w:val="Compact"/></w:pPr><w:r><w:t>A list item</w:t></w:r></w:p>'
             '<w:p><w:pPr><w:pStyle w:val="BodyText"/></w:pPr></w:p><w:p><w:pPr><w:pStyle w:val="SourceCode"/></w:pPr></w:p>'
             + docx_table([["Cell"]]) + '</w:footnote></w:footnotes>')
    root = etree.fromstring(docx_package.finished_notes(notes.encode(), 9000, docx_package.TableMeasures.of(load_house_style())))
    assert [style.get(f"{W}val") for style in root.iter(f"{W}pStyle")] == [
        "FootnoteText", "FootnoteText", "FootnoteText", "SourceCode", "TableText"]


def test_right_to_left_header_footer_and_section():
    """In a right-to-left publication the running head, the page number and the section run from
    the right (w:bidi, after the paragraph's style and tabs as the schema orders them); not otherwise."""
    head = etree.fromstring(docx_package.running_head({**METADATA, "dir": "rtl"}, 9000))
    assert [etree.QName(child).localname for child in head.find(f".//{W}pPr")] == ["pStyle", "tabs", "bidi"]
    assert head.find(f".//{W}bidi") is not None and etree.fromstring(docx_package.running_head(METADATA, 9000)).find(f".//{W}bidi") is None
    assert [etree.QName(child).localname for child in etree.fromstring(docx_package.page_number_footer("rtl")).find(f".//{W}pPr")] == \
        ["pStyle", "bidi"]
    assert etree.fromstring(docx_package.page_number_footer()).find(f".//{W}bidi") is None
    page = load_house_style()["page"]
    assert docx_package.section_properties("a4", page, "rtl")[-1].tag == f"{W}bidi"
    assert docx_package.section_properties("a4", page).find(f"{W}bidi") is None


@pytest.mark.parametrize("languages, expected", [
    # a translation: its original, and the other translations
    ([{"lang": "fr", "current": True, "original": False}, {"lang": "en", "current": False, "original": True},
      {"lang": "fa", "current": False, "original": False}, {"lang": "ps", "current": False, "original": False}],
     [("Original language", "en"), ("Other translations", "fa, ps")]),
    # an original: its translations
    ([{"lang": "en", "current": True, "original": True}, {"lang": "fr", "current": False, "original": False}],
     [("Translations", "fr")]),
])
def test_the_custom_properties_name_the_original_and_the_translations(languages, expected):
    custom = etree.fromstring(docx_package.custom_properties({**METADATA, "languages": languages}))
    assert [(p.get("name"), "".join(p.itertext())) for p in custom][4:] == expected
    assert [p.get("pid") for p in custom] == [str(number) for number in range(2, 2 + len(custom))]

def test_margins_must_be_millimetres():
    assert docx_package.twips("25.4mm") == 1440
    with pytest.raises(ValueError):
        docx_package.twips("1in")


def test_a_note_numbers_its_list_from_the_lists_start_and_keeps_its_heading_terms_lines_and_divisions():
    from publish.document import stringify

    ordered = {"t": "OrderedList", "c": [[3, {"t": "Decimal"}, {"t": "Period"}],
                                         [[{"t": "Plain", "c": words(item)}] for item in ("three", "four", "five")]]}
    heading = {"t": "Header", "c": [2, ["a-heading", ["unnumbered"], []], words("A heading")]}
    terms = {"t": "DefinitionList", "c": [[words("Term"), [[para(*words("its meaning"))]]],
                                          [words("Other"), [[para(*words("another"))]]]]}
    lines = {"t": "LineBlock", "c": [words("line one"), words("line two")]}
    division = {"t": "Div", "c": [["", ["aside"], []], [para(*words("inside"))]]}
    document = {"meta": {}, "blocks": [para(note(ordered, heading, terms, lines, division))]}
    parts = pdf.notes_to_footnotes(document)["blocks"][0]["c"][0]["c"][1]
    assert [(part["t"], part["c"][0][1] if part["t"] == "Span" else None) for part in parts] == [
        ("Span", ["note-list"]), ("Span", ["note-heading"]), ("Span", ["note-item"]), ("Span", ["note-item"]),
        ("Span", ["note-lines"]), ("Str", None)]
    assert [stringify(item["c"][1]) for item in parts[0]["c"][1]] == ["3. three", "4. four", "5. five"]
    [strong] = parts[1]["c"][1]
    assert strong["t"] == "Strong" and stringify(strong["c"]) == "A heading"
    assert [stringify(part["c"][1]) for part in parts[2:4]] == ["Term its meaning", "Other another"]
    assert parts[2]["c"][1][0] == {"t": "Strong", "c": words("Term")}
    assert stringify(parts[4]["c"][1]) == "line one line two "
    assert parts[5:] == words("inside") and pdf.note_word_counts(document) == {"1": 18}


def test_a_notes_code_keeps_its_text_as_written():
    code = {"t": "CodeBlock", "c": [["listing", ["python"], []], "x = 1\ny = 2"]}
    footnote = pdf.notes_to_footnotes({"meta": {}, "blocks": [para(note(code))]})["blocks"][0]["c"][0]
    assert footnote["c"][1] == [{"t": "Code", "c": [["", ["note-code"], []], "x = 1\ny = 2"]}]


def test_a_notes_list_may_hold_an_empty_item():
    from publish.document import stringify

    bullets = {"t": "BulletList", "c": [[], [{"t": "Plain", "c": words("second")}]]}  # "-" alone on its first line
    [listed] = pdf.notes_to_footnotes({"meta": {}, "blocks": [para(note(bullets))]})["blocks"][0]["c"][0]["c"][1]
    assert [stringify(item["c"][1]) for item in listed["c"][1]] == ["• ", "• second"]


def test_a_notes_blocks_after_a_rule_or_an_empty_paragraph_are_kept():
    from publish.document import stringify

    blocks = [para(*words("before")), {"t": "HorizontalRule"}, para(), para(*words("after"))]
    footnote = pdf.notes_to_footnotes({"meta": {}, "blocks": [para(note(*blocks))]})["blocks"][0]["c"][0]
    assert [inline["t"] for inline in footnote["c"][1]] == ["Str", "LineBreak", "Str"]
    assert stringify(footnote["c"][1]) == "before after"


def test_each_code_block_can_be_reached_from_the_keyboard():
    fragment = '<p>Run <code>x</code>:</p><pre><code>x = 1</code></pre><div><pre class="sourceCode">y = 2</pre></div>'
    container = parsed_fragment(finished(fragment, html.make_code_focusable))
    assert [block.get("tabindex") for block in container.iter("pre")] == ["0", "0"]
    assert container.find("p").get("tabindex") is None and container.find(".//p/code").get("tabindex") is None
    assert [block.text_content() for block in container.iter("pre")] == ["x = 1", "y = 2"]
