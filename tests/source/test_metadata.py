"""The metadata of a publication unit (publish/source/metadata.py), decided once by the schema: each value
normalised, a bad value named at its key, the one moment recorded inside the editions."""

import pytest
from checking import CITED, INDEX, VALID, where, with_front

from publish.errors import PublishError
from publish.paths import Publication
from publish.source.metadata import edition_timestamp, validated
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
