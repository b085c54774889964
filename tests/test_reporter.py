"""What `doit` prints (publish/reporter.py): each task that ran with its time, then a summary line; a
failure printed once, where it happens, and named again in the summary."""

import re

import pytest
from projects import SLUG, run_doit


@pytest.fixture(scope="module")
def project(built_copy):
    """A built copy of the project with a second publication, test-brief, made by `doit new` and built."""
    project = built_copy("reporter")
    run_doit(project, "new", "--slug", "test-brief", "--title", "Test")
    run_doit(project)
    return project


def test_the_report_gives_each_run_task_its_time_and_a_summary(project):
    with open(project / "styles" / "print.css", "a", encoding="utf-8") as css:
        css.write("\n/* a change */\n")
    output = run_doit(project).stdout.splitlines()
    timed = [line for line in output if re.fullmatch(r"\s+\d+\.\d\d s  \S+", line)]
    assert sorted(line.split()[-1] for line in timed) == sorted(f"pdf:{slug}" for slug in (SLUG, "test-brief"))
    assert re.fullmatch(r"  2 tasks run, \d+ up to date, \d+\.\d s", output[-1])
    again = run_doit(project).stdout.splitlines()
    assert re.fullmatch(r"  0 tasks run, \d+ up to date, \d+\.\d s", again[-1]) and len(again) == 1


def test_a_failure_is_printed_once_and_named_in_the_summary(project):
    index = project / "source" / "test-brief" / "index.md"
    original = index.read_text(encoding="utf-8")
    index.write_text(original + "\n[@nosuchkey]\n", encoding="utf-8")
    try:
        result = run_doit(project, check=False)
    finally:
        index.write_text(original, encoding="utf-8")
    lines = result.stdout.splitlines()
    assert result.returncode != 0
    assert "  FAILED  parse:test-brief" in lines and lines[-1] == "  1 task FAILED: parse:test-brief"
    finding = [line for line in lines if "citation key 'nosuchkey'" in line]
    assert len(finding) == 1 and finding[0].startswith("source/test-brief/index.md:")
    assert any("not run (a task they need failed)" in line for line in lines)


def test_a_front_matter_error_is_printed_once_by_check_and_by_the_build_with_a_translation(project):
    """The translation reads its original's front matter too: the error is still the original's, said once."""
    run_doit(project, "new", "--translation-of", "test-brief", "--lang", "fr")
    index = project / "source" / "test-brief" / "index.md"
    original = index.read_text(encoding="utf-8")
    index.write_text(original.replace('"Your institution"\n', '"Your institution"\n   date: "2025"\n'), encoding="utf-8")
    try:
        outputs = [run_doit(project, *command, check=False) for command in (["check"], [])]
    finally:
        index.write_text(original, encoding="utf-8")
        (project / "source" / "test-brief" / "index.fr.md").unlink()
    for result in outputs:
        said = [line for line in (result.stdout + result.stderr).splitlines() if "source/test-brief/index.md:" in line]
        assert result.returncode != 0 and len(said) == 1, said
