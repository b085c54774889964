"""What `doit review` is given (publish/review/arguments.py): a file that is not there, a folder, no file or
two, and --reviewer with no name are each one line that says what is wrong, from the real `doit review` in
one unbuilt copy of the project; nothing is read or written."""

import pytest
from projects import copy_project, run_doit


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("review-arguments"))
    (project / "reviewed.docx").write_bytes(b"not read: the arguments are refused first")
    return project


@pytest.mark.parametrize("arguments, said", [
    (["missing.docx"], "missing.docx: error: there is no such file: check its name and folder"),
    (["source"], "source: error: this is a folder, not a DOCX"),
    ([], "error: name the reviewed DOCX: doit review path/to/reviewed.docx"),
    (["reviewed.docx", "other.docx"], "error: name one reviewed DOCX, not 2 (reviewed.docx, other.docx)"),
    (["reviewed.docx", "--reviewer"], "error: the reviewer's name (as Word shows it) is missing after --reviewer"),
    (["reviewed.docx", "--reviewer", "--apply"], "error: the reviewer's name (as Word shows it) is missing after "
                                                 "--reviewer"),
    (["missing.docx", "--reviewer="], "error: the reviewer's name (as Word shows it) is missing after --reviewer"),
])
def test_what_review_is_given_wrong_is_one_line_that_says_what(project, arguments, said):
    result = run_doit(project, "review", *arguments, check=False)
    errors = [line for line in (result.stdout + result.stderr).splitlines() if "error: " in line]
    assert result.returncode != 0 and errors == [said + errors[0][len(said):]], errors
    assert "Word" not in errors[0].split("(as Word")[0] and "Traceback" not in result.stdout + result.stderr
