"""`doit check` (publish/source/preflight.py): every finding of every unit printed, then a summary; a
failure on errors, or on warnings too with --strict; the build stopped by the errors alone. On a
scratch publication, and on the brief."""

from pathlib import Path

import pytest
from checking import BODY_LINE, CITED, FRONT, INDEX
from projects import SLUG, copy_project, run_doit

from publish.errors import PublishError
from publish.paths import Publication
from publish.source.parse import ChecksFailed
from publish.source.preflight import check_publication, run_checks


@pytest.mark.parametrize("body", ["[@smith2020] [@nokey]\n", "[@nokey]\n"])
def test_the_summary_counts_errors_and_warnings(write, capsys, body):
    write(body)  # one unknown key (an error), one or two entries never cited (warnings): an odd and an even total
    with pytest.raises(PublishError) as failure:
        run_checks([Publication("brief")])
    lines = capsys.readouterr().out.splitlines()
    errors = sum(": error: " in line for line in lines)
    warnings = sum(": warning: " in line for line in lines)
    assert errors == 1 and warnings >= 1 and errors + warnings == len(lines) - 1
    summary = f"1 error, {warnings} warning{'s' * (warnings != 1)} in 1 publication"
    assert lines[-1] == summary
    assert failure.value.message == f"pre-flight failed: {summary}"


def test_strict_fails_on_warnings_and_says_so(write, capsys):
    write("[@smith2020]\n")  # warnings only
    run_checks([Publication("brief")])
    with pytest.raises(PublishError) as failure:
        run_checks([Publication("brief")], strict=True)
    summary = capsys.readouterr().out.splitlines()[-1]
    assert summary.startswith("0 errors, ")
    assert failure.value.message == f"pre-flight failed (--strict fails on warnings): {summary}"


def test_strict_with_errors_fails_for_the_errors(write, capsys):
    write("[@nokey]\n")
    with pytest.raises(PublishError) as failure:
        run_checks([Publication("brief")], strict=True)
    assert failure.value.message == f"pre-flight failed: {capsys.readouterr().out.splitlines()[-1]}"


def test_the_build_stops_on_the_errors_alone(write):
    # what the parse raises: the errors, one a line, without the warnings beside them
    write("[@nokey] [@smith2020]\n")  # an unknown key; jones2021 never cited
    findings = check_publication(Publication("brief"))
    assert {f.severity for f in findings} == {"error", "warning"}
    failure = ChecksFailed(findings)
    assert failure.findings == [f for f in findings if f.severity == "error"] and len(failure.findings) == 1
    assert str(failure) == (f"{INDEX}:{BODY_LINE}:2: error: citation key 'nokey' is not in the bibliography; add it to "
                            "the bibliography [citation.unknown]")


@pytest.fixture(scope="module")
def checked_project(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("checks"))


def test_doit_check_passes_on_the_brief_and_strict_fails(checked_project):
    result = run_doit(checked_project, "check")
    warnings = [line for line in result.stdout.splitlines() if ": warning: unresolved link" in line]
    series = [line for line in result.stdout.splitlines() if line.startswith("source/series.yaml:")]
    assert len(warnings) == 21 and "0 errors, 24 warnings" in result.stdout
    assert series == ["source/series.yaml:7:1: warning: 'publisher' is empty: the editions leave the publisher out "
                      "until it is filled in [series.missing]",
                      "source/series.yaml:8:1: warning: 'series' is empty: the editions leave the series name out "
                      "until it is filled in [series.missing]",
                      "source/series.yaml:33:1: warning: 'site-url' is not set: the site (doit site) and the editions "
                      "link to each other by relative addresses, and citation_pdf_url, the feed and the sitemap are not "
                      "absolute as Google Scholar and feed readers want them [series.missing]"]
    assert run_doit(checked_project, "check", "--strict", check=False).returncode != 0
    assert not (checked_project / "build" / SLUG / f"{SLUG}.pdf").exists()  # nothing was built


def test_an_unknown_key_fails_check_and_build_with_its_place(checked_project):
    index = checked_project / "source" / SLUG / "index.md"
    text = index.read_text(encoding="utf-8")
    index.write_text(text + "[@nosuchkey2099]\n", encoding="utf-8")
    line = text.count("\n") + 1
    expected = f"source/{SLUG}/index.md:{line}:2: error: citation key 'nosuchkey2099' is not in the bibliography"
    for arguments in (["check"], []):
        result = run_doit(checked_project, *arguments, check=False)
        assert result.returncode != 0
        assert any(l.startswith(expected) for l in (result.stdout + result.stderr).splitlines()), result.stdout
    assert not (checked_project / "build" / SLUG / f"{SLUG}.html").exists()


def test_doit_check_slug_checks_that_publication_alone(tmp_path):
    project = copy_project(tmp_path / "two")
    second = project / "source" / "second"
    second.mkdir()
    (second / "index.md").write_text('---\ntitle: "Second"\nauthor: "A. Author"\ndate: 2024\nlang: en\n---\n\n'
                                     "Cites [@nokey].\n", encoding="utf-8")
    brief = run_doit(project, "check", SLUG)
    assert brief.returncode == 0 and "source/second/" not in brief.stdout
    assert "0 errors, 24 warnings in 1 publication" in brief.stdout.splitlines()
    failing = run_doit(project, "check", "second", check=False)
    assert failing.returncode != 0 and SLUG not in failing.stdout
    assert "source/second/index.md:8:8: error: citation key 'nokey' is not in the bibliography" in failing.stdout
    for name, hint in (("secnd", "did you mean 'second'? "), ("zzz", "")):
        unknown = run_doit(project, "check", name, check=False)
        output = unknown.stdout + unknown.stderr
        assert unknown.returncode != 0 and "Traceback" not in output
        assert (f"error: no publication '{name}' in source/: {hint}the publications are {SLUG}, second"
                in output.splitlines())
    # --strict judges the publications named alone: the brief's warnings do not fail another's strict check
    series = project / "source" / "series.yaml"
    series.write_text(series.read_text(encoding="utf-8").replace('publisher: ""', 'publisher: "P"').replace(
        'series: ""', 'series: "S"').replace('site-url: ""', 'site-url: "https://example.org/"'), encoding="utf-8")
    (second / "index.md").write_text(
        (second / "index.md").read_text(encoding="utf-8").replace("Cites [@nokey].", "Cites nothing."), encoding="utf-8")
    strict = run_doit(project, "check", "second", "--strict")
    assert "0 errors, 0 warnings in 1 publication" in strict.stdout.splitlines()
    assert run_doit(project, "check", "--strict", check=False).returncode != 0


def test_a_finding_a_translation_shares_with_its_original_is_printed_once(write, capsys):
    write(CITED, front=FRONT.replace("lang: en\n", "lang: en\ncolour: blue\n"))
    Path("source/brief/index.fr.md").write_text("---\nlang: fr\n---\n\n" + CITED, encoding="utf-8")
    run_checks([Publication("brief"), Publication("brief", "fr")])
    printed = capsys.readouterr().out.splitlines()
    unknown = [line for line in printed if "unknown key 'colour'" in line]
    assert unknown == [f"{INDEX}:6:1: warning: unknown key 'colour' in the front matter: no edition uses it "
                       "[front-matter.unknown-key]"]
    assert printed[-1].endswith("in 2 publications")
