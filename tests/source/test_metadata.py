"""The metadata of a publication unit (publish/source/metadata.py), decided once by the schema: each value
normalised, a bad value named at its key, the one moment recorded inside the editions."""

import re
from pathlib import Path

import pytest
from checking import CITED, FRONT, INDEX, VALID, where, with_front

from publish.errors import PublishError
from publish.labels import language_name
from publish.model.front_matter import KEYS
from publish.paths import Publication
from publish.source.metadata import (edition_timestamp, metadata_from, problems, resolved_date, series_findings,
                                     validated)
from publish.source.settings import read_settings
from publish.source.parse import examined


def test_metadata_is_normalised():
    metadata = validated(dict(VALID), where)
    assert metadata["authors"] == [{"name": "A. Author", "position": "", "affiliation": ["Somewhere"], "orcid": "",
                                    "email": "", "url": "", "organization": False, "affiliation_numbers": [1]}]
    assert metadata["affiliations"] == ["Somewhere"] and metadata["date_display"] == "2024"
    assert metadata["date"] == "2024" and metadata["papersize"] == "a4" and metadata["short_title"] == "T"


@pytest.mark.parametrize("change, message", [
    ({"title": None}, "'title' is missing"),
    ({"date": "May 2024"}, "is not YYYY"),
    ({"lang": "English!"}, "not a language tag"),
    ({"papersize": "a5"}, "not one of a4, letter"),
    ({"author": [{"affiliation": "x"}]}, "needs a 'name'"),
    ({"earlier-editions": ["1"]}, "'earlier-editions' must be a list of {version, date, note}"),
    ({"earlier-editions": [{"version": "1", "date": "spring 2023"}]}, "date 'spring 2023' is not YYYY"),
    ({"issn": "2049-3631"}, "check digit does not match"),
])
def test_bad_metadata_is_named(change, message):
    with pytest.raises(PublishError, match=message) as raised:
        validated({**VALID, **change}, where)
    assert str(raised.value).startswith("index.md:7: error: ")


def test_a_metadata_value_of_the_wrong_shape_is_an_error_at_its_key(write):
    findings = write(CITED, front=with_front("keywords: {a: 1}\n"))
    assert findings == [f"{INDEX}:6:1: error: 'keywords' must be text or a list of texts [front-matter.invalid]"]
    assert examined(Publication("brief"))[1].metadata is None  # nothing for the parse to build on


def test_warnings_in_the_front_matter_still_decide_the_metadata(write):
    assert write(CITED, front=with_front("mystery: 1\n")) == [
        f"{INDEX}:6:1: warning: unknown key 'mystery' in the front matter: no edition uses it "
        "[front-matter.unknown-key]"]
    assert examined(Publication("brief"))[1].metadata["title"] == "T"


def test_how_to_cite_styles_of_the_wrong_shape_is_an_error_at_its_key(write):
    assert write(CITED, front=with_front("how-to-cite-styles: {a: 1}\n")) == [
        f"{INDEX}:6:1: error: 'how-to-cite-styles' must be text or a list of texts [front-matter.invalid]"]


