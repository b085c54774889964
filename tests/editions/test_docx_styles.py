"""Writing the styles of a DOCX (publish/editions/docx_styles.py): each property element where the schema
orders it, sizes in half-points, spacing in twentieths of a point."""

import pytest
from lxml import etree

from publish.editions import docx_styles
from publish.house_style import load_house_style


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def test_a_property_created_in_its_place_goes_before_the_first_that_must_follow_it():
    parent = etree.fromstring(f'<w:pPr xmlns:w="{W[1:-1]}"><w:pStyle/><w:spacing/><w:jc/></w:pPr>')
    created = docx_styles.child(parent, "keepNext", before=("spacing", "jc"))
    assert [etree.QName(element).localname for element in parent] == ["pStyle", "keepNext", "spacing", "jc"]
    assert docx_styles.child(parent, "keepNext", before=("spacing", "jc")) is created  # found, not made twice
    docx_styles.child(parent, "rPr")
    assert etree.QName(parent[-1]).localname == "rPr"  # nothing must follow it: last


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
    body = float(house["sizes"]["body"].removesuffix("pt"))  # an em is the body's size; 20 twips a point
    assert docx_styles.em_twips("0.5em", house) == str(round(body * 10)) and docx_styles.em_twips("5pt", house) == "100"
    for bad in ("2mm", "1in"):
        with pytest.raises(ValueError):
            docx_styles.em_twips(bad, house)
    with pytest.raises(ValueError):
        docx_styles.half_points("3mm")
