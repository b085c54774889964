"""Raw LaTeX (publish/source/raw_latex.py): the commands with a Markdown meaning become it, a reference
command cites its label, the others have no meaning outside LaTeX."""

import pytest

from publish.document import stringify
from publish.source import raw_latex


@pytest.mark.parametrize("latex, kind, text", [
    (r"\emph{x y}", "Emph", "x y"), (r"\textit{x}", "Emph", "x"), (r"\textbf{x}", "Strong", "x"),
    (r"\texttt{x}", "Code", "x"), (r"\url{https://example.org}", "Link", "https://example.org"),
    (r"\autoref{fig:a}", "Cite", r"\autoref{fig:a}"), (r"\ref{tbl-b}", "Cite", r"\ref{tbl-b}"),
])
def test_latex_commands_with_a_markdown_meaning(latex, kind, text):
    made = raw_latex.latex_inline(latex)
    assert made["t"] == kind and stringify(made) == text


def test_a_reference_command_cites_each_of_its_labels_as_the_document_labelled_them():
    made = raw_latex.latex_inline(r"\cref{fig:a, bo_steps}", {"bo_steps": "fig:bo_steps"})
    assert [citation["citationId"] for citation in made["c"][0]] == ["fig:a", "fig:bo_steps"]
    assert made["c"][0][0]["citationMode"]["t"] == "NormalCitation"
    assert raw_latex.latex_inline(r"\ref{}") is None
    assert raw_latex.latex_inline(r"\eqref{eq:x}")["c"][0][0]["citationMode"]["t"] == "SuppressAuthor"


@pytest.mark.parametrize("latex", [r"\vspace{1em}", r"\foo", r"\emph{a {nested} b}", "\\newpage"])
def test_other_latex_has_no_inline_meaning(latex):
    assert raw_latex.latex_inline(latex) is None
