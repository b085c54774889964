"""What the author writes that an edition could load, run or show differently: raw HTML,
raw content for other formats, and the attributes on elements. Decided here, once, for the
checks (which warn) and the transforms (which keep only what is safe).

Attributes (`[text]{lang=fr}`, `<span lang="fr">`, `{#id .class key=value}`) are kept when
they are inert: an id, classes, a short list of meaningful keys, and keys pandoc writes as
`data-` attributes (Quarto's `fig-align`, any `data-*`). Anything else is dropped from every
edition with a warning, which says why: an event handler such as `onclick`, `style`, `src` or
`href` could run code or load something in a browser; any other (Quarto's `collapse`, `color`)
is harmless, but no edition uses it.
"""

import re
from dataclasses import dataclass, field

from publish.document import children, iterate, stringify, walk
from publish.source import latex_headings, raw_html, raw_latex
from publish.source.html_places import places_in_run
from publish.source.latex_labels import settle_labels
from publish.source.lists_of import list_mark
from publish.source.markdown_layout import FENCE
from publish.source.math_tex import as_texmath_reads, is_definitions

KEPT_ATTRIBUTES = {"lang", "dir", "title", "width", "height", "custom-style", "alt", "colspan", "rowspan", "start",
                   "type", "reversed", "align", "label", "number", "caption"}
# Attributes that could load something or run code in a browser, besides event handlers (on...).
RISKY_ATTRIBUTES = raw_html.ADDRESS_ATTRIBUTES | {"style", "srcdoc", "ping", "manifest", "xlink:href", "http-equiv"}
ATTRIBUTE_FIRST = ("Span", "Div", "Code", "CodeBlock", "Link", "Image", "Table", "Figure")


def attribute_is_safe(key):
    key = key.lower()
    if key.startswith("on"):
        return False
    return key in KEPT_ATTRIBUTES or key.startswith("data-") or ("-" in key and not key.startswith(("http-", "accept-")))


def attributes_of(element):
    """The [id, classes, key-values] of an element that has attributes, else None."""
    if element["t"] == "Header":
        return element["c"][1]
    if element["t"] in ATTRIBUTE_FIRST:
        return element["c"][0]
    return None


def attribute_is_risky(key):
    key = key.lower()
    return key.startswith("on") or key in RISKY_ATTRIBUTES


def dropped_attributes(element):
    """(key, code) of each attribute of an element the editions leave out: attribute.unsafe when it could
    run code or load something, attribute.unused when it is harmless but no edition uses it."""
    attributes = attributes_of(element)
    return [(key, "attribute.unsafe" if attribute_is_risky(key) else "attribute.unused")
            for key, _ in attributes[2] if not attribute_is_safe(key)] if attributes else []


def drop_left_out_attributes(document):
    """The document with every attribute the editions leave out (unsafe or unused) removed."""

    def clean(element):
        attributes = attributes_of(element)
        if not attributes or all(attribute_is_safe(key) for key, _ in attributes[2]):
            return None
        identifier, classes, pairs = attributes
        kept = [identifier, classes, [[key, value] for key, value in pairs if attribute_is_safe(key)]]
        content = list(element["c"])
        content[1 if element["t"] == "Header" else 0] = kept
        return {**element, "c": content}

    return {**document, "blocks": walk(document["blocks"], clean)}


# -- raw content: settled into the document, right after the read


RAW_FORMATS_SHOWN = {"html"}  # read into the document; other formats are either mapped (TeX) or dropped


@dataclass
class Settled:
    """What settling the raw content of a document did: findings at offsets in the author's file,
    and where each element made from raw content stands."""

    findings: list = field(default_factory=list)  # (offset, code, message), all warnings
    placed: list = field(default_factory=list)  # (element, offset)
    cell_labels: set = field(default_factory=set)  # labels of Quarto cells' output, which is not made here
    heading_shift: int = 0  # how many levels the headings were raised (publish.source.quarto.raise_headings)
    latex_labels: dict = field(default_factory=dict)  # LaTeX label -> the label it became (publish.source.latex_labels)
    meta_latex: dict = field(default_factory=dict)  # front-matter key -> its LaTeX as text (settle_front_matter)


