"""The parse against damaged documents: every case ends with its outputs written, or with one finding a
line naming the file, never a traceback, a hang, or an output of a failed run.

No single module: the parse stage as its doit task runs it (publish/source/parse.py through
publish/tasks.py's run_step), on the repository's own publications mutated as authors damage them
(tests/fuzzing/). First the documents that once broke it, each a plain case; then the property, on a
hundred cases Hypothesis draws the same way every run (derandomized, no example database), about 20
seconds. `tests/fuzzing/run.py --cases 2000` runs thousands, and doit itself on a sample of them.
"""

import re

import pytest
from fuzzing.cases import cases
from fuzzing.documents import SEEDS
from fuzzing.parse_runs import FUZZ_SLUG, ParseBench
from hypothesis import HealthCheck, given, settings
from projects import copy_project

SUITE_CASES = 100
BRIEF = "source/engaging-with-the-taliban/index.md"
TITLE = 'title: "Engaging with the Taliban"'
PLAIN_PANDOC = "examples/from-plain-pandoc/index.md"


@pytest.fixture(scope="module")
def bench(tmp_path_factory):
    """A copy of the project in which each case is parsed as `doit parse:fuzz` parses it."""
    return ParseBench(copy_project(tmp_path_factory.mktemp("fuzz")))


def seed(path):
    return next(document for document in SEEDS if document.seed == path)


def edited(path, old, new, name=None):
    """The seed document at `path` with `old` replaced by `new` in its text (or in its file `name`)."""
    document = seed(path)
    text = document.text(name)
    assert old in text
    return document.with_file(name or document.index, text.replace(old, new, 1), f"{old!r} made {new[:40]!r}")


