"""What Quarto adds to pandoc's Markdown, settled right after the read, so that a `.qmd` file
builds here as it is:

- executable code cells (```` ```{r} ````, ```` ```{python} ````): pandoc reads one as inline code
  in a paragraph. The build runs no code, so a cell is shown as the code it holds (without its
  `#|` options), with a warning; the label its options give (`#| label: fig-plot`) names output
  that does not exist here, so a reference to it is a warning too, and shows as written;
- shortcodes: `{{< pagebreak >}}` is a page break, `{{< meta key >}}` the front matter's value of
  `key`, `{{< kbd Ctrl-C >}}` keyboard text; any other is left out with a warning;
- figure divs: `::: {#fig-x}` holding an image and then a caption paragraph is a figure with that
  caption, as Quarto makes it;
- the title as the only `#`: a document whose shallowest heading is `##` has its headings raised,
  so that its sections are sections (and numbered as such).

All of it is settled in place, before anything is decided or checked: the checks, the numbering
of cross-references and the editions all see the same figures and sections.
"""

import copy
import re

from publish.document import iterate, plain_inlines, stringify
from publish.source.markdown_layout import front_matter_end
from publish.source.raw_content import block_lists, inline_lists
from publish.source.raw_latex import page_break

CELL = re.compile(r"^\{([A-Za-z][\w-]*)[^}]*\}")  # pandoc's reading of a cell's fence: '{r} ...'
OPTION = re.compile(r"^#\|\s*([\w-]+)\s*:\s*(.*?)\s*$")


def cell_lines(text, offset):
    """The lines inside the fences of the cell whose opening fence is at `offset`."""
    lines = text[offset:].splitlines()
    opening = re.match(r"`{3,}|~{3,}", lines[0]) if lines else None
    fence = opening.group(0) if opening else "```"
    inside = []
    for line in lines[1:]:
        if line.strip() == fence:
            break
        inside.append(line)
    return inside


def is_cell(inline):
    return inline["t"] == "Code" and bool(CELL.match(inline["c"][1]))


def with_cells_apart(block):
    """A paragraph that holds pandoc's reading of a code cell as its own paragraphs: the cell alone,
    and the lines before and after it (a cell whose fences touch the text above or below it)."""
    if block["t"] not in ("Para", "Plain") or len(block["c"]) < 2 or not any(map(is_cell, block["c"])):
        return [block]
    parts, current = [], []
    for index, inline in enumerate(block["c"]):
        alone = is_cell(inline) and all(neighbour["t"] == "SoftBreak" for neighbour in
                                        block["c"][max(index - 1, 0):index] + block["c"][index + 1:index + 2])
        if alone:
            parts += [current, [inline]]
            current = []
        else:
            current.append(inline)
    parts.append(current)
    trimmed = [part[1:] if part[:1] and part[0]["t"] == "SoftBreak" else part for part in parts]
    trimmed = [part[:-1] if part[-1:] and part[-1]["t"] == "SoftBreak" else part for part in trimmed]
    return [{"t": block["t"], "c": part} for part in trimmed if part]


def executable_cell(block, offset_of, text, settled):
    """A paragraph that is pandoc's reading of a code cell, as a code block; else None."""
    if block["t"] not in ("Para", "Plain") or len(block["c"]) != 1 or not is_cell(block["c"][0]):
        return None
    code = block["c"][0]
    match = CELL.match(code["c"][1])
    language, offset = match.group(1), offset_of(code)
    inside = cell_lines(text, offset) if offset is not None else [code["c"][1][match.end():].strip()]
    options = {found.group(1): found.group(2).strip("'\"") for line in inside if (found := OPTION.match(line))}
    source = "\n".join(line for line in inside if not OPTION.match(line)).strip("\n")
    if options.get("label"):
        settled.cell_labels.add(options["label"])
    settled.findings.append((offset or 0, "quarto.cell-not-run",
                             f"the {{{language}}} code cell is not run here (the build runs no code): the editions "
                             "show its code; save what it makes (a chart as PDF or PNG, a table in Markdown) beside "
                             "index.md and include that"))
    made = {"t": "CodeBlock", "c": [["", [language], []], source]}
    settled.placed.append((made, offset))
    return made


def shortcode_end(inlines, start):
    """The index of the inline that closes a shortcode opened at `start`, or None."""
    opening = inlines[start]
    if opening["t"] != "Str" or "{{<" not in opening["c"]:
        return None
    if ">}}" in opening["c"].split("{{<", 1)[1]:
        return start
    return next((index for index in range(start + 1, len(inlines))
                 if inlines[index]["t"] == "Str" and ">}}" in inlines[index]["c"]), None)


