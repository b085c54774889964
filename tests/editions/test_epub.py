"""The EPUB edition (publish/editions/epub.py), opened as an e-reader and the official checker open it:
EPUBCheck, the package document, the pages in reading order, the fonts, the cover."""

import io
import json
import re
import zipfile

import lxml.html
from clients import epubcheck_messages
from fontTools.ttLib import TTFont
from lxml import etree
from PIL import Image
from projects import SLUG, left_in_temporary_folder
from readers import EPUB_TYPE, OPF, epub_pages

DC = "{http://purl.org/dc/elements/1.1/}"


def package(book):
    with zipfile.ZipFile(book) as archive:
        return etree.fromstring(archive.read("EPUB/content.opf"))


def properties(opf, name):
    return [meta.text for meta in opf.iter(f"{OPF}meta") if meta.get("property") == name]


def test_epubcheck_finds_no_error_and_no_warning(editions, examples_project):
    """The brief, and the example with figures, tables, formulas and boxes (the Persian translation is
    checked with the other translations' editions)."""
    books = [editions["epub"], examples_project / "build" / "figures-and-tables" / "figures-and-tables.epub"]
    assert epubcheck_messages(*books) == {book: [] for book in books}


def test_the_package_names_the_publication_and_the_one_moment_of_the_editions(editions):
    opf = package(editions["epub"])
    facts = json.loads((editions["epub"].parent / ".work" / "metadata.json").read_text(encoding="utf-8"))
    assert [title.text for title in opf.iter(f"{DC}title")][0] == facts["title"]
    assert [creator.text for creator in opf.iter(f"{DC}creator")] == ["Romain Malejacq"]
    assert [language.text for language in opf.iter(f"{DC}language")] == ["en"]
    assert re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", next(opf.iter(f"{DC}identifier")).text)  # the brief has no DOI
    assert properties(opf, "dcterms:modified") == [facts["modified"]]
    with zipfile.ZipFile(editions["epub"]) as archive:
        first = archive.infolist()[0]
        assert (first.filename, first.compress_type, archive.read(first)) == ("mimetype", zipfile.ZIP_STORED,
                                                                              b"application/epub+zip")
        stamp = tuple(int(part) for part in re.split(r"[-T:Z]", facts["modified"])[:6])
        assert {info.date_time for info in archive.infolist()} == {stamp}


def test_the_package_says_how_the_book_can_be_read(editions, examples_project):
    brief = package(editions["epub"])
    assert properties(brief, "schema:accessMode") == ["textual"]  # the brief has no picture
    assert properties(brief, "schema:accessModeSufficient") == ["textual"]
    assert properties(brief, "schema:accessibilityHazard") == ["none"]
    assert set(properties(brief, "schema:accessibilityFeature")) == {"structuralNavigation", "tableOfContents",
                                                                     "readingOrder"}
    figures = package(examples_project / "build" / "figures-and-tables" / "figures-and-tables.epub")
    assert properties(figures, "schema:accessMode") == ["textual", "visual"]
    assert {"alternativeText", "MathML"} <= set(properties(figures, "schema:accessibilityFeature"))
    assert "formulas are MathML" in properties(figures, "schema:accessibilitySummary")[0]


def test_the_cover_is_the_title_block_drawn_and_comes_first(editions):
    pages = epub_pages(editions["epub"])
    image = next(pages[0].iter("{*}img"))
    assert pages[0].find("{*}body").get(EPUB_TYPE) == "cover"
    assert image.get("alt").startswith("Engaging with the Taliban: From Leverage") and "Romain Malejacq" in image.get("alt")
    opf = package(editions["epub"])
    [cover] = [item for item in opf.iter(f"{OPF}item") if item.get("properties") == "cover-image"]
    with zipfile.ZipFile(editions["epub"]) as archive:
        picture = Image.open(io.BytesIO(archive.read(f"EPUB/{cover.get('href')}")))
    assert picture.size == (1600, 2400) and picture.getpixel((800, 2)) != picture.getpixel((800, 2300))  # a band


def test_the_title_page_then_the_text_then_the_colophon(editions):
    pages = epub_pages(editions["epub"])
    title = pages[1].find(".//{*}h1")
    assert (title.get("class"), title.text) == ("unnumbered title", "Engaging with the Taliban")
    page = "".join(pages[1].itertext())
    assert "From Leverage and Isolation to Piecemeal Pragmatism" in page and "Radboud University Nijmegen" in page
    last = "".join(pages[-1].itertext())
    assert "How to cite this publication" in last and "Chicago Manual of Style" in last


