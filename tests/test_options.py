"""Options written after a task's positional arguments (publish/options.py), which doit hands on as
positional ones: `doit review x.docx --apply`, `doit adopt paper.md --slug s`, `doit check b --strict`."""

import pytest

from publish.errors import PublishError
from publish.options import options_after

VALUED = {"--reviewer": "the reviewer's name"}


@pytest.mark.parametrize("arguments, positional, given", [
    (["x.docx", "--apply", "--reviewer", "Ada Editor"], ["x.docx"], {"--apply": True, "--reviewer": "Ada Editor"}),
    (["--reviewer=Bo", "x.docx"], ["x.docx"], {"--reviewer": "Bo"}),
    (["a", "--apply=yes", "b"], ["a", "--apply=yes", "b"], {}),  # a flag takes no value
])
def test_options_among_positional_arguments_are_read_the_rest_kept_in_order(arguments, positional, given):
    assert options_after(arguments, flags=("--apply",), valued=VALUED) == (positional, given)


@pytest.mark.parametrize("arguments", [["x.docx", "--reviewer"], ["x.docx", "--reviewer="], ["--reviewer=", "x.docx"],
                                       ["x.docx", "--reviewer", "--apply"]])
def test_an_option_given_no_value_says_what_is_missing(arguments):
    with pytest.raises(PublishError) as failure:
        options_after(arguments, flags=("--apply",), valued=VALUED)
    assert str(failure.value) == ("error: the reviewer's name is missing after --reviewer: write it there, or leave "
                                  "--reviewer out")


def test_a_valued_option_named_alone_is_said_to_want_a_value():
    with pytest.raises(PublishError, match="^error: a value is missing after --slug: write it there"):
        options_after(["paper.md", "--slug"], valued=("--slug",))
