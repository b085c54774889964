"""The checks of the text itself: its links, images, headings, notes, formulas, fenced divs and
attributes, and what settling its raw content left out. Each is a pure function of the read unit,
the parse's decisions and the index of its elements (see publish.source.checks)."""

import re

from publish.document import iterate, stringify, texts
from publish.findings import Finding
from publish.pandoc import unreadable_math
from publish.source.decisions import Places
from publish.source.files import UNHOLDABLE, unholdable
from publish.source.links import link_kind
from publish.source.lists_of import MARKS
from publish.source.raw_content import dropped_attributes
from publish.source.theorems import UNNUMBERED

UNDEFINED_NOTE = re.compile(r"\[\^([^\]\s]+)\]")
CHARACTER_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,6})|([0-9]{1,7}));")
# pandoc's own warnings about the parse that an author should see: their codes, and what to do.
PANDOC_WARNINGS = {
    "NoteDefinedButNotUsed": ("note.unused",
                              lambda message: f"note '[^{message['key']}]' is defined but never called"),
    "DuplicateNoteReference": ("note.duplicate",
                               lambda message: f"note '[^{message['contents']}]' is defined twice: the first "
                                               "definition is used; rename or remove the other"),
    "DuplicateLinkReference": ("link.duplicate-reference",
                               lambda message: f"link reference {message['contents']} is defined twice: the first "
                                               "definition is used; rename or remove the other"),
}
# Classes a fenced div may carry that are not boxes and need no warning: pandoc's and the pipeline's own.
QUIET_CLASSES = {"refs", "unnumbered", "unlisted", "pull-quote", "hidden", "column", "columns", "notes", "page-break",
                 *MARKS, *UNNUMBERED}


def shorten(text, size=40):
    return text if len(text) <= size else text[:size - 1] + "…"


def math_findings(source, decisions, index):
    """A formula that pandoc's TeX reader, which makes every edition's formulas, cannot read is shown as
    its TeX source: a warning at its place (publish.source.math_tex)."""
    formulas = index.of("Math")
    unreadable = unreadable_math([(formula["c"][0]["t"], formula["c"][1]) for formula in formulas],
                                 source.document["pandoc-api-version"], source.index)
    places = Places(source)
    return [places.at(formula, "math.unreadable", f"the formula '{shorten(formula['c'][1])}' cannot be read as TeX "
                                                  f"math ({why}): the editions show its TeX source; check its braces "
                                                  "and commands")
            for formula in formulas if (why := unreadable.get(formula["c"][1]))]


def written_text(source, element):
    """What the author wrote between a link's or image's brackets, as written."""
    offset, text = source.places.offset(element), source.text
    if offset is None or not text.startswith(("[", "!["), offset):  # not written in Markdown: raw HTML, say
        return stringify(element["c"][1])
    start = text.index("[", offset) + 1
    depth, position = 1, start
    while position < len(text) and depth:
        depth += {"[": 1, "]": -1}.get(text[position], 0)
        position += 1
    return text[start:position - 1]


def link_message(kind, label, target, anchors):
    """(code, message) for a link of this kind, or None when nothing is wrong with it."""
    if kind == "placeholder":
        return "link.unresolved", f"unresolved link: {label} has no address; the editions show it as plain text"
    if kind == "anchor" and target[1:] not in anchors:
        return "link.dead-anchor", f"link {label} points to '{target}', which is no heading or anchor in this document"
    if kind == "unsafe":
        return "link.unsafe", (f"link {label} has a malformed or unsafe address '{target}': use https://… or "
                               "mailto:…")
    if kind == "local":
        return "link.local-file", (f"link {label} points to the local file '{target}'; the editions show it as plain "
                                   "text")
    return None


def link_findings(source, decisions, index):
    places, anchors, found = Places(source), index.anchors(), []
    for link in index.of("Link"):
        target = link["c"][2][0]
        text = written_text(source, link)
        said = link_message(link_kind(target), f"'{text}'" if text else "a link", target, anchors)
        if said:
            found.append(places.at(link, *said))
    return found


def image_findings(source, decisions, index):
    places = Places(source)
    return [places.at(image, "image.no-alt", f"image '{image['c'][2][0]}' has no alt text: describe it between the "
                                      "brackets, ![like this](…)")
            for image in index.of("Image") if not stringify(image["c"][1]).strip()]


