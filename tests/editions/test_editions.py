"""The editions of the brief, opened with real parsers: text, notes, citations, title block, links.

No single module: the editions stage as a whole, every edition read back against the brief as it
reached us (tests/fixtures/original.txt)."""

import json
import re
import tomllib
import zipfile

import docx
import lxml.html
import pdfplumber
import pytest
from brief_text import find_run, first_difference, missing_runs, read_brief, words
from lxml import etree
from projects import ROOT, SLUG
from readers import docx_text, epub_text, html_text, pdf_text

HOUSE = tomllib.loads((ROOT / "styles" / "house.toml").read_text(encoding="utf-8"))
MARGINS_MM = [float(HOUSE["page"][f"margin-{side}"].removesuffix("mm")) for side in ("top", "bottom")]
READERS = {"html": html_text, "docx": docx_text, "pdf": lambda path: pdf_text(path, *MARGINS_MM), "epub": epub_text}
REFERENCES = json.loads((ROOT / "source" / SLUG / "references.json").read_text(encoding="utf-8"))
RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


@pytest.fixture(scope="module", params=sorted(READERS))
def edition(request, editions):
    kind = request.param
    return kind, READERS[kind](editions[kind])


def test_every_word_of_the_body_in_order(edition):
    kind, text = edition
    expected = read_brief().body
    assert find_run(expected, text.body) >= 0, f"{kind}: {first_difference(expected, text.body)}"


def test_every_word_of_the_notes_in_order(edition):
    kind, text = edition
    runs = [run for note in read_brief().notes for run in note]
    assert missing_runs(runs, text.note_words) == [], kind


def test_the_title_block(edition):
    kind, text = edition
    for line in read_brief().title_block:
        assert find_run(words(line), text.all_words) >= 0, f"{kind}: {line!r} missing"
    assert "true" not in text.all_words[:60], f"{kind}: an author field renders as 'true'"
    assert find_run(["2024"], text.all_words[:60]) >= 0


def cited_words(reference):
    """Words any rendering of the reference must show: the title, the periodical, an author, the year."""
    return [words(reference["title"]), words(reference["container-title"]),
            [reference["author"][0]["family"]], [str(reference["issued"]["date-parts"][0][0])]]


def split_notes(note_words):
    """One stream of note words (the PDF's) cut where each note of the brief begins."""
    starts = [find_run(runs[0], note_words) for runs in read_brief().notes]
    return [note_words[start:end] for start, end in zip(starts, starts[1:] + [len(note_words)])]


@pytest.mark.parametrize("note, key", [(0, "swedlund2021foreignaid"), (1, "malejacq2023leverage")])
def test_citations_rendered_in_their_notes(edition, note, key):
    kind, text = edition
    reference = next(entry for entry in REFERENCES if entry["id"] == key)
    notes = text.notes or split_notes(text.note_words)
    expected = [word for run in cited_words(reference) for word in run]
    assert all(word in notes[note] for word in expected), f"{kind}: note {note + 1} lacks {key}"


def test_bibliography_after_the_text(edition):
    kind, text = edition
    heading = find_run(["Bibliography"], text.all_words, find_run(read_brief().body[-6:], text.all_words))
    assert heading > 0, kind
    for reference in REFERENCES:
        assert find_run(words(reference["title"]), text.all_words, heading) > heading, f"{kind}: {reference['id']}"


def test_html_notes_link_both_ways(editions):
    page = lxml.html.parse(str(editions["html"])).getroot()
    calls = page.xpath("//a[@role='doc-noteref']")
    assert len(calls) == 4
    for call in calls:
        note = page.get_element_by_id(call.get("href").lstrip("#"))
        assert note.get("role") == "doc-footnote"
        back = note.xpath(".//a[@role='doc-backlink']")[0]
        assert back.get("href") == f"#{call.get('id')}"


def test_html_placeholders_are_plain_text_and_real_links_work(editions):
    page = lxml.html.parse(str(editions["html"])).getroot()
    targets = [a.get("href") for a in page.iter("a")]
    assert "#" not in targets and "" not in targets
    local = {f"{SLUG}.{extension}" for extension in ("pdf", "docx", "epub", "ris", "bib", "json")}
    assert all(t.startswith(("#", "https://")) or t in local for t in targets), targets
    assert len(page.xpath("//span[contains(@class, 'unresolved-link')]")) == 21
    assert any(t.startswith("https://www.lawfaremedia.org/") for t in targets)
    assert page.get("lang") == "en" and page.findtext(".//title").startswith("Engaging with the Taliban")


def test_pdf_links_only_to_real_addresses(editions):
    with pdfplumber.open(editions["pdf"]) as pdf:
        uris = [link["uri"] for page in pdf.pages for link in page.hyperlinks if link.get("uri")]
        metadata = pdf.metadata
    assert uris and all(uri.startswith("https://") for uri in uris), uris
    assert metadata["Title"].startswith("Engaging with the Taliban")
    assert metadata["Author"] == "Romain Malejacq"


def test_docx_real_footnotes_styles_and_properties(editions):
    document = docx.Document(str(editions["docx"]))
    styles = [paragraph.style.name for paragraph in document.paragraphs[:7]]
    assert styles == ["Title", "Subtitle", "Author", "Author Position", "Affiliation", "Affiliation", "Date"]
    properties = document.core_properties
    assert properties.title == "Engaging with the Taliban"
    assert properties.author == "Romain Malejacq"
    assert properties.language == "en" and "Taliban" in properties.keywords
    with zipfile.ZipFile(editions["docx"]) as archive:
        body = archive.read("word/document.xml").decode("utf-8")
        rels = etree.fromstring(archive.read("word/_rels/document.xml.rels"))
    assert body.count("<w:footnoteReference ") == 4
    targets = [rel.get("Target") for rel in rels.iter(f"{RELS}Relationship") if rel.get("TargetMode") == "External"]
    assert targets and all(target.startswith("https://") for target in targets), targets


def test_how_to_cite_in_every_style_in_every_edition(edition, built_project):
    kind, text = edition
    metadata = json.loads((built_project / "build" / SLUG / ".work" / "metadata.json").read_text(encoding="utf-8"))
    assert len(metadata["how_to_cite"]) == 3
    for entry in metadata["how_to_cite"]:
        rendered = words(re.sub(r"<[^>]+>", "", entry["html"]))
        assert find_run(words(entry["title"]), text.all_words) >= 0, f"{kind}: {entry['title']}"
        assert find_run(rendered, text.all_words) >= 0, f"{kind}: {entry['style']}"
