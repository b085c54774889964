"""A finding of the pre-flight checks: one line an editor or a CI annotator can jump to."""

from dataclasses import dataclass


def plural(count, word):
    """'1 error', '2 errors': counts as the summaries print them."""
    return f"{count} {word}{'' if count == 1 else 's'}"


@dataclass(frozen=True, order=True)
class Finding:
    path: str
    line: int
    column: int
    severity: str  # "error" or "warning"
    message: str

    def __str__(self):
        return f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message}"
