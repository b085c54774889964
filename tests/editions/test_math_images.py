"""Formulas in the print edition (publish/editions/math_images.py): each an image drawn in the house math
font, size and colour, its TeX source as its alternate text."""

import json

import lxml.html
import pytest
from pandoc_json import para
from projects import SLUG, inside

from publish.editions import pdf
from publish.editions.print_notes import PrintText
from publish.house_style import load_house_style
from publish.paths import Publication


UNIT = Publication(SLUG)


@pytest.fixture
def project(parsed):
    with inside(parsed):
        yield parsed


@pytest.mark.filterwarnings("ignore:path is deprecated:DeprecationWarning")  # ziamath, as it loads its own files
def test_formulas_print_as_images_in_the_house_math_font_size_and_colour(project):
    import base64

    metadata = json.loads(UNIT.metadata.read_text(encoding="utf-8"))
    house = load_house_style()
    document = {"pandoc-api-version": [1, 23, 1], "meta": {},
                "blocks": [para({"t": "Str", "c": "Area"}, {"t": "Space"}, {"t": "Math", "c": [{"t": "InlineMath"}, "r^2"]})]}
    printed = lxml.html.fromstring(pdf.print_html(PrintText(document), metadata, house))
    [image] = printed.xpath("//img[contains(@class, 'math')]")
    assert not printed.xpath("//math") and image.get("alt") == "r^2" and image.get("class") == "math inline"
    svg = base64.b64decode(image.get("src").removeprefix("data:image/svg+xml;base64,")).decode("utf-8")
    assert house["colours"]["text"] in svg
    height = float(image.get("style").split("height: ")[1].split("px")[0])
    assert 10 < height < 20  # r squared at 10pt (13.3px), not at a default size
