"""The schema of the front matter (publish/model/front_matter.py): front matter written for pandoc,
Quarto or a journal (JOSS) reads here as they read it, and YAML mistakes say what to do; every fact
the parse writes to metadata.json is read by a later stage, and each edition reads only facts that
are written."""

import os
from datetime import datetime, timezone

import pytest
from checking import INDEX
from projects import ROOT, source_texts

from publish.model import editions, front_matter
from publish.paths import Publication
from publish.source.parse import examined


BODY = "Text.\n"


def front(*lines):
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def metadata_of(write, *lines):
    """(metadata, findings) of a publication whose front matter is `lines`."""
    findings = write(BODY, front=front(*lines))
    return examined(Publication("brief"))[1].metadata, findings


BASICS = ('title: "T"', "lang: en", 'date: "2024"')


@pytest.mark.parametrize("lines, names", [
    (["author: Ann Smith"], ["Ann Smith"]),
    (["author: [Ann Smith, Bo Jones]"], ["Ann Smith", "Bo Jones"]),
    (["author:", "  - name: Ann Smith", "  - Bo Jones"], ["Ann Smith", "Bo Jones"]),
    (["authors:", "  - name: Ann Smith"], ["Ann Smith"]),
    (["author:", "  - name:", "      given: Ann", "      family: Smith"], ["Ann Smith"]),
])
def test_authors_in_every_shape_pandoc_and_quarto_read(write, lines, names):
    metadata, findings = metadata_of(write, *BASICS, *lines)
    assert [author["name"] for author in metadata["authors"]] == names and findings == []


def test_quarto_affiliations_by_reference_and_by_name(write):
    metadata, findings = metadata_of(
        write, *BASICS, "author:", "  - name: Ann Smith", "    orcid: 0000-0002-1825-0097", "    affiliations:",
        "      - ref: inst", "  - name: Bo Jones", "    affiliations:", "      - name: Another Institute",
        "affiliations:", "  - id: inst", "    name: An Institute")
    assert [author["affiliation"] for author in metadata["authors"]] == [["An Institute"], ["Another Institute"]]
    assert metadata["authors"][0]["orcid"] == "0000-0002-1825-0097" and findings == []


def test_joss_affiliations_by_number(write):
    metadata, findings = metadata_of(
        write, *BASICS, "authors:", "  - name: Ann Smith", '    affiliation: "1, 2"', "  - name: Bo Jones",
        "    affiliation: 2", "affiliations:", "  - name: First University", "    index: 1",
        "  - name: Second University", "    index: 2")
    assert [author["affiliation"] for author in metadata["authors"]] == [
        ["First University", "Second University"], ["Second University"]]
    assert metadata["affiliations"] == ["First University", "Second University"] and findings == []


def test_pandoc_keys_are_read_and_tool_keys_are_warnings(write):
    metadata, findings = metadata_of(
        write, 'title: "T"', "subtitle: S", "author: A", 'date: "2024-05"', "lang: en-GB", "keywords: policy",
        "abstract: A *short* summary.", "format: html", "toc: true")
    assert (metadata["subtitle"], metadata["lang"], metadata["keywords"]) == ("S", "en-GB", ["policy"])
    assert findings == [f"{INDEX}:9:1: warning: unknown key 'format' in the front matter: no edition uses it "
                        "[front-matter.unknown-key]",
                        f"{INDEX}:10:1: warning: unknown key 'toc' in the front matter: no edition uses it "
                        "[front-matter.unknown-key]"]


@pytest.mark.parametrize("word", ["today", "last-modified"])
def test_a_date_word_outside_git_is_the_files_last_change_with_a_warning(write, word, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    metadata, findings = metadata_of(write, 'title: "T"', "author: A", "lang: en", f"date: {word}")
    changed = os.stat("source/brief/index.md").st_mtime
    day = datetime.fromtimestamp(changed, timezone.utc).strftime("%Y-%m-%d")
    assert metadata["date"] == day
    assert findings == [f"{INDEX}:5:1: warning: date '{word}' is the day of the last commit of source/brief/, which has "
                        f"none yet: the editions say {day}, the file's last change, until it is committed "
                        "[date.uncommitted]"]


def test_a_date_word_with_source_date_epoch_is_that_day(write, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1717243200")  # 2024-06-01T12:00:00Z
    metadata, findings = metadata_of(write, 'title: "T"', "author: A", "lang: en", "date: today")
    assert (metadata["date"], metadata["date_display"], findings) == ("2024-06-01", "June 1, 2024", [])


@pytest.mark.parametrize("lines, place, hint", [
    (['title: "T"', "author: A", "lang: en", "date: 2024", "keywords:", "\t- one"], "7:1",
     "indent with spaces, not tabs [source.unreadable]"),
    (["title: Policy: A New Start", "author: A", "lang: en", "date: 2024"], "2:14",
     'a value with a colon in it needs quotes, as in title: "Policy: A New Start" [source.unreadable]'),
])
def test_a_yaml_mistake_says_what_to_do(write, lines, place, hint):
    findings = write(BODY, front=front(*lines))
    assert len(findings) == 1 and findings[0].startswith(f"{INDEX}:{place}: error: YAML error: ")
    assert findings[0].endswith(hint)


# Where the stages after the parse read metadata.json: the editions, the release, the review, the templates.
READERS = [*(ROOT / "publish" / folder for folder in ("editions", "release", "review", "author")), ROOT / "templates"]


def test_every_fact_written_to_metadata_json_is_read_by_a_later_stage():
    """Nothing is written that no stage reads: each fact is read by name by an edition, the release, the
    review or a template (or, for what a translation is compared with, by the parse of a translation)."""
    texts = "\n".join(source_texts(READERS).values())
    parse = (ROOT / "publish" / "source" / "parse.py").read_text(encoding="utf-8")
    for name in front_matter.written_facts():
        patterns = [f'["{name}"]', f"meta.{name}", f"item.{name}", f'"{name}"']
        found = any(pattern in texts for pattern in patterns) or (name == "contents" and '.get("contents")' in parse)
        assert found, f"metadata.json's '{name}' is read by no stage"


@pytest.mark.parametrize("stage", [edition.task for edition in editions.EDITIONS])
def test_each_edition_reads_only_facts_that_are_written(stage):
    assert set(front_matter.facts_read_by(stage)) <= set(front_matter.written_facts())
    assert {"lang", "slug"} <= set(front_matter.facts_read_by(stage))


def test_the_paged_editions_read_the_paper_size_and_the_web_page_its_policy():
    assert [edition.task for edition in editions.EDITIONS if "papersize" in front_matter.facts_read_by(edition.task)] == [
        edition.task for edition in editions.EDITIONS if edition.paged]
    assert [edition.task for edition in editions.EDITIONS if "html_policy" in front_matter.facts_read_by(edition.task)] \
        == ["html"]