def shortcode_parts(inlines):
    """(text before it, its words, text after it) of a shortcode and the punctuation that touches
    it: '({{<' and '>}}.' are single words to pandoc."""
    written = stringify(inlines)
    start = written.index("{{<")
    end = written.index(">}}", start)
    return written[:start], written[start + 3:end].split(), written[end + 3:]


def meta_inlines(value):
    if value is None:
        return None
    if value["t"] == "MetaString":
        return [{"t": "Str", "c": value["c"]}]
    if value["t"] == "MetaInlines":
        return value["c"]
    return None


def shortcode_inlines(words, meta):
    """What an inline shortcode stands for, or None when it cannot be shown here."""
    name, arguments = (words[0], words[1:]) if words else ("", [])
    if name == "meta" and len(arguments) == 1:
        return meta_inlines(meta.get(arguments[0]))
    if name == "kbd" and arguments:
        return [{"t": "Code", "c": [["", ["kbd"], []], " ".join(arguments)]}]
    return None


def settle_shortcodes(inlines, offset_of, meta, settled):
    """The inlines with each shortcode replaced by what it stands for, or left out with a warning."""
    result, index = [], 0
    while index < len(inlines):
        end = shortcode_end(inlines, index)
        if end is None:
            result.append(inlines[index])
            index += 1
            continue
        before, words, after = shortcode_parts(inlines[index:end + 1])
        made = shortcode_inlines(words, meta)
        offset = offset_of(inlines[index])
        if made is None:
            made = []
            settled.findings.append((offset or 0, "quarto.shortcode-dropped",
                                     f"the Quarto shortcode '{{{{< {' '.join(words)} >}}}}' is not run here: the "
                                     "editions leave it out"))
        settled.placed += [(element, offset) for element in made]
        result += [{"t": "Str", "c": before}] * bool(before) + made + [{"t": "Str", "c": after}] * bool(after)
        index = end + 1
    spaces = ("Space", "SoftBreak")  # a shortcode left out leaves one space between its neighbours, not two
    return [inline for number, inline in enumerate(result)
            if not (number and inline["t"] in spaces and result[number - 1]["t"] in spaces)]


def is_page_break_shortcode(block):
    if block["t"] not in ("Para", "Plain") or not block["c"]:
        return False
    return shortcode_end(block["c"], 0) == len(block["c"]) - 1 and shortcode_parts(block["c"]) == ("", ["pagebreak"], "")


def settle_quarto(document, offset_of, text, settled):
    """Quarto's cells and shortcodes settled in place (see the module's text), recorded in `settled`
    (a publish.source.raw_content.Settled)."""
    meta = document.get("meta", {})
    for blocks in block_lists(document["blocks"]):
        blocks[:] = [part for block in blocks for part in with_cells_apart(block)]  # in place: the same lists
        for index, block in enumerate(blocks):
            if is_page_break_shortcode(block):
                blocks[index] = page_break()
                settled.placed.append((blocks[index], offset_of(block["c"][0])))
            elif (cell := executable_cell(block, offset_of, text, settled)) is not None:
                blocks[index] = cell
    for inlines in [lists for element in iterate(document["blocks"]) for lists in inline_lists(element)]:
        if any(shortcode_end(inlines, index) is not None for index in range(len(inlines))):
            inlines[:] = settle_shortcodes(inlines, offset_of, meta, settled)
    written_at = front_matter_places(text)
    for inlines in meta_inline_lists(meta):  # the abstract's, a subtitle's: shortcodes in the front matter
        if any(shortcode_end(inlines, index) is not None for index in range(len(inlines))):
            inlines[:] = settle_shortcodes(inlines, written_at, meta, settled)


def meta_inline_lists(value):
    """Every list of inlines in front matter values (pandoc's MetaInlines, MetaBlocks, lists and maps)."""
    if isinstance(value, dict) and "t" not in value:  # the meta itself: {key: value}
        return [found for item in value.values() for found in meta_inline_lists(item)]
    kind = value.get("t") if isinstance(value, dict) else None
    if kind == "MetaInlines":
        return [value["c"]]
    if kind == "MetaBlocks":
        return [lists for element in iterate(value["c"]) for lists in inline_lists(element)]
    if kind == "MetaList":
        return [found for item in value["c"] for found in meta_inline_lists(item)]
    if kind == "MetaMap":
        return meta_inline_lists(value["c"])
    return []


def front_matter_places(text):
    """offset_of for the front matter's shortcodes, asked in reading order: where each next one stands
    (pandoc's parse places only the body's elements)."""
    end, after = front_matter_end(text), [0]

    def offset_of(inline):
        found = text.find(inline["c"], after[0], end) if inline["t"] == "Str" else -1
        if found < 0:
            return None
        after[0] = found + len(inline["c"])
        return found

    return offset_of


