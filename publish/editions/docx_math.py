"""Formulas in the DOCX as Word and LibreOffice both read them.

pandoc writes each formula as Office Math (OMML) faithfully to its TeX, and Word shows it well, but
LibreOffice turns OMML into its own formula language, where brackets must pair: TeX's
`(X^\\top X)^{-1}` comes out as a lone "(" and a ")" that is the base of a superscript, which
LibreOffice cannot read, and shows as "¿", the rest of the formula lost. So each bracket run is paired
with its closing one, at the same depth, into a delimiter object (m:d) that does not grow, as TeX's
plain brackets do not: the same formula to Word, and one LibreOffice reads. TeX's \\bar is written
with a spacing overline, which LibreOffice does not know as an accent (it draws an acute); the
combining macron is the mark Word writes for it.

A numbered display formula stands in a paragraph of its own: the formula centred on the text block,
its number at the right margin, at tab stops (the parse stage marked it: a Span of class `equation`).
"""

from lxml import etree

from publish.document import walk
from publish.ooxml import MATH, w

OPENING, CLOSING = "([{⟨⌊⌈|‖", ")]}⟩⌋⌉|‖"
SCRIPTS = {f"{{{MATH}}}{tag}" for tag in ("sSup", "sSub", "sSubSup")}
ACCENT_MARKS = {"\u203e": "\u0304"}  # TeX's \bar, as the combining macron Word's own Bar accent is
EQUATION_STYLE = "Equation"


def m(tag):
    return f"{{{MATH}}}{tag}"


def bracket(element, brackets):
    """The bracket a math run holds alone (a run's only text is one of `brackets`), else ''."""
    if element.tag != m("r"):
        return ""
    text = "".join(element.itertext()) if element.find(m("t")) is not None else ""
    return text if len(text) == 1 and text in brackets else ""


def closing_base(element):
    """The closing bracket that is the whole base of a script (the ")" of `(...)^{-1}`), else ''."""
    if element.tag not in SCRIPTS:
        return ""
    base = element.find(m("e"))
    return bracket(base[0], CLOSING) if base is not None and len(base) == 1 else ""


def delimiter(opening, closing, inner):
    """An m:d object: `inner` between the two brackets, which keep their size (grow off)."""
    group = etree.Element(m("d"))
    properties = etree.SubElement(group, m("dPr"))
    etree.SubElement(properties, m("begChr")).set(m("val"), opening)
    etree.SubElement(properties, m("endChr")).set(m("val"), closing)
    etree.SubElement(properties, m("grow")).set(m("val"), "off")
    body = etree.SubElement(group, m("e"))
    body.extend(inner)
    return group


def pair_brackets(container):
    """Each opening bracket run in `container`'s children paired, innermost first, with the closing one at
    its depth: a closing run, or the base of a script after it; unpaired brackets stay as they are."""
    openings = []
    for child in list(container):
        if bracket(child, OPENING) and not bracket(child, CLOSING):
            openings.append(child)
        elif openings and (closing := bracket(child, CLOSING) or closing_base(child)):
            opening = openings.pop()
            start, end = container.index(opening), container.index(child)
            inner = list(container)[start + 1:end]
            group = delimiter(bracket(opening, OPENING), closing, inner)
            container.remove(opening)
            if child.tag == m("r"):
                container.replace(child, group)
            else:  # the script's base becomes the whole group: (X)^{-1}
                base = child.find(m("e"))
                base.remove(base[0])
                base.append(group)


def readable_math(root):
    """Every formula under `root` with its brackets paired and its accents as combining marks."""
    for zone in list(root.iter(m("oMath"))):
        for container in [zone, *zone.iter(m("e"), m("sub"), m("sup"), m("num"), m("den"), m("deg"), m("fName"),
                                           m("lim"))]:
            pair_brackets(container)
    for accent in root.iter(m("chr")):
        value = accent.get(m("val"))
        if value in ACCENT_MARKS and accent.getparent().tag == m("accPr"):
            accent.set(m("val"), ACCENT_MARKS[value])


def numbered_equations(root, text_width):
    """Each paragraph of a numbered formula (style Equation): the formula centred at a tab stop, its number
    at the right margin, in place of pandoc's display zone (m:oMathPara) followed by the number."""
    for style in root.iter(w("pStyle")):
        if style.get(w("val")) == EQUATION_STYLE:
            paragraph = style.getparent().getparent()
            tab_stops(style.getparent(), text_width)
            for display in paragraph.findall(m("oMathPara")):
                zones = display.findall(m("oMath"))
                display.addprevious(tab_run())
                for zone in zones:
                    display.addprevious(zone)
                paragraph.remove(display)


def tab_run():
    run = etree.Element(w("r"))
    etree.SubElement(run, w("tab"))
    return run


def tab_stops(properties, text_width):
    """A centre tab at the middle of the text block and a right one at its end, after the style."""
    tabs = etree.Element(w("tabs"))
    for alignment, position in (("center", text_width // 2), ("right", text_width)):
        tab = etree.SubElement(tabs, w("tab"))
        tab.set(w("val"), alignment)
        tab.set(w("pos"), str(position))
    properties.find(w("pStyle")).addnext(tabs)


def word_equation(span):
    """A numbered formula's Span (its formula, a space, its number), as the inlines of its own paragraph
    in style Equation: the space becomes a tab (numbered_equations puts the one before the formula)."""
    tab = {"t": "RawInline", "c": ["openxml", "<w:r><w:tab/></w:r>"]}
    inlines = [tab if inline["t"] == "Space" else inline for inline in span["c"][1]]
    return {"t": "Div", "c": [["", [], [["custom-style", EQUATION_STYLE]]],
                              [{"t": "Para", "c": [{"t": "Span", "c": [span["c"][0], inlines]}]}]]}


def is_numbered_equation(block):
    """A paragraph that holds one numbered display formula and nothing else (the parse stage's Span)."""
    return (block["t"] == "Para" and len(block["c"]) == 1 and block["c"][0]["t"] == "Span"
            and "equation" in block["c"][0]["c"][0][1])


def word_equations(document):
    """The document with each numbered display formula's paragraph in style Equation, wherever it stands
    (in a list, a box, a theorem)."""
    return {**document, "blocks": walk(document["blocks"], lambda block: word_equation(block["c"][0])
                                       if is_numbered_equation(block) else None)}
