"""Read the text of each edition with real parsers: its body and its notes, as word lists."""

import tomllib
import zipfile
from collections import Counter
from dataclasses import dataclass

import docx
import lxml.html
import pdfplumber
import pikepdf
from brief_text import words
from lxml import etree
from projects import ROOT

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
HOUSE = tomllib.loads((ROOT / "styles" / "house.toml").read_text(encoding="utf-8"))


@dataclass
class EditionText:
    body: list  # words of the title block, text and bibliography, in reading order
    notes: list  # one word list per note, in order
    note_words: list  # every note's words, one list, in order (a note may run across pages)
    all_words: list  # every word of the edition's text, whatever its size or role


def html_text(path):
    """Notes are the asides with role doc-footnote; the body is the article without them."""
    page = lxml.html.parse(str(path)).getroot()
    article = page.find(".//article")
    everything = words(article.text_content())
    notes = [words(note.text_content()) for note in article.xpath(".//aside[@role='doc-footnote']")]
    for element in article.xpath(".//aside[@role='doc-footnote'] | .//a[@role='doc-noteref']"):
        element.drop_tree()
    return EditionText(words(article.text_content()), notes, [w for note in notes for w in note], everything)


def docx_text(path):
    body = [w for paragraph in docx.Document(str(path)).paragraphs for w in words(paragraph.text)]
    with zipfile.ZipFile(path) as archive:
        footnotes = etree.fromstring(archive.read("word/footnotes.xml"))
    notes = []
    for footnote in footnotes.iter(f"{W}footnote"):
        if int(footnote.get(f"{W}id")) > 0:  # -1 and 0 are Word's separator notes
            notes.append(words("".join(text.text or "" for text in footnote.iter(f"{W}t"))))
    note_words = [w for note in notes for w in note]
    return EditionText(body, notes, note_words, body + note_words)


OPF = "{http://www.idpf.org/2007/opf}"
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"


def epub_pages(path):
    """The XHTML pages of an EPUB in reading order (its spine), parsed."""
    with zipfile.ZipFile(path) as archive:
        package = etree.fromstring(archive.read("EPUB/content.opf"))
        hrefs = {item.get("id"): item.get("href") for item in package.iter(f"{OPF}item")}
        spine = [hrefs[reference.get("idref")] for reference in package.iter(f"{OPF}itemref")]
        return [etree.fromstring(archive.read(f"EPUB/{href}")) for href in spine]


def remove_keeping_tail(element):
    """Take an element out of its tree, the text after it kept in place (as lxml.html's drop_tree does)."""
    parent, previous = element.getparent(), element.getprevious()
    if element.tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def epub_text(path):
    """Notes are the asides of epub:type footnote (at the end of their section); the body is the rest."""
    notes, body = [], []
    for page in epub_pages(path):
        for aside in [aside for aside in page.iter("{*}aside") if aside.get(EPUB_TYPE) == "footnote"]:
            notes.append(words("".join(aside.itertext())))
            remove_keeping_tail(aside)
        for call in [link for link in page.iter("{*}a") if link.get(EPUB_TYPE) == "noteref"]:
            remove_keeping_tail(call)  # its number, not a word of the text
        body += words("".join(page.find("{*}body").itertext()))
    note_words = [w for note in notes for w in note]
    return EditionText(body, notes, note_words, body + note_words)


SOFT_HYPHEN_BREAK = "\u2010"  # what WeasyPrint prints where it hyphenates a word at a line end
MM = 72 / 25.4


def join_hyphenated(texts):
    """Words broken by automatic hyphenation, joined again; an author's own '-' stays."""
    joined = []
    for text in texts:
        if joined and joined[-1].endswith(SOFT_HYPHEN_BREAK):
            joined[-1] = joined[-1][:-1] + text
        else:
            joined.append(text)
    return joined


def note_contents(pdf, page):
    """The marked-content ids of the page that the tagged PDF's structure places inside a Note."""
    tree = pdf.Root.StructTreeRoot.ParentTree.Nums
    parents = dict(zip(list(tree)[0::2], list(tree)[1::2])).get(int(page.obj.get("/StructParents", -1)), [])
    found = set()
    for mcid, element in enumerate(parents):
        while isinstance(element, pikepdf.Dictionary) and "/S" in element:
            if element.S == "/Note":
                found.add(mcid)
                break
            element = element.get("/P")
    return found


def pdf_words(path, margin_top_mm, margin_bottom_mm):
    """(text, size, in a note) of every word inside the pages' text area, in reading order: running
    heads and page numbers, which sit in the margins, are left out; a note is a Note of the tagged PDF."""
    placed = []
    with pdfplumber.open(path) as pdf, pikepdf.open(path) as tagged:
        for page, tagged_page in zip(pdf.pages, tagged.pages):
            notes = note_contents(tagged, tagged_page)
            top, bottom = margin_top_mm * MM - 1, page.height - margin_bottom_mm * MM + 1  # 1 pt for rounding
            for word in page.extract_words(extra_attrs=["size", "mcid"], use_text_flow=True):
                if top <= word["top"] and word["bottom"] <= bottom:
                    placed.append((word["text"], round(word["size"], 1), word["mcid"] in notes))
    return placed


def pdf_text(path, margin_top_mm, margin_bottom_mm):
    """Body: words at the body size or larger, not in a note. Notes: the words of the tagged PDF's Notes.
    A word hyphenated across a line or a page is joined within its own stream."""
    placed = pdf_words(path, margin_top_mm, margin_bottom_mm)
    body_size = Counter(size for _, size, _ in placed).most_common(1)[0][0]
    body = join_hyphenated(text for text, size, note in placed if size >= body_size and not note)
    notes = join_hyphenated(text for text, _, note in placed if note)
    everything = join_hyphenated(text for text, _, _ in placed)
    return EditionText(words(" ".join(body)), [], words(" ".join(notes)), words(" ".join(everything)))


def pdf_pages_text(path):
    with pdfplumber.open(path) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def embedded_fonts(path):
    """(base font name, embedded font program or None) for every font the pages use."""
    found = {}
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            for font in page.obj.get("/Resources", {}).get("/Font", {}).values():
                descendant = font.get("/DescendantFonts", [font])[0]
                descriptor = descendant.get("/FontDescriptor", {})
                program = descriptor.get("/FontFile2") or descriptor.get("/FontFile3") or descriptor.get("/FontFile")
                found[str(font["/BaseFont"])] = program.read_bytes() if program is not None else None
    return found


def structure(path):
    """[(page number, structure element type, its text, its node)] in the tree's reading order."""
    found = []
    with pdfplumber.open(path) as document:
        for number, page in enumerate(document.pages, start=1):
            text_of = {}
            for char in page.chars:
                text_of.setdefault(char.get("mcid"), []).append(char["text"])

            def visit(node):
                own = "".join("".join(text_of.get(mcid, [])) for mcid in node.get("mcids", []))
                found.append((number, node["type"], own, node))
                for child in node.get("children", []):
                    visit(child)

            for node in page.structure_tree:
                visit(node)
    return found


def margin_mm(side):
    return float(HOUSE["page"][f"margin-{side}"].removesuffix("mm"))
