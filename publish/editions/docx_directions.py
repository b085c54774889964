"""Both directions in a right-to-left DOCX. pandoc marks every paragraph of a right-to-left document
right to left (w:bidi) and every run too (w:rtl), Latin ones included: a note that cites an English
source then reads as Persian, its '10' jumping to the far right and its full stop before the address.
As in print (publish.editions.directions), a note or bibliography entry written in Latin script is a
left-to-right paragraph, and a run with no right-to-left letter is a left-to-right run; the notes'
separator stands at the right, where the notes start.
"""

import unicodedata

from publish.bidi import STRONG, isolated
from publish.editions.directions import first_strong_direction
from publish.ooxml import w

ISLAND_STYLES = {"FootnoteText", "Bibliography"}


def paragraph_text(paragraph):
    return "".join(text.text or "" for text in paragraph.iter(w("t")))


def left_to_right_islands(root):
    """Each note or bibliography paragraph whose text starts in a left-to-right script, without w:bidi, and
    its Persian words isolated (a right-to-left run in it, as in '10 دسامبر 1948', took the year before the
    month: pandoc marks the run holding all three right to left)."""
    for paragraph in root.iter(w("p")):
        properties = paragraph.find(w("pPr"))
        style = properties.find(w("pStyle")) if properties is not None else None
        if style is not None and style.get(w("val")) in ISLAND_STYLES and properties.find(w("bidi")) is not None \
                and first_strong_direction(paragraph_text(paragraph)) == "ltr":
            properties.remove(properties.find(w("bidi")))
            isolated_right_to_left_words(paragraph)


def isolated_right_to_left_words(paragraph):
    """A left-to-right paragraph's runs of Latin letters or digits left to right, its right-to-left words
    between isolates (publish.bidi), so that the numbers and stops around them keep the paragraph's order."""
    for run in paragraph.iter(w("r")):
        texts = list(run.iter(w("t")))
        kinds = {unicodedata.bidirectional(character) for node in texts for character in node.text or ""}
        for mark in run.findall(f"{w('rPr')}/{w('rtl')}"):
            if kinds & (STRONG["ltr"] | {"EN"}):
                mark.getparent().remove(mark)
        for node in texts:
            node.text = isolated(node.text or "", "ltr")


def left_to_right_runs(root):
    """Each run marked right to left (w:rtl) whose text has a left-to-right letter and no right-to-left one."""
    for mark in list(root.iter(w("rtl"))):
        run = mark.getparent().getparent()
        kinds = {unicodedata.bidirectional(character) for character in "".join(node.text or ""
                                                                           for node in run.iter(w("t")))}
        if kinds & STRONG["ltr"] and not kinds & STRONG["rtl"]:
            mark.getparent().remove(mark)


def separators_at_the_right(root):
    """The notes' separator paragraphs right to left, so that the rule starts at the right."""
    for kind in ("separator", "continuationSeparator"):
        for note in root.iter(w("footnote")):
            if note.get(w("type")) == kind:
                for paragraph in note.iter(w("p")):
                    properties = paragraph.find(w("pPr"))
                    if properties is None:
                        properties = paragraph.makeelement(w("pPr"), {})
                        paragraph.insert(0, properties)
                    if properties.find(w("bidi")) is None:
                        properties.append(properties.makeelement(w("bidi"), {}))


def restored_body_text(root):
    """A right-to-left paragraph of text in Body Text: pandoc gives a paragraph its Body Text style only when
    it has no other property, and right to left is one, so every paragraph of a Persian DOCX came out in
    Normal (another size and spacing than a Latin document's, and not the style staff restyle)."""
    for properties in root.iter(w("pPr")):
        if properties.find(w("bidi")) is not None and properties.find(w("pStyle")) is None \
                and properties.find(w("numPr")) is None and paragraph_text(properties.getparent()).strip():
            properties.insert(0, properties.makeelement(w("pStyle"), {w("val"): "BodyText"}))


def finished_directions(root, direction):
    """A right-to-left document's paragraphs and runs of Latin script left to right; a left-to-right one
    as it is."""
    if direction != "rtl":
        return
    left_to_right_islands(root)
    left_to_right_runs(root)
    separators_at_the_right(root)
