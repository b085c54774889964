"""Options written after a task's positional arguments (publish/options.py), which doit hands on as
positional ones: `doit review x.docx --apply`, `doit adopt paper.md --slug s`, `doit check b --strict`."""

import pytest

from publish.options import options_after


@pytest.mark.parametrize("arguments, positional, given", [
    (["x.docx", "--apply", "--reviewer", "Ada Editor"], ["x.docx"], {"--apply": True, "--reviewer": "Ada Editor"}),
    (["--reviewer=Bo", "x.docx"], ["x.docx"], {"--reviewer": "Bo"}),
    (["--reviewer="], [], {"--reviewer": ""}),
    (["x.docx", "--reviewer"], ["x.docx", "--reviewer"], {}),  # no value to take: left as written
    (["a", "--apply=yes", "b"], ["a", "--apply=yes", "b"], {}),  # a flag takes no value
])
def test_options_among_positional_arguments_are_read_the_rest_kept_in_order(arguments, positional, given):
    assert options_after(arguments, flags=("--apply",), valued=("--reviewer",)) == (positional, given)
