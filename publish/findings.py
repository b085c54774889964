"""A finding of the pre-flight checks: one line an editor or a CI annotator can jump to."""

from dataclasses import dataclass

from publish.errors import PublishError


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


def report(findings, publications, strict=False):
    """Print each finding and a summary; fail on errors, or on warnings too when strict (`doit check`,
    and a release that requires the strict check)."""
    for finding in findings:
        print(finding)
    errors = sum(finding.severity == "error" for finding in findings)
    warnings = len(findings) - errors
    summary = f"{plural(errors, 'error')}, {plural(warnings, 'warning')} in {plural(len(publications), 'publication')}"
    print(summary)
    if errors or (strict and warnings):
        raise PublishError(f"pre-flight failed{' (--strict fails on warnings)' if strict and not errors else ''}: {summary}")
