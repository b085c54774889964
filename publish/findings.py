"""A finding of the pre-flight checks: one line an editor or a CI annotator can jump to, with the
stable code of its kind (publish.model.finding_codes), which decides its severity."""

from dataclasses import dataclass, field

from publish.errors import PublishError, one_line
from publish.model.finding_codes import severity_of


def plural(count, word):
    """'1 error', '2 errors': counts as the summaries print them."""
    return f"{count} {word}{'' if count == 1 else 's'}"


@dataclass(frozen=True, order=True)
class Finding:
    path: str
    line: int
    column: int
    severity: str = field(init=False)  # "error" or "warning", as its code declares
    code: str
    message: str

    def __post_init__(self):
        object.__setattr__(self, "severity", severity_of(self.code))

    def __str__(self):
        return f"{self.path}:{self.line}:{self.column}: {self.severity}: {one_line(self.message)} [{self.code}]"

    @classmethod
    def from_record(cls, record):
        return cls(record["path"], record["line"], record["column"], record["code"], record["message"])


def report(findings, publications, strict=False):
    """Print each finding once (a translation reads its original's front matter too) and a summary; fail
    on errors, or on warnings too when strict (`doit check`, and a release that requires the strict check)."""
    findings = list(dict.fromkeys(findings))
    for finding in findings:
        print(finding)
    errors = sum(finding.severity == "error" for finding in findings)
    warnings = len(findings) - errors
    summary = f"{plural(errors, 'error')}, {plural(warnings, 'warning')} in {plural(len(publications), 'publication')}"
    print(summary)
    if errors or (strict and warnings):
        raise PublishError(f"pre-flight failed{' (--strict fails on warnings)' if strict and not errors else ''}: {summary}")
