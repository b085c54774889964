"""Read the text of each edition with real parsers: its body and its notes, as word lists."""

import zipfile
from collections import Counter
from dataclasses import dataclass

import docx
import lxml.html
import pdfplumber
from lxml import etree

from brief_text import words

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass
class EditionText:
    body: list  # words of the title block, text and bibliography, in reading order
    notes: list  # one word list per note, in order
    note_words: list  # every note's words, one list, in order (a note may run across pages)


def html_text(path):
    page = lxml.html.parse(str(path)).getroot()
    article = page.find(".//article")
    notes = [words(item.text_content()) for item in article.xpath(".//section[@id='footnotes']//li")]
    for element in article.xpath(".//section[@id='footnotes'] | .//a[contains(@class, 'footnote-ref')]"):
        element.drop_tree()
    return EditionText(words(article.text_content()), notes, [w for note in notes for w in note])


def docx_text(path):
    body = [w for paragraph in docx.Document(str(path)).paragraphs for w in words(paragraph.text)]
    with zipfile.ZipFile(path) as archive:
        footnotes = etree.fromstring(archive.read("word/footnotes.xml"))
    notes = []
    for footnote in footnotes.iter(f"{W}footnote"):
        if int(footnote.get(f"{W}id")) > 0:  # -1 and 0 are Word's separator notes
            notes.append(words("".join(text.text or "" for text in footnote.iter(f"{W}t"))))
    return EditionText(body, notes, [w for note in notes for w in note])


def pdf_words(path):
    """Every word of the PDF with its page number and font size."""
    with pdfplumber.open(path) as pdf:
        return [
            (number, word["text"], round(word["size"], 1))
            for number, page in enumerate(pdf.pages, start=1)
            for word in page.extract_words(extra_attrs=["size"], use_text_flow=True)
        ]


def pdf_text(path):
    """Body: words at the body size or larger. Notes: words at the most common smaller size,
    without each page's number (the last of that size on its page)."""
    placed = pdf_words(path)
    body_size = Counter(size for _, _, size in placed).most_common(1)[0][0]
    body = [w for _, text, size in placed if size >= body_size for w in words(text)]
    note_size = Counter(size for _, _, size in placed if size < body_size).most_common(1)[0][0]
    small = [(page, text) for page, text, size in placed if size == note_size]
    page_numbers = {i for i, (page, text) in enumerate(small) if text == str(page)
                    and (i + 1 == len(small) or small[i + 1][0] != page)}
    note_words = [w for i, (_, text) in enumerate(small) if i not in page_numbers for w in words(text)]
    return EditionText(body, [], note_words)


def pdf_pages_text(path):
    with pdfplumber.open(path) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]
