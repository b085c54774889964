"""Package-level parts of the DOCX edition that pandoc does not write from our metadata:
document properties, page set-up, and the running head and page-number footer; and the
finishing of pandoc's body (table widths and styles, picture descriptions, math runs).
"""

from dataclasses import dataclass

from lxml import etree

from publish.editions.docx_boxes import framed_boxes
from publish.editions.docx_directions import finished_directions, restored_body_text
from publish.editions.docx_math import numbered_equations, readable_math
from publish.editions.docx_reference import AFTER_TABLE_STYLE
from publish.ooxml import (
    CONTENT_TYPES,
    CORE,
    CUSTOM,
    DC,
    DCTERMS,
    DRAWING,
    MATH,
    PACKAGE_RELS,
    PICTURE,
    RELATIONSHIP_TYPE,
    VT,
    XSI,
    R,
    W,
    w,
    xml_bytes,
)

CUSTOM_PROPERTY_ID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the one format id Word uses for them

# Page sizes in twentieths of a point.
PAGE_TWIPS = {"a4": (11906, 16838), "letter": (12240, 15840)}
HEADER_PART, FOOTER_PART = "word/header1.xml", "word/footer1.xml"
HEADER_ID, FOOTER_ID = "rIdRunningHead", "rIdPageNumber"
PART_TYPES = {
    HEADER_PART: ("header", "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml", HEADER_ID),
    FOOTER_PART: ("footer", "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml", FOOTER_ID),
}


def twips(length):
    """'24mm' in twentieths of a point."""
    if not length.endswith("mm"):
        raise ValueError(f"page margins must be in mm, not {length!r}")
    return round(float(length[:-2]) * 1440 / 25.4)


def core_properties(metadata):
    """docProps/core.xml: title, subject, author, keywords, language; created on the
    publication's date, modified at the sources' timestamp (never the build time)."""
    root = etree.Element(f"{{{CORE}}}coreProperties", nsmap={"cp": CORE, "dc": DC, "dcterms": DCTERMS, "xsi": XSI})
    values = [
        (DC, "title", metadata["title"]),
        (DC, "subject", metadata["description"] or metadata["subtitle"]),
        (DC, "creator", "; ".join(author["name"] for author in metadata["authors"])),
        (CORE, "keywords", ", ".join(metadata["keywords"])),
        (DC, "language", metadata["lang"]),
        (DC, "description", metadata["summary"]),
    ]
    for namespace, name, value in values:
        if value or name != "description":
            etree.SubElement(root, f"{{{namespace}}}{name}").text = value
    for name, moment in (("created", metadata["published"]), ("modified", metadata["modified"])):
        element = etree.SubElement(root, f"{{{DCTERMS}}}{name}", {f"{{{XSI}}}type": "dcterms:W3CDTF"})
        element.text = moment
    return xml_bytes(root)


def custom_properties(metadata):
    """docProps/custom.xml: series and number, identifiers, edition date and version, source revision
    (those that are known) and the publication unit, by which `doit review` knows where a reviewed copy
    belongs."""
    root = etree.Element(f"{{{CUSTOM}}}Properties", nsmap={None: CUSTOM, "vt": VT})
    others = [edition for edition in metadata["languages"] if not edition["current"]]
    original = next((edition["lang"] for edition in others if edition["original"]), "")
    translations = ", ".join(edition["lang"] for edition in others if not edition["original"])
    known = [("Series", metadata["series"]), ("Number", metadata["number"]), ("ISSN", metadata["issn"]),
             ("Publisher", metadata["publisher"]), ("Publisher place", metadata["publisher_place"]),
             ("Edition date", metadata["date"]), ("Version", metadata["version"]), ("DOI", metadata["doi"]),
             ("ISBN", metadata["isbn"]), ("Source revision", metadata["revision"]),
             ("Publication", metadata["publication"]),
             ("Original language", original), ("Other translations" if original else "Translations", translations)]
    for number, (name, value) in enumerate([pair for pair in known if pair[1]], start=2):
        prop = etree.SubElement(root, f"{{{CUSTOM}}}property", fmtid=CUSTOM_PROPERTY_ID, pid=str(number), name=name)
        etree.SubElement(prop, f"{{{VT}}}lpwstr").text = value
    return xml_bytes(root)


