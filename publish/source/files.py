"""Reading the author's files: UTF-8 text, or an error that says how to fix it."""

from publish.errors import PublishError


def read_text(path):
    """A source file's text; a file that is not UTF-8 is the author's to fix."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise PublishError("file not found", path) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise PublishError("not valid UTF-8 text; save the file as UTF-8", path, line) from None
