"""LaTeX's labels, as JOSS papers and authors who think in LaTeX write them, made the labels this
pipeline numbers (publish.source.crossrefs), so `\\autoref`, `\\ref`, `\\eqref` and `@fig:x` all
point at them:

    ![Caption.\\label{fig:x}](chart.png)         the figure labelled fig:x
    : Caption \\label{tbl:x}                      the table labelled tbl:x
    : Caption []{label="tbl:x"}                  the same, as the Open Journals' pipeline also reads it
    # Method \\label{sec:method}                  the heading labelled sec:method
    \\begin{equation}\\label{eqn:y} ... \\end{equation}
                                                 display math labelled as if written $$ ... $$ {#eq:eqn:y}
    $$ ... \\label{eq:y} $$, [$$ ... $$]{label="eq:y"}
                                                 the same

pandoc keeps each `\\label{...}` as raw TeX, where it says nothing: found here in the parse, each
is taken out and given to its element. A label of another shape (`\\label{bo_steps}`) gets the
prefix of its element's kind; the labels map says what each became, for the references. Math
environments (equation, align, gather, multline, eqnarray, their starred forms) become display
math, their `\\label`, `\\nonumber` and `\\notag` taken out.
"""

import re

from publish.document import iterate
from publish.source.crossrefs import is_crossref, kind_of

LABEL = re.compile(r"^\s*\\label\{([^{}]+)\}\s*$")
LABEL_INSIDE = re.compile(r"\\label\{([^{}]+)\}")
MATH_ENVIRONMENT = re.compile(r"^\s*\\begin\{(equation|displaymath|align|gather|multline|eqnarray)(\*?)\}(.*)"
                              r"\\end\{\1\2\}\s*$", re.DOTALL)
# What each environment's body is set in, inside display math (None: the body alone).
ENVIRONMENT_BODY = {"equation": None, "displaymath": None, "align": "aligned", "eqnarray": "aligned",
                    "gather": "gathered", "multline": "gathered"}
LABELLED_KINDS = {"Figure": "fig", "Table": "tbl", "Header": "sec"}


def display_math(raw):
    """(TeX of the display math, its labels in order) that a raw LaTeX math environment means, or None."""
    match = MATH_ENVIRONMENT.match(raw)
    if not match:
        return None
    name, _, body = match.groups()
    labels = LABEL_INSIDE.findall(body)
    body = re.sub(r"\\(?:nonumber|notag)\b", "", LABEL_INSIDE.sub("", body)).strip()
    wrapper = ENVIRONMENT_BODY[name]
    return (f"\\begin{{{wrapper}}}{body}\\end{{{wrapper}}}" if wrapper else body), labels


def as_label(name, kind):
    """The label a LaTeX label becomes on an element of this kind ('fig', 'tbl', 'sec', 'eq')."""
    return name if is_crossref(name) and kind_of(name) == kind else f"{kind}:{name}"


def is_tex(inline):
    return inline["t"] == "RawInline" and inline["c"][0] in ("tex", "latex")


def label_written_as(inline):
    """The label an inline is: `\\label{x}`, or an empty span `[]{label="x"}` (the Open Journals') or
    `[]{#tbl:x}` (pandoc-crossref's with the short-caption filters of thesis templates); else None."""
    if is_tex(inline):
        match = LABEL.match(inline["c"][1])
        return match.group(1) if match else None
    if inline["t"] == "Span" and not inline["c"][1]:
        identifier, _, pairs = inline["c"][0]
        return dict(pairs).get("label") or (identifier if is_crossref(identifier) else None)
    return None


def take_labels(inlines):
    """The labels written among inlines, taken out of them (with the space before each)."""
    found, kept = [], []
    for inline in inlines:
        name = label_written_as(inline)
        if name:
            found.append(name)
            while kept and kept[-1]["t"] in ("Space", "SoftBreak"):
                kept.pop()
        else:
            kept.append(inline)
    inlines[:] = kept
    return found


def label_inline_lists(element):
    """The inline lists where an element's label may be written: a heading's text, a caption's
    paragraphs, and the alt text of a figure's image (pandoc copies the caption there)."""
    if element["t"] == "Header":
        return [element["c"][2]]
    caption = element["c"][1][1]
    lists = [block["c"] for block in caption if block["t"] in ("Plain", "Para")]
    if element["t"] == "Figure":
        lists += [inline["c"][1] for inline in iterate(element["c"][2]) if inline["t"] == "Image"]
    return lists


def labelled_element(element, labels):
    """Give a figure, table or heading the label written in it; record what each LaTeX label became."""
    written = [name for inlines in label_inline_lists(element) for name in take_labels(inlines)]
    if not written:
        return
    attributes = element["c"][1] if element["t"] == "Header" else element["c"][0]
    kind = LABELLED_KINDS[element["t"]]
    if not (is_crossref(attributes[0]) and kind_of(attributes[0]) == kind):  # an explicit {#fig:x} wins
        attributes[0] = as_label(written[0], kind)
    for name in written:
        labels.setdefault(name, attributes[0])


def equation_written_as(inline):
    """(TeX, labels) of display math written with LaTeX labels: a math environment, `$$ ... \\label{x} $$`
    or `[$$ ... $$]{label="x"}`; else None."""
    if is_tex(inline):
        return display_math(inline["c"][1])
    if inline["t"] == "Math" and inline["c"][0]["t"] == "DisplayMath" and LABEL_INSIDE.search(inline["c"][1]):
        return LABEL_INSIDE.sub("", inline["c"][1]).strip(), LABEL_INSIDE.findall(inline["c"][1])
    if inline["t"] == "Span" and dict(inline["c"][0][2]).get("label") and len(inline["c"][1]) == 1:
        math = inline["c"][1][0]
        if math["t"] == "Math" and math["c"][0]["t"] == "DisplayMath":
            return math["c"][1], [dict(inline["c"][0][2])["label"]]
    return None


def equations_in(inlines, labels, settled, offset_of):
    """The inlines with each display written with LaTeX labels made display math labelled as
    `$$ ... $$ {#eq:x}` is; the new elements stand where the old one stood. A display has one
    number: a second label in it (an align's, say) is left out with a warning."""
    result = []
    for inline in inlines:
        meaning = equation_written_as(inline)
        if meaning is None:
            result.append(inline)
            continue
        tex, names = meaning
        made = [{"t": "Math", "c": [{"t": "DisplayMath"}, tex]}]
        offset = offset_of(inline) or 0
        if names:
            labels[names[0]] = as_label(names[0], "eq")
            made += [{"t": "Space"}, {"t": "Str", "c": f"{{#{labels[names[0]]}}}"}]
        settled.findings += [(offset, "raw.latex.dropped", f"the label '{name}' is left out: the editions number this "
                                                           f"display once, as '{names[0]}'") for name in names[1:]]
        settled.placed += [(element, offset) for element in made]
        result += made
    inlines[:] = result


def settle_labels(document, offset_of, settled):
    """Take every LaTeX label out of the document into its element; return {LaTeX label: label}.
    `settled` (publish.source.raw_content.Settled) gathers where each new element stands."""
    labels = {}
    for element in list(iterate(document["blocks"])):
        if element["t"] in LABELLED_KINDS:
            labelled_element(element, labels)
        if element["t"] in ("Para", "Plain"):
            equations_in(element["c"], labels, settled, offset_of)
    return labels
