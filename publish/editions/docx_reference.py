"""The DOCX reference document, generated from the house style (never edited by hand).

It starts from pandoc's own reference.docx and sets the fonts, sizes and
colours of its named styles from styles/house.toml, and adds the styles the
title block and the running head use (Series, Author Position, Affiliation,
Header, Footer).
"""

import copy
import io
import zipfile

from lxml import etree

from publish import atomic
from publish.editions.docx_furniture import BOX_STYLE_SUFFIX, box_style
from publish.editions.docx_styles import (
    PARAGRAPH_ORDER,
    RUN_ORDER,
    add_style,
    colour,
    em_twips,
    existing_or_new_style,
    font,
    half_points,
    is_bold,
    paragraph_properties,
    run_properties,
    set_bold,
    set_property,
    set_size,
    style_element,
    text_font,
)
from publish.editions.zipfiles import rewrite_zip
from publish.house_style import box_title_colour, load_house_style
from publish.ooxml import MC, W14, W, w, xml_bytes
from publish.pandoc import run_pandoc
from publish.paths import REFERENCE_DOCX

STYLES_PART = "word/styles.xml"
SEPARATOR_STYLE = "BlockSeparator"  # the empty paragraph that keeps two tables apart (publish.editions.docx_boxes)
AFTER_TABLE_STYLE = "BodyTextAfterTable"  # the paragraph that follows a table (publish.editions.docx_package)
HEADING_STYLES = ("Title", "Subtitle", "Heading1", "Heading2", "Heading3")
SIZED_STYLES = {"Title": "title", "Subtitle": "subtitle", "Heading1": "heading-1", "Heading2": "heading-2",
                "Heading3": "body", "FootnoteText": "note", "Header": "running-head", "Footer": "running-head"}
LEFT_ALIGNED = ("Title", "Subtitle", "Author", "Date", "Abstract")
# Styles pandoc's reference lacks: (id, name, based on, heading font, colour)
ADDED_STYLES = [
    ("Series", "Series", "Normal", True, "accent"),
    ("AuthorPosition", "Author Position", "Normal", True, "muted"),
    ("Affiliation", "Affiliation", "Normal", True, "muted"),
    ("Header", "header", "Normal", True, "muted"),
    ("Footer", "footer", "Normal", True, "muted"),
    ("Equation", "Equation", "Normal", False, "text"),  # a numbered formula: its tab stops are set on it
]


def fonts_and_colours(styles, house):
    heading_font = text_font(house, "heading")
    defaults = run_properties(styles.find(f"{{{W}}}docDefaults/{{{W}}}rPrDefault"))
    for properties in (defaults, run_properties(style_element(styles, "Normal"))):
        set_property(properties, "rFonts", text_font(house, "body"), RUN_ORDER)
        set_property(properties, "color", {"val": colour(house, "text")}, RUN_ORDER)
    for style_id, name, based_on, heading, tone in ADDED_STYLES:
        style = style_element(styles, style_id)
        if style is None:
            style = add_style(styles, style_id, name, based_on)
        if heading:
            set_property(run_properties(style), "rFonts", heading_font, RUN_ORDER)
        set_property(run_properties(style), "color", {"val": colour(house, tone)}, RUN_ORDER)
    for style_id in HEADING_STYLES:
        set_property(run_properties(style_element(styles, style_id)), "rFonts", heading_font, RUN_ORDER)
        set_property(run_properties(style_element(styles, style_id)), "color", {"val": colour(house, "accent")}, RUN_ORDER)
    set_property(run_properties(style_element(styles, "Author")), "color", {"val": colour(house, "text")}, RUN_ORDER)
    set_property(run_properties(style_element(styles, "Date")), "color", {"val": colour(house, "muted")}, RUN_ORDER)
    set_property(run_properties(style_element(styles, "Hyperlink")), "color", {"val": colour(house, "accent")}, RUN_ORDER)


