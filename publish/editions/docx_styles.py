"""Writing the styles of a DOCX, in the order and the units Word requires: the property elements of a
style in the schema's order, sizes in half-points, spacing in twentieths of a point, the font slots
of Latin and complex scripts. What the styles are comes from the house style (docx_reference)."""

from lxml import etree

from publish.house_style import script_fonts
from publish.ooxml import W, w

# The order OOXML requires for run (CT_RPr) and paragraph (CT_PPr) properties.
RUN_ORDER = ("rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof "
             "snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd "
             "fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath").split()
PARAGRAPH_ORDER = ("pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers "
                   "pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE "
                   "autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents "
                   "suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle "
                   "rPr sectPr pPrChange").split()


def half_points(size):
    """'10.5pt' as Word's half-points: '21'."""
    if not size.endswith("pt"):
        raise ValueError(f"DOCX sizes must be in pt, not {size!r}")
    return str(round(float(size[:-2]) * 2))


def colour(house, name):
    return house["colours"][name].lstrip("#").upper()


def set_property(parent, tag, attributes, order):
    """Set one property element, in the position the schema requires."""
    for old in parent.findall(w(tag)):
        parent.remove(old)
    element = etree.Element(w(tag), {w(name): value for name, value in attributes.items()})

    def rank(name):
        return order.index(name) if name in order else len(order)

    for index, existing in enumerate(parent):
        if rank(etree.QName(existing).localname) > rank(tag):
            parent.insert(index, element)
            return element
    parent.append(element)
    return element


def is_bold(weight):
    """Whether a CSS font-weight ('bold', 'bolder', '600'...) is bold: Word has bold or not. Above 500
    a browser or WeasyPrint takes the next heavier face, the bold one of a regular and bold family."""
    return weight in ("bold", "bolder") or (weight.isdigit() and int(weight) > 500)


def child(parent, tag, before=()):
    """`parent`'s child `tag`, created (before any of the tags in `before`) if missing."""
    found = parent.find(w(tag))
    if found is None:
        found = etree.Element(w(tag))
        following = [c for c in parent if etree.QName(c).localname in before]
        if following:
            following[0].addprevious(found)
        else:
            parent.append(found)
    return found


def run_properties(style):
    return child(style, "rPr")


def paragraph_properties(style):
    return child(style, "pPr", before=("rPr",))


def font(name, complex_script=None):
    """Word's font slots: Latin text in `name`; complex scripts (Arabic, Hebrew) in `complex_script`."""
    return {"ascii": name, "hAnsi": name, "cs": complex_script or name, "eastAsia": name}


def text_font(house, role):
    """A text font with the house's Arabic-script font for complex scripts, as the CSS stacks have it."""
    fallback = next(iter(script_fonts(house).values()), None)
    return font(house["fonts"][role]["family"], fallback["family"] if fallback else None)


def style_element(styles, style_id):
    return styles.find(f"{{{W}}}style[@{{{W}}}styleId='{style_id}']")


def existing_or_new_style(styles, style_id, name, based_on):
    style = style_element(styles, style_id)
    return add_style(styles, style_id, name, based_on) if style is None else style


def add_style(styles, style_id, name, based_on):
    style = etree.SubElement(styles, w("style"), {w("type"): "paragraph", w("customStyle"): "1", w("styleId"): style_id})
    etree.SubElement(style, w("name"), {w("val"): name})
    etree.SubElement(style, w("basedOn"), {w("val"): based_on})
    etree.SubElement(style, w("qFormat"))
    return style


def set_bold(style):
    """Bold in every script: w:b for Latin, w:bCs for a complex script's (a Persian heading stayed regular)."""
    set_property(run_properties(style), "b", {}, RUN_ORDER)
    set_property(run_properties(style), "bCs", {}, RUN_ORDER)


def set_size(style, size):
    set_property(run_properties(style), "sz", {"val": half_points(size)}, RUN_ORDER)
    set_property(run_properties(style), "szCs", {"val": half_points(size)}, RUN_ORDER)


def em_twips(length, house):
    """'0.5em' of the body size (or '5pt') in twentieths of a point."""
    body = float(house["sizes"]["body"].removesuffix("pt"))
    if length.endswith("em"):
        return str(round(float(length[:-2]) * body * 20))
    if length.endswith("pt"):
        return str(round(float(length[:-2]) * 20))
    raise ValueError(f"DOCX spacing must be in em or pt, not {length!r}")
