"""The canonical source is a faithful transcription of the brief as it reached us.

No module: the text in source/engaging-with-the-taliban/ itself, what the source stage starts from,
against the brief as it reached us (tests/fixtures/original.txt)."""

import json
import re

import yaml
from brief_text import find_run, first_difference, missing_runs, read_brief, words
from projects import ROOT, SLUG

SOURCE = ROOT / "source" / SLUG
INDEX = SOURCE / "index.md"


def front_matter_and_text():
    _, front, text = INDEX.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(front), text


def test_every_word_of_the_body_is_in_the_source_in_order():
    brief = read_brief()
    _, text = front_matter_and_text()
    body = re.sub(r"\[\^[\w-]+\]", " ", text.split("\n[^")[0])  # note calls are not words
    assert find_run(brief.body, words(body)) >= 0, first_difference(brief.body, words(body))


def test_every_word_of_the_notes_is_in_the_source_in_order():
    brief = read_brief()
    _, text = front_matter_and_text()
    definitions = re.findall(r"^\[\^[\w-]+\]: (.*)$", text, flags=re.MULTILINE)
    assert len(definitions) == len(brief.notes) == 4
    for runs, definition in zip(brief.notes, definitions):
        assert missing_runs(runs, words(definition)) == []


def test_four_real_footnotes_each_called_once():
    _, text = front_matter_and_text()
    calls = re.findall(r"\[\^([\w-]+)\](?!:)", text)
    definitions = re.findall(r"^\[\^([\w-]+)\]:", text, flags=re.MULTILINE)
    assert len(calls) == 4 and sorted(calls) == sorted(definitions)
    assert not re.search("[¹²³⁴]", text)


def test_the_split_paragraph_is_one_paragraph():
    _, text = front_matter_and_text()
    paragraph = next(p for p in text.split("\n\n") if p.startswith("For the Taliban leadership"))
    assert "to cater to their most ideologically-inclined members" in paragraph


def test_21_links_keep_their_unknown_target_and_none_is_invented():
    _, text = front_matter_and_text()
    links = re.findall(r"\[([^\]^@]+)\]\(([^)]*)\)", text)
    assert len(links) == 21
    assert {target for _, target in links} == {"#"}


def test_the_two_cited_works_are_citations_from_the_bibliography():
    _, text = front_matter_and_text()
    keys = re.findall(r"@([\w-]+)", text)
    entries = json.loads((SOURCE / "references.json").read_text(encoding="utf-8"))
    assert sorted(keys) == sorted(entry["id"] for entry in entries)
    by_title = {entry["title"]: entry for entry in entries}
    assert "URL" not in by_title["Foreign Aid to Afghanistan Won't Moderate the Taliban"]
    assert by_title["Why International Leverage Has Failed With the Taliban"]["URL"].startswith("https://www.lawfaremedia.org/")


def test_front_matter_uses_the_conventional_keys():
    meta, _ = front_matter_and_text()
    brief = read_brief()
    assert f"{meta['title']}: {meta['subtitle']}" == brief.title_block[0]
    assert meta["author"][0]["name"] == brief.title_block[1]
    assert meta["author"][0]["position"] == brief.title_block[2]
    assert meta["author"][0]["affiliation"] == brief.title_block[3:5]
    assert meta["lang"] == "en"
    assert re.fullmatch(r"\d{4}", meta["date"])  # the year only: the day and month are unknown
    assert meta["keywords"] and meta["bibliography"] == "references.json"