def settle(document, offset_of, text, render, read, context=None):
    """The document with its raw content settled: raw HTML read into it (publish.source.raw_html),
    LaTeX commands mapped to their meaning (publish.source.raw_latex, latex_headings), other raw content
    dropped. `offset_of(element)` is where an element of the read stands; `render` and `read` are pandoc's
    HTML writer and reader, called once each, and only when there is block-level raw HTML."""
    settled = Settled()
    settle_html_runs(document, offset_of, text, render, read, settled)
    offset_of = settle_latex_headings(document, offset_of, text, settled, context)
    settled.latex_labels = settle_labels(document, offset_of, settled)
    for formula in (element for element in iterate(document["blocks"]) if element["t"] == "Math"):
        formula["c"][1] = as_texmath_reads(formula["c"][1])  # in place: the source map placed this very object
    settle_raw(document["blocks"], offset_of, settled)
    return document, settled


def settle_raw(value, offset_of, settled):
    """The raw inlines and blocks inside `value` (the body's blocks, or a front-matter value) settled: inline
    HTML read in, LaTeX commands mapped, the rest dropped, each removal recorded in `settled`."""
    for element in list(iterate(value)):
        for inlines in inline_lists(element):
            result = raw_html.settle_inlines(inlines, offset_of)
            settled.findings += [(removal.offset, removal.code, removal.message) for removal in result.removals]
            settled.placed += result.placed
            kept = [kept for inline in result.inlines for kept in latex_or_kept(inline, offset_of, settled)]
            inlines[:] = one_space_at_a_time(kept)
    # In place, never copied: the places recorded for the read's elements are for these very objects.
    for blocks in block_lists(value):
        blocks[:] = one_break_at_a_time([kept for block in blocks for kept in raw_block(block, offset_of, settled)])


def settle_front_matter(meta, keys, offset_of, settled):
    """The front matter's values pandoc read as Markdown (those of `keys`: a title, an abstract, an author's
    bio) settled as the body is, each finding where its value's key stands (`offset_of(('author', 0, 'bio'))`).
    What each raw LaTeX command of a one-line value means as text is recorded in `settled.meta_latex`, for
    the metadata's text of that value (publish.source.decisions)."""
    for key in [key for key in meta if key in keys]:
        if meta[key].get("t") == "MetaInlines":
            settled.meta_latex[key] = latex_as_text(meta[key]["c"], settled.latex_labels)
        for path, value in markdown_values(meta[key], (key,)):
            offset, own = offset_of(path), Settled(latex_labels=settled.latex_labels)
            settle_raw(value, lambda element: offset, own)
            settled.findings += [(offset, code, message) for _, code, message in own.findings]


def markdown_values(value, path):
    """(path, value) of each Markdown value in a front-matter value: itself, or those in its mappings and lists."""
    if value.get("t") == "MetaMap":
        return [found for key, item in value["c"].items() for found in markdown_values(item, (*path, key))]
    if value.get("t") == "MetaList":
        return [found for number, item in enumerate(value["c"]) for found in markdown_values(item, (*path, number))]
    return [(path, value)] if value.get("t") in ("MetaInlines", "MetaBlocks") else []


def latex_as_text(inlines, labels):
    """(command as written, what it means as text ('' for none), whether a control space follows) of each
    raw LaTeX command in a line of inlines, in order."""
    found = []
    for index, inline in enumerate(inlines):
        if inline["t"] == "RawInline" and inline["c"][0] in ("tex", "latex"):
            meaning = raw_latex.latex_inline(inline["c"][1], labels)
            following = inlines[index + 1] if index + 1 < len(inlines) else {}
            spaced = following.get("t") == "Str" and following["c"].startswith("\u00a0")
            found.append((inline["c"][1], stringify(meaning) if meaning else "", spaced))
    return found