def sizes(styles, house):
    set_size(style_element(styles, "Normal"), house["sizes"]["body"])
    for style_id, size in SIZED_STYLES.items():
        set_size(style_element(styles, style_id), house["sizes"][size])


def spacing(styles, house):
    """Line height and paragraph spacing of the text, and the bibliography's hanging indent, as in print."""
    line = str(round(240 * float(house["spacing"]["line-height"])))
    set_property(paragraph_properties(style_element(styles, "Normal")), "spacing", {"line": line, "lineRule": "auto"},
                 PARAGRAPH_ORDER)
    after = em_twips(house["spacing"]["paragraph"], house)
    set_property(paragraph_properties(style_element(styles, "BodyText")), "spacing", {"before": "0", "after": after},
                 PARAGRAPH_ORDER)
    indent = em_twips(house["spacing"]["bibliography-indent"], house)
    set_property(paragraph_properties(style_element(styles, "Bibliography")), "ind", {"left": indent, "hanging": indent},
                 PARAGRAPH_ORDER)


def title_block(styles):
    """The title block's look: tight lines, the date set off, the series in capitals, the author in bold."""
    for style_id in ("Series", "Author", "AuthorPosition", "Affiliation"):
        set_property(paragraph_properties(style_element(styles, style_id)), "spacing", {"before": "0", "after": "0"}, PARAGRAPH_ORDER)
    set_property(paragraph_properties(style_element(styles, "Date")), "spacing", {"before": "160", "after": "360"}, PARAGRAPH_ORDER)
    for style_id in HEADING_STYLES:
        if style_id.startswith("Heading"):
            set_bold(style_element(styles, style_id))
    for style_id in LEFT_ALIGNED:
        set_property(paragraph_properties(style_element(styles, style_id)), "jc", {"val": "left"}, PARAGRAPH_ORDER)
    set_property(paragraph_properties(style_element(styles, "Footer")), "jc", {"val": "center"}, PARAGRAPH_ORDER)
    set_property(run_properties(style_element(styles, "Series")), "caps", {}, RUN_ORDER)
    set_bold(style_element(styles, "Author"))
    # the byline set off from a subtitle (letter-spaced, it read as one block with the author's name)
    set_property(paragraph_properties(style_element(styles, "Subtitle")), "spacing", {"before": "0", "after": "240"},
                 PARAGRAPH_ORDER)


def table_normal(styles):
    """Word's own base table style, which pandoc's 'Table' style is based on but its reference lacks."""
    if style_element(styles, "TableNormal") is not None:
        return
    style = etree.SubElement(styles, w("style"), {w("type"): "table", w("styleId"): "TableNormal"})
    etree.SubElement(style, w("name"), {w("val"): "Normal Table"})
    etree.SubElement(style, w("uiPriority"), {w("val"): "99"})
    etree.SubElement(style, w("semiHidden"))
    etree.SubElement(style, w("unhideWhenUsed"))
    properties = etree.SubElement(style, w("tblPr"))
    etree.SubElement(properties, w("tblInd"), {w("w"): "0", w("type"): "dxa"})
    margins = etree.SubElement(properties, w("tblCellMar"))
    for side, width in (("top", "0"), ("left", "108"), ("bottom", "0"), ("right", "108")):
        etree.SubElement(margins, w(side), {w("w"): width, w("type"): "dxa"})


def eighths(length):
    """'0.75pt' as Word's border width, in eighths of a point: '6'."""
    return str(round(float(length.removesuffix("pt")) * 8))


def border(parent, side, width, house):
    etree.SubElement(parent, w(side), {w("val"): "single", w("sz"): eighths(width), w("space"): "0",
                                       w("color"): colour(house, "text")})


def em_of(length, size):
    """'0.5em' of a font size such as '9pt', in twentieths of a point."""
    return str(round(float(length.removesuffix("em")) * float(size.removesuffix("pt")) * 20))


