"""LaTeX labels (publish/source/latex_labels.py), as JOSS papers write them, become the labels the
numbering reads: on a figure's caption, a table's caption, a heading, and a math environment, which
becomes display math. Read from pandoc's own parse, and from what `doit check` then says."""

import json
from pathlib import Path

import pypandoc
import pytest
from checking import CITED, INDEX, line_of, picture

from publish.source.latex_labels import display_math, settle_labels
from publish.source.raw_content import Settled


def settled(markdown):
    document = json.loads(pypandoc.convert_text(markdown, "json", format="markdown"))
    labels = settle_labels(document, lambda element: None, found := Settled())
    return document, labels, found


@pytest.mark.parametrize("raw, tex, labels", [
    ("\\begin{equation}\\label{eqn:a}\n  f(x) = 1\n\\end{equation}", "f(x) = 1", ["eqn:a"]),
    ("\\begin{equation*} x \\end{equation*}", "x", []),
    ("\\begin{align}\n a &= 1 \\nonumber \\\\\n b &= 2 \\label{eq:b}\n\\end{align}",
     "\\begin{aligned}a &= 1  \\\\\n b &= 2\\end{aligned}", ["eq:b"]),
    ("\\begin{gather*} a \\\\ b \\end{gather*}", "\\begin{gathered}a \\\\ b\\end{gathered}", []),
])
def test_a_math_environment_is_display_math_without_its_labels(raw, tex, labels):
    assert display_math(raw) == (tex, labels)


@pytest.mark.parametrize("raw", ["\\begin{tabular}{c} x \\end{tabular}", "\\begin{equation} x \\end{align}",
                                 "\\label{x}"])
def test_other_latex_is_no_display_math(raw):
    assert display_math(raw) is None


def test_each_element_takes_the_label_written_in_it():
    document, labels, _ = settled(
        "# Method \\label{sec:method}\n\n![A chart.\\label{bo_steps}](chart.png)\n\n| a |\n|---|\n| 1 |\n\n"
        ": Rates \\label{tbl:rates}\n\nSo\n\\begin{equation}\\label{eqn:y}\nx = 1\n\\end{equation}\nholds.\n")
    header, figure, table, paragraph = document["blocks"]
    assert labels == {"sec:method": "sec:method", "bo_steps": "fig:bo_steps", "tbl:rates": "tbl:rates",
                      "eqn:y": "eq:eqn:y"}
    assert header["c"][1][0] == "sec:method" and header["c"][2] == [{"t": "Str", "c": "Method"}]
    assert figure["c"][0][0] == "fig:bo_steps" and "RawInline" not in json.dumps(figure)
    assert table["c"][0][0] == "tbl:rates" and "RawInline" not in json.dumps(table)
    kinds = [inline["t"] for inline in paragraph["c"]]
    assert kinds == ["Str", "SoftBreak", "Math", "Space", "Str", "SoftBreak", "Str"]
    assert paragraph["c"][2]["c"] == [{"t": "DisplayMath"}, "x = 1"] and paragraph["c"][4]["c"] == "{#eq:eqn:y}"


def test_an_explicit_label_wins_and_the_latex_label_points_to_it():
    document, labels, _ = settled("![A chart.\\label{fig:old}](chart.png){#fig:new}\n")
    assert document["blocks"][0]["c"][0][0] == "fig:new" and labels == {"fig:old": "fig:new"}


def test_a_second_label_in_one_display_is_said_and_left_out():
    _, labels, found = settled("\\begin{align}\na \\label{eq:a} \\\\\nb \\label{eq:b}\n\\end{align}\n")
    assert labels == {"eq:a": "eq:a"}
    assert [(code, message) for _, code, message in found.findings] == [
        ("raw.latex.dropped", "the label 'eq:b' is left out: the editions number this display once, as 'eq:a'")]


def test_joss_references_check_clean_and_a_wrong_one_is_at_its_place(write):
    body = ("As \\autoref{fig:chart} and \\autoref{eqn:simple} show, and \\ref{sec:method}.\n\n"
            "![A chart.\\label{fig:chart}](chart.png)\n\n\\begin{equation}\\label{eqn:simple}\nf(x) = 2\n"
            "\\end{equation}\n\n# Method \\label{sec:method}\n\nSee \\autoref{fig:chrat}.\n\n" + CITED)
    findings = write(body, files={"chart.png": picture("chart.png")})
    line = line_of(Path(INDEX).read_text(encoding="utf-8"), "See \\autoref")
    assert findings == [f"{INDEX}:{line}:5: error: cross-reference '@fig:chrat' points to no figure, table, section "
                        "or equation labelled 'fig:chrat'; did you mean '@fig:chart'? [crossref.unknown]"]


def test_the_open_journals_forms_label_as_latex_does():
    document, labels, _ = settled(
        '| a |\n|---|\n| 1 |\n\n: Languages.\n  []{label="proglangs"}\n\n'
        "$$a^n + b^n = c^n \\label{eq:fermat}$$\n\n"
        '[$$x = 1$$]{label="eq:one"}\n')
    table, first, second = document["blocks"]
    assert table["c"][0][0] == "tbl:proglangs" and "Span" not in json.dumps(table["c"][1])
    assert [inline["t"] for inline in first["c"]] == ["Math", "Space", "Str"]
    assert first["c"][0]["c"][1] == "a^n + b^n = c^n" and first["c"][2]["c"] == "{#eq:fermat}"
    assert second["c"][0]["c"][1] == "x = 1" and second["c"][2]["c"] == "{#eq:one}"
    assert labels == {"proglangs": "tbl:proglangs", "eq:fermat": "eq:fermat", "eq:one": "eq:one"}


def test_an_empty_span_with_a_crossref_id_labels_its_caption_as_thesis_templates_write():
    """tompollard/phd_thesis_markdown: `: Caption []{#tbl:random short-caption="..."}`."""
    document, labels, _ = settled('| a |\n|---|\n| 1 |\n\n: Important data. []{#tbl:random short-caption="Data"}\n\n'
                                  "Text with an anchor []{#not-a-label} stays.\n")
    table, paragraph = document["blocks"]
    assert table["c"][0][0] == "tbl:random" and "Span" not in json.dumps(table["c"][1])
    assert "Span" in json.dumps(paragraph) and labels == {"tbl:random": "tbl:random"}


def test_a_comment_block_is_left_out_in_silence(write):
    assert write("```{=comment}\nA note to self.\n```\n\n" + CITED) == []
