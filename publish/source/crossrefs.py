"""Numbered figures, tables, sections and equations, and the cross-references to them, in the
syntax Quarto users already write: `{#fig-chart}`, `: Caption {#tbl-aid}`, `# Heading {#sec-x}`,
`$$ ... $$ {#eq-y}`, and `@fig-chart`, `[@tbl-aid]`, `@Fig-chart` (capitalised, to start a
sentence), `[-@eq-y]` (the number alone).

Numbering is decided once, on the document as read (publish.source.decisions), by the identity
of each element: every figure and table with a caption gets "Figure N" / "Table N" (words from
the publication's language, publish/labels.py), every labelled equation "(N)", sections their
outline number. The checks read those numbers; the transform writes them into the captions and
makes each reference a link to its target with the same number, in every edition. Such keys
never reach citeproc, and the checks report an unknown or twice-defined label at its place.
"""

import re
import string
from dataclasses import dataclass

from publish.document import iterate, rewrite, walk
from publish.source.theorems import CALLOUTS, STATEMENTS, div_kind, unnumbered_opening, with_label

KINDS = {"fig": "Figure", "tbl": "Table", "sec": "Section", "eq": "Equation", "lst": "Listing",
         **STATEMENTS, **CALLOUTS}
# Quarto's fig-x, and pandoc-crossref's fig:x; Quarto's theorems and callouts (thm-x, tip-x) in its form only
KEY = re.compile(rf"^((fig|tbl|sec|eq|lst)[-:]|({'|'.join([*STATEMENTS, *CALLOUTS])})-)\S+$", re.IGNORECASE)
EQUATION_LABEL = re.compile(r"^\{#(eq[-:][^\s}]+)\}$")


def is_crossref(key):
    return bool(KEY.match(key))


def label_of(key):
    """The label a key points at: '@Fig-chart' points at 'fig-chart'."""
    return key[0].lower() + key[1:]


def kind_of(label):
    """'fig', 'tbl', 'sec' or 'eq': the kind of target a label names."""
    return re.split(r"[-:]", label, maxsplit=1)[0]


@dataclass
class Target:
    kind: str  # fig, tbl, sec, eq
    number: str  # '2', '3.1'
    element: dict


def equation_labels(paragraph):
    """[(index of the display math, label)] in a paragraph's inlines: `$$ ... $$ {#eq-x}`."""
    inlines = paragraph["c"]
    found = []
    for index, inline in enumerate(inlines):
        if inline["t"] == "Math" and inline["c"][0]["t"] == "DisplayMath":
            rest = [item for item in inlines[index + 1:index + 3] if item["t"] != "Space"]
            if rest and rest[0]["t"] == "Str" and (match := EQUATION_LABEL.match(rest[0]["c"])):
                found.append((index, match.group(1)))
    return found


def section_label(header, auto_section_labels=False):
    """The label a heading carries: its id when it is a section's (sec-x, sec:x); with pandoc-crossref's
    autoSectionLabels, every heading's, its id after 'sec:'."""
    identifier = header["c"][1][0]
    if identifier.startswith(("sec-", "sec:")):
        return identifier
    return f"sec:{identifier}" if auto_section_labels and identifier else ""


def definitions_among(elements, auto_section_labels=False):
    """[(label, kind, element)] of every labelled figure, table, section and equation among the elements
    given, in the order given (a label twice means twice here: the checks report it)."""
    found = []
    for element in elements:
        kind = element["t"]
        if kind in ("Figure", "Table", "Div") and element["c"][0][0]:
            label = element["c"][0][0]
            prefix = kind_of(label)
            if prefix == numbered_kind(element) and is_crossref(label) and (kind != "Div" or prefix != "lst"):
                found.append((label, prefix, element))
        elif kind == "CodeBlock" and kind_of(element["c"][0][0]) == "lst":  # a listing without a caption
            found.append((element["c"][0][0], "lst", element))
        elif kind == "Header" and (label := section_label(element, auto_section_labels)):
            found.append((label, "sec", element))
        elif kind in ("Para", "Plain"):
            found += [(label, "eq", element) for _, label in equation_labels(element)]
    return found


def references_among(cites):
    """[(cite element, citation)] of every cross-reference among the Cite elements given, in the order given."""
    return [(cite, citation) for cite in cites for citation in cite["c"][0] if is_crossref(citation["citationId"])]


