"""The one error type for a problem the user can fix (publish/errors.py): one line that names the place."""

from publish.errors import PublishError


def test_error_lines_name_the_place():
    assert str(PublishError("bad", "a/index.md", 3, 7)) == "a/index.md:3:7: error: bad"
    assert str(PublishError("bad")) == "error: bad"