def image_row(block):
    """The images of a paragraph that holds only images side by side (`![a](1.png)![b](2.png)`), else []."""
    if block["t"] not in ("Para", "Plain"):
        return []
    images = [inline for inline in block["c"] if inline["t"] == "Image"]
    rest = [inline for inline in block["c"] if inline["t"] not in ("Image", "Space", "SoftBreak")]
    return images if len(images) > 1 and not rest else []


def as_subfigure(image):
    """An image standing in a row as a figure of its own: its alt text its caption, its label the figure's."""
    (identifier, classes, pairs), alternative, target = image["c"]
    inner = {"t": "Image", "c": [["", classes, pairs], alternative, target]}
    caption = [None, [{"t": "Plain", "c": alternative}]] if alternative else [None, []]
    return {"t": "Figure", "c": [[identifier, [], []], caption, [{"t": "Plain", "c": [inner]}]]}


def figure_div(element):
    """A Quarto figure div, `::: {#fig-x}` holding an image and then its caption, as a Figure; else None.

    Its one image is the figure's, not a figure of its own (pandoc makes a lone image with alt text one,
    without a label; a labelled one is a subfigure and stays); two images or more are its subfigures,
    labelled or not, side by side ones too, as pandoc-crossref and Quarto draw them. An image without
    alt text (Quarto's usual form) takes its `fig-alt`, else the figure's caption, as its text alternative."""
    attributes, blocks = element["c"]
    if not (attributes[0].startswith(("fig-", "fig:")) and len(blocks) >= 2 and blocks[-1]["t"] == "Para"):
        return None
    alone = sum(part["t"] == "Image" for part in iterate(blocks[:-1])) == 1
    content = []
    for block in blocks[:-1]:
        if block["t"] == "Figure" and not block["c"][0][0] and alone:
            content += block["c"][2]
        else:
            content += [as_subfigure(image) for image in image_row(block)] or [block]
    for image in (element for element in iterate(content) if element["t"] == "Image" and not element["c"][1]):
        alternative = dict(image["c"][0][2]).get("fig-alt")
        image["c"][1] = plain_inlines(alternative) if alternative else copy.deepcopy(blocks[-1]["c"])
    return {"t": "Figure", "c": [attributes, [None, [{"t": "Plain", "c": blocks[-1]["c"]}]], content]}


def table_div(element):
    """A Quarto table div, `::: {#tbl-x}` holding a table and then its caption, as that Table with the
    div's label and the caption; else None."""
    attributes, blocks = element["c"]
    tables = [block for block in blocks[:-1] if block["t"] == "Table"]
    if not (attributes[0].startswith(("tbl-", "tbl:")) and len(blocks) == 2 and len(tables) == 1
            and blocks[-1]["t"] == "Para" and not tables[0]["c"][1][1]):
        return None
    table = tables[0]
    (_, classes, pairs), caption = table["c"][0], [None, [{"t": "Plain", "c": blocks[-1]["c"]}]]
    classes = attributes[1] + [name for name in classes if name not in attributes[1]]
    own = [attributes[0], classes, attributes[2] + pairs]
    return {"t": "Table", "c": [own, caption, *table["c"][2:]]}


def with_fig_alt(figure):
    """Quarto's `fig-alt` on a figure's image (`![Caption](a.png){#fig-a fig-alt="..."}`) as the image's
    text alternative in every edition, instead of the caption pandoc gives it."""
    for image in (element for element in iterate(figure["c"][2]) if element["t"] == "Image"):
        pairs = image["c"][0][2]
        alternative = dict(pairs).get("fig-alt")
        if alternative:
            image["c"][1] = plain_inlines(alternative)
            pairs[:] = [pair for pair in pairs if pair[0] != "fig-alt"]


def settle_figures(document, offset_of, settled):
    """Each Quarto figure or table div replaced, in place, by the figure or table it stands for, at the
    div's place; every figure's `fig-alt` taken as its image's text alternative."""
    for blocks in block_lists(document["blocks"]):
        for index, block in enumerate(blocks):
            if block["t"] == "Div" and (settled_block := figure_div(block) or table_div(block)) is not None:
                blocks[index] = settled_block
                settled.placed.append((settled_block, offset_of(block)))
    for figure in (element for element in iterate(document["blocks"]) if element["t"] == "Figure"):
        with_fig_alt(figure)


def raise_headings(document, settled):
    """A document whose shallowest heading is `##` (the title being the `#`) has every heading raised, in
    place, by as many levels as it takes to make the shallowest a section."""
    headings = [element for element in iterate(document["blocks"]) if element["t"] == "Header"]
    settled.heading_shift = max(min((heading["c"][0] for heading in headings), default=1) - 1, 0)
    for heading in headings:
        heading["c"][0] -= settled.heading_shift
