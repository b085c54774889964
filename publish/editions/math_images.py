"""Formulas for the print edition: WeasyPrint lays out no MathML, so each formula pandoc wrote
as MathML becomes a vector image drawn by ziamath in the house math font, its TeX source as
its alternate text (a tagged Figure with /Alt in the PDF). The web edition keeps the MathML,
which browsers lay out and read aloud, so both editions set the same formula from the same
MathML.
"""

import base64
import re
from xml.etree import ElementTree

import lxml.html

from publish.caches import cached

MATHML = "http://www.w3.org/1998/Math/MathML"
VIEW_BOX = re.compile(r'viewBox="([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+)"')
PX_PER_PT = 4 / 3


def plain_mathml(element):
    """The formula's MathML without pandoc's <semantics> wrapper and TeX annotation; (MathML text, TeX)."""
    markup = lxml.html.tostring(element, encoding="unicode", with_tail=False)
    root = ElementTree.fromstring(markup if "xmlns" in markup else markup.replace("<math", f'<math xmlns="{MATHML}"', 1))
    tex = ""
    for semantics in root.iter(f"{{{MATHML}}}semantics"):
        annotation = semantics.find(f"{{{MATHML}}}annotation")
        tex = annotation.text if annotation is not None else tex
        children = [child for child in semantics if not child.tag.endswith(("annotation", "annotation-xml"))]
        semantics.clear()
        semantics.tag = f"{{{MATHML}}}mrow"
        semantics.extend(children)
    return ElementTree.tostring(root, encoding="unicode"), tex.strip()


@cached(survives_warm_rebuild=False, holds="formula drawings, which the math font file shapes")
def formula_svg(mathml, size_px, font, colour):
    """(SVG text, width, height, depth below the baseline) of one formula, in CSS px."""
    import ziamath

    ziamath.config.math.color = colour
    ziamath.config.svg2 = False  # xlink:href, which every SVG renderer reads
    svg = ziamath.Math(mathml, size=size_px, font=font).svg()
    _, top, width, height = (float(value) for value in VIEW_BOX.search(svg).groups())
    return svg, width, height, height + top


def draw_formulas(container, font, size_pt, colour):
    """Every <math> of the body replaced by an <img> of the formula, sized and set on the baseline."""
    for element in list(container.iter("math", f"{{{MATHML}}}math")):
        mathml, tex = plain_mathml(element)
        display = element.get("display") == "block"
        try:
            svg, width, height, depth = formula_svg(mathml, round(size_pt * PX_PER_PT, 3), font, colour)
        except Exception:  # a formula ziamath cannot draw is printed as its TeX source, never a failed edition
            source = lxml.html.Element("code", {"class": "math-source"})
            source.text, source.tail = tex, element.tail
            element.getparent().replace(element, source)
            continue
        image = lxml.html.Element("img", {
            "class": f"math {'display' if display else 'inline'}",
            "src": "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii"),
            "alt": tex or "formula",
            "style": f"width: {width:.2f}px; height: {height:.2f}px; vertical-align: {-depth:.2f}px",
        })
        image.tail = element.tail
        element.getparent().replace(element, image)
