"""What a case does to a publication's text: each mutation is `mutation(draw, document) -> document`,
drawing where and what with Hypothesis (so that a failing case shrinks to a small one) and saying
what it did in the document's history.

The damage is what authors and their tools really do to a Markdown file: a front matter cut short or
mis-indented, bytes that are not UTF-8, invisible and combining characters pasted from elsewhere,
structures nested far deeper than anyone means, tables exported from a spreadsheet, a fence or a
div left open, citations half typed, a piece of another document pasted in, Windows line ends.
"""

import re

from hypothesis import strategies as st

from fuzzing.documents import SPLICE_TEXTS, body_start, front_matter_span, paragraph_starts
from fuzzing.yaml_damage import break_yaml_line, set_front_matter_value

BIDI_CONTROLS = ["\u200e", "\u200f", "\u061c", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067",
                 "\u2068", "\u2069"]
# Lone surrogates as a file holds them: U+D800 and U+DFFF encoded as if UTF-8 allowed them, and a stray
# continuation byte (bytes that are not UTF-8, kept here as surrogateescape's stand-ins).
LONE_SURROGATE_BYTES = ["\udced\udca0\udc80", "\udced\udcbf\udcbf", "\udcbf"]
ODD_CHARACTERS = [*BIDI_CONTROLS, *LONE_SURROGATE_BYTES, "\x00", "\ufeff", "\u2028", "\u2029", "\x85", "\r", "\x0b",
                  "\x0c", "\x1b[31m", "\u200b", "\u200d", "\ufffd", "\uffff", "\ufffe", "\U0010ffff", "\ue000",
                  "\U0001f600", "\U0001f3f3\ufe0f\u200d\U0001f308", "\u0301", "\u0338", "\u20dd", "\u00a0", "\u3000",
                  "\ufdfd", "\u0640", "\u0130", "\u00df", "\ufb03", "\U0001d400", "\u0663", "\t", "\\", "`", "|"]
NESTINGS = {
    "list": lambda depth: "".join(f"{'  ' * level}- item {level}\n" for level in range(depth)),
    "ordered list": lambda depth: "".join(f"{'   ' * level}1. item {level}\n" for level in range(depth)),
    "block quote": lambda depth: "".join(f"{'> ' * (level + 1)}quote {level}\n" for level in range(depth)),
    "div": lambda depth: "".join(f"::: {{.level-{level}}}\n" for level in range(depth)) + "deep\n" + ":::\n" * depth,
    "box": lambda depth: "::: key-points\n" * depth + "deep\n" + ":::\n" * depth,
    "list in quote": lambda depth: "> - " * depth + "deep\n",
    "emphasis": lambda depth: "*" * depth + "deep" + "*" * depth + "\n",
    "span": lambda depth: "[" * depth + "deep" + "]{.c}" * depth + "\n",
    "link": lambda depth: "[" * depth + "deep" + "](https://example.org)" * depth + "\n",
    "inline note": lambda depth: "text^[" * depth + "deep" + "]" * depth + "\n",
    "raw HTML": lambda depth: "<div>\n" * depth + "deep\n" + "</div>\n" * depth,
    "table cell": lambda depth: "| " + "[" * depth + "deep" + "]" * depth + " |\n|---|\n| x |\n",
}
TABLE_CELLS = ["1", "x", "**bold**", "[@unknown]", "`|`", "\\|", "a[^1]", "", "ٱلعربية", "$x^2$", "<br>", "😀",
               "long " * 30, "@tbl-huge", "é\u0301\u0301", "\u202eright"]
FENCES = ["```", "````", "~~~", "```python", "```{=html}", "```{=latex}", "```{r}", ":::", ":::::", "::: {.box}",
          "::: {#fig-x}", "::: {.callout-note}", "$$", "\\[", "<!--", "<div>", "</div>", "<details><summary>x",
          "\\begin{figure}", "\\begin{equation}", "{{< include missing.md >}}", "[^1]:", "<script>", "<style>",
          "| a | b |", "+---+---+", ": A caption without a table {#tbl-orphan}", "---", "...", "<table><tr><td>"]
CITATIONS = ["@unknown", "[@]", "[-@x;]", "[@;]", "[@x; ]", "[see @, p. ]", "@{", "@{}", "@{a b}", "[@Fig:none]",
             "@tbl-", "@fig-none", "@sec-none", "@eq-none", "[@fig-none; @tbl-none]", "[@ key]", "@-", "[-@]",
             "[^none]", "[^]", "[@*]", "@@", "\\@", "[@x]{.y}", "@x[", "[@x, p. 4-]", "[@{https://doi.org/10.1/x}]",
             "@_", "[@x]: not a link", "[@Tbl-none]", "[@sec-none, p. 4]"]
