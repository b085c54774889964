"""The DOCX reference document (publish/editions/docx_reference.py), generated from the house style in
this process: the fonts, sizes, colours and spacing of its named styles, the styles it adds (title
block, tables, furniture, captions, code), each property where the schema orders it."""

import zipfile

import pytest
from lxml import etree
from projects import inside

from publish.editions import docx_reference, docx_styles
from publish.house_style import box_title_colour, load_house_style
from publish.paths import REFERENCE_DOCX


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


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


@pytest.fixture
def project(parsed):
    with inside(parsed):
        yield parsed


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
    body = float(house["sizes"]["body"].removesuffix("pt"))  # the house's em, in points; 20 twips a point
    paragraph = str(round(float(house["spacing"]["paragraph"].removesuffix("em")) * body * 20))
    indent = str(round(float(house["spacing"]["bibliography-indent"].removesuffix("em")) * body * 20))
    assert (prop(styles, "BodyText", f"{W}pPr/{W}spacing", "before"), prop(styles, "BodyText", f"{W}pPr/{W}spacing", "after")) \
        == ("0", paragraph)
    assert (prop(styles, "Bibliography", f"{W}pPr/{W}ind", "left"), prop(styles, "Bibliography", f"{W}pPr/{W}ind", "hanging")) \
        == (indent, indent)


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


def test_the_furniture_styles(styles):
    house = load_house_style()
    for kind, box in house["boxes"].items():
        name = " ".join(word.capitalize() for word in kind.split("-"))
        body, title = name.replace(" ", ""), name.replace(" ", "") + "Title"
        assert style(styles, body).find(f"{W}name").get(f"{W}val") == name
        for drawn in ("pBdr", "shd", "ind"):  # the box around them is a table's (publish/editions/docx_boxes.py)
            assert style(styles, body).find(f"{W}pPr/{W}{drawn}") is None, drawn
        assert (prop(styles, body, f"{W}pPr/{W}spacing", "before"), prop(styles, body, f"{W}pPr/{W}spacing", "after")) == ("0", "80")
        assert prop(styles, body, f"{W}rPr/{W}rFonts", "ascii") == "Noto Sans"
        assert style(styles, title).find(f"{W}name").get(f"{W}val") == f"{name} Title"
        assert prop(styles, title, f"{W}basedOn") == body and style(styles, title).find(f"{W}pPr/{W}keepNext") is not None
        title_colour = box_title_colour(box, house).lstrip("#").upper()  # its rule's, where that reads
        assert style(styles, title).find(f"{W}rPr/{W}b") is not None and prop(styles, title, f"{W}rPr/{W}color") \
            == title_colour
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


def test_what_is_bold_is_bold_in_every_script(styles):
    """Word sets a complex script's run (Persian, Arabic) bold only by w:bCs: Persian headings stayed regular."""
    for style_id in ("Heading1", "Heading2", "Heading3", "Author", "AbstractTitle"):
        properties = style(styles, style_id).find(f"{W}rPr")
        assert properties.find(f"{W}b") is not None and properties.find(f"{W}bCs") is not None, style_id
