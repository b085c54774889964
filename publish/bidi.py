"""Runs of the other direction isolated (Unicode's directional isolates, UAX #9): in a line of Persian,
a Latin name is set apart so that the numbers and stops around it keep their order; in a Latin citation
inside a Persian page, a Persian month ('10 دسامبر 1948') no longer drags the year before it. Used on the
editions' bodies (publish.editions.directions) and on How to cite (publish.source.how_to_cite)."""

import re
import unicodedata

import lxml.html

ISOLATE = {"ltr": "\u2066", "rtl": "\u2067"}  # LRI, RLI
POP_ISOLATE = "\u2069"  # PDI
STRONG = {"ltr": {"L"}, "rtl": {"R", "AL"}}
NOT_TEXT = {"pre", "code", "math", "svg", "style", "script", "kbd", "samp"}
RIGHT_TO_LEFT_LETTERS = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")  # Hebrew, Arabic and their forms


def isolated(text, base):
    """The text with each run in the other direction than `base` between isolates: from its first strong
    character to its last before the next one of `base`'s direction (the spaces and stops around it stay
    outside)."""
    other = "rtl" if base == "ltr" else "ltr"
    if base == "ltr" and not RIGHT_TO_LEFT_LETTERS.search(text):  # most text of most publications
        return text
    kinds = [unicodedata.bidirectional(character) for character in text]
    if not any(kind in STRONG[other] for kind in kinds):
        return text
    pieces, start, last = [], None, None
    for index, kind in enumerate(kinds):
        if kind in STRONG[other]:
            start, last = (index if start is None else start), index
        elif kind in STRONG[base] and start is not None:
            pieces.append((start, last))
            start = None
    if start is not None:
        pieces.append((start, last))
    for begin, end in reversed(pieces):
        text = text[:begin] + ISOLATE[other] + text[begin:end + 1] + POP_ISOLATE + text[end + 1:]
    return text


def base_direction(element, direction):
    """The direction of the text an element holds: its own dir, its nearest ancestor's, else the document's."""
    return next((node.get("dir") for node in (element, *element.iterancestors()) if node.get("dir") in STRONG),
                direction)


def isolate_runs(container, direction):
    """Every run of text in the other direction than its block's set between isolates (publication's
    `direction`: 'ltr' or 'rtl'); code and formulas left as they are."""
    for element in container.iter():
        if not isinstance(element.tag, str) or any(node.tag in NOT_TEXT for node in element.iterancestors()):
            continue
        parent = element.getparent()
        if element.tail and parent is not None:  # the text after an element is its parent's
            element.tail = isolated(element.tail, base_direction(parent, direction))
        if element.text and element.tag not in NOT_TEXT:
            element.text = isolated(element.text, base_direction(element, direction))


def isolated_html(fragment, direction):
    """An HTML fragment with its runs of the other direction than `direction` isolated."""
    if direction == "ltr" and not RIGHT_TO_LEFT_LETTERS.search(fragment):
        return fragment
    container = lxml.html.fragment_fromstring(fragment, create_parent="div")
    isolate_runs(container, direction)
    return "".join([container.text or "", *(lxml.html.tostring(child, encoding="unicode") for child in container)])