def numbered_kind(element):
    """What a figure, table or div is numbered as: a table, a listing (a figure of code,
    publish.source.listings), a theorem or callout (publish.source.theorems) or a figure."""
    if element["t"] == "Table":
        return "tbl"
    if element["t"] == "Div" and (kind := div_kind(element)):
        return kind
    return "lst" if "listing" in element["c"][0][1] else "fig"


def subfigures(element):
    """The figures inside a figure (Quarto's and pandoc-crossref's subfigures), in order."""
    if element["t"] != "Figure":
        return []
    return [part for part in iterate(element["c"][2]) if part["t"] == "Figure" and has_caption(part)]


def has_caption(element):
    return bool(element["c"][1][1])


@dataclass
class Numbering:
    """The numbers decided once, on the document as read: every figure and table with a caption, every
    heading and every labelled equation, by the identity of its element; and each label's target."""

    blocks: list  # the very blocks numbered: the numbers are for these objects
    numbers: dict  # id(element) -> number; (id(paragraph), label) -> an equation's number
    targets: dict  # label -> Target
    definitions: list  # (label, kind, element) of every label given, in order (twice if given twice)

    def number_of(self, element):
        return self.numbers.get(id(element))


def is_numbered_heading(header):
    """Whether a heading counts in the outline: not one marked {-} or {.unnumbered}."""
    return "unnumbered" not in header["c"][1][1]


def number_targets(document, elements=None, number_sections=False, auto_section_labels=False):
    """The Numbering of a document: figures and tables with captions numbered in order, labelled equations
    in order, and, where the document numbers its sections (`number_sections`), each heading but the
    unnumbered ones by its place in the outline. `elements`: the document's elements in reading order, if
    already found (an ElementIndex's)."""
    elements = list(iterate(document["blocks"])) if elements is None else elements
    counters = {"fig": 0, "tbl": 0, "eq": 0, "lst": 0}
    outline = []
    numbers = {}
    for element in elements:
        kind = element["t"]
        if kind in ("Figure", "Table") and has_caption(element) and id(element) not in numbers:
            prefix = numbered_kind(element)
            counters[prefix] += 1
            numbers[id(element)] = str(counters[prefix])
            numbers.update({id(part): f"{counters[prefix]} ({letter})"  # a subfigure: 'Figure 2 (a)'
                            for letter, part in zip(string.ascii_lowercase, subfigures(element))})
        elif kind == "Div" and (prefix := div_kind(element)):  # a theorem, or a callout: each kind counted apart
            counters[prefix] = counters.get(prefix, 0) + 1
            numbers[id(element)] = str(counters[prefix])
        elif kind == "Header" and number_sections and is_numbered_heading(element):
            level = element["c"][0]
            outline = outline[:level] + [0] * (level - len(outline))
            outline[level - 1] += 1
            numbers[id(element)] = ".".join(str(part) for part in outline)
        elif kind in ("Para", "Plain"):
            for index, label in equation_labels(element):
                counters["eq"] += 1
                numbers[(id(element), label)] = str(counters["eq"])
    targets, labelled = {}, definitions_among(elements, auto_section_labels)
    for label, prefix, element in labelled:
        number = numbers.get((id(element), label)) or numbers.get(id(element))
        if (number or prefix == "sec") and label not in targets:  # a section without a number is named by its title
            targets[label] = Target(prefix, number or "", element)
    return Numbering(document["blocks"], numbers, targets, labelled)


def caption_label(labels, kind, number):
    """The label that starts a caption: 'Figure 2:' in bold, then a space; a subfigure's letter, '(a)'."""
    text = number.split(" ", 1)[1] if " " in number else f"{labels.numbered(KINDS[kind], number)}:"
    return [{"t": "Span", "c": [["", ["caption-label"], []], [{"t": "Strong", "c": [{"t": "Str", "c": text}]}]]},
            {"t": "Space"}]


def with_numbered_caption(element, labels, kind, number):
    """A Figure or Table whose caption starts with its label."""
    attributes, (short, blocks), *rest = element["c"]
    first, *others = blocks
    first = {**first, "c": caption_label(labels, kind, number) + first["c"]}
    return {**element, "c": [attributes, [short, [first, *others]], *rest]}


def with_section_number(header, number):
    """A heading that shows its number before its words, '2.1 Findings', in every edition."""
    level, attributes, inlines = header["c"]
    mark = {"t": "Span", "c": [["", ["section-number"], []], [{"t": "Str", "c": number}]]}
    return {**header, "c": [level, attributes, [mark, {"t": "Space"}, *inlines]]}


