"""Reading the author's files: UTF-8 text, or an error that says how to fix it."""

import re

from publish.errors import PublishError

# What XML 1.0 cannot hold, so no edition can (HTML, PDF through it, EPUB, DOCX): the control characters
# but tab, line feed and carriage return, and U+FFFE, U+FFFF. Pasted from a PDF or a terminal, unseen.
UNHOLDABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def unholdable(character, written=""):
    """What is wrong with a character no edition can hold (`written`: how the text writes it), and what to do."""
    return (f"the character U+{ord(character):04X}{written} cannot be in any edition (most editors do not show it): "
            "delete it")


def read_text(path):
    """A source file's text; a file that is not UTF-8, or holds a character no edition can, is the author's to fix."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise PublishError("file not found", path) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line_start = data.rfind(b"\n", 0, error.start) + 1
        line = data[:line_start].count(b"\n") + 1
        column = len(data[line_start:error.start].decode("utf-8")) + 1  # the characters before it, as an editor counts
        raise PublishError("not valid UTF-8 text; save the file as UTF-8", path, line, column) from None
    if found := UNHOLDABLE.search(text):
        line, column = text.count("\n", 0, found.start()) + 1, found.start() - text.rfind("\n", 0, found.start())
        raise PublishError(unholdable(found[0]), path, line, column)
    return text