def heading_findings(source, decisions, index):
    """A skipped heading level, in the levels the author wrote (before a Quarto document's were raised)."""
    places, found, previous = Places(source), [], 0
    shift = source.settled.heading_shift
    for heading in index.of("Header"):
        level = heading["c"][0]
        if previous and level > previous + 1:
            found.append(places.at(heading, "heading.skipped-level", f"heading level {level + shift} follows level "
                                                       f"{previous + shift}: a level is skipped"))
        previous = level
    return found


def undefined_note_findings(source, decisions, index):
    """Calls of notes never defined (pandoc leaves them as text)."""
    places, found = Places(source), []
    for word in index.of("Str"):
        for match in UNDEFINED_NOTE.finditer(word["c"]):
            offset = source.places.offset(word)
            message = f"note '[^{match.group(1)}]' is called but never defined"
            if offset is None:
                found.append(places.at(word, "note.undefined", message))
                continue
            call = source.text.find(match.group(0), offset)
            if call > 0 and source.text[call - 1] == "\\":  # written \[^x]: brackets, not a call
                continue
            found.append(places.at_offset(call if call >= 0 else offset, "note.undefined", message))
    return found


def pandoc_warning_findings(source, decisions, index):
    """pandoc's own warnings about the parse that an author should see."""
    found = []
    for message in source.log:
        if message.get("type") in PANDOC_WARNINGS and message.get("line"):
            code, describe = PANDOC_WARNINGS[message["type"]]
            found.append(Finding(str(source.index), message["line"], message.get("column", 1), code, describe(message)))
    return found


def raw_content_findings(source, decisions, index):
    """What settling the raw content removed or dropped (publish.source.raw_content): warnings, at their places."""
    places = Places(source)
    return [places.at_offset(offset, code, message) for offset, code, message in source.settled.findings]


def note_table_findings(source, decisions, index):
    """A table in a footnote: the PDF's notes are set at the foot of the page as running text, where a
    table cannot stand, so its rows are printed as lines of text there (the DOCX and the web keep it)."""
    places = Places(source)
    return [places.at(note, "note.table", "a footnote holds a table: the PDF prints its rows as lines of text in the "
                                       "note (the DOCX and the web page keep the table)")
            for note in index.of("Note") if any(element["t"] == "Table" for element in iterate(note["c"]))]


ATTRIBUTE_REASONS = {"attribute.unsafe": "the attribute '{key}' on this {kind} could run code or load something in a "
                                         "browser: the editions leave it out",
                     "attribute.unused": "no edition uses the attribute '{key}' on this {kind}: the editions leave "
                                         "it out"}


def attribute_findings(source, decisions, index):
    places = Places(source)
    return [places.at(element, code, ATTRIBUTE_REASONS[code].format(key=key, kind=element["t"].lower()))
            for element in index.in_order for key, code in dropped_attributes(element)]


def div_findings(source, decisions, index):
    """A fenced div whose classes the house style does not know is shown as plain text: a warning."""
    places, kinds, found = Places(source), decisions.box_kinds, []
    for element in index.of("Div"):
        names = element["c"][0][1]
        unknown = [name for name in names if name not in kinds and name not in QUIET_CLASSES]
        if names and unknown and not any(name in kinds for name in names):
            known = ", ".join(sorted(kinds)) + ", pull-quote"
            found.append(places.at(element, "div.unknown-class",
                                   f"the fenced div class '{unknown[0]}' is not one the house style draws: its text "
                                   f"is shown plainly (the classes it knows: {known})"))
    return found


def unholdable_character_findings(source, decisions, index):
    """A character no edition can hold that the text writes as a character reference ('&#1;', which pandoc
    reads as U+0001; the character itself is refused as the file is read): an error at the reference."""
    found = UNHOLDABLE.search("\n".join(texts(source.document)))
    if not found:
        return []
    for reference in CHARACTER_REFERENCE.finditer(source.text):
        code = int(reference[1], 16) if reference[1] else int(reference[2])
        if 0 < code < 0x110000 and UNHOLDABLE.match(chr(code)):
            return [Places(source).at_offset(reference.start(), "source.unreadable",
                                             unholdable(chr(code), f" (written '{reference[0]}')"))]
    return [Finding(str(source.index), 1, 1, "source.unreadable", unholdable(found[0]))]


CHECKS = (unholdable_character_findings, math_findings, link_findings, image_findings, heading_findings,
          undefined_note_findings, pandoc_warning_findings, raw_content_findings, note_table_findings, attribute_findings,
          div_findings)
