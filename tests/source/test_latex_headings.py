"""LaTeX's sectioning commands in the Markdown (publish/source/latex_headings.py, settled with the raw
content): each is the heading it is in LaTeX, at its line, labelled by a \\label after it; what else its
raw block holds stays raw LaTeX. Read from pandoc's own parse and from what `doit check` says."""

import json

import pypandoc
import pytest
from checking import BODY_LINE, CITED, INDEX

from publish.document import stringify
from publish.paths import Publication
from publish.source.latex_headings import LEVELS, heading_pieces
from publish.source.read import read_source


@pytest.mark.parametrize("command", sorted(LEVELS))
def test_each_command_has_the_level_pandocs_latex_reader_gives_it_alone(command):
    [header] = json.loads(pypandoc.convert_text(f"\\{command}*{{X}}", "json", format="latex"))["blocks"]
    assert header["c"][0] == LEVELS[command] and header["c"][1][1] == ["unnumbered"]


def test_the_raw_tex_is_cut_at_each_command_and_its_label():
    tex = "\\vspace{1em}\n\\section[Short]{Long {\\em a} \\}}\n\\label{sec:x} after\n% \\section{no}\n\\section{open"
    assert heading_pieces(tex) == [("raw", "\\vspace{1em}\n", 0, None),
                                   ("heading", "\\section[Short]{Long {\\em a} \\}}", 13, "sec:x"),
                                   ("raw", " after\n% \\section{no}\n\\section{open", 59, None)]
    assert heading_pieces("\\vspace{1em}") == [] and heading_pieces("\\sectionmark{x}") == []


BODY = ("## Proposal\n\n\\subsection*{Goals}\n\\label{goals}\n\nSee \\ref{goals} and @sec:goals.\n\n"
        "\\section{Method \\emph{first}}\n\n```{=latex}\n\\vspace{1em}\n\\subsection*{In a block}\n```\n\n"
        "## Goals\n\n" + CITED)


def test_sectioning_commands_are_headings_at_their_lines(write):
    findings = write(BODY)
    assert findings == [f"{INDEX}:{BODY_LINE + 10}:1: warning: the LaTeX '\\vspace{{1em}}' has no meaning outside "
                        "LaTeX: the editions leave it out (write it in Markdown) [raw.latex.dropped]"]
    source = read_source(Publication("brief"))
    headers = [block for block in source.document["blocks"] if block["t"] == "Header"]
    assert [(header["c"][0], header["c"][1][:2], stringify(header)) for header in headers] == [
        (2, ["proposal", []], "Proposal"), (2, ["sec:goals", ["unnumbered"]], "Goals"),
        (1, ["method-first", []], "Method first"), (2, ["in-a-block", ["unnumbered"]], "In a block"),
        (2, ["goals", []], "Goals")]
    assert headers[2]["c"][2][-1]["t"] == "Emph"
    assert [source.places.place(header).line - BODY_LINE for header in headers] == [0, 2, 7, 11, 14]


def test_a_latex_heading_takes_a_free_id_and_a_reference_needs_its_label(write):
    findings = write("## Goals\n\n\\subsection*{Goals}\n\nSee @sec:goals.\n\n" + CITED)
    assert [finding.rsplit(" ", 1)[-1] for finding in findings] == ["[crossref.unknown]"]
    headers = [block for block in read_source(Publication("brief")).document["blocks"] if block["t"] == "Header"]
    assert [header["c"][1][0] for header in headers] == ["goals", "goals-1"]
