"""The command line of the checks: `doit check [SLUG ...]` prints every finding of every unit (or of
the units named), and `doit parse` prints the warnings of the unit it parses. The checks themselves
only find (publish.source.checks).
"""

import sys

from publish.findings import report
from publish.options import options_after
from publish.paths import Publication
from publish.selection import named_units
from publish.source.metadata import series_findings
from publish.source.parse import examined, parse_publication


def original_contents(translation):
    """What a translation's original has, as read now; None when it cannot be read (its own check says why)."""
    original = Publication(translation.slug)
    if not original.index.is_file():
        return None
    _, decisions, _ = examined(original)
    return decisions.contents if decisions else None


def check_publication(publication):
    """All findings for one unit, in file and line order."""
    return examined(publication, original_contents(publication) if publication.lang else None)[2]


def unit_findings(publications):
    """The findings of every unit, each translation compared with its original as read in this same run
    (originals come first in publish.paths.publications)."""
    contents, findings = {}, []
    for unit in publications:
        if unit.lang and unit.slug not in contents:
            contents[unit.slug] = original_contents(unit)
        _, decisions, found = examined(unit, contents[unit.slug] if unit.lang else None)
        if not unit.lang:
            contents[unit.slug] = decisions.contents if decisions else None
        findings += found
    return findings


def run_checks(publications, strict=False, slugs=()):
    """`doit check [SLUG ...]`: print every finding; fail on errors, or on warnings too when strict."""
    slugs, given = options_after(slugs, flags=("--strict",))
    chosen = named_units(publications, slugs)
    strict = given.get("--strict", strict)
    report(series_findings() + unit_findings(chosen), chosen, strict)


def parse_and_report(publication, revision):
    """`doit parse:<unit>`: parse it, and say what the editions leave out or show differently."""
    for warning in parse_publication(publication, revision):
        print(warning, file=sys.stderr)  # the build goes on
