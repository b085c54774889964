"""`doit check`: each finding, at the line and column of the author's text."""

import json
import re

import pytest
from checking import BODY_LINE, FRONT, INDEX, REFERENCES
from projects import ROOT, SLUG, copy_project, run_doit

from publish.paths import Publication
from publish.source.preflight import check_publication

BIBLIOGRAPHY = "source/brief/references.json"


def entry_position(references, key, occurrence=1):
    """line:column of the `"id"` of an entry, in the JSON the fixture writes."""
    lines = json.dumps(references, indent=2).splitlines()
    found = [number for number, line in enumerate(lines, start=1) if line.strip() == f'"id": "{key}",']
    return f"{found[occurrence - 1]}:5"


def column(body_line, text):
    return body_line.index(text) + 1


def test_a_clean_publication_has_no_finding(write):
    assert write("Text [@smith2020] and @jones2021.\n") == []


def test_the_brief_lists_exactly_its_21_unresolved_links_each_at_its_line(monkeypatch):
    monkeypatch.chdir(ROOT)
    findings = check_publication(Publication(SLUG))
    lines = (ROOT / "source" / SLUG / "index.md").read_text(encoding="utf-8").splitlines()
    assert len(findings) == 21
    for finding in findings:
        assert finding.severity == "warning" and finding.message.startswith("unresolved link")
        text = re.search(r"'(.*)' has no address", finding.message).group(1)
        assert lines[finding.line - 1][finding.column - 1:].startswith(f"[{text}](#)")


def test_unknown_citation_key_names_key_line_column_and_the_closest_key(write):
    findings = write("Text.\n\nMore [@smith2021] and [@jones2021].\n")
    assert findings[0] == (f"{INDEX}:{BODY_LINE + 2}:7: error: citation key 'smith2021' is not in the bibliography; "
                           "did you mean 'smith2020'?")


def test_entries_never_cited_are_warnings_at_their_line(write):
    assert write("Only [@smith2020].\n") == [
        f"{BIBLIOGRAPHY}:{entry_position(REFERENCES, 'jones2021')}: warning: bibliography entry 'jones2021' is never cited"]


def test_duplicate_keys_are_errors(write):
    references = [REFERENCES[0], REFERENCES[0]]
    findings = write("[@smith2020]\n", references=references)
    assert findings == [f"{BIBLIOGRAPHY}:{entry_position(references, 'smith2020', 2)}: error: duplicate key 'smith2020' "
                        f"(first at line {entry_position(references, 'smith2020').split(':')[0]}): give each entry its own id"]


@pytest.mark.parametrize("change, message", [
    ({"type": "paper"}, "type 'paper' is not a CSL item type"),
    ({"issued": {"date-parts": [[2020, 13, 40]]}}, "'issued' has a month or day out of range"),
    ({"issued": "2020"}, "'issued' must be an object"),
    ({"author": [{"given": "Ann"}]}, "'author' has a name without 'family'"),
])
def test_csl_json_entries_are_validated_at_their_line(write, change, message):
    findings = write("[@smith2020] [@jones2021]\n", references=[{**REFERENCES[0], **change}, REFERENCES[1]])
    assert any(f.startswith("source/brief/references.json:3:5: error: entry 'smith2020': " + message) for f in findings), findings


def test_a_bibliography_that_does_not_parse_points_at_the_place(write):
    findings = write("[@smith2020]\n", bibliography_text='[\n  {"id": "smith2020",,}\n]')
    assert f"{BIBLIOGRAPHY}:2:22: error: not valid CSL-JSON: Expecting property name enclosed in double quotes" in findings


def test_an_unknown_csl_style_suggests_close_names(write):
    findings = write("Text.\n", front=FRONT.replace("lang: en\n", "lang: en\ncsl: chicago-notes-bibliografy\n"))
    assert any("unknown CSL style 'chicago-notes-bibliografy'; did you mean chicago-notes-bibliography" in f for f in findings)


def test_front_matter_problems_at_their_key(write):
    front = '---\nauthor: "A. Author"\ndate: "May 2024"\nlang: en\nbibliography: references.json\ncolour: blue\n---\n\n'
    findings = write("[@smith2020] [@jones2021]\n", front=front)
    assert findings == [
        f"{INDEX}:1:1: error: 'title' is missing: add it to the front matter",
        f"{INDEX}:3:1: error: date 'May 2024' is not YYYY, YYYY-MM or YYYY-MM-DD: write only what is known, e.g. '2024'",
        f"{INDEX}:6:1: warning: unknown key 'colour' in the front matter: no edition uses it",
    ]


def test_links(write):
    links = ("[a](#) [b]() [c](#a-heading) [d](#nowhere) [e](https:/broken) [f](javascript:alert(1)) "
             "[g](other.md) [h](https://example.org) [i](mailto:a@example.org) [@smith2020] [@jones2021]")
    findings = write(f"# A Heading\n\n{links}\n")
    at = f"{INDEX}:{BODY_LINE + 2}"
    assert findings == [
        f"{at}:{column(links, '[a]')}: warning: unresolved link: 'a' has no address; the editions show it as plain text",
        f"{at}:{column(links, '[b]')}: warning: unresolved link: 'b' has no address; the editions show it as plain text",
        f"{at}:{column(links, '[d]')}: error: link 'd' points to '#nowhere', which is no heading or anchor in this document",
        f"{at}:{column(links, '[e]')}: error: link 'e' has a malformed or unsafe address 'https:/broken': use https://… or mailto:…",
        f"{at}:{column(links, '[f]')}: error: link 'f' has a malformed or unsafe address 'javascript:alert(1)': use https://… or mailto:…",
        f"{at}:{column(links, '[g]')}: warning: link 'g' points to the local file 'other.md'; the editions show it as plain text",
    ]


