"""The DOCX as LibreOffice lays it out (publish/editions/docx_reference.py, docx_package.py): figures
centred as in print, the text after a table set off from its rule, the byline set off from the subtitle;
read back from LibreOffice's own PDF of the figures-and-tables example and from the package's XML."""

import zipfile

import pdfplumber
from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def test_every_figure_is_centred_on_the_text_block(figures_docx_in_libreoffice):
    with pdfplumber.open(figures_docx_in_libreoffice) as pdf:
        pictures = [(page, image) for page in pdf.pages for image in page.images if image["width"] > 60]
        words = [word for page in pdf.pages for word in page.extract_words()]
        left, right = min(word["x0"] for word in words), max(word["x1"] for word in words)  # the text block
        narrow = [(page, image) for page, image in pictures if image["width"] < (right - left) - 40]
        assert len(narrow) >= 3  # pictures narrower than the text, which a left alignment would show
        for page, image in pictures:  # LibreOffice sets one full-width picture 5 pt off centre
            assert abs((image["x0"] + image["x1"]) / 2 - (left + right) / 2) < 6, (page.page_number, image["x0"])


def test_the_text_after_a_table_stands_clear_of_its_rule(figures_docx_in_libreoffice, examples_project):
    with zipfile.ZipFile(examples_project / "build" / "figures-and-tables" / "figures-and-tables.docx") as docx:
        body = etree.fromstring(docx.read("word/document.xml"))
    following = [next(sibling for sibling in table.itersiblings() if sibling.tag in (f"{W}p", f"{W}tbl"))
                 for table in body.iter(f"{W}tbl")]
    styles = [paragraph.find(f"{W}pPr/{W}pStyle").get(f"{W}val") for paragraph in following]
    assert styles.count("BodyTextAfterTable") == 3 and "BodyText" not in styles  # a heading follows the fourth
    with pdfplumber.open(figures_docx_in_libreoffice) as pdf:
        for page in pdf.pages:
            line = next((word for word in page.extract_words() if word["text"] == "grid"), None)
            if line is not None and "A grid table may hold" in page.extract_text():
                rules = [rule["top"] for rule in page.lines + page.rects if rule["top"] < line["top"]
                         and rule["width"] > page.width / 3]
                assert line["top"] - max(rules) > 8  # 10 pt of space above, not the line's own leading alone
                break
        else:
            raise AssertionError("the paragraph after Table 1 is not in LibreOffice's layout")