def settle_html_runs(document, offset_of, text, render, read, settled):
    """Each run of raw HTML blocks read into the document, in place, where it stood: sanitised, each
    removal recorded in `settled` (see settle)."""
    def is_fenced(block):  # the parse does not tell an indented code block from a fenced one: its place does
        offset = offset_of(block)
        return offset is not None and bool(FENCE.match(text, offset))

    runs = []  # (blocks list, start, end, offset of its first tag)
    for blocks in block_lists(document["blocks"]):
        runs += [(blocks, start, end, offset_of(blocks[start]) or 0)
                 for start, end in raw_html.block_runs(blocks, is_fenced)]
    if runs:
        html = raw_html.html_of_runs([[raw_html.as_raw_html(block, is_fenced) for block in blocks[start:end]]
                                      for blocks, start, end, _ in runs], render)
        pieces = re.split(r'(<div id="raw-html-\d+">)', html)
        cleaned = [pieces[0]]
        for index in range(1, len(pieces), 2):
            number = int(pieces[index][len('<div id="raw-html-'):-2])
            offset = runs[number][3]
            # the run's own HTML, without the </div> that closes its marker: the sanitiser would drop that
            # stray closing tag, and the next run's marker would open inside this one, its text after this
            run_html, closing, after = pieces[index + 1].rpartition("</div>")
            clean, removed = raw_html.checked_fragment(run_html, offset, written=text[offset:])
            settled.findings += [(removal.offset, removal.code, removal.message) for removal in removed]
            cleaned += [pieces[index], clean, closing, after]
        replacements = raw_html.read_runs("".join(cleaned), read)
        for number, (blocks, start, end, offset) in reversed(list(enumerate(runs))):
            new = replacements.get(number, [])
            following = offset_of(blocks[end]) if end < len(blocks) else None
            settled.placed += places_in_run(new, text, offset, following if following is not None else len(text))
            blocks[start:end] = new


def settle_latex_headings(document, offset_of, text, settled, context=None):
    """Each raw TeX block holding a sectioning command cut, in place, into the heading it makes and the raw
    TeX around it, each at its own place (publish.source.latex_headings); return `offset_of` that also
    answers for these new blocks, which the raw content's settling places."""
    cut = [(block, pieces) for blocks in block_lists(document["blocks"]) for block in blocks
           if block["t"] == "RawBlock" and block["c"][0] in ("tex", "latex")
           and (pieces := latex_headings.heading_pieces(block["c"][1]))]
    headers = cut and latex_headings.headings_read([tex for _, pieces in cut for kind, tex, _, _ in pieces
                                                    if kind == "heading"], context)
    if not headers:
        return offset_of
    taken, headers, made, where = identifiers(document["blocks"]), iter(headers), {}, {}
    for block, pieces in cut:
        base = cursor = offset_of(block) or 0
        for kind, tex, start, label in pieces:
            cursor = offset_in(text, block["c"][1][start:], cursor, base)
            new = {"t": "RawBlock", "c": [block["c"][0], tex.strip()]} if kind == "raw" else next(headers)
            if kind == "heading":
                new["c"][1][0] = latex_headings.unique(new["c"][1][0], taken)
                latex_headings.labelled(new, label)
            for element in [new, *iterate(new["c"][2] if kind == "heading" else [])]:
                settled.placed.append((element, cursor))
                where[id(element)] = cursor
            made.setdefault(id(block), []).append(new)
    for blocks in block_lists(document["blocks"]):
        blocks[:] = [new for block in blocks for new in made.get(id(block), [block])]
    return lambda element: where.get(id(element), offset_of(element))


def offset_in(text, written, cursor, base):
    """Where raw TeX `written` (its first line) stands in the text, from `cursor` on; `base` if not found."""
    line = written.strip().split("\n", 1)[0]
    found = text.find(line, cursor) if line else -1
    return found if found >= 0 else base


def identifiers(blocks):
    return {attributes[0] for element in iterate(blocks) if (attributes := attributes_of(element))}


def is_page_break(block):
    return block["t"] == "Div" and "page-break" in block["c"][0][1] and not block["c"][1]


def one_break_at_a_time(blocks):
    """The blocks with a page break that follows another (once what stood between was left out, a
    dropped \\tableofcontents between two \\newpage, say) taken out: it would print a blank page."""
    return [block for index, block in enumerate(blocks)
            if not (is_page_break(block) and index and is_page_break(blocks[index - 1]))]


def one_space_at_a_time(inlines):
    """The inlines without a space that follows another (once a command between them was left out)."""
    return [inline for index, inline in enumerate(inlines)
            if not (inline["t"] == "Space" and index and inlines[index - 1]["t"] == "Space")]