def paragraph(parent, style):
    p = etree.SubElement(parent, w("p"))
    etree.SubElement(etree.SubElement(p, w("pPr")), w("pStyle"), {w("val"): style})
    return p


def text_run(p, text):
    run = etree.SubElement(p, w("r"))
    etree.SubElement(run, w("t"), {"{http://www.w3.org/XML/1998/namespace}space": "preserve"}).text = text
    return run


def field(p, instruction, shown):
    """A Word field (PAGE, ...): begin, instruction, separate, the value shown until updated, end."""
    for kind in ("begin", "instruction", "separate", "shown", "end"):
        run = etree.SubElement(p, w("r"))
        if kind == "instruction":
            etree.SubElement(run, w("instrText"), {"{http://www.w3.org/XML/1998/namespace}space": "preserve"}).text = f" {instruction} "
        elif kind == "shown":
            etree.SubElement(run, w("t")).text = shown
        else:
            etree.SubElement(run, w("fldChar"), {w("fldCharType"): "end" if kind == "end" else kind})


def right_to_left(p):
    """A paragraph of a right-to-left publication (its tabs and runs then run from the right). Called
    once its style and tabs are set: the schema puts w:bidi after them."""
    etree.SubElement(p.find(w("pPr")), w("bidi"))


def running_head(metadata, text_width):
    """The header from page 2: short title, then the authors at the far margin (the left one, right to left)."""
    root = etree.Element(w("hdr"), nsmap={"w": W, "r": R})
    p = paragraph(root, "Header")
    tabs = etree.SubElement(p.find(w("pPr")), w("tabs"))
    etree.SubElement(tabs, w("tab"), {w("val"): "right", w("pos"): str(text_width)})
    if metadata["dir"] == "rtl":
        right_to_left(p)
    text_run(p, metadata["short_title"])
    etree.SubElement(etree.SubElement(p, w("r")), w("tab"))
    text_run(p, metadata["running_authors"])
    return xml_bytes(root)


def page_number_footer(direction="ltr"):
    root = etree.Element(w("ftr"), nsmap={"w": W, "r": R})
    p = paragraph(root, "Footer")
    if direction == "rtl":
        right_to_left(p)
    field(p, "PAGE", "2")
    return xml_bytes(root)


