"""A document written for Quarto builds here as it is: its code cells are shown (never run), its
shortcodes mapped or left out, its `##` sections are sections; each with a warning at its place."""

from checking import BODY_LINE, FRONT, INDEX, picture

from publish.document import iterate, stringify
from publish.paths import Publication
from publish.source.parse import examined
from publish.source.quarto import raise_headings
from publish.source.raw_content import Settled

CITES = "Text [@smith2020] [@jones2021].\n\n"
CELL = "```{r}\n#| label: fig-plot\n#| fig-cap: \"A plot\"\nplot(1:10)\nlines(2:3)\n```\n"
CELL_WARNING = ("warning: the {r} code cell is not run here (the build runs no code): the editions show its code; save "
                "what it makes (a chart as PDF or PNG, a table in Markdown) beside index.md and include that "
                "[quarto.cell-not-run]")


def read(write, body, front=FRONT):
    findings = write(body, front=front)
    source, _, _ = examined(Publication("brief"))
    return source.document["blocks"], findings


def test_a_code_cell_is_shown_as_its_code_never_run(write):
    blocks, findings = read(write, CITES + CELL + "\nAfter.\n")
    code = [block for block in blocks if block["t"] == "CodeBlock"]
    assert [(block["c"][0][1], block["c"][1]) for block in code] == [(["r"], "plot(1:10)\nlines(2:3)")]
    assert findings == [f"{INDEX}:{BODY_LINE + 2}:1: {CELL_WARNING}"]


def test_a_reference_to_a_cells_output_is_a_warning_and_shows_as_written(write):
    blocks, findings = read(write, CITES + CELL + "\nSee @fig-plot.\n")
    assert findings[1] == (f"{INDEX}:{BODY_LINE + 9}:5: warning: cross-reference '@fig-plot' points to the output of a "
                           "code cell, which is not made here: the editions show '@fig-plot' as written "
                           "[crossref.cell-output]")


def test_shortcodes_mapped_or_left_out_at_their_place(write):
    line = "Press {{< kbd Ctrl-C >}}; the title is {{< meta title >}}. ({{< video https://example.org/v.mp4 >}})"
    blocks, findings = read(write, CITES + "{{< pagebreak >}}\n\n" + line + "\n")
    assert [block["c"][0][1] for block in blocks if block["t"] == "Div"] == [["page-break"]]
    paragraph = stringify(blocks[-1])
    assert paragraph == "Press Ctrl-C; the title is T. ()"
    assert [element["c"][0][1] for element in iterate(blocks) if element["t"] == "Code"] == [["kbd"]]
    assert findings == [f"{INDEX}:{BODY_LINE + 4}:{line.index('({{<') + 1}: warning: the Quarto shortcode "
                        "'{{< video https://example.org/v.mp4 >}}' is not run here: the editions leave it out "
                        "[quarto.shortcode-dropped]"]


def test_quarto_front_matter_keys_are_warnings_never_errors(write):
    front = FRONT.replace("lang: en\n", "lang: en\nformat:\n  html:\n    toc: true\nexecute:\n  echo: false\n")
    _, findings = read(write, CITES, front=front)
    assert [finding.split(": ", 2)[1:] for finding in findings] == [
        ["warning", "unknown key 'format' in the front matter: no edition uses it [front-matter.unknown-key]"],
        ["warning", "unknown key 'execute' in the front matter: no edition uses it [front-matter.unknown-key]"]]


def test_sections_written_as_level_two_become_sections():
    document = {"blocks": [{"t": "Header", "c": [2, ["a", [], []], []]}, {"t": "Header", "c": [3, ["b", [], []], []]}]}
    settled = Settled()
    raise_headings(document, settled)
    assert [block["c"][0] for block in document["blocks"]] == [1, 2] and settled.heading_shift == 1
    document = {"blocks": [{"t": "Header", "c": [1, ["a", [], []], []]}, {"t": "Header", "c": [3, ["b", [], []], []]}]}
    raise_headings(document, settled)
    assert [block["c"][0] for block in document["blocks"]] == [1, 3] and settled.heading_shift == 0


def test_a_skipped_level_is_named_as_the_author_wrote_it(write):
    _, findings = read(write, CITES + "## A\n\n#### B\n")
    assert findings == [f"{INDEX}:{BODY_LINE + 4}:1: warning: heading level 4 follows level 2: a level is skipped "
                        "[heading.skipped-level]"]


FIGURES = """See @fig-alt, @fig-caption and @fig-implicit.

::: {#fig-alt}
![](a.png){fig-alt="Bars of the build times"}

Build times
:::

::: {#fig-caption}
![](b.png)

The catalogue's times
:::

::: {#fig-implicit}
![A chart](c.png)

Times by process
:::
"""


