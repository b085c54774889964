"""The parse stage reads each publication once: one pandoc read and one citeproc run, the
checks on that same read; How to cite renders again only when its facts change."""

import subprocess

import pytest
from conftest import SLUG, copy_project

import publish.pandoc
from publish.paths import Publication
from publish.source.checks import check_publication, run_checks
from publish.source.parse import parse_publication


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
    return runs


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
