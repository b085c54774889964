"""The DOCX reference document, generated from the house style (never edited by hand).

It starts from pandoc's own reference.docx and sets the fonts, sizes and
colours of its named styles from styles/house.toml.
"""

import io
import zipfile

from lxml import etree

from publish import atomic
from publish.house_style import load_house_style
from publish.layout import REFERENCE_DOCX
from publish.pandoc import run_pandoc
from publish.zipfiles import rewrite_zip

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
STYLES_PART = "word/styles.xml"
# The order in which OOXML requires run properties (CT_RPr), for the ones we set.
RUN_PROPERTY_ORDER = ["rStyle", "rFonts", "b", "bCs", "i", "iCs", "color", "sz", "szCs"]
HEADING_STYLES = ("Title", "Subtitle", "Heading1", "Heading2", "Heading3")


def w(tag):
    return f"{{{W}}}{tag}"


def half_points(size):
    """'10.5pt' as Word's half-points: '21'."""
    if not size.endswith("pt"):
        raise ValueError(f"DOCX sizes must be in pt, not {size!r}")
    return str(round(float(size[:-2]) * 2))


def set_run_property(run_properties, tag, attributes):
    """Set one run property, in the position the schema requires."""
    for old in run_properties.findall(w(tag)):
        run_properties.remove(old)
    element = etree.Element(w(tag), {w(name): value for name, value in attributes.items()})
    rank = RUN_PROPERTY_ORDER.index(tag)
    for index, child in enumerate(run_properties):
        name = etree.QName(child).localname
        if name not in RUN_PROPERTY_ORDER[: rank + 1]:
            run_properties.insert(index, element)
            return
    run_properties.append(element)


def run_properties_of(parent):
    found = parent.find(w("rPr"))
    if found is None:
        found = etree.SubElement(parent, w("rPr"))
    return found


def font(name):
    return {"ascii": name, "hAnsi": name, "cs": name, "eastAsia": name}


def style_element(styles, style_id):
    return styles.find(f"{{{W}}}style[@{{{W}}}styleId='{style_id}']")


def apply_house_style(styles, house):
    """Fonts, sizes and colours of the house style on pandoc's named styles."""
    defaults = run_properties_of(styles.find(f"{{{W}}}docDefaults/{{{W}}}rPrDefault"))
    set_run_property(defaults, "rFonts", font(house["fonts"]["body"]["family"]))
    set_run_property(defaults, "sz", {"val": half_points(house["sizes"]["body"])})
    set_run_property(defaults, "szCs", {"val": half_points(house["sizes"]["body"])})
    colour = house["colours"]["accent"].lstrip("#").upper()
    for style_id in HEADING_STYLES:
        style = style_element(styles, style_id)
        if style is not None:
            properties = run_properties_of(style)
            set_run_property(properties, "rFonts", font(house["fonts"]["heading"]["family"]))
            set_run_property(properties, "color", {"val": colour})
    for style_id, size in (("Title", "title"), ("Subtitle", "subtitle"), ("Heading1", "heading-1"), ("Heading2", "heading-2")):
        style = style_element(styles, style_id)
        if style is not None:
            set_run_property(run_properties_of(style), "sz", {"val": half_points(house["sizes"][size])})
    footnote_text = style_element(styles, "FootnoteText")
    if footnote_text is not None:
        set_run_property(run_properties_of(footnote_text), "sz", {"val": half_points(house["sizes"]["note"])})


def build_reference_docx():
    default = run_pandoc(["--print-default-data-file=reference.docx"])
    with zipfile.ZipFile(io.BytesIO(default)) as archive:
        styles = etree.fromstring(archive.read(STYLES_PART))
    apply_house_style(styles, load_house_style())
    styles_xml = etree.tostring(styles, xml_declaration=True, encoding="UTF-8", standalone=True)
    atomic.write_bytes(REFERENCE_DOCX, rewrite_zip(default, {STYLES_PART: styles_xml}))