# (the document, what the parse must end with: 'built', or a pattern its failure's message matches)
ONCE_BROKEN = {
    # pandoc's Markdown reader takes time that doubles with each '[' left open (jgm/pandoc#1735): the build hung
    "brackets left open": (lambda: edited(BRIEF, "Since the", "[" * 30 + " Since the"),
                           r"^source/fuzz/index\.md:22:1: error: pandoc did not finish reading it in 2 s: 30 '\[' are "
                           r"open at once here, and its Markdown reader slows down exponentially"),
    # PyYAML builds a value holding itself, and the parse's walk of the front matter recursed for ever
    "a recursive alias": (lambda: edited(BRIEF, TITLE, "title: &loop [*loop]"),
                          r"^source/fuzz/index\.md:2:8: error: YAML error: this value holds an alias of itself"),
    # PyYAML's reader recursed past Python's limit
    "values nested 500 deep": (lambda: edited(BRIEF, TITLE, "title: " + "[" * 500 + "]" * 500),
                               r"^source/fuzz/index\.md:2:8: error: YAML error: values nested hundreds deep"),
    # a million values from a few lines: the parse took seconds a level, and memory with it
    "aliases that expand to a million values": (
        lambda: edited(BRIEF, TITLE, "title: x\nkeywords: [&a [x, x, x, x, x, x, x, x, x, x], "
                       + ", ".join(f"&{name} [{', '.join([f'*{alias}'] * 10)}]" for alias, name in zip("abcde", "bcdef"))
                       + "]"),
        r"^source/fuzz/index\.md:3:\d+: error: YAML error: the aliases in this value expand to more than 100,000"),
    # PyYAML's message for a character it does not allow is two lines, the second its offset in the front matter
    "a DEL in the front matter": (lambda: edited(BRIEF, TITLE, 'title: "Engaging with\x7f the Taliban"'),
                                  r"^source/fuzz/index\.md:2:22: error: YAML error: the character U\+007F is not "
                                  r"allowed in YAML \(most editors do not show it\): delete it \[source.unreadable\]$"),
    # citeproc failed after references.json was written, and named the merged file, not the author's entry
    "an entry citeproc cannot read": (
        lambda: edited(BRIEF, '"Foreign Policy"', '["Foreign Policy"]', "references.json"),
        r"^source/fuzz/references\.json:3:5: error: entry 'swedlund2021foreignaid' cannot be read by pandoc's "
        r"citeproc \(expected String or Number, but encountered Array\): give each"),
    # json.loads keeps a lone surrogate escape, and writing the merged entries raised UnicodeEncodeError
    "half a UTF-16 pair in CSL-JSON": (
        lambda: edited(BRIEF, '"Foreign Policy"', '"Foreign \\ud800 Policy"', "references.json"),
        r"^source/fuzz/references\.json:11:33: error: not valid CSL-JSON: '\\ud800' is half of a UTF-16 pair"),
    # PyYAML keeps one too (pandoc then failed on the front matter, 'Error parsing YAML metadata', at line 1)
    "half a UTF-16 pair in the front matter": (
        lambda: edited(BRIEF, TITLE, 'title: "Engaging \\udfff"'),
        r"^source/fuzz/index\.md:2:8: error: YAML error: '\\udfff' in this value is half of a UTF-16 pair"),
    # the check of the type looked the list up in a set: TypeError, unhashable type
    "an entry's type a list": (
        lambda: edited(BRIEF, '"type": "article-magazine"', '"type": ["article-magazine"]', "references.json"),
        r"^source/fuzz/references\.json:3:5: error: entry 'swedlund2021foreignaid': type '\['article-magazine'\]' "
        r"is not a CSL item type"),
    # a control character was parsed, and the web, PDF and EPUB editions stopped on it with lxml's ValueError
    "a control character in the text": (lambda: edited(BRIEF, "Since the", "Since\x1f the"),
                                        r"^source/fuzz/index\.md:\d+:6: error: the character U\+001F cannot be in "
                                        r"any edition \(most editors do not show it\): delete it"),
    "a control character as a character reference": (
        lambda: edited(BRIEF, "Since the", "Since &#1; the"),
        r"^source/fuzz/index\.md:\d+:7: error: the character U\+0001 \(written '&#1;'\) cannot be in any edition"),
    "a control character escaped in CSL-JSON": (
        lambda: edited(BRIEF, '"Foreign Policy"', '"Foreign \\u0001Policy"', "references.json"),
        r"^source/fuzz/references\.json:11:33: error: the character U\+0001 cannot be in any edition"),
    "a control character escaped in YAML": (
        lambda: edited(BRIEF, TITLE, 'title: "Engaging\\x01 with the Taliban"'),
        r"^source/fuzz/index\.md:2:8: error: YAML error: the character U\+0001 cannot be in any edition"),
    # lines pasted into a LaTeX reference's braces made its key hold line breaks, and the finding quoting it
    # ran over three lines
    "a reference's key broken over lines": (
        lambda: edited(PLAIN_PANDOC, "\\autoref{fig:sizes}", "\\autoref{f---\ntitle: x\nig:sizes}"),
        r"^source/fuzz/index\.md:\d+:1: error: citation key 'f---\\ntitle: x\\nig:sizes' is not in the bibliography"),
    # PyYAML reads an unquoted date it cannot make a date of into ValueError, out of range
    "a date that is none": (lambda: edited(BRIEF, 'date: "2024"', "date: 2024-02-30"),
                            r"^source/fuzz/index\.md:10:7: error: YAML error: '2024-02-30' looks like a date and is none "
                            r"\(day is out of range for month\): correct it, or put it in quotes if it is text"),
    # a name too long for a file: looking for it raised OSError, said as the machine's fault ('check that the
    # folder exists and is writable') at a file that is not there, not as a finding at the name
    "a bibliography's name too long for a file": (
        lambda: edited(BRIEF, "bibliography: references.json", f"bibliography: {'é' * 200}.json"),
        rf"^source/fuzz/index\.md:19:1: error: bibliography '{'é' * 200}\.json' not found next to index\.md"),
    "an image's name too long for a file": (
        lambda: edited(BRIEF, "Since the", f"![A chart]({'x' * 300}.png)\n\nSince the"),
        rf"^source/fuzz/index\.md:\d+:1: error: image '{'x' * 300}\.png' not found in source/fuzz/"),
}


@pytest.mark.parametrize("name", ONCE_BROKEN)
def test_a_document_that_once_broke_the_parse_ends_as_it_must(bench, name):
    """Each case after a good parse of the document it was made from, whose outputs a failure must keep."""
    document, ending = ONCE_BROKEN[name]
    origin = seed(document().seed)
    if bench.good_from.get(FUZZ_SLUG) != origin:
        assert bench.run(origin).ending == "built"
    outcome = bench.run(document(), time_limit=2)
    assert not outcome.problems, outcome.report()
    said = "built" if outcome.result is True else outcome.result.message
    assert re.search(ending, said), outcome.report()


@settings(max_examples=SUITE_CASES, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example])
@given(document=cases())
def test_a_damaged_document_is_parsed_or_refused_one_finding_a_line(bench, document):
    outcome = bench.run(document)
    assert not outcome.problems, outcome.report()
