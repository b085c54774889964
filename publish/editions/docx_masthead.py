"""The DOCX edition's masthead, for a project with a brand (publish.brand): the first page's header
(the section's `w:titlePg` gives page 1 a header of its own; it had none) carries the institute's
logo, then the series with its number, the date and the place at the far margin, over a rule in the
house colour, as the PDF's page 1 does. Without a brand the package is left as it was."""

import base64
import io

from lxml import etree

from publish.editions.docx_images import as_png
from publish.editions.docx_package import paragraph, right_to_left, text_run
from publish.ooxml import (
    CONTENT_TYPES,
    DRAWING,
    PACKAGE_RELS,
    PICTURE,
    RELATIONSHIP_TYPE,
    R,
    W,
    w,
    xml_bytes,
)

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
MASTHEAD_PART, MASTHEAD_RELS = "word/header2.xml", "word/_rels/header2.xml.rels"
LOGO_PART = "word/media/brand-logo.png"
MASTHEAD_ID, LOGO_ID = "rIdMasthead", "rIdBrandLogo"
HEADER_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"
LOGO_HEIGHT = 14 * 36000  # EMU: 14 mm, as the PDF's masthead
EMU_PER_PIXEL = 9525


def logo_png(logo):
    """(PNG bytes, width, height in px) of the masthead's logo, which Word shows in every version."""
    from PIL import Image

    header, _, payload = logo["src"].partition(",")
    png = as_png(header.removeprefix("data:").removesuffix(";base64"), base64.b64decode(payload))
    width, height = Image.open(io.BytesIO(png)).size
    return png, width, height


def inline_picture(parent, logo, width, height):
    """A run holding the logo as an inline DrawingML picture, described by its alt text."""
    cx = round(LOGO_HEIGHT * width / height)
    drawing = etree.SubElement(etree.SubElement(parent, w("r")), w("drawing"))
    inline = etree.SubElement(drawing, f"{{{DRAWING}}}inline", distT="0", distB="0", distL="0", distR="0")
    etree.SubElement(inline, f"{{{DRAWING}}}extent", cx=str(cx), cy=str(LOGO_HEIGHT))
    etree.SubElement(inline, f"{{{DRAWING}}}docPr", id="1", name="Logo", descr=logo["alt"])
    graphic = etree.SubElement(inline, f"{{{A}}}graphic")
    data = etree.SubElement(graphic, f"{{{A}}}graphicData", uri=PICTURE)
    picture = etree.SubElement(data, f"{{{PICTURE}}}pic")
    properties = etree.SubElement(picture, f"{{{PICTURE}}}nvPicPr")
    etree.SubElement(properties, f"{{{PICTURE}}}cNvPr", id="0", name="brand-logo.png", descr=logo["alt"])
    etree.SubElement(properties, f"{{{PICTURE}}}cNvPicPr")
    fill = etree.SubElement(picture, f"{{{PICTURE}}}blipFill")
    etree.SubElement(fill, f"{{{A}}}blip", {f"{{{R}}}embed": LOGO_ID})
    etree.SubElement(etree.SubElement(fill, f"{{{A}}}stretch"), f"{{{A}}}fillRect")
    shape = etree.SubElement(picture, f"{{{PICTURE}}}spPr")
    transform = etree.SubElement(shape, f"{{{A}}}xfrm")
    etree.SubElement(transform, f"{{{A}}}off", x="0", y="0")
    etree.SubElement(transform, f"{{{A}}}ext", cx=str(cx), cy=str(LOGO_HEIGHT))
    etree.SubElement(etree.SubElement(shape, f"{{{A}}}prstGeom", prst="rect"), f"{{{A}}}avLst")


def facts_line(p, text, colour, bold=False):
    """A run of the masthead's text in the house colour (and bold, for the series)."""
    run = text_run(p, text)
    properties = etree.Element(w("rPr"))
    if bold:  # in every script (w:bCs for a complex script's)
        etree.SubElement(properties, w("b"))
        etree.SubElement(properties, w("bCs"))
    etree.SubElement(properties, w("color"), {w("val"): colour.lstrip("#").upper()})
    run.insert(0, properties)


