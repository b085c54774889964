"""The parse stage (publish/source/parse.py) reads each publication once: one pandoc read and one
citeproc run, the checks on that same read; How to cite renders again only when its facts change;
citeproc runs again only when an edit touched what it would rewrite. A run citeproc reuses, on its
own, is in test_citations.py."""

import subprocess
from pathlib import Path

import pytest
from projects import SLUG, copy_project

import publish.pandoc
from publish.paths import Publication
from publish.source.citations import LAST_RUN
from publish.source.parse import parse_publication
from publish.source.preflight import check_publication, run_checks


@pytest.fixture
def pandoc_runs(tmp_path, monkeypatch):
    """The pandoc command lines run in this process (pandoc itself runs, nothing is faked)."""
    project = copy_project(tmp_path / "project")
    monkeypatch.chdir(project)
    runs = []
    real_run = subprocess.run

    def recording(command, *arguments, **options):
        if str(command[0]).endswith("pandoc"):
            runs.append([str(part) for part in command])
        return real_run(command, *arguments, **options)

    monkeypatch.setattr(publish.pandoc.subprocess, "run", recording)
    LAST_RUN.forget()
    yield runs
    LAST_RUN.forget()


def kinds(runs):
    """Each run by what it does: reading the Markdown, citing the document, rendering How to cite."""
    named = []
    for command in runs:
        if "--from=markdown" in command:
            named.append("read")
        elif "--from=json" in command and "--citeproc" in command:
            named.append("citeproc")
        elif "--from=markdown-raw_html" in command:
            named.append("how-to-cite")
        else:
            named.append(" ".join(command[2:4]))
    return named


def test_one_read_and_one_citeproc_run_per_publication(pandoc_runs):
    parse_publication(Publication(SLUG))
    first = kinds(pandoc_runs)
    assert first.count("read") == 1 and first.count("citeproc") == 1
    assert set(first) == {"read", "citeproc", "how-to-cite"}  # Chicago 18 and APA go through pandoc's citeproc
    LAST_RUN.forget()  # as in a new process
    pandoc_runs.clear()
    parse_publication(Publication(SLUG))
    assert kinds(pandoc_runs) == ["read", "citeproc"]  # How to cite comes from its cache while its facts are unchanged


def test_the_checks_run_on_the_one_read(pandoc_runs, capsys):
    assert len(check_publication(Publication(SLUG))) == 21
    assert kinds(pandoc_runs) == ["read"]
    pandoc_runs.clear()
    run_checks([Publication(SLUG)])
    assert kinds(pandoc_runs) == ["read"]
    assert capsys.readouterr().out.splitlines()[-1] == "0 errors, 24 warnings in 1 publication"


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def parse_after(edits, pandoc_runs):
    """Parse the brief, make the edits, parse it again (in the same process, as `doit serve` does):
    (the second parse's pandoc runs, its cited document)."""
    publication = Publication(SLUG)
    parse_publication(publication)
    for path, old, new in edits:
        edit(Path(path), old, new)
    pandoc_runs.clear()
    parse_publication(publication)
    return kinds(pandoc_runs), Path(publication.document).read_bytes()


def cold_parse():
    LAST_RUN.forget()
    parse_publication(Publication(SLUG))
    return Path(Publication(SLUG).document).read_bytes()


INDEX = f"source/{SLUG}/index.md"


@pytest.mark.parametrize("edits", [
    [(INDEX, "Three years in,", "Three years on,")],  # words in a paragraph without citations
    [(INDEX, "is indicative of this", "is a sign of this")],  # a note without citations
], ids=["words", "a-note-without-citations"])
def test_an_edit_citeproc_would_not_touch_reuses_its_last_run(pandoc_runs, edits):
    runs, reused = parse_after(edits, pandoc_runs)
    assert runs == ["read"]
    assert reused == cold_parse()


@pytest.mark.parametrize("edits", [
    [(INDEX, "For an early critique of this", "For a first critique of this")],  # a note that cites
    [(INDEX, "Three years in,", "Three years in [@swedlund2021foreignaid],")],  # a new citation
    [(f"source/{SLUG}/references.json", "Won't Moderate", "Will Not Moderate")],  # the bibliography
    # a new note: the notes after it, and the citations in them, are numbered anew
    [(INDEX, "Three years in,", "Three years in,[^new]"), (INDEX, "\n[^leverage-logic]:", "\n[^new]: A note.\n\n[^leverage-logic]:")],
    [("source/series.yaml", "chicago-notes-bibliography", "apa")],
], ids=["cited-note", "new-citation", "bibliography", "new-note-before-citations", "style"])
def test_an_edit_citeproc_would_render_runs_it_again(pandoc_runs, edits):
    runs, cited = parse_after(edits, pandoc_runs)
    assert "citeproc" in runs
    assert cited == cold_parse()
