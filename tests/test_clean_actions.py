"""What `doit clean` prints of the clean actions (publish/clean_actions.py): what each does, never doit's
name for a Python function ('Python: function run_step'); with the real `doit clean` in one copy of the
project."""

import pytest
from projects import copy_project, run_doit


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("clean"))


@pytest.mark.parametrize("arguments, folder, said", [
    (["dist"], "build/dist", "dist - executing 'remove build/dist/, the releases'"),
    (["-n", "dist"], "build/dist", "dist - executing 'remove build/dist/, the releases'"),  # a dry run: kept
    (["site"], "build/site", "site - executing 'remove build/site/'"),  # the whole site, author pages too
])
def test_clean_says_what_it_removes_and_nothing_of_doits_internals(project, arguments, folder, said):
    (project / folder / "old").mkdir(parents=True, exist_ok=True)
    output = run_doit(project, "clean", *arguments).stdout
    assert said in output.splitlines() and not any(word in output for word in ("Python", "function", "run_step"))
    assert (project / folder).exists() == (arguments[0] == "-n")
