"""The parts of the DOCX edition that pandoc does not write from our metadata
(publish/editions/docx_package.py): document properties, page set-up, running head and page-number
footer; and the finishing of pandoc's body (table widths and styles, page breaks, picture
descriptions, math runs). On small inputs, in this process."""

import dataclasses

import pytest
from lxml import etree

from publish.editions import docx_package
from publish.house_style import load_house_style


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


METADATA = {"title": "T", "subtitle": "S", "description": "", "authors": [{"name": "A One"}, {"name": "B Two"}],
            "keywords": ["k1", "k2"], "lang": "fr", "date": "2024-03", "series": "", "publisher": "P", "revision": "abc",
            "short_title": "Short", "running_authors": "A One, B Two", "summary": "", "publication": "brief.fr",
            "dir": "ltr",
            "languages": [], "published": "2024-03-01T00:00:00Z", "modified": "2023-11-14T22:13:20Z",
            "number": "", "issn": "", "isbn": "", "doi": "", "version": "", "publisher_place": ""}


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


def test_a_citation_is_set_as_text_and_a_web_address_inside_it_as_a_link(examples_project):
    """A note that is one citation (Chicago's notes, linked to the bibliography) was blue from end to end."""
    import zipfile

    path = examples_project / "build" / "from-plain-pandoc" / "from-plain-pandoc.docx"
    with zipfile.ZipFile(path) as package:
        notes = etree.fromstring(package.read("word/footnotes.xml"))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    citations = [link for link in notes.iter(f"{w}hyperlink") if (link.get(f"{w}anchor") or "").startswith("ref-")]
    assert len(citations) >= 3
    for citation in citations:
        own = [run for run in citation.findall(f"{w}r")]
        assert own and not [run for run in own if run.find(f"{w}rPr/{w}rStyle[@{w}val='Hyperlink']") is not None]
    addresses = [link for citation in citations for link in citation.iter(f"{w}hyperlink") if link is not citation]
    assert addresses and all(link.find(f"{w}r/{w}rPr/{w}rStyle").get(f"{w}val") == "Hyperlink" for link in addresses)