def table_style(styles, house):
    """pandoc's 'Table' style as the house table: rules above, below and under the header row,
    no vertical rule, the header in bold, every other row shaded, tabular lining figures."""
    table, sizes_ = house["table"], house["sizes"]
    style = style_element(styles, "Table")
    for old in style.findall(w("tblPr")) + style.findall(w("tblStylePr")) + style.findall(w("rPr")):
        style.remove(old)
    run = etree.SubElement(style, w("rPr"))
    set_property(run, "rFonts", text_font(house, "heading"), RUN_ORDER)
    set_property(run, "sz", {"val": half_points(sizes_["table"])}, RUN_ORDER)
    set_property(run, "szCs", {"val": half_points(sizes_["table"])}, RUN_ORDER)
    etree.SubElement(run, f"{{{W14}}}numForm", {f"{{{W14}}}val": "lining"})
    etree.SubElement(run, f"{{{W14}}}numSpacing", {f"{{{W14}}}val": "tabular"})
    properties = etree.SubElement(style, w("tblPr"))
    etree.SubElement(properties, w("tblStyleRowBandSize"), {w("val"): "1"})
    etree.SubElement(properties, w("tblInd"), {w("w"): "0", w("type"): "dxa"})
    borders = etree.SubElement(properties, w("tblBorders"))
    border(borders, "top", table["rule"], house)
    border(borders, "bottom", table["rule"], house)
    margins = etree.SubElement(properties, w("tblCellMar"))
    block, inline = em_of(table["cell-padding-block"], sizes_["table"]), em_of(table["cell-padding-inline"], sizes_["table"])
    for side, width in (("top", block), ("left", inline), ("bottom", block), ("right", inline)):
        etree.SubElement(margins, w(side), {w("w"): width, w("type"): "dxa"})
    header = etree.SubElement(style, w("tblStylePr"), {w("type"): "firstRow"})
    if is_bold(table["header-weight"]):  # in every script (w:bCs for a complex script's)
        header_run = etree.SubElement(header, w("rPr"))
        etree.SubElement(header_run, w("b"))
        etree.SubElement(header_run, w("bCs"))
    header_cell = etree.SubElement(header, w("tcPr"))
    border(etree.SubElement(header_cell, w("tcBorders")), "bottom", table["header-rule"], house)
    etree.SubElement(header_cell, w("vAlign"), {w("val"): "bottom"})
    if table["zebra"] != "none":
        band = etree.SubElement(style, w("tblStylePr"), {w("type"): "band2Horz"})
        etree.SubElement(etree.SubElement(band, w("tcPr")), w("shd"), {w("val"): "clear", w("color"): "auto",
                                                                       w("fill"): table["zebra"].lstrip("#").upper()})


def wide_table_style(styles, house):
    """'Wide Table': the house table (a whole copy: LibreOffice does not inherit a table style's
    header and bands) in the smaller size the house style gives tables of many columns."""
    style = copy.deepcopy(style_element(styles, "Table"))
    style.attrib.pop(w("default"), None)
    style.set(w("customStyle"), "1")
    style.set(w("styleId"), "WideTable")
    style.find(w("name")).set(w("val"), "Wide Table")
    run = style.find(w("rPr"))
    set_property(run, "sz", {"val": half_points(house["table"]["wide-size"])}, RUN_ORDER)
    set_property(run, "szCs", {"val": half_points(house["table"]["wide-size"])}, RUN_ORDER)
    styles.append(style)


def table_text_styles(styles, house):
    """The paragraph styles of table cells, 'Table Text' and 'Wide Table Text': the house table's font
    and sizes (Word would take them from the table style too, but LibreOffice reads only these)."""
    for style_id, name, size in (("TableText", "Table Text", house["sizes"]["table"]),
                                 ("WideTableText", "Wide Table Text", house["table"]["wide-size"])):
        style = add_style(styles, style_id, name, "Normal")
        set_property(paragraph_properties(style), "spacing", {"before": "0", "after": "60", "line": "264",
                                                              "lineRule": "auto"}, PARAGRAPH_ORDER)
        set_property(run_properties(style), "rFonts", text_font(house, "heading"), RUN_ORDER)
        set_size(style, size)