def test_images_exist_and_have_alt_text(write):
    findings = write("![](missing.png) [@smith2020] [@jones2021]\n")
    assert f"{INDEX}:{BODY_LINE}:1: error: image 'missing.png' has no alt text: describe it between the brackets, ![like this](…)" in findings
    assert f"{INDEX}:{BODY_LINE}:1: error: image 'missing.png' not found in source/brief/" in findings


def test_heading_levels_do_not_skip(write):
    findings = write("# One\n\n### Three\n\n[@smith2020] [@jones2021]\n")
    assert findings == [f"{INDEX}:{BODY_LINE + 2}:1: warning: heading level 3 follows level 1: a level is skipped"]


def test_footnotes_defined_and_used(write):
    text = "Text.[^a] More.[^b]"
    findings = write(f"{text}\n\n[^a]: Note a.\n\n[^c]: Note c.\n\n[@smith2020] [@jones2021]\n")
    assert findings == [
        f"{INDEX}:{BODY_LINE}:{column(text, '[^b]')}: error: note '[^b]' is called but never defined",
        f"{INDEX}:{BODY_LINE + 4}:1: warning: note '[^c]' is defined but never called",
    ]


def test_code_is_not_checked(write):
    assert write("`[x](#)` and `@nokey`\n\n```\n[y](#) @nokey\n```\n\n[@smith2020] [@jones2021]\n") == []


@pytest.fixture(scope="module")
def checked_project(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("checks"))


def test_doit_check_passes_on_the_brief_and_strict_fails(checked_project):
    result = run_doit(checked_project, "check")
    warnings = [line for line in result.stdout.splitlines() if ": warning: unresolved link" in line]
    series = [line for line in result.stdout.splitlines() if line.startswith("source/series.yaml:")]
    assert len(warnings) == 21 and "0 errors, 24 warnings" in result.stdout
    assert series == ["source/series.yaml:7:1: warning: 'publisher' is empty: the editions leave the publisher out "
                      "until it is filled in",
                      "source/series.yaml:8:1: warning: 'series' is empty: the editions leave the series name out "
                      "until it is filled in",
                      "source/series.yaml:33:1: warning: 'site-url' is not set: the site (doit site) and the editions "
                      "link to each other by relative addresses, and citation_pdf_url, the feed and the sitemap are not "
                      "absolute as Google Scholar and feed readers want them"]
    assert run_doit(checked_project, "check", "--strict", check=False).returncode != 0
    assert not (checked_project / "build" / SLUG / f"{SLUG}.pdf").exists()  # nothing was built


def test_an_unknown_key_fails_check_and_build_with_its_place(checked_project):
    index = checked_project / "source" / SLUG / "index.md"
    text = index.read_text(encoding="utf-8")
    index.write_text(text + "[@nosuchkey2099]\n", encoding="utf-8")
    line = text.count("\n") + 1
    expected = f"source/{SLUG}/index.md:{line}:2: error: citation key 'nosuchkey2099' is not in the bibliography"
    for arguments in (["check"], []):
        result = run_doit(checked_project, *arguments, check=False)
        assert result.returncode != 0
        assert any(l.startswith(expected) for l in (result.stdout + result.stderr).splitlines()), result.stdout
    assert not (checked_project / "build" / SLUG / f"{SLUG}.html").exists()


def test_cross_references_are_not_citations_and_point_at_labels(write):
    body = ("# Intro {#sec-intro}\n\nSee @fig-chart, @Tbl-data and [@sec-intro]; cites [@smith2020] @jones2021.\n\n"
            "![A chart](chart.png){#fig-chart}\n\n| a |\n|---|\n| 1 |\n\n: Data {#tbl-data}\n")
    findings = write(body)
    assert [f for f in findings if "chart.png" not in f] == []  # no citation key 'fig-chart', no unknown label


def test_an_unknown_label_is_an_error_at_its_place_with_the_closest_label(write):
    body = "Text @fig-chrat here.\n\n![A chart](chart.png){#fig-chart}\n\n[@smith2020] [@jones2021]\n"
    findings = [f for f in write(body) if "chart.png' not found" not in f]
    assert findings == [f"{INDEX}:{BODY_LINE}:6: error: cross-reference '@fig-chrat' points to no figure, table, "
                        "section or equation labelled 'fig-chrat'; did you mean '@fig-chart'?"]


def test_a_label_given_twice_is_an_error(write):
    body = "# One {#sec-a}\n\n# Two {#sec-a}\n\n[@smith2020] [@jones2021]\n"
    assert write(body) == [f"{INDEX}:{BODY_LINE + 2}:1: error: the label 'sec-a' is given twice (first at line {BODY_LINE}): "
                           "give each its own"]


def test_a_reference_to_a_table_without_a_caption_says_it_has_no_number(write):
    body = "See @tbl-x.\n\n::: {#tbl-x}\n| a |\n|---|\n| 1 |\n:::\n\n[@smith2020] [@jones2021]\n"
    findings = write(body)
    assert any("cross-reference '@tbl-x' points to no figure" in f or "without a caption" in f for f in findings), findings


def test_a_formula_that_cannot_be_read_is_a_warning_at_its_place(write):
    body = "A formula $\\frac{1}{$ here. [@smith2020] [@jones2021]\n"
    assert write(body) == [f"{INDEX}:{BODY_LINE}:11: warning: the formula '\\frac{{1}}{{' cannot be read as TeX math "
                           "(UnexpectedEnd): the editions show its TeX source; check its braces and environments"]
