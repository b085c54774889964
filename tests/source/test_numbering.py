"""A series that numbers its publications by date (publish/source/numbering.py): each that gives no number
takes its place in date order, counting on from the one before; one that gives a number keeps it; the
parse records it, How to cite and the editions show it."""

from pathlib import Path

from publish.paths import Publication
from publish.source.metadata import metadata_from
from publish.source.settings import read_settings

FRONT = '---\ntitle: "{title}"\nauthor: "A. Author"\ndate: "{date}"\nlang: en\n{extra}---\n\nText.\n'


def publish(slug, date, extra=""):
    folder = Path("source") / slug
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.md").write_text(FRONT.format(title=slug, date=date, extra=extra), encoding="utf-8")


def number_of(slug):
    publication = Publication(slug)
    return metadata_from(read_settings(publication), publication)["number"]


def test_numbering_auto_numbers_by_date_and_keeps_a_number_given(write):
    write("Text.\n", front=FRONT.format(title="brief", date="2024-03-01", extra="").split("\n\nText.")[0] + "\n\n")
    publish("early", "2023-05")
    publish("middle", "2024-01-15")
    publish("given", "2022", 'number: "A-1"\n')
    with open("source/series.yaml", "a", encoding="utf-8") as series:
        series.write("\nnumbering: auto\n")
    assert [number_of(slug) for slug in ("given", "early", "middle", "brief")] == ["A-1", "2", "3", "4"]
    item = metadata_from(read_settings(Publication("middle")), Publication("middle"))["citation_item"]
    assert item["collection-number"] == "3"


def test_numbering_auto_counts_on_from_a_whole_number_given(write):
    """A series that started before it was built here gives its last number by hand; the next takes the
    number after it, never one already printed on an earlier paper."""
    write("Text.\n", front=FRONT.format(title="brief", date="2026-03-01", extra="").split("\n\nText.")[0] + "\n\n")
    publish("seventh", "2025-11", 'number: "7"\n')
    publish("first-here", "2026-01")
    with open("source/series.yaml", "a", encoding="utf-8") as series:
        series.write("\nnumbering: auto\n")
    assert [number_of(slug) for slug in ("seventh", "first-here", "brief")] == ["7", "8", "9"]


def test_without_numbering_a_publication_has_the_number_it_gives_or_none(write):
    write("Text.\n")
    publish("other", "2020")
    assert number_of("other") == "" and number_of("brief") == ""