def test_edition_time_is_source_date_epoch_else_last_commit_else_publication_date(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert edition_timestamp("2024") == 1704067200
    assert edition_timestamp("2024", commit_time=1717200000) == 1717200000
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert edition_timestamp("2024", commit_time=1717200000) == 1700000000


@pytest.mark.parametrize("names, lang, head", [
    (["A. One"], "en", "A. One"), (["A. One", "B. Two"], "en", "A. One, B. Two"),
    (["A. One", "B. Two", "C. Three"], "en", "A. One et al."),
    (["A. One", "B. Two", "C. Three"], "fa", "A. One و همکاران"),
])
def test_the_running_head_names_one_or_two_authors_and_the_first_et_al_for_more(names, lang, head):
    """The ACM template's nine authors ran over two lines of the PDF's running head, into its short title."""
    from publish.model.publication import running_authors

    assert running_authors([{"name": name} for name in names], lang) == head


def metadata_of(publication, day_of_last_change=None):
    return metadata_from(read_settings(publication), publication, day_of_last_change)


def test_a_publication_lists_itself_and_its_translations_the_original_first_and_no_other(write):
    """The language switcher's list, from the original and from its translation: other publications, whose
    slugs sort before and after, are not in it; the translation's language comes from its front matter."""
    write(CITED)
    for slug in ("another", "zebra"):
        (Path("source") / slug).mkdir()
        (Path("source") / slug / "index.md").write_text(FRONT.replace("lang: en", "lang: de"), encoding="utf-8")
    Path("source/brief/index.fa.md").write_text(FRONT.replace("lang: en", "lang: fa") + CITED, encoding="utf-8")
    original, translation = Publication("brief"), Publication("brief", "fa")
    expected = [{"lang": "en", "name": language_name("en"), "html": original.artifact_name("html"), "original": True},
                {"lang": "fa", "name": language_name("fa"), "html": translation.artifact_name("html"), "original": False}]
    for unit, current in ((original, "en"), (translation, "fa")):
        assert metadata_of(unit)["languages"] == [{**entry, "current": entry["lang"] == current} for entry in expected]


def test_a_date_written_as_today_is_the_day_of_the_last_change(write):
    write(CITED, front=FRONT.replace('date: "2024"', "date: today"))
    assert metadata_of(Publication("brief"), "2025-06-30")["date"] == "2025-06-30"
    day = resolved_date(Publication("brief"))[0]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", day) and metadata_of(Publication("brief"))["date"] == day
    assert metadata_of(Publication("brief"))["year"] == day[:4]


def test_the_address_is_the_one_given_else_the_slug_on_the_series_site(write):
    with open("source/series.yaml", "a", encoding="utf-8") as series:
        series.write('\nsite-url: "https://example.org/papers/"\n')
    write(CITED)
    assert metadata_of(Publication("brief"))["url"] == "https://example.org/papers/brief/"
    write(CITED, front=with_front('url: "https://elsewhere.example/t"\n'))
    assert metadata_of(Publication("brief"))["url"] == "https://elsewhere.example/t"


def test_a_number_given_is_kept_and_none_given_is_none(write):
    write(CITED, front=with_front('number: "A-1"\n'))
    assert metadata_of(Publication("brief"))["number"] == "A-1"
    write(CITED)
    assert metadata_of(Publication("brief"))["number"] == ""


def test_each_series_key_left_empty_is_a_reminder_at_its_line_until_it_is_filled_or_quiet(write):
    write(CITED)
    series = Path("source/series.yaml")
    text = series.read_text(encoding="utf-8")
    lines = text.splitlines()
    empty = [key.name for key in KEYS if key.reminder and f'{key.name}: ""' in lines]
    assert empty and {finding.line for finding in series_findings()} >= {lines.index(f'{name}: ""') + 1 for name in empty}
    assert [(finding.column, finding.code) for finding in series_findings()] == [(1, "series.missing")] * len(
        series_findings())
    reminded = {finding.message.split("'")[1] for finding in series_findings()}
    assert set(empty) <= reminded and "csl" not in reminded
    series.write_text(text.replace('publisher: ""', 'publisher: "The House"'), encoding="utf-8")
    assert "publisher" not in {finding.message.split("'")[1] for finding in series_findings()}
    series.write_text(text + "\nquiet: [link.unresolved]\n", encoding="utf-8")
    assert {finding.message.split("'")[1] for finding in series_findings()} == reminded
    series.write_text(text + "\nquiet: [series.missing]\n", encoding="utf-8")
    assert series_findings() == []
    series.write_text(text.replace('publisher: ""\n', ""), encoding="utf-8")  # a key not written at all: line 1
    assert [finding.line for finding in series_findings() if "'publisher'" in finding.message] == [1]


def test_the_current_publication_is_listed_in_the_language_its_front_matter_gives(write):
    """A translation's file names its language (index.fa.md); its front matter may name the region too."""
    write(CITED)
    Path("source/brief/index.fa.md").write_text(FRONT.replace("lang: en", "lang: fa-IR") + CITED, encoding="utf-8")
    listed = metadata_of(Publication("brief", "fa"))["languages"]
    assert [(entry["lang"], entry["current"]) for entry in listed] == [("en", False), ("fa-IR", True)]


def test_the_copyright_holder_is_the_publisher_unless_one_is_given(write):
    write(CITED, front=with_front('publisher: "The House"\n'))
    assert metadata_of(Publication("brief"))["copyright_holder"] == "The House"
    write(CITED, front=with_front('publisher: "The House"\ncopyright-holder: "The Authors"\n'))
    assert metadata_of(Publication("brief"))["copyright_holder"] == "The Authors"


def test_of_several_problems_the_first_key_s_is_raised():
    assert len(problems({**VALID, "title": None, "papersize": "a5"}, where)) == 2
    with pytest.raises(PublishError, match="'title' is missing"):
        validated({**VALID, "title": None, "papersize": "a5"}, where)
