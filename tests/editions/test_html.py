"""The HTML edition in real tools: the Nu HTML Checker, axe-core in Chromium, and reference-manager metadata."""

import json

import lxml.html
import pytest
from clients import in_browser, nu_errors
from projects import SLUG

TITLE = "Engaging with the Taliban: From Leverage and Isolation to Piecemeal Pragmatism"


@pytest.fixture(scope="module")
def page(editions):
    return lxml.html.parse(str(editions["html"])).getroot()


@pytest.fixture(scope="module")
def browser_report(editions, tmp_path_factory):
    return in_browser(editions["html"], tmp_path_factory.mktemp("screenshots"))


def test_nu_html_checker_finds_no_error(editions):
    assert nu_errors(editions["html"]) == []


@pytest.mark.parametrize("view", ["wide", "phone", "dark"])
def test_axe_finds_no_wcag_22_violation(browser_report, view):
    assert browser_report[view]["violations"] == []


def test_the_page_makes_no_network_request(browser_report):
    assert browser_report["requests"] == []


def test_the_house_fonts_load_from_inside_the_page(browser_report):
    fonts = browser_report["wide"]["layout"]["fonts"]
    assert any(font.startswith("Noto Serif normal 400") for font in fonts)
    assert any(font.startswith("Noto Sans normal 700") for font in fonts)


def test_no_sideways_scroll_on_a_phone(browser_report):
    layout = browser_report["phone"]["layout"]
    assert layout["scrollWidth"] <= layout["clientWidth"] == 375


def test_sidenotes_beside_their_call_on_wide_screens_and_under_it_on_phones(browser_report):
    wide, phone = browser_report["wide"]["layout"], browser_report["phone"]["layout"]
    text_right = max(p["x"] + p["width"] for p in wide["paragraphs"])
    assert len(wide["notes"]) == 4
    for note in wide["notes"]:
        assert note["box"]["x"] >= text_right, f"{note['id']} is not in the margin"
        # Beside the paragraph of its call: at the call's line or a few lines below, when the
        # paragraph runs on after the call or the note before still fills the margin.
        assert -60 < note["box"]["y"] - note["call"]["y"] < 150, f"{note['id']} is far from its call"
    for above, below in zip(wide["notes"], wide["notes"][1:]):
        assert above["box"]["y"] + above["box"]["height"] <= below["box"]["y"], "sidenotes overlap"
    for note in phone["notes"]:
        assert note["box"]["x"] < 40 and note["box"]["y"] > note["call"]["y"], f"{note['id']} is not under its call"


def test_every_note_links_back_to_its_call_with_a_name_a_screen_reader_says(page):
    backs = page.xpath("//aside[@role='doc-footnote']//a[@role='doc-backlink']")
    assert [back.get("aria-label") for back in backs] == [f"Back to the text at note {n}" for n in range(1, 5)]


def test_landmarks_skip_link_and_headings(page):
    assert len(page.findall(".//main")) == 1
    skip = page.find(".//body/a")
    assert skip.get("class") == "skip-link" and skip.get("href") == "#main"
    levels = [int(h.tag[1]) for h in page.iter("h1", "h2", "h3", "h4")]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), levels


def meta(page, attribute, name):
    return [m.get("content") for m in page.iter("meta") if m.get(attribute) == name]


def test_metadata_that_zotero_and_scholar_read(page):
    assert meta(page, "name", "citation_title") == [TITLE]
    assert meta(page, "name", "citation_author") == ["Romain Malejacq"]
    assert meta(page, "name", "citation_publication_date") == ["2024"]
    assert meta(page, "name", "citation_pdf_url") == [f"{SLUG}.pdf"]
    assert meta(page, "name", "DC.title") == [TITLE] and meta(page, "name", "DC.language") == ["en"]
    assert meta(page, "property", "og:title") == [TITLE] and meta(page, "property", "og:type") == ["article"]
    assert meta(page, "name", "description") == ["From Leverage and Isolation to Piecemeal Pragmatism"]
    coins = page.find(".//span[@class='Z3988']").get("title")
    assert "rft.genre=report" in coins and "rft.aulast=Malejacq" in coins


def test_without_a_site_address_the_page_names_no_canonical_address(page):
    """The series sets no site-url and the brief no url: its address is unknown, and none is made up."""
    assert meta(page, "name", "citation_pdf_url") == [f"{SLUG}.pdf"]  # addresses relative, as unknown
    assert page.xpath("//link[@rel='canonical']") == []


def test_json_ld_describes_a_report(page):
    [script] = page.xpath("//script[@type='application/ld+json']")
    data = json.loads(script.text)
    assert data["@type"] == "Report" and data["name"] == TITLE
    assert data["author"][0]["name"] == "Romain Malejacq"
    assert data["author"][0]["affiliation"][-1]["name"] == "Radboud University Nijmegen"
    assert data["datePublished"] == "2024" and data["inLanguage"] == "en"
    assert "publisher" not in data  # not known yet: left out, never guessed


def test_links_to_the_other_editions_and_citation_files(page, editions):
    links = {a.get("href") for a in page.xpath("//nav[@class='edition-links']//a")}
    assert links == {f"{SLUG}.{extension}" for extension in ("pdf", "docx", "epub", "ris", "bib", "json")}
    for link in links:
        assert (editions["html"].parent / link).is_file(), f"{link} is not built beside the page"


def test_citation_files_describe_the_publication(editions):
    folder = editions["html"].parent
    ris = (folder / f"{SLUG}.ris").read_bytes().decode("utf-8")
    assert ris.startswith("TY  - RPRT\r\n") and f"TI  - {TITLE}\r\n" in ris and "AU  - Malejacq, Romain\r\n" in ris
    assert ris.endswith("ER  - \r\n")
    bib = (folder / f"{SLUG}.bib").read_text(encoding="utf-8")
    assert bib.startswith("@techreport{") and "author = {Malejacq, Romain}" in bib and "year = {2024}" in bib
    [item] = json.loads((folder / f"{SLUG}.json").read_text(encoding="utf-8"))
    assert item["type"] == "report" and item["title"] == TITLE and item["issued"] == {"date-parts": [[2024]]}


def test_colophon_and_how_to_cite_shared_with_the_print_edition(page, source_revision):
    colophon = page.find(".//section[@class='colophon']")
    text = " ".join(colophon.text_content().split())
    assert "How to cite this publication Chicago Manual of Style 18th edition (notes and bibliography): Malejacq, Romain. Engaging with the Taliban" in text
    assert source_revision not in text  # build data stays in the files' properties, not in the reader's text