def furniture_styles(styles, house):
    """The styles of the brief's furniture: each box kind's paragraphs and its title (publish.editions.
    docx_boxes draws the box around them: a one-cell table in its ground, ruled), the summary, a
    quotation's source, a pull quote."""
    heading_font = text_font(house, "heading")
    for kind, box in house.get("boxes", {}).items():
        name = box_style(kind)
        body = existing_or_new_style(styles, name.replace(" ", ""), name, "Normal")
        set_property(paragraph_properties(body), "spacing", {"before": "0", "after": "80"}, PARAGRAPH_ORDER)
        set_property(run_properties(body), "rFonts", heading_font, RUN_ORDER)
        title = add_style(styles, f"{name}Title".replace(" ", ""), f"{name}{BOX_STYLE_SUFFIX}", name.replace(" ", ""))
        set_property(paragraph_properties(title), "keepNext", {}, PARAGRAPH_ORDER)
        set_bold(title)
        set_property(run_properties(title), "color", {"val": box_title_colour(box, house).lstrip("#").upper()},
                     RUN_ORDER)
    abstract_title = existing_or_new_style(styles, "AbstractTitle", "Abstract Title", "Normal")
    set_property(paragraph_properties(abstract_title), "keepNext", {}, PARAGRAPH_ORDER)
    set_property(run_properties(abstract_title), "rFonts", heading_font, RUN_ORDER)
    set_bold(abstract_title)
    set_property(run_properties(abstract_title), "color", {"val": colour(house, "accent")}, RUN_ORDER)
    source = add_style(styles, "QuotationSource", "Quotation Source", "BlockText")
    set_property(paragraph_properties(source), "jc", {"val": "right"}, PARAGRAPH_ORDER)
    set_property(run_properties(source), "rFonts", heading_font, RUN_ORDER)
    pull = add_style(styles, "PullQuote", "Pull Quote", "Normal")
    rule = house["quotes"]["pull-rule"].lstrip("#").upper()
    borders = set_property(paragraph_properties(pull), "pBdr", {}, PARAGRAPH_ORDER)
    for side in ("top", "bottom"):
        etree.SubElement(borders, w(side), {w("val"): "single", w("sz"): "8", w("space"): "6", w("color"): rule})
    set_property(paragraph_properties(pull), "spacing", {"before": "360", "after": "360"}, PARAGRAPH_ORDER)
    set_property(paragraph_properties(pull), "ind", {"left": "680", "right": "680"}, PARAGRAPH_ORDER)
    set_property(run_properties(pull), "rFonts", heading_font, RUN_ORDER)
    set_property(run_properties(pull), "color", {"val": colour(house, "accent")}, RUN_ORDER)
    set_size(pull, house["quotes"]["pull-size"])


def figures_and_tables(styles):
    """A figure centred on the text block, as in print (Word's Normal, justified, set it at the left); the
    paragraph after a table (a box is one too) set off from the table's bottom rule, which it touched; the
    empty paragraph that keeps two tables apart, small."""
    set_property(paragraph_properties(style_element(styles, "Figure")), "jc", {"val": "center"}, PARAGRAPH_ORDER)
    after = add_style(styles, AFTER_TABLE_STYLE, "Body Text After Table", "BodyText")
    set_property(paragraph_properties(after), "spacing", {"before": "200"}, PARAGRAPH_ORDER)
    separator = add_style(styles, SEPARATOR_STYLE, "Block Separator", "Normal")  # 8 pt between two tables
    set_property(paragraph_properties(separator), "spacing", {"before": "0", "after": "0", "line": "160",
                                                              "lineRule": "exact"}, PARAGRAPH_ORDER)


