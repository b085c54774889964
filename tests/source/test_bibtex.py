"""BibTeX files as authors have them (publish/source/bibtex.py): a `.bib` named for the dialect it holds,
and its mistakes placed where they are, at the column an editor shows (a tab is one column), with what to
do; then as `doit check` prints them, in one copy of the project."""

import pytest
from projects import copy_project, run_doit

from publish.source.bibtex import dialect, editor_column, mistake

ZOTERO_BIBTEX = """
@article{smith2024,
\ttitle = {A {Title}},
\tauthor = {Smith, Jane}
\tjournal = {A Journal},
\tyear = {2024}
}
"""


@pytest.mark.parametrize("text, named", [
    (ZOTERO_BIBTEX, "BibTeX"),
    ("@book{a, title = {T}, author = {A}, publisher = {P}, address = {Ams}, year = 2020}", "BibTeX"),
    ("@misc{a, title = {T}, url = {https://example.org}, urldate = {2024-01-01}, year = 2020}", "BibTeX"),  # Zotero's
    ("@book{a, title = {T}, date = {2020}}", "BibLaTeX"),
    ("@article{a, journaltitle = {J}}", "BibLaTeX"),
    ("@online{a, title = {T}, url = {https://example.org}}", "BibLaTeX"),
    ("@Comment{jabref-meta: databaseType:biblatex;}\n@book{a, title = {T}}", "BibLaTeX"),
])
def test_a_bib_file_is_named_for_what_it_holds(text, named):
    assert dialect(text) == named


@pytest.mark.parametrize("line, pandoc_column, column", [
    ("\ttitle", 5, 2), ("\t\ttitle", 9, 3), (" \ttitle", 5, 3), ("   \t  \ttitle", 9, 8), ("  title", 3, 3)])
def test_pandocs_column_with_tabs_expanded_is_the_column_an_editor_shows(line, pandoc_column, column):
    assert editor_column(line, pandoc_column) == column


MISTAKES = {
    # pandoc's (line, column with tabs expanded, problem) -> where the mistake is, and what is said
    "a comma missing at a line's end, tabs before": (
        ZOTERO_BIBTEX, (5, 5, "unexpected 'j'"), (4, 24), "a comma is missing after this field's value (before "
                                                          "'journal' on line 5): add ','"),
    "a comma missing on one line": (
        "@article{s, author = {Smith} title = {T}}\n", (1, 30, "unexpected 't'"), (1, 29),
        "a comma is missing after this field's value (before 'title'): add ','"),
    "a comma missing after a bare number, a blank line between": (
        "@article{s,\n  year = 2024\n\n  title = {T}\n}\n", (4, 3, "unexpected 't'"), (2, 14),
        "(before 'title' on line 4)"),
    "a comma missing after the key": (
        "@article{smith2024\n  author = {Smith, Jane},\n}\n", (2, 3, "unexpected 'a'"), (1, 19),
        "a comma is missing after the entry's key 'smith2024' (before 'author' on line 2): add ','"),
    "a brace never closed, found at the next entry": (
        "@article{s,\n  author = {Smith, Jane,\n  title = {T},\n}\n@book{b,\n title={T}}\n",
        (5, 1, "unexpected '@'"), (2, 12), "this brace is never closed: close it where its value ends"),
    "a quote never closed, found at the end": (
        '@article{s,\n  author = "Smith, Jane,\n  title = {A Title},\n  year = {2024}\n}\n',
        (6, 1, "unexpected end of input"), (2, 12), "this quote is never closed"),
    "an entry never closed": (
        "@article{s,\n  title = {T},\n@book{b, title={T}}\n", (3, 1, "unexpected '@'"), (1, 9),
        "this entry is never closed: end it with '}'"),
}


@pytest.mark.parametrize("text, reported, place, words", MISTAKES.values(), ids=MISTAKES.keys())
def test_a_mistake_is_placed_where_it_is_and_says_what_to_do(text, reported, place, words):
    line, column, message = mistake(text.lstrip("\n") if text is not ZOTERO_BIBTEX else text, *reported)
    assert (line, column) == place and words in message, message
    assert "unclosed brace or quote before this point" not in message


def test_doit_check_says_bibtex_and_points_at_the_missing_comma(tmp_path):
    """The issue's case: Zotero's BibTeX export, tab-indented, with one comma lost."""
    project = copy_project(tmp_path)
    folder = project / "source" / "brief"
    folder.mkdir()
    (folder / "index.md").write_text('---\ntitle: "T"\nauthor: A\ndate: 2024\nlang: en\nbibliography: refs.bib\n---\n\n'
                                     "Text [@smith2024].\n", encoding="utf-8")
    (folder / "refs.bib").write_text(ZOTERO_BIBTEX, encoding="utf-8")
    result = run_doit(project, "check", "brief", check=False)
    assert result.returncode != 0
    assert ("source/brief/refs.bib:4:24: error: not valid BibTeX: a comma is missing after this field's value (before "
            "'journal' on line 5): add ',' [bibliography.unreadable]") in result.stdout.splitlines(), result.stdout
