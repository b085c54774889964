"""`quiet:` in the front matter or the series settings silences warnings by code (the parse decides
it once, publish/source/decisions.py; the findings are filtered where they are gathered,
publish/source/parse.py); an unknown code, or an error's, is a warning of its own and silences
nothing."""

from pathlib import Path

from checking import CITED, INDEX, with_front

SERIES = Path("source/series.yaml")
UNRESOLVED = "See [the plan]() and [the memo](#).\n\n"


def codes(lines):
    return [line.rsplit(" [", 1)[1].rstrip("]") for line in lines]


def test_a_quiet_code_silences_its_warnings_and_nothing_else(write):
    loud = write(UNRESOLVED + "[@smith2020]\n")
    assert codes(loud) == ["link.unresolved", "link.unresolved", "bibliography.uncited"]
    quiet = write(UNRESOLVED + "[@smith2020]\n", front=with_front("quiet: [link.unresolved]\n"))
    assert codes(quiet) == ["bibliography.uncited"] and quiet[0] == loud[-1]


def test_an_unknown_code_and_an_errors_code_are_said_at_the_key_and_silence_nothing(write):
    front = with_front("quiet:\n  - link.unresolve\n  - citation.unknown\n")
    findings = write(UNRESOLVED + "[@nokey] " + CITED, front=front)
    key_line = front.splitlines().index("quiet:") + 1
    assert findings[:2] == [
        f"{INDEX}:{key_line}:1: warning: 'citation.unknown' is an error, which cannot be silenced: the build stops "
        "until what it reports is fixed [front-matter.quiet]",
        f"{INDEX}:{key_line}:1: warning: 'link.unresolve' is no finding code: did you mean 'link.unresolved'? "
        "[front-matter.quiet]",
    ]
    assert codes(findings[2:]) == ["link.unresolved", "link.unresolved", "citation.unknown"]


def test_the_series_quiet_silences_every_publication_and_the_series_own_reminders(write):
    write(UNRESOLVED + CITED)
    text = SERIES.read_text(encoding="utf-8")
    assert "publisher:" in text
    SERIES.write_text(text + "\nquiet: [link.unresolved, series.missing]\n", encoding="utf-8")
    from publish.source.metadata import series_findings

    assert write(UNRESOLVED + CITED) == [] and series_findings() == []


def test_a_publications_quiet_replaces_the_series(write):
    SERIES.parent.mkdir(exist_ok=True)
    write(CITED)
    SERIES.write_text(SERIES.read_text(encoding="utf-8") + "\nquiet: [link.unresolved]\n", encoding="utf-8")
    findings = write(UNRESOLVED + "[@smith2020]\n", front=with_front("quiet: [bibliography.uncited]\n"))
    assert codes(findings) == ["link.unresolved", "link.unresolved"]