def captions(styles, house):
    """Captions of tables (above) and figures (below), as in print: the heading font, upright, not italic."""
    caption = style_element(styles, "Caption")
    for italic in run_properties(caption).findall(w("i")):
        run_properties(caption).remove(italic)
    set_property(run_properties(caption), "rFonts", text_font(house, "heading"), RUN_ORDER)
    set_size(caption, house["sizes"]["caption"])
    set_property(paragraph_properties(style_element(styles, "ImageCaption")), "spacing", {"before": "80", "after": "240"},
                 PARAGRAPH_ORDER)
    set_property(paragraph_properties(style_element(styles, "TableCaption")), "spacing", {"before": "240", "after": "80"},
                 PARAGRAPH_ORDER)


# pandoc's character styles for highlighted code, by the house code colour each takes.
CODE_TOKENS = {
    "keyword": ("KeywordTok", "ControlFlowTok", "ImportTok", "OperatorTok", "FunctionTok", "BuiltInTok"),
    "string": ("StringTok", "CharTok", "VerbatimStringTok", "SpecialStringTok", "SpecialCharTok"),
    "number": ("DecValTok", "BaseNTok", "FloatTok", "ConstantTok"),
    "comment": ("CommentTok", "DocumentationTok", "AnnotationTok", "CommentVarTok", "InformationTok"),
}


def code(styles, house):
    """Code in the house code font and size, highlighted in the house code colours."""
    code_font = font(house["fonts"]["code"]["family"])
    verbatim = style_element(styles, "VerbatimChar")
    set_property(run_properties(verbatim), "rFonts", code_font, RUN_ORDER)
    for old in run_properties(verbatim).findall(w("sz")):
        run_properties(verbatim).remove(old)
    source = existing_or_new_style(styles, "SourceCode", "Source Code", "Normal")
    set_property(paragraph_properties(source), "spacing", {"before": "120", "after": "120", "line": "240",
                                                           "lineRule": "auto"}, PARAGRAPH_ORDER)
    set_property(paragraph_properties(source), "wordWrap", {"val": "1"}, PARAGRAPH_ORDER)
    set_property(run_properties(source), "rFonts", code_font, RUN_ORDER)
    set_size(source, house["sizes"]["code"])
    for tone, token_styles in CODE_TOKENS.items():
        for style_id in token_styles:
            token = style_element(styles, style_id)
            if token is None:
                token = etree.SubElement(styles, w("style"), {w("type"): "character", w("customStyle"): "1",
                                                              w("styleId"): style_id})
                etree.SubElement(token, w("name"), {w("val"): style_id})
                etree.SubElement(token, w("basedOn"), {w("val"): "VerbatimChar"})
            set_property(run_properties(token), "color", {"val": house["code"][tone].lstrip("#").upper()}, RUN_ORDER)
            if tone == "comment":
                set_property(run_properties(token), "i", {}, RUN_ORDER)


def with_word_2010_namespaces(styles):
    """The styles part declaring Word 2010's w14 namespace as ignorable, for the tabular figures of tables."""
    namespaces = {**styles.nsmap, "w14": W14, "mc": MC}
    root = etree.Element(styles.tag, nsmap=namespaces)
    root.set(f"{{{MC}}}Ignorable", "w14")
    root.extend(list(styles))
    return root


def apply_house_style(styles, house):
    """The house style (fonts, sizes, colours, spacing) on the named styles, and the styles pandoc's reference lacks."""
    fonts_and_colours(styles, house)
    sizes(styles, house)
    spacing(styles, house)
    title_block(styles)
    table_normal(styles)
    table_style(styles, house)
    wide_table_style(styles, house)
    table_text_styles(styles, house)
    furniture_styles(styles, house)
    captions(styles, house)
    figures_and_tables(styles)
    code(styles, house)


def build_reference_docx():
    default = run_pandoc(["--print-default-data-file=reference.docx"])
    with zipfile.ZipFile(io.BytesIO(default)) as archive:
        styles = etree.fromstring(archive.read(STYLES_PART))
    styles = with_word_2010_namespaces(styles)
    apply_house_style(styles, load_house_style())
    styles_xml = xml_bytes(styles)
    atomic.write_bytes(REFERENCE_DOCX, rewrite_zip(default, {STYLES_PART: styles_xml}))
