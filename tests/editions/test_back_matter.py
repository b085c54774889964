"""What every edition says of the publication at its end (templates/partials/colophon.html.j2): the
licence with its badge, name and address, the copyright line, the disclaimer, acknowledgements and
funding, the identifiers, and in the PDF a QR code that leads to the web edition — read back from the
built PDF (poppler, pdfplumber, zbarimg), web page (lxml) and DOCX."""

import subprocess
import zipfile

import lxml.html
import pdfplumber
import pikepdf
import pytest
from clients import libreoffice_pdf
from projects import SLUG, commit_all, run_doit
from readers import pdf_pages_text

SERIES = ('\npublisher: "Example Institute"\npublisher-place: The Hague\nseries: "Policy Briefs"\nissn: 2049-3630\n'
          'license: CC-BY-4.0\ndisclaimer: "The views expressed are the author\'s own."\n'
          'site-url: "https://example.org/briefs/"\n')
FRONT = ('number: "12"\ndoi: "https://doi.org/10.5555/12345"\nversion: "2"\n'
         'earlier-editions: [{version: "1", date: 2023-11-02, note: "its Table 1 since corrected"}]\n'
         'acknowledgements: "The author thanks the reviewers."\nfunding: "Funded by the Example Fund."\n')


@pytest.fixture(scope="module")
def editions(built_copy):
    project = built_copy("back-matter")
    series = project / "source" / "series.yaml"  # its empty publisher, series and site-url given values
    settings = series.read_text(encoding="utf-8").replace('publisher: ""\nseries: ""\n', "")
    settings = settings.replace('site-url: ""\n', "")
    series.write_text(settings + SERIES, encoding="utf-8")
    index = project / "source" / SLUG / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("---\n", "---\n" + FRONT, 1), encoding="utf-8")
    commit_all(project)
    run_doit(project, f"pdf:{SLUG}", f"html:{SLUG}", f"docx:{SLUG}")
    return project / "build" / SLUG


def test_the_last_page_says_licence_copyright_disclaimer_identifiers_and_thanks(editions):
    last = " ".join(pdf_pages_text(editions / f"{SLUG}.pdf")[-1].split())
    for words in ("CC BY 4.0 Creative Commons Attribution 4.0 International", "© 2024 Example Institute",
                  "The views expressed are the author's own.", "https://doi.org/10.5555/12345",
                  "Policy Briefs, No. 12 (ISSN 2049-3630)", "Example Institute, The Hague", "Version 2, 2024",
                  "Earlier editions Version 1, November 2, 2023 (its Table 1 since corrected)",
                  "The author thanks the reviewers.", "Funded by the Example Fund.",
                  "Read it online: https://example.org/briefs/engaging-with-the-taliban/"):
        assert words in last.replace("’", "'"), words
    with pdfplumber.open(editions / f"{SLUG}.pdf") as pdf:
        links = {annotation.get("uri") for annotation in pdf.pages[-1].annots}
    assert {"https://creativecommons.org/licenses/by/4.0/", "https://doi.org/10.5555/12345"} <= links
    with pikepdf.open(editions / f"{SLUG}.pdf") as pdf:
        assert pdf.open_metadata()["dc:identifier"] == "doi:10.5555/12345"  # for reference managers


def test_the_qr_code_on_the_last_page_decodes_to_the_web_editions_address(editions, tmp_path):
    pages = len(pdf_pages_text(editions / f"{SLUG}.pdf"))
    subprocess.run(["pdftoppm", "-r", "200", "-png", "-f", str(pages), "-l", str(pages), str(editions / f"{SLUG}.pdf"),
                    str(tmp_path / "last")], check=True)
    [image] = tmp_path.glob("last*.png")
    decoded = subprocess.run(["zbarimg", "--quiet", "--raw", str(image)], capture_output=True, text=True, check=True)
    assert decoded.stdout.strip() == "https://example.org/briefs/engaging-with-the-taliban/"


def test_the_web_page_and_the_docx_say_the_same_and_carry_the_identifiers(editions):
    page = lxml.html.parse(str(editions / f"{SLUG}.html")).getroot()
    colophon = " ".join(page.find(".//section[@class='colophon']").text_content().split())
    assert "© 2024 Example Institute" in colophon and "CC BY 4.0" in colophon
    meta = {(element.get("name"), element.get("content")) for element in page.iter("meta")}
    assert {("citation_doi", "10.5555/12345"), ("citation_series_title", "Policy Briefs"),
            ("citation_issn", "2049-3630")} <= meta
    assert '"propertyID": "DOI"' in page.find(".//script[@type='application/ld+json']").text
    assert not page.xpath(".//svg[contains(@class, 'segno')]")  # the web page is the web edition
    with zipfile.ZipFile(editions / f"{SLUG}.docx") as docx:
        text = docx.read("word/document.xml").decode("utf-8")
        properties = docx.read("docProps/custom.xml").decode("utf-8")
    assert "Example Institute" in text and "The views expressed are the author" in text
    assert 'name="DOI"' in properties and "10.5555/12345" in properties and 'name="ISSN"' in properties


def test_a_cover_page_holds_the_title_alone_and_the_text_starts_on_page_2(built_copy):
    project = built_copy("cover")
    index = project / "source" / SLUG / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("---\n", "---\ncover: true\n", 1), encoding="utf-8")
    commit_all(project)
    run_doit(project, f"pdf:{SLUG}")
    cover, second, *_ = (" ".join(page.split()) for page in pdf_pages_text(project / "build" / SLUG / f"{SLUG}.pdf"))
    assert cover.startswith("Engaging with the Taliban From Leverage and Isolation to Piecemeal Pragmatism "
                            "Romain Malejacq")
    assert "Since the Taliban military victory" not in cover and "Since the Taliban military victory" in second
    with pdfplumber.open(project / "build" / SLUG / f"{SLUG}.pdf") as pdf:
        title = next(word for word in pdf.pages[0].extract_words(extra_attrs=["size"]) if word["text"] == "Engaging")
    assert title["size"] > 28 and title["top"] > 200  # set large, low on the page


def test_the_docx_as_libreoffice_lays_it_out_ends_with_the_licence_and_the_disclaimer(editions, tmp_path):
    last = " ".join(pdf_pages_text(libreoffice_pdf(editions / f"{SLUG}.docx", tmp_path))[-1].split()).replace("’", "'")
    for words in ("CC BY 4.0 Creative Commons Attribution 4.0 International", "© 2024 Example Institute",
                  "The views expressed are the author's own.", "https://doi.org/10.5555/12345"):
        assert words in last, words


def test_folios_page_of_pages_read_page_and_count_at_the_foot(built_copy):
    project = built_copy("folios")
    index = project / "source" / SLUG / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("---\n", "---\nfolios: page-of-pages\n", 1),
                     encoding="utf-8")
    commit_all(project)
    run_doit(project, f"pdf:{SLUG}")
    pages = pdf_pages_text(project / "build" / SLUG / f"{SLUG}.pdf")
    assert all(page.split()[-3:] == [str(number), "/", str(len(pages))] for number, page in enumerate(pages, 1)
               if number > 1)  # the first page carries the title block and no number
