"""A mistake doit meets while it reads the task graph (publish/graph_errors.py): a PUBLISH_SHARD that is
not k/n, a series.yaml that is not YAML, is one line and a non-zero exit, never a traceback; with the real
`doit` in one unbuilt copy of the project."""

import shutil

import pytest
from projects import copy_project, run_doit


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("graph-errors"))


def said(result):
    return (result.stdout + result.stderr).splitlines()


@pytest.mark.parametrize("shard", ["abc", "3/2", "0/4", "1/0", "1/2/3"])
@pytest.mark.parametrize("command", [[], ["list"], ["check"]])
def test_a_bad_shard_is_one_line_that_says_what_it_must_be(project, shard, command):
    result = run_doit(project, *command, check=False, environment={"PUBLISH_SHARD": shard})
    assert result.returncode != 0
    assert said(result) == [said(result)[0]] and said(result)[0].startswith("error: PUBLISH_SHARD"), said(result)
    assert repr(shard) in said(result)[0] and "k/n" in said(result)[0]


def test_a_bad_shard_is_one_line_when_build_exists_too(project):
    """With build/ there, dodo.py's own settings read the publications (the default tasks) before any task."""
    (project / "build").mkdir(exist_ok=True)
    try:
        result = run_doit(project, check=False, environment={"PUBLISH_SHARD": "abc"})
    finally:
        shutil.rmtree(project / "build")
    assert result.returncode != 0 and len(said(result)) == 1 and "PUBLISH_SHARD" in said(result)[0], said(result)


def test_series_settings_that_are_not_yaml_are_one_line_at_their_place(project):
    settings = project / "source" / "series.yaml"
    original = settings.read_text(encoding="utf-8")
    settings.write_text(original + 'numbering: "auto\n', encoding="utf-8")  # a quote never closed
    try:
        results = [run_doit(project, *command, check=False) for command in ([], ["list"])]
    finally:
        settings.write_text(original, encoding="utf-8")
    for result in results:
        assert result.returncode != 0 and len(said(result)) == 1, said(result)
        assert said(result)[0].startswith("source/series.yaml:") and ": error: " in said(result)[0]