def section_properties(papersize, page, direction="ltr"):
    """Page size and margins; header and footer from page 2 (the first page has none); a right-to-left
    section (w:bidi: Word mirrors the margins, columns and page number's place)."""
    width, height = PAGE_TWIPS[papersize]
    section = etree.Element(w("sectPr"), nsmap={"w": W, "r": R})
    etree.SubElement(section, w("headerReference"), {w("type"): "default", f"{{{R}}}id": HEADER_ID})
    etree.SubElement(section, w("footerReference"), {w("type"): "default", f"{{{R}}}id": FOOTER_ID})
    etree.SubElement(section, w("pgSz"), {w("w"): str(width), w("h"): str(height)})
    margins = {"top": page["margin-top"], "right": page["margin-outer"], "bottom": page["margin-bottom"],
               "left": page["margin-inner"]}
    attributes = {w(side): str(twips(value)) for side, value in margins.items()}
    attributes.update({w("header"): str(twips(page["margin-top"]) // 2), w("footer"): str(twips(page["margin-bottom"]) // 2),
                       w("gutter"): "0"})
    etree.SubElement(section, w("pgMar"), attributes)
    etree.SubElement(section, w("titlePg"))
    if direction == "rtl":
        etree.SubElement(section, w("bidi"))
    return section


def text_width(papersize, page):
    return PAGE_TWIPS[papersize][0] - twips(page["margin-inner"]) - twips(page["margin-outer"])


CELL_PARAGRAPH_STYLES = ("Compact", "BodyText", "FirstParagraph")  # pandoc's, for a cell's paragraphs
CHARACTER_WIDTH = 0.65  # of the font size: a character of the house sans-serif, bold headers included


@dataclass(frozen=True)
class TableMeasures:
    """What the house style says of tables, in the units the DOCX needs."""

    size: float  # points
    wide_size: float  # points, for a table of `wide_columns` columns or more
    wide_columns: int
    padding: int  # twips, left and right of a cell's text

    @classmethod
    def of(cls, house):
        table, points = house["table"], (lambda size: float(size.removesuffix("pt")))
        size = points(house["sizes"]["table"])
        return cls(size, points(table["wide-size"]), int(table["wide-columns"]),
                   round(float(table["cell-padding-inline"].removesuffix("em")) * size * 20))


def column_widths(table, text_width, character, padding):
    """Widths (twips) for a table's columns: each at least as wide as its longest word (so no word
    breaks), the room left shared in proportion to how much text each column holds."""
    longest, amount = {}, {}
    for row in table.findall(w("tr")):
        for index, cell in enumerate(row.findall(w("tc"))):
            text = " ".join("".join(node.text or "" for node in paragraph.iter(w("t"))) for paragraph in cell.iter(w("p")))
            longest[index] = max(longest.get(index, 1), *(len(word) for word in text.split() or [""]))
            amount[index] = amount.get(index, 0) + len(text)
    columns = sorted(longest)
    least = [longest[index] * character + 2 * padding for index in columns]
    room = text_width - sum(least)
    if room < 0:  # even the longest words do not fit side by side: share the width by them
        return [round(text_width * width / sum(least)) for width in least]
    text = sum(amount[index] for index in columns) or 1
    return [round(width + room * amount[index] / text) for width, index in zip(least, columns)]


def finished_body(document_xml, text_width, tables, direction="ltr", boxes=None):
    """word/document.xml with every table as wide as the text block (its columns fitted to their
    contents, not to pandoc's guess from the dashes; `tables` is a TableMeasures; its cells in
    'Table Text', and a table of many columns in 'Wide Table' and 'Wide Table Text'), each box (`boxes`, the house
    style's) in its one-cell table, each picture described by
    its alternate text (pandoc puts the image's address there, which for an embedded image is all
    its bytes again), math runs as the schema allows them (pandoc gives text in a formula
    both m:nor and m:sty, which exclude each other), a page break (a \\newpage in the source) set on
    the paragraph that follows it, and code never centred (pandoc centres what a figure holds, and a
    listing is a figure of code: centred, each line would start elsewhere)."""
    root = etree.fromstring(document_xml)
    readable_math(root)
    numbered_equations(root, text_width)
    for properties in root.iter(f"{{{MATH}}}rPr"):
        if properties.find(f"{{{MATH}}}nor") is not None:
            for style in properties.findall(f"{{{MATH}}}sty"):
                properties.remove(style)
    for properties in root.iter(w("tblPr")):
        fit_table(properties, text_width, tables)
    for request in [paragraph for paragraph in root.iter(w("p")) if is_page_break_request(paragraph)]:
        move_page_break(request)
    for style in root.iter(w("pStyle")):
        if style.get(w("val")) == "SourceCode":
            for alignment in style.getparent().findall(w("jc")):
                style.getparent().remove(alignment)
    plain_citation_links(root)
    if direction == "rtl":
        restored_body_text(root)
    framed_boxes(root, boxes or {}, text_width, direction)
    set_off_after_tables(root)
    for drawing in root.iter(f"{{{DRAWING}}}inline", f"{{{DRAWING}}}anchor"):
        described = drawing.find(f"{{{DRAWING}}}docPr")
        for picture in drawing.iter(f"{{{PICTURE}}}cNvPr"):
            picture.set("descr", described.get("descr", "") if described is not None else "")
    finished_directions(root, direction)
    return xml_bytes(root)


def next_block(element):
    """The paragraph or table after an element (a bookmark between is no block), or None."""
    return next((sibling for sibling in element.itersiblings() if sibling.tag in (w("p"), w("tbl"))), None)


def set_off_after_tables(root):
    """The text paragraph right after a table in the style that sets it off from the table's bottom rule."""
    for table in root.iter(w("tbl")):
        following = next_block(table)
        style = following.find(f"{w('pPr')}/{w('pStyle')}") if following is not None and following.tag == w("p") \
            else None
        if style is not None and style.get(w("val")) in ("BodyText", "FirstParagraph"):
            style.set(w("val"), AFTER_TABLE_STYLE)


def plain_citation_links(root):
    """A citation (a link to its bibliography entry, 'ref-...') in the text's colour, as print sets it: in
    the link style a note that is one citation was blue from end to end; a web address inside stays a link."""
    for link in root.iter(w("hyperlink")):
        if (link.get(w("anchor")) or "").startswith("ref-"):
            for style in link.iter(w("rStyle")):
                if style.get(w("val")) == "Hyperlink" and style.getparent().getparent().getparent() is link:
                    style.getparent().remove(style)


def fit_table(properties, text_width, tables):
    """A table (by its w:tblPr) as wide as the text block, its columns as wide as their contents need, its
    cells' paragraphs in the table text style (the wide ones' for a table of many columns)."""
    width = properties.find(w("tblW"))
    if width is not None:
        width.attrib.update({w("type"): "pct", w("w"): "5000"})
    for layout in properties.findall(w("tblLayout")):  # columns as wide as their contents need
        properties.remove(layout)
    table = properties.getparent()
    grid = table.find(w("tblGrid"))
    if grid is None:
        return
    size, text_style = tables.size, "TableText"
    if len(grid.findall(w("gridCol"))) >= tables.wide_columns:
        properties.find(w("tblStyle")).set(w("val"), "WideTable")
        size, text_style = tables.wide_size, "WideTableText"
    for style in table.iter(w("pStyle")):
        if style.get(w("val")) in CELL_PARAGRAPH_STYLES:
            style.set(w("val"), text_style)
    widths = column_widths(table, text_width, CHARACTER_WIDTH * size * 20, tables.padding)
    for column, width in zip(grid.findall(w("gridCol")), widths):
        column.set(w("w"), str(width))


def move_page_break(request):
    """A paragraph that only asks for a page break: the break set on the next block instead (a bookmark
    between is no block); before a table the request stays, as Word ignores a page break inside a table."""
    following = next_block(request)
    if following is not None and following.tag == w("p") and not is_page_break_request(following):
        break_page_before(following)
        request.getparent().remove(request)


# The properties a paragraph's pPr may hold before w:pageBreakBefore, in the schema's order.
BEFORE_PAGE_BREAK = {w("pStyle"), w("keepNext"), w("keepLines")}


def is_page_break_request(paragraph):
    """An empty paragraph whose only property is a page break (a \\newpage in the source)."""
    properties = paragraph.find(w("pPr"))
    return (len(paragraph) == 1 and properties is not None and len(properties) == 1
            and properties[0].tag == w("pageBreakBefore"))


def break_page_before(paragraph):
    properties = paragraph.find(w("pPr"))
    if properties is None:
        properties = etree.Element(w("pPr"))
        paragraph.insert(0, properties)
    position = sum(1 for child in properties if child.tag in BEFORE_PAGE_BREAK)
    properties.insert(position, etree.Element(w("pageBreakBefore")))


def finished_notes(footnotes_xml, text_width, tables, direction="ltr"):
    """word/footnotes.xml finished as the body is (tables, pictures, math), and the paragraphs of a
    note's lists and the like in 'Footnote Text' (pandoc gives them the body's styles, at the size
    of the text); in a right-to-left document, notes in Latin script left to right."""
    root = etree.fromstring(finished_body(footnotes_xml, text_width, tables, direction))
    for style in root.iter(w("pStyle")):
        if style.get(w("val")) in CELL_PARAGRAPH_STYLES:
            style.set(w("val"), "FootnoteText")
    return xml_bytes(root)


def with_page_setup(document_xml, papersize, page, direction="ltr"):
    """word/document.xml with our section properties as the body's last child."""
    root = etree.fromstring(document_xml)
    body = root.find(w("body"))
    for old in body.findall(w("sectPr")):
        body.remove(old)
    body.append(section_properties(papersize, page, direction))
    return xml_bytes(root)


def with_relationships(rels_xml):
    root = etree.fromstring(rels_xml)
    for part, (kind, _, rel_id) in PART_TYPES.items():
        etree.SubElement(root, f"{{{PACKAGE_RELS}}}Relationship", Id=rel_id, Target=part.removeprefix("word/"),
                         Type=RELATIONSHIP_TYPE.format(kind=kind))
    return xml_bytes(root)


def with_content_types(types_xml):
    root = etree.fromstring(types_xml)
    for part, (_, content_type, _) in PART_TYPES.items():
        etree.SubElement(root, f"{{{CONTENT_TYPES}}}Override", PartName=f"/{part}", ContentType=content_type)
    return xml_bytes(root)
