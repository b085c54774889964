"""LaTeX's labels, as JOSS papers and authors who think in LaTeX write them, made the labels this
pipeline numbers (publish.source.crossrefs), so `\\autoref`, `\\ref`, `\\eqref` and `@fig:x` all
point at them:

    ![Caption.\\label{fig:x}](chart.png)         the figure labelled fig:x
    : Caption \\label{tbl:x}                      the table labelled tbl:x
    # Method \\label{sec:method}                  the heading labelled sec:method
    \\begin{equation}\\label{eqn:y} ... \\end{equation}
                                                 display math labelled as if written $$ ... $$ {#eq:eqn:y}

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


def take_labels(inlines):
    """The LaTeX labels among inlines, taken out of them (with the space before each)."""
    found, kept = [], []
    for inline in inlines:
        match = LABEL.match(inline["c"][1]) if is_tex(inline) else None
        if match:
            found.append(match.group(1))
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


def equations_in(inlines, labels, settled, offset_of):
    """The inlines with each raw math environment made display math (labelled as `$$ ... $$ {#eq:x}`
    is); the new elements stand where the environment stood. A display has one number: a second
    label in it (an align's, say) is left out with a warning."""
    result = []
    for inline in inlines:
        meaning = display_math(inline["c"][1]) if is_tex(inline) else None
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
