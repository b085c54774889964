"""The example institute's brand (examples/institute/) in its editions, read back from the built files:
the masthead on page 1 of the PDF, the web page's masthead and icon, the DOCX's first-page header; its
second paper's cover page and back page."""

import base64
import io
import re
import zipfile

import pdfplumber
from docx import Document
from lxml import etree, html
from PIL import Image
from readers import pdf_pages_text

from publish.colours import contrast

SLUG = "water-security-in-the-sahel"
COVERED = "power-trade-in-west-africa"  # the second paper: a cover, a back page, its number by date
TEAL = (11 / 255, 85 / 255, 99 / 255)  # the brand's primary colour, #0b5563


def built(project, extension, slug=SLUG):
    return project / "build" / slug / f"{slug}.{extension}"


def words_on(page, text):
    return [word for word in page.extract_words() if word["text"] == text]


def test_page_1_of_the_pdf_has_the_masthead_above_the_title(institute_project):
    with pdfplumber.open(built(institute_project, "pdf")) as pdf:
        page = pdf.pages[0]
        title_top = words_on(page, "Water")[0]["top"]
        drawn = [item for item in page.images + page.curves + page.rects if item["bottom"] < title_top]
        assert drawn and min(item["x0"] for item in drawn) < page.width / 3  # the logo, at the start of the line
        series = words_on(page, "PAPERS")[0]
        assert series["top"] < title_top and series["x1"] > page.width * 2 / 3  # at the far margin
        chars = [char for char in page.chars if char["top"] == series["top"]]
        assert chars and all(tuple(round(value, 2) for value in char["non_stroking_color"]) ==
                   tuple(round(value, 2) for value in TEAL) for char in chars)
        masthead = page.crop((0, 0, page.width, title_top)).extract_text()
        assert "POLICY PAPERS NO. 7" in masthead and "October 14, 2026 · Rotterdam" in masthead
        assert not [item for item in pdf.pages[1].images if item["top"] < 72]  # page 2: the running head alone


def test_the_web_page_carries_its_logo_and_icon_inside_it(institute_project):
    page = html.fromstring(built(institute_project, "html").read_bytes())
    logo = page.xpath('//header[@class="masthead"]//img')[0]
    assert logo.get("src").startswith("data:image/svg+xml;base64,")
    assert logo.get("alt") == "Corvell Institute for Public Policy"
    assert page.xpath('//header[@class="masthead"]//source[@media="(prefers-color-scheme: dark)"]')
    icon = page.xpath('//link[@rel="icon"]/@href')[0]
    mark = (institute_project / "brand" / "corvell-mark.svg").read_bytes()
    assert base64.b64decode(icon.split(",", 1)[1]) == mark
    assert "POLICY PAPERS" not in page.xpath('string(//header[@class="title-block"])').upper()  # said once
    style = page.xpath("string(//style)")
    assert re.search(r"--colour-accent: #0b5563;", style)
    dark = re.search(r"--colour-dark-accent: (#[0-9a-f]{6});", style)[1]  # the brand's teal, made to read on dark
    assert contrast(dark, re.search(r"--colour-dark-background: (#[0-9a-f]{6});", style)[1]) >= 7
    assert int(dark[3:5], 16) > int(dark[1:3], 16) and dark != "#9cc3ee"  # teal still, not the house's blue
    assert not [url for url in page.xpath("//@src | //@href") if url.startswith(("http:", "file:", "/"))
                and not url.startswith("https://")]  # every picture inside the page


def test_the_docx_has_the_logo_in_the_first_pages_header(institute_project):
    path = built(institute_project, "docx")
    section = Document(path).sections[0]
    assert section.different_first_page_header_footer
    first = "\n".join(paragraph.text for paragraph in section.first_page_header.paragraphs)
    assert "Policy Papers No.\u00a07" in first and "October 14, 2026 · Rotterdam" in first
    assert "Water Security in the Sahel" in section.header.paragraphs[0].text  # the running head from page 2
    with zipfile.ZipFile(path) as package:
        header = etree.fromstring(package.read("word/header2.xml"))
        rels = etree.fromstring(package.read("word/_rels/header2.xml.rels"))
        embed = header.xpath("//*[local-name()='blip']/@*[local-name()='embed']")[0]
        target = rels.xpath(f'//*[@Id="{embed}"]/@Target')[0]
        logo = Image.open(io.BytesIO(package.read(f"word/{target}")))
    assert logo.format == "PNG" and abs(logo.width / logo.height - 295 / 64) < 0.05  # the wordmark, not stretched
    descriptions = header.xpath("//*[local-name()='docPr']/@descr")
    assert descriptions == ["Corvell Institute for Public Policy"]


def test_the_web_page_with_its_masthead_is_valid_accessible_and_asks_for_nothing(institute_project, tmp_path):
    from clients import in_browser, nu_errors

    page = built(institute_project, "html")
    assert nu_errors(page) == []
    report = in_browser(page, tmp_path)
    assert [report[view]["violations"] for view in ("wide", "phone", "dark")] == [[], [], []]
    assert report["requests"] == []
    assert report["phone"]["layout"]["scrollWidth"] <= report["phone"]["layout"]["clientWidth"]


def test_the_second_paper_opens_with_a_cover_numbered_after_the_first(institute_project):
    cover, second, *_ = (" ".join(page.split()) for page in pdf_pages_text(built(institute_project, "pdf", COVERED)))
    assert "POLICY PAPERS NO. 8" in cover  # numbering: auto, after the 7 the first paper gives
    assert "Keeping the Lights On Across Borders" in cover and "Fourteen countries" not in cover
    assert "Fourteen countries of West Africa" in second
    with pdfplumber.open(built(institute_project, "pdf", COVERED)) as pdf:
        title = words_on(pdf.pages[0], "Keeping")[0]
        assert title["top"] > pdf.pages[0].height / 4  # low on the page, under the masthead


def test_its_back_page_is_the_back_of_the_last_sheet_under_the_logo(institute_project):
    pages = [" ".join(page.split()) for page in pdf_pages_text(built(institute_project, "pdf", COVERED))]
    assert len(pages) % 2 == 0  # the back page is an even page: the back of a printed sheet
    back, before = pages[-1], pages[-2]
    assert back.startswith("About this publication") and "10.5555/corvell.pp.8" in back  # no running head
    assert "CC BY 4.0" in back and "The views expressed in this paper" in back
    assert "About this publication" not in before and "Recommendations" in " ".join(pages[:-1])
    assert back.endswith("/power-trade-in-west-africa/")  # no folio at its foot
    with pdfplumber.open(built(institute_project, "pdf", COVERED)) as pdf:
        page = pdf.pages[-1]
        heading = words_on(page, "About")[0]
        assert [item for item in page.images + page.curves if item["bottom"] < heading["top"]]  # the logo above
        blank = [page for page in pdf.pages[1:-1] if not page.extract_text().strip()]
        assert all(not item.chars and not item.images for item in blank)  # a blank page before it is blank