def test_a_quarto_figure_div_is_one_figure_whose_image_has_a_text_alternative(write):
    """Quarto's usual form: the image without alt text, its `fig-alt` (else the caption) its text
    alternative; an image with alt text inside is the figure's, not a figure of its own."""
    findings = write(CITES + FIGURES, files={name: picture(name) for name in ("a.png", "b.png", "c.png")})
    assert findings == []  # no "no alt text", no "figure without a caption"
    source, decisions, _ = examined(Publication("brief"))
    figures = [element for element in iterate(source.document["blocks"]) if element["t"] == "Figure"]
    assert [figure["c"][0][0] for figure in figures] == ["fig-alt", "fig-caption", "fig-implicit"]
    images = [element for element in iterate(source.document["blocks"]) if element["t"] == "Image"]
    assert [stringify(image["c"][1]) for image in images] == ["Bars of the build times", "The catalogue’s times", "A chart"]
    assert {label: target.number for label, target in decisions.numbering.targets.items()} == {
        "fig-alt": "1", "fig-caption": "2", "fig-implicit": "3"}


def test_a_cell_whose_fences_touch_the_text_is_a_code_block_between_paragraphs(write):
    blocks, findings = read(write, CITES + "Before the cell.\n" + CELL + "After the cell.\n\nMore.\n")
    assert [(block["t"], block["c"][1] if block["t"] == "CodeBlock" else stringify(block)) for block in blocks[1:]] == [
        ("Para", "Before the cell."), ("CodeBlock", "plot(1:10)\nlines(2:3)"), ("Para", "After the cell."),
        ("Para", "More.")]
    assert findings == [f"{INDEX}:{BODY_LINE + 3}:1: {CELL_WARNING}"]


def test_shortcodes_in_the_front_matter_are_settled_there(write):
    abstract = "abstract: |\n  Uses {{< meta title >}} and {{< var version >}} data.\n"
    front = FRONT.replace("lang: en\n", "lang: en\n" + abstract)
    _, findings = read(write, CITES, front=front)
    source, _, _ = examined(Publication("brief"))
    assert stringify(source.document["meta"]["abstract"]["c"]) == "Uses T and data."
    line = front.splitlines().index("  Uses {{< meta title >}} and {{< var version >}} data.") + 1
    assert findings == [f"{INDEX}:{line}:31: warning: the Quarto shortcode '{{{{< var version >}}}}' is not run here: "
                        "the editions leave it out [quarto.shortcode-dropped]"]


def test_a_quarto_table_div_is_its_table_with_the_divs_label_and_caption(write):
    body = CITES + "::: {#tbl-aid}\n| Donor | Aid |\n|---|---|\n| A | 1 |\n\nAid by donor\n:::\n\nSee @tbl-aid.\n"
    findings = write(body)
    assert findings == []  # no "cross-reference points to no table"
    source, decisions, _ = examined(Publication("brief"))
    tables = [element for element in iterate(source.document["blocks"]) if element["t"] == "Table"]
    assert [(table["c"][0][0], stringify(table["c"][1][1])) for table in tables] == [("tbl-aid", "Aid by donor")]
    assert not any(element["t"] == "Div" for element in iterate(source.document["blocks"]))
    assert decisions.numbering.targets["tbl-aid"].number == "1"


def test_fig_alt_on_an_image_is_its_text_alternative_not_the_caption(write):
    findings = write(CITES + '![Bars by year](a.png){#fig-a fig-alt="Five bars rising from left to right"}\n',
                     files={"a.png": picture("a.png")})
    assert findings == []
    source, _, _ = examined(Publication("brief"))
    image = next(element for element in iterate(source.document["blocks"]) if element["t"] == "Image")
    assert stringify(image["c"][1]) == "Five bars rising from left to right" and image["c"][0][2] == []


def test_images_side_by_side_in_a_figure_div_are_its_subfigures_each_lettered(write):
    """pandoc-crossref's demo: two images in one paragraph and a third in its own are three subfigures."""
    body = CITES + ('<div id="fig:row">\n![Left](a.png)![Right](b.png){#fig:right}\n\n![Below](c.png)\n\n'
                    'Three views\n</div>\n\nSee @fig:row and @fig:right.\n')
    findings = write(body, files={name: picture(name) for name in ("a.png", "b.png", "c.png")})
    assert findings == []
    source, decisions, _ = examined(Publication("brief"))
    figure = next(element for element in source.document["blocks"] if element["t"] == "Figure")
    parts = [element for element in iterate(figure["c"][2]) if element["t"] == "Figure"]
    assert [(part["c"][0][0], stringify(part["c"][1][1])) for part in parts] == [
        ("", "Left"), ("fig:right", "Right"), ("", "Below")]
    assert [decisions.numbering.number_of(part) for part in parts] == ["1 (a)", "1 (b)", "1 (c)"]
    assert decisions.numbering.targets["fig:right"].number == "1 (b)"