def block_lists(blocks):
    """Every list of blocks in the document, the body's first, then those inside blocks and notes."""
    found, pending = [], [blocks]
    while pending:
        value = pending.pop()
        if value.__class__ is list and is_block_list(value):
            found.append(value)
        pending += children(value)  # the words of a long text are never looked at one by one
    return found


def is_block_list(value):
    """Whether a list holds blocks: the first element in it tells, as pandoc never mixes blocks with others."""
    first = next((item for item in value if item.__class__ is dict and "t" in item), None)
    return first is not None and first["t"] in BLOCK_KINDS


def latex_or_kept(inline, offset_of, settled):
    """What stands for an inline: itself; for a raw inline of a format other than HTML, its Markdown meaning
    (and the space pandoc read into a command that takes none, `\\TeX and`: TeX would eat it, but the
    author wrote two words), or nothing, with a warning."""
    if inline["t"] != "RawInline":
        return [inline]
    kind, content = inline["c"]
    meaning = raw_latex.latex_inline(content, settled.latex_labels) if kind in ("tex", "latex") else None
    if meaning is not None:
        offset = offset_of(inline) or 0
        settled.placed.append((meaning, offset))
        if meaning["t"] == "Cite":  # the checks place a cross-reference by its citation
            settled.placed += [(citation, offset) for citation in meaning["c"][0]]
        return [meaning, {"t": "Space"}] if content != content.rstrip() else [meaning]
    settled.findings.append((offset_of(inline) or 0, *dropped(kind, content)))
    return []


def raw_block(element, offset_of, settled):
    """What stands for a block once its raw content is settled: the block itself, a LaTeX page
    break as one, any other raw block nothing (with a warning)."""
    if element["t"] != "RawBlock":
        return [element]
    kind, content = element["c"]
    if kind in ("tex", "latex") and raw_latex.is_page_break(content):
        page_break = raw_latex.page_break()
        settled.placed.append((page_break, offset_of(element) or 0))
        return [page_break]
    if kind in ("tex", "latex") and (mark := list_mark(content)):  # \listoffigures: made in the transforms
        settled.placed.append((mark, offset_of(element) or 0))
        return [mark]
    if not is_no_content(kind, content):
        settled.findings.append((offset_of(element) or 0, *dropped(kind, content)))
    return []


def is_no_content(kind, content):
    """Raw content that is never content, left out in silence: a comment, TeX's macro definitions (which
    pandoc has applied to the formulas as it read)."""
    return kind == "comment" or (kind == "html" and is_comment(content)) or \
        (kind in ("tex", "latex") and is_definitions(content))


def is_comment(html):
    """Whether raw HTML is nothing but comments (or blank)."""
    return not re.sub(r"<!--.*?-->", "", html, flags=re.DOTALL).strip()


def dropped(kind, content):
    """(code, message) of raw content the editions leave out."""
    shown = " ".join(content.split())
    shown = shown if len(shown) <= 40 else shown[:39] + "…"
    if kind in ("tex", "latex"):
        return "raw.latex.dropped", (f"the LaTeX '{shown}' has no meaning outside LaTeX: the editions leave it out "
                                     "(write it in Markdown)")
    if kind == "html":
        return "raw.html.removed", f"raw {kind} content '{shown}' cannot be shown in these editions: they leave it out"
    return "raw.dropped", f"raw {kind} content '{shown}' cannot be shown in these editions: they leave it out"


BLOCK_KINDS = {"Plain", "Para", "LineBlock", "CodeBlock", "RawBlock", "BlockQuote", "OrderedList", "BulletList",
               "DefinitionList", "Header", "HorizontalRule", "Table", "Figure", "Div"}
INLINE_LAST = {"Emph", "Underline", "Strong", "Strikeout", "Superscript", "Subscript", "SmallCaps"}


def inline_lists(element):
    """The lists of inlines directly inside an element."""
    kind, content = element["t"], element.get("c")
    if kind in ("Para", "Plain", "MetaInlines") or kind in INLINE_LAST:
        return [content]
    if kind == "Header":
        return [content[2]]
    if kind == "LineBlock":
        return list(content)
    if kind == "DefinitionList":
        return [term for term, _ in content]
    if kind in ("Quoted", "Span", "Cite"):
        return [content[1]]
    if kind in ("Link", "Image"):
        return [content[1]]
    return []
