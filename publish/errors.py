"""The one error type the pipeline raises for a problem the user can fix, and how a command line ends on one."""

import functools
import re
import sys

# What ends a line in an editor or a terminal besides '\n' (str.splitlines' list): a message quoting the
# author's text, a citation key or a YAML value, shows them as escapes, so that it stays one line.
LINE_BREAKS = re.compile("[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def one_line(message):
    """`message` with every line break in it written as its escape ('\\n'): a message is one line."""
    return LINE_BREAKS.sub(lambda found: found[0].encode("unicode_escape").decode("ascii"), message)


class PublishError(Exception):
    """A user-facing error: where it is, what is wrong, what to do.

    Its string is one line in the `path:line:col: error: message` form that
    editors and CI annotators understand.
    """

    def __init__(self, message, path=None, line=None, column=None, detail=""):
        super().__init__(message)
        self.message = message
        self.detail = detail or message  # the whole story (a tool's full output), for code that reads it
        self.path = path
        self.line = line
        self.column = column

    def location(self):
        parts = [str(self.path)] if self.path else []
        if self.path and self.line:
            parts.append(str(self.line))
            if self.column:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self):
        where, message = self.location(), one_line(self.message)
        return f"{where}: error: {message}" if where else f"error: {message}"


def ending_in_one_line(function, status=1):
    """`function` run from a command line: a PublishError ends the process with its one line and `status`,
    not with a traceback."""

    @functools.wraps(function)
    def said_in_one_line(*arguments, **options):
        try:
            return function(*arguments, **options)
        except PublishError as mistake:
            print(mistake, file=sys.stderr, flush=True)
            raise SystemExit(status) from None

    said_in_one_line.ends_in_one_line = True
    return said_in_one_line