def numbered_equations(paragraph, targets, labels):
    """A paragraph whose labelled display equations carry their id and their number, the label text removed."""
    labelled = dict(equation_labels(paragraph))
    if not labelled:
        return None
    inlines, skip = [], set()
    for index, inline in enumerate(paragraph["c"]):
        if index in skip:
            continue
        if index in labelled:
            label = labelled[index]
            number = targets[label].number
            shown = {"t": "Str", "c": labels.digits(f"({number})")}
            mark = {"t": "Span", "c": [["", ["equation-number"], []], [shown]]}
            inlines.append({"t": "Span", "c": [[label, ["equation"], []], [inline, {"t": "Space"}, mark]]})
            following = index + 1
            while following < len(paragraph["c"]) and paragraph["c"][following]["t"] == "Space":
                skip.add(following)
                following += 1
            skip.add(following)  # the {#eq-...} text
        else:
            inlines.append(inline)
    return {**paragraph, "c": inlines}


def title_inlines(header):
    """A heading's words, to name its section in a reference: without its notes, its links unwrapped."""
    def plain(element):
        if element["t"] == "Note":
            return []
        return element["c"][1] if element["t"] == "Link" else None

    return walk(header["c"][2], plain)


def reference_inlines(citation, target, labels):
    """A reference as a link to its target: 'Figure 2', 'figure 2' in a sentence, or '2' alone; a section
    that has no number (the document does not number its sections) by its title in quotation marks."""
    key = citation["citationId"]
    if target.kind == "sec" and not target.number:
        shown = [{"t": "Quoted", "c": [{"t": "DoubleQuote"}, title_inlines(target.element)]}]
    elif citation["citationMode"]["t"] == "SuppressAuthor":
        shown = [{"t": "Str", "c": labels.digits(target.number if target.kind != "eq" else f"({target.number})")}]
    else:
        words = labels.numbered(KINDS[target.kind], target.number, in_sentence=not key[0].isupper())
        if target.kind == "eq":  # 'Equation (1)': the number as it stands at the formula's margin, and in '(1)'
            word, _, number = words.rpartition("\u00a0")
            words = f"{word}\u00a0({number})"
        shown = [{"t": "Str", "c": words}]
    anchor = target.element["c"][1][0] if target.kind == "sec" else label_of(key)  # autoSectionLabels: its own id
    link = {"t": "Link", "c": [["", ["crossref"], []], shown, [f"#{anchor}", ""]]}
    prefix = citation.get("citationPrefix") or []
    suffix = citation.get("citationSuffix") or []
    return [*prefix, *([{"t": "Space"}] if prefix else []), link, *suffix]


def resolve_references(cite, targets, labels):
    """A Cite element with its cross-references replaced by links; real citations stay a Cite."""
    citations = cite["c"][0]
    if not any(is_crossref(citation["citationId"]) for citation in citations):
        return None
    inlines, kept = [], []
    for citation in citations:
        key = citation["citationId"]
        if not is_crossref(key):
            kept.append(citation)
            continue
        if inlines:
            inlines += [{"t": "Str", "c": ","}, {"t": "Space"}]
        if label_of(key) in targets:
            inlines += reference_inlines(citation, targets[label_of(key)], labels)
        else:  # a label nothing here carries (a Quarto cell's output, not made here): as written
            inlines.append({"t": "Str", "c": f"@{key}"})
    if kept:
        inlines += [{"t": "Space"}, {"t": "Cite", "c": [kept, cite["c"][1]]}]
    return inlines


def number_and_link(document, numbering, labels):
    """The document with its captions and equations numbered and every cross-reference a link to its
    target, each number the one decided for its element (`numbering`, made on this very document)."""
    if numbering.blocks is not document["blocks"]:
        raise ValueError("the cross-references were numbered on another document than the one given")

    def numbered(element, original):
        kind = element["t"]
        if kind in ("Figure", "Table") and (number := numbering.number_of(original)):
            return with_numbered_caption(element, labels, numbered_kind(original), number)
        if kind == "Header" and (number := numbering.number_of(original)):
            return with_section_number(element, labels.digits(number))
        if kind == "Div" and (number := numbering.number_of(original)):
            return with_label(element, labels, div_kind(original), number)
        if kind == "Div":
            return unnumbered_opening(element, labels)
        if kind in ("Para", "Plain"):
            return numbered_equations(element, numbering.targets, labels)
        if kind == "Cite":
            return resolve_references(element, numbering.targets, labels)
        return None

    return {**document, "blocks": rewrite(document["blocks"], numbered)}
