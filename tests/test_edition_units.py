"""The editions' functions run in this process on the brief's parsed files: fast enough to run for
every mutant of publish/editions/ in the mutation tests, and precise about what each function owes."""

import io
import json
import os
import zipfile
from contextlib import contextmanager

import lxml.html
import pikepdf
import pytest
from conftest import SLUG, copy_project
from lxml import etree

from publish.editions import docx_package, docx_reference, html, pdf, pdf_structure
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
    assert html.notes_beside_text("<p>No note here.</p>") == "<p>No note here.</p>"


def test_a_note_called_inside_a_list_follows_the_whole_list():
    fragment = ('<ul><li>item<a href="#fn1" class="footnote-ref" id="fnref1" role="doc-noteref"><sup>1</sup></a></li></ul>'
                '<p>after</p><section id="footnotes" class="footnotes footnotes-end-of-document" role="doc-endnotes">'
                '<ol><li id="fn1"><p>The note.<a href="#fnref1" class="footnote-back" role="doc-backlink">↩</a></p></li>'
                '</ol></section>')
    container = lxml.html.fragment_fromstring(html.notes_beside_text(fragment), create_parent="div")
    assert [child.tag for child in container] == ["ul", "aside", "p"]
    assert container[1].xpath(".//a[@role='doc-backlink']")[0].get("aria-label") == "Back to the text at note 1"


def test_the_page_links_its_editions_and_citations_by_their_registered_names(page):
    links = [(a.get("href"), a.text) for a in page.xpath("//nav[@class='edition-links']//a")]
    assert links == [(f"{SLUG}.pdf", "PDF"), (f"{SLUG}.docx", "DOCX"), (f"{SLUG}.ris", "RIS"), (f"{SLUG}.bib", "BibTeX"),
                     (f"{SLUG}.json", "CSL-JSON")]
    assert page.xpath("//meta[@name='citation_pdf_url']/@content") == [f"{SLUG}.pdf"]
    data = json.loads(page.xpath("//script[@type='application/ld+json']")[0].text)
    assert [item["contentUrl"] for item in data["encoding"]] == [f"{SLUG}.pdf", f"{SLUG}.docx"]


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
    assert "ğ" in characters and "A" in characters and "~" in characters and characters == "".join(sorted(set(characters)))


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


def test_each_variant_has_its_own_fixed_identifier():
    identifiers = {key: pdf.pdf_identifier(UNIT, variant) for key, variant in pdf.VARIANTS.items()}
    assert len(set(identifiers.values())) == 3 and all(len(value) == 32 for value in identifiers.values())
    assert identifiers["pdf"] == pdf.pdf_identifier(UNIT, pdf.VARIANTS["pdf"])
    assert pdf.pdf_identifier(Publication(SLUG, "fr"), pdf.VARIANTS["pdf"]) != identifiers["pdf"]
    assert {key: variant.pdf_variant for key, variant in pdf.VARIANTS.items()} == {"pdf": "pdf/ua-1", "pdfa": "pdf/a-3a",
                                                                                  "press": None}


def test_the_fetcher_serves_the_allowed_folders_and_nothing_else(tmp_path):
    allowed = tmp_path / "allowed"
    allowed.mkdir()
    (allowed / "ok.css").write_text("p {}")
    (tmp_path / "secret.txt").write_text("secret")
    fetcher = pdf.local_files_only([allowed])
    assert fetcher.fetch((allowed / "ok.css").as_uri()) is not None
    for url in ((tmp_path / "secret.txt").as_uri(), "http://127.0.0.1:9/x.png", "https://example.org/x.css"):
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
    assert {defaults.find(f"{W}rFonts").get(f"{W}{a}") for a in ("ascii", "hAnsi", "cs", "eastAsia")} == {body}
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


def test_properties_go_where_the_schema_orders_them():
    parent = etree.Element(f"{W}rPr")
    for tag in ("sz", "b", "color", "rFonts"):
        docx_reference.set_property(parent, tag, {"val": "1"}, docx_reference.RUN_ORDER)
    assert [child.tag.removeprefix(W) for child in parent] == ["rFonts", "b", "color", "sz"]
    docx_reference.set_property(parent, "b", {}, docx_reference.RUN_ORDER)
    assert [child.tag.removeprefix(W) for child in parent].count("b") == 1


def test_lengths_become_word_units():
    house = load_house_style()
    assert docx_reference.half_points("10.5pt") == "21"
    assert docx_reference.em_twips("0.5em", house) == "100" and docx_reference.em_twips("5pt", house) == "100"
    for bad in ("2mm", "1in"):
        with pytest.raises(ValueError):
            docx_reference.em_twips(bad, house)
    with pytest.raises(ValueError):
        docx_reference.half_points("3mm")


# -- DOCX package parts

METADATA = {"title": "T", "subtitle": "S", "description": "", "authors": [{"name": "A One"}, {"name": "B Two"}],
            "keywords": ["k1", "k2"], "lang": "fr", "date": "2024-03", "series": "", "publisher": "P", "revision": "abc",
            "short_title": "Short", "summary": ""}


def test_core_properties_say_what_the_metadata_says_dated_by_the_publication_and_the_sources():
    core = etree.fromstring(docx_package.core_properties(METADATA, 1700000000))
    values = {etree.QName(element).localname: element.text for element in core}
    assert values == {"title": "T", "subject": "S", "creator": "A One; B Two", "keywords": "k1, k2", "language": "fr",
                      "created": "2024-03-01T00:00:00Z", "modified": "2023-11-14T22:13:20Z"}
    described = etree.fromstring(docx_package.core_properties({**METADATA, "description": "D", "summary": "A summary."}, 0))
    assert [e.text for e in described if etree.QName(e).localname == "subject"] == ["D"]
    assert [e.text for e in described if etree.QName(e).localname == "description"] == ["A summary."]


def test_custom_properties_name_only_what_is_known():
    custom = etree.fromstring(docx_package.custom_properties(METADATA))
    properties = [(p.get("name"), p.get("pid"), p.get("fmtid"), "".join(p.itertext())) for p in custom]
    assert properties == [("Publisher", "2", docx_package.CUSTOM_PROPERTY_ID, "P"),
                          ("Edition date", "3", docx_package.CUSTOM_PROPERTY_ID, "2024-03"),
                          ("Source revision", "4", docx_package.CUSTOM_PROPERTY_ID, "abc")]


def test_the_running_head_and_the_page_number_field():
    head = etree.fromstring(docx_package.running_head(METADATA, 9000))
    assert "".join(head.itertext()) == "ShortA One, B Two"
    assert head.find(f".//{W}tab").get(f"{W}pos") == "9000" and head.find(f".//{W}tab").get(f"{W}val") == "right"
    assert head.find(f".//{W}pStyle").get(f"{W}val") == "Header"
    footer = etree.fromstring(docx_package.page_number_footer())
    kinds = [child.get(f"{W}fldCharType") for child in footer.iter(f"{W}fldChar")]
    assert kinds == ["begin", "separate", "end"]
    assert [t.text for t in footer.iter(f"{W}instrText")] == [" PAGE "]
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


def test_margins_must_be_millimetres():
    assert docx_package.twips("25.4mm") == 1440
    with pytest.raises(ValueError):
        docx_package.twips("1in")