def test_the_navigation_lists_every_section_in_order(editions):
    with zipfile.ZipFile(editions["epub"]) as archive:
        nav = etree.fromstring(archive.read("EPUB/nav.xhtml"))
    toc = next(element for element in nav.iter("{*}nav") if element.get(EPUB_TYPE) == "toc")
    entries = [" ".join("".join(link.itertext()).split()) for link in toc.iter("{*}a")]
    web = lxml.html.parse(str(editions["html"])).getroot()
    sections = [" ".join(heading.text_content().split()) for heading in web.find(".//article").iter("h2")
                if "colophon" not in (heading.getparent().get("class") or "")]
    assert entries[0] == "Engaging with the Taliban" and entries[1:1 + len(sections)] == sections


def test_each_note_is_a_footnote_numbered_through_the_book_and_linked_both_ways(editions):
    """pandoc numbers notes afresh in each file of an EPUB, and sets them without a number: here the brief's
    four notes are 1 to 4, as in the other editions, each note starting with its number linked back."""
    numbers = []
    for page in epub_pages(editions["epub"]):
        notes = {aside.get("id"): aside for aside in page.iter("{*}aside") if aside.get(EPUB_TYPE) == "footnote"}
        for call in [link for link in page.iter("{*}a") if link.get(EPUB_TYPE) == "noteref"]:
            back = next(notes[call.get("href")[1:]].iter("{*}a"))
            assert (back.get("href"), back.get("role"), back.text) == (f"#{call.get('id')}", "doc-backlink", f"{call.text}.")
            numbers.append(call.text)
    assert numbers == ["1", "2", "3", "4"]


def test_the_house_fonts_travel_inside_and_hold_every_character_shown(editions):
    with zipfile.ZipFile(editions["epub"]) as archive:
        fonts = {name: TTFont(io.BytesIO(archive.read(name))) for name in archive.namelist() if name.endswith(".woff2")}
        css = archive.read("EPUB/styles/stylesheet1.css").decode("utf-8")
    covered = set().union(*(chr(code) for font in fonts.values() for code in font.getBestCmap()))
    shown = {character for page in epub_pages(editions["epub"]) for character in "".join(page.find("{*}body").itertext())
             if not character.isspace()}
    assert shown <= covered, sorted(shown - covered)
    assert {"EPUB/fonts/NotoSerif-Regular.woff2", "EPUB/fonts/NotoSans-Bold.woff2"} <= set(fonts)
    assert '"Noto Serif"' in css and "#1f4e79" in css and "@font-face" in css  # the house's fonts and accent


def test_figures_tables_and_formulas_keep_what_the_web_page_shows(examples_project):
    folder = examples_project / "build" / "figures-and-tables"
    pages = epub_pages(folder / "figures-and-tables.epub")
    images = [image for page in pages for image in page.iter("{*}img") if "cover" not in image.get("src")]
    web = lxml.html.parse(str(folder / "figures-and-tables.html")).getroot()
    assert len(images) == len(web.xpath("//article//img")) and all(image.get("alt") for image in images)
    tables = [table for page in pages for table in page.iter("{*}table")]
    assert len(tables) == len(web.xpath("//article//table"))
    wide = [table.get("id") for table in tables if "wide" in (table.get("class") or "").split()]
    assert wide == ["tbl-wide"]  # the table of nine columns, set smaller as in print; the others as they are
    assert len([math for page in pages for math in page.iter("{*}math")]) == len(web.xpath("//article//math"))
    with zipfile.ZipFile(folder / "figures-and-tables.epub") as archive:
        names = set(archive.namelist())
    assert all(f"EPUB/{image.get('src').removeprefix('../')}" in names for image in images)


def test_the_web_page_offers_the_epub_for_e_readers(editions):
    page = lxml.html.parse(str(editions["html"])).getroot()
    [link] = page.xpath(f"//a[@href='{SLUG}.epub']")
    assert link.text == "EPUB" and link.tail.strip() == "for e-readers" and link.get("download") is not None
    data = json.loads(page.xpath("//script[@type='application/ld+json']")[0].text)
    assert {"@type": "MediaObject", "encodingFormat": "application/epub+zip", "contentUrl": f"{SLUG}.epub"} in \
        data["encoding"]


def test_an_epub_build_leaves_nothing_in_the_temporary_folder(built_copy, tmp_path):
    """WeasyPrint keeps the fonts of the cover in a folder of its own while it lays it out, removed only
    when its configuration is garbage-collected: each build used to leave one in /tmp."""
    assert left_in_temporary_folder(built_copy("epub-temporary"), "epub", tmp_path / "tmp") == []