MINIMAL_TEXTS = ["", "\n", "---\n", "---\n---\n", "---\n...\n", "---\ntitle: x\n---\n", "\x00" * 10, "\ufeff",
                 "---\n---\n---\n", "# Only a heading\n"]
LINE_ENDINGS = {
    "CRLF": lambda text: text.replace("\n", "\r\n"),
    "CR": lambda text: text.replace("\n", "\r"),
    "mixed": lambda text: "".join(line + ("\r\n" if number % 2 else "\n")
                                  for number, line in enumerate(text.split("\n"))),
    "a byte order mark": lambda text: "\ufeff" + text,
    "no final newline": lambda text: text.rstrip("\n"),
    "tabs for indentation": lambda text: text.replace("\n    ", "\n\t").replace("\n  ", "\n\t"),
}


def insert(document, name, offset, snippet, done):
    text = document.text(name)
    return document.with_file(name, text[:offset] + snippet + text[offset:], f"{done} at {offset} of {name}")


def at_a_block(draw, document):
    """An offset in the unit's text where a block may begin."""
    return draw(st.sampled_from(paragraph_starts(document.text())))


def anywhere(draw, document, name=None):
    return draw(st.integers(0, len(document.text(name))))


def in_the_body(draw, document):
    text = document.text()
    return draw(st.integers(body_start(text), len(text)))


def truncate_front_matter(draw, document):
    """The file ends inside its front matter, or loses its closing fence, or a slice of it."""
    text = document.text()
    start, end = front_matter_span(text) or (0, len(text))
    cut = draw(st.integers(start, end))
    how = draw(st.sampled_from(["the file ends", "the closing fence is lost", "a slice is lost"]))
    if how == "the file ends":
        return document.with_text(text[:cut], f"front matter cut at {cut}: the file ends")
    if how == "the closing fence is lost":
        return document.with_text(text[:cut] + text[end:].replace("---", "", 1), f"front matter cut at {cut}, no fence")
    rest = draw(st.integers(cut, end))
    return document.with_text(text[:cut] + text[rest:], f"front matter {cut}-{rest} lost")


def random_bytes(draw, document, name=None):
    """Bytes of any value, as a broken copy or a binary paste leaves them."""
    data = draw(st.binary(min_size=1, max_size=64))
    return insert(document, name or document.index, anywhere(draw, document, name),
                  data.decode("utf-8", "surrogateescape"), f"random bytes {data!r}")


def odd_unicode(draw, document, name=None):
    """Directional controls, NUL, lone surrogates, combining marks stacked, and any other character."""
    pieces = draw(st.lists(st.one_of(st.sampled_from(ODD_CHARACTERS), st.characters(exclude_categories=("Cs",)),
                                     st.integers(1, 300).map(lambda count: "e" + "\u0301" * count)),
                           min_size=1, max_size=12))
    snippet = "".join(pieces)
    return insert(document, name or document.index, anywhere(draw, document, name), snippet,
                  f"odd characters {snippet[:40]!r}")


def nest_deeply(draw, document):
    """Lists, block quotes, divs, notes, spans up to 200 deep."""
    kind, depth = draw(st.sampled_from(sorted(NESTINGS))), draw(st.integers(1, 200))
    return insert(document, document.index, at_a_block(draw, document), "\n\n" + NESTINGS[kind](depth) + "\n",
                  f"{kind} {depth} deep")


def huge_table(draw, document):
    """A pipe, grid or HTML table of up to 200 rows and 30 columns, its cells of every kind."""
    kind = draw(st.sampled_from(["pipe", "grid", "html"]))
    rows, columns = draw(st.integers(1, 200 if kind != "grid" else 60)), draw(st.integers(1, 30))
    cells = draw(st.lists(st.sampled_from(TABLE_CELLS), min_size=1, max_size=6))
    grid = [[cells[(row * columns + column) % len(cells)] for column in range(columns)] for row in range(rows)]
    caption = draw(st.sampled_from(["", "Table: A huge table {#tbl-huge}", ": {#tbl-huge}"]))
    table = TABLE_WRITERS[kind](grid)
    return insert(document, document.index, at_a_block(draw, document), f"\n\n{table}\n{caption}\n\n",
                  f"a {kind} table of {rows}x{columns}")