def masthead_header(metadata, logo, text_width, accent, series_line):
    """The first page's header: the logo, the series line at the far margin; below, the date and place."""
    root = etree.Element(w("hdr"), nsmap={"w": W, "r": R, "wp": DRAWING, "a": A, "pic": PICTURE})
    first = paragraph(root, "Header")
    tabs = etree.SubElement(first.find(w("pPr")), w("tabs"))
    etree.SubElement(tabs, w("tab"), {w("val"): "right", w("pos"): str(text_width)})
    second = paragraph(root, "Header")
    properties = second.find(w("pPr"))
    border = etree.SubElement(etree.SubElement(properties, w("pBdr")), w("bottom"))
    border.attrib.update({w("val"): "single", w("sz"): "12", w("space"): "4", w("color"): accent.lstrip("#").upper()})
    if metadata["dir"] == "rtl":  # w:bidi before w:jc, as the schema orders them
        right_to_left(first), right_to_left(second)
    etree.SubElement(properties, w("jc"), {w("val"): "end"})
    if logo:
        inline_picture(first, metadata["brand"]["logo"], *logo[1:])
    etree.SubElement(etree.SubElement(first, w("r")), w("tab"))
    if series_line:
        facts_line(first, series_line, accent, bold=True)
    place = f" · {metadata['publisher_place']}" if metadata["publisher_place"] else ""
    facts_line(second, metadata["date_display"] + place, accent)
    return xml_bytes(root)


def with_first_page_header(document_xml):
    """word/document.xml whose section names the masthead as its first page's header."""
    root = etree.fromstring(document_xml)
    section = root.find(f"{w('body')}/{w('sectPr')}")
    reference = etree.Element(w("headerReference"), {w("type"): "first", f"{{{R}}}id": MASTHEAD_ID})
    section.insert(0, reference)  # references come first in a section's properties
    return xml_bytes(root)


def with_masthead_relationships(rels_xml, logo):
    root = etree.fromstring(rels_xml)
    etree.SubElement(root, f"{{{PACKAGE_RELS}}}Relationship", Id=MASTHEAD_ID,
                     Target=MASTHEAD_PART.removeprefix("word/"), Type=RELATIONSHIP_TYPE.format(kind="header"))
    header_rels = etree.Element(f"{{{PACKAGE_RELS}}}Relationships", nsmap={None: PACKAGE_RELS})
    if logo:
        etree.SubElement(header_rels, f"{{{PACKAGE_RELS}}}Relationship", Id=LOGO_ID,
                         Target=LOGO_PART.removeprefix("word/"), Type=RELATIONSHIP_TYPE.format(kind="image"))
    return xml_bytes(root), xml_bytes(header_rels)


def with_masthead_types(types_xml):
    root = etree.fromstring(types_xml)
    etree.SubElement(root, f"{{{CONTENT_TYPES}}}Override", PartName=f"/{MASTHEAD_PART}", ContentType=HEADER_TYPE)
    if not any(default.get("Extension") == "png" for default in root.iter(f"{{{CONTENT_TYPES}}}Default")):
        root.insert(0, etree.Element(f"{{{CONTENT_TYPES}}}Default", Extension="png", ContentType="image/png"))
    return xml_bytes(root)


def series_line(metadata):
    """'Policy Papers No. 7', as the PDF's masthead writes it."""
    from publish.labels import Labels

    number = f" {Labels(metadata['lang']).word('No.')}\u00a0{metadata['number']}" if metadata["number"] else ""
    return f"{metadata['series']}{number}" if metadata["series"] else ""


def masthead_parts(metadata, parts, text_width, house):
    """The parts the masthead writes or rewrites, given the package's document, relationships and
    content types as they stand; none without a brand."""
    if not metadata.get("brand"):
        return {}
    logo = logo_png(metadata["brand"]["logo"]) if metadata["brand"]["logo"] else None
    rels, header_rels = with_masthead_relationships(parts["word/_rels/document.xml.rels"], logo)
    header = masthead_header(metadata, logo, text_width, house["colours"]["accent"], series_line(metadata))
    written = {MASTHEAD_PART: header,
               MASTHEAD_RELS: header_rels, "word/_rels/document.xml.rels": rels,
               "word/document.xml": with_first_page_header(parts["word/document.xml"]),
               "[Content_Types].xml": with_masthead_types(parts["[Content_Types].xml"])}
    if logo:
        written[LOGO_PART] = logo[0]
    return written
