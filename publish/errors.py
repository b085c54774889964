"""The one error type the pipeline raises for a problem the user can fix."""


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
        where = self.location()
        return f"{where}: error: {self.message}" if where else f"error: {self.message}"