def pipe_table(grid):
    lines = ["| " + " | ".join(row) + " |" for row in grid]
    return "\n".join([lines[0], "|" + "---|" * len(grid[0]), *lines[1:]])


def grid_table(grid):
    width = max(len(cell) for row in grid for cell in row) + 2
    rule = "+" + ("-" * width + "+") * len(grid[0])
    lines = [rule]
    for row in grid:
        lines += ["|" + "|".join(f" {cell:<{width - 1}}" for cell in row) + "|", rule]
    return "\n".join(lines)


def html_table(grid):
    rows = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>\n" for row in grid)
    return f"<table>\n{rows}</table>"


TABLE_WRITERS = {"pipe": pipe_table, "grid": grid_table, "html": html_table}


def unbalanced_fence(draw, document):
    """A code fence, div, math, comment or raw block opened and never closed (or closed, never opened)."""
    fence = draw(st.sampled_from(FENCES))
    return insert(document, document.index, at_a_block(draw, document), f"\n\n{fence}\n", f"unbalanced {fence!r}")


def broken_citation(draw, document):
    """A citation half typed, of a key no bibliography has, or of a real key misspelt."""
    forms = CITATIONS + [form for key in bibliography_keys(document) for form in mangled_keys(key)]
    citation = draw(st.sampled_from(forms))
    return insert(document, document.index, in_the_body(draw, document), f" {citation} ", f"citation {citation!r}")


def mangled_keys(key):
    return [f"@{key.upper()}", f"[@{key}x]", f"[@{key[:-1]}]", f"[-@{key}; @{key}]", f"@{key}'s", f"[@{key},]"]


def bibliography_keys(document):
    """The citation keys the document's bibliographies hold (read roughly: ids and BibTeX keys)."""
    keys = []
    for name in document.bibliographies:
        keys += re.findall(r'"id":\s*"([^"]+)"|^\s*-?\s*id:\s*(\S+)|@\w+\{([^,\s]+),', document.text(name), re.M)
    return sorted({key for found in keys for key in found if key})[:8]


def broken_yaml(draw, document):
    """One line of the front matter mis-indented, its colon or quote lost, a tag or alias put in."""
    return break_yaml_line(draw, document, document.index, front_matter_span(document.text()))


def odd_front_matter_value(draw, document):
    """A key the schema knows (or nearly) given a value of the wrong type, out of range, or hostile."""
    return set_front_matter_value(draw, document)


def spliced(draw, document):
    """Up to 60 lines of another real document pasted in, at a block or anywhere."""
    lines = draw(st.sampled_from(SPLICE_TEXTS)).splitlines(keepends=True)
    first = draw(st.integers(0, len(lines) - 1))
    last = draw(st.integers(first, min(first + 60, len(lines))))
    offset = draw(st.one_of(st.just(None), st.integers(0, len(document.text()))))
    offset = at_a_block(draw, document) if offset is None else offset
    return insert(document, document.index, offset, "".join(lines[first:last]), f"lines {first}-{last} of another text")


def line_endings(draw, document):
    kind = draw(st.sampled_from(sorted(LINE_ENDINGS)))
    return document.with_text(LINE_ENDINGS[kind](document.text()), f"{kind}")


def lines_lost_or_repeated(draw, document):
    """A run of lines deleted, repeated or moved, as a bad merge leaves them."""
    lines = document.text().splitlines(keepends=True) or [""]
    first = draw(st.integers(0, len(lines) - 1))
    last = draw(st.integers(first, min(first + 20, len(lines))))
    how = draw(st.sampled_from(["deleted", "repeated", "moved to the end"]))
    run = lines[first:last]
    rest = lines[:first] + lines[last:]
    result = {"deleted": rest, "repeated": lines[:last] + run + lines[last:], "moved to the end": rest + run}[how]
    return document.with_text("".join(result), f"lines {first}-{last} {how}")


def minimal_text(draw, document):
    """The text replaced by next to nothing, or by only its front matter, or only its body."""
    text = document.text()
    choices = MINIMAL_TEXTS + [text[:body_start(text)], text[body_start(text):]]
    chosen = draw(st.sampled_from(choices))
    return document.with_text(chosen, f"the text replaced by {chosen[:30]!r}")


TEXT_MUTATIONS = [truncate_front_matter, random_bytes, odd_unicode, nest_deeply, huge_table, unbalanced_fence,
                  broken_citation, broken_yaml, odd_front_matter_value, spliced, line_endings, lines_lost_or_repeated,
                  minimal_text]
