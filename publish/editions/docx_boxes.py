"""A box in the DOCX edition drawn as one block: its title and paragraphs in a table of one cell, shaded in
the box's ground, its rule at the start. Paragraph borders, which drew boxes before, step wherever one of
a box's paragraphs is indented on its own (a nested list's items), and run two boxes that touch into one;
a cell holds whatever a box holds, and a table keeps its edges.
"""

from lxml import etree

from publish.editions.docx_furniture import BOX_STYLE_SUFFIX, box_style
from publish.editions.docx_reference import SEPARATOR_STYLE
from publish.ooxml import w

CELL_MARGINS = {"top": 100, "left": 200, "bottom": 40, "right": 200}  # twips: the box's padding
RULE_SIZE = "20"  # eighths of a point, as print's 2.5 pt rule


def box_paragraph_styles(boxes):
    """{paragraph style id: (box kind, is its title)} of every box kind (the house style's [boxes])."""
    styles = {}
    for kind in boxes:
        body = box_style(kind).replace(" ", "")
        styles[body] = (kind, False)
        styles[(box_style(kind) + BOX_STYLE_SUFFIX).replace(" ", "")] = (kind, True)
    return styles


def paragraph_style(element):
    style = element.find(f"{w('pPr')}/{w('pStyle')}") if element.tag == w("p") else None
    return style.get(w("val")) if style is not None else None


def box_groups(body, styles):
    """[(kind, [paragraph, ...])]: each run of a box's paragraphs; a title starts a new box."""
    groups = []
    for child in body:
        kind, is_title = styles.get(paragraph_style(child), (None, False))
        if kind is None:
            continue
        previous = child.getprevious()
        if not is_title and groups and groups[-1][0] == kind and previous is groups[-1][1][-1]:
            groups[-1][1].append(child)
        else:
            groups.append((kind, [child]))
    return groups


def sub(parent, name, **attributes):
    element = parent.makeelement(w(name), {w(key): value for key, value in attributes.items()})
    parent.append(element)
    return element


def box_table(box, text_width, direction):
    """An empty one-cell table drawn as `box` (its house-style settings); returns (table, cell)."""
    table = etree.Element(w("tbl"))
    properties = sub(table, "tblPr")
    if direction == "rtl":
        sub(properties, "bidiVisual")
    sub(properties, "tblW", w=str(text_width), type="dxa")
    # its edge at the margin, as a table's: Word before 2013 and LibreOffice indent a table's text, not its edge
    sub(properties, "tblInd", w=str(CELL_MARGINS["left"]), type="dxa")
    borders = sub(properties, "tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        if side == "left":  # the leading edge: the right in a right-to-left table
            sub(borders, side, val="single", sz=RULE_SIZE, space="0", color=box["rule"].lstrip("#").upper())
        else:
            sub(borders, side, val="nil")
    ground = box["background"].lstrip("#").upper()
    sub(properties, "shd", val="clear", color="auto", fill=ground)
    sub(properties, "tblLayout", type="fixed")
    margins = sub(properties, "tblCellMar")
    for side, size in CELL_MARGINS.items():
        sub(margins, side, w=str(size), type="dxa")
    sub(properties, "tblLook", val="0000", firstRow="0", lastRow="0", firstColumn="0", lastColumn="0",
        noHBand="1", noVBand="1")
    sub(sub(table, "tblGrid"), "gridCol", w=str(text_width))
    cell = sub(sub(table, "tr"), "tc")
    cell_properties = sub(cell, "tcPr")
    sub(cell_properties, "tcW", w=str(text_width), type="dxa")
    sub(cell_properties, "shd", val="clear", color="auto", fill=ground)
    return table, cell


def separated_tables(body):
    """An empty paragraph between two tables that touch, which Word would otherwise join into one."""
    for table in list(body.iter(w("tbl"))):
        following = table.getnext()
        if following is not None and following.tag == w("tbl") and table.getparent() is body:
            separator = body.makeelement(w("p"), {})
            sub(sub(separator, "pPr"), "pStyle", val=SEPARATOR_STYLE)
            table.addnext(separator)


def framed_boxes(root, boxes, text_width, direction="ltr"):
    """Each box of word/document.xml's body (its paragraphs in a box kind's styles) in its one-cell table;
    `boxes` is the house style's [boxes]."""
    body = root.find(w("body"))
    if body is None:
        return
    for kind, paragraphs in box_groups(body, box_paragraph_styles(boxes)):
        table, cell = box_table(boxes[kind], text_width, direction)
        paragraphs[0].addprevious(table)
        for paragraph in paragraphs:
            cell.append(paragraph)
    separated_tables(body)
