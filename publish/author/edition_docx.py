"""A DOCX edition built here, adopted as a Word draft (publish.author.adopt_docx).

An edition says it was built here (its `Publication` document property). What the build added to the
text is taken out before pandoc reads it, so that the next build does not print it twice: the title
block (its styled paragraphs become the front matter's authors, positions, affiliations and date)
and the colophon ("About this publication", from its bookmark to the end). The bibliography the build
printed stays as text: the edition holds no citation data to make it again.
"""

import io
import zipfile

from lxml import etree

from publish.editions.zipfiles import rewrite_zip
from publish.ooxml import w, xml_bytes
from publish.review.reviewed_docx import custom_properties

TITLE_BLOCK_STYLES = ("Series", "Title", "Subtitle", "Author", "Author Position", "Affiliation", "Date")
COLOPHON_BOOKMARK = "colophon-heading"  # templates/partials/colophon.html.j2's heading id
CUSTOM_PART = "docProps/custom.xml"


def package_part(package, name):
    """The package's XML part, or None when it has none or is no package (pandoc then says what it is)."""
    try:
        with zipfile.ZipFile(io.BytesIO(package)) as archive:
            return etree.fromstring(archive.read(name)) if name in archive.namelist() else None
    except (zipfile.BadZipFile, etree.XMLSyntaxError):
        return None


def edition_properties(package):
    """The document properties of an edition built here ({'Publication': slug, ...}), or {} for a draft."""
    properties = custom_properties(package_part(package, CUSTOM_PART))
    return properties if properties.get("Publication") else {}


def style_names(package):
    """{style id: style name} of the package's paragraph styles."""
    styles = package_part(package, "word/styles.xml")
    if styles is None:
        return {}
    return {style.get(w("styleId")): style.find(w("name")).get(w("val")) for style in styles.iter(w("style"))
            if style.find(w("name")) is not None}


def title_block_lines(body, names):
    """[(style name, text, mark)] of the leading paragraphs in the title block's styles, taken out of
    `body`; the mark is the superscript that ties authors to numbered affiliations ('1,2')."""
    lines = []
    for paragraph in list(body):
        style = paragraph.find(f"{w('pPr')}/{w('pStyle')}")
        name = names.get(style.get(w("val"))) if style is not None else None
        if paragraph.tag != w("p") or name not in TITLE_BLOCK_STYLES:
            break
        raised = list(paragraph.iterfind(f".//{w('vertAlign')}/../../{w('t')}"))
        text = "".join(node.text or "" for node in paragraph.iter(w("t")) if node not in raised)
        lines.append((name, text.strip(), "".join(node.text or "" for node in raised)))
        body.remove(paragraph)
    return lines


def without_colophon(body):
    """`body` without the colophon: from the paragraph holding its bookmark to the end (not the section
    properties). The number of paragraphs taken out."""
    children = [child for child in body if child.tag != w("sectPr")]
    start = next((index for index, child in enumerate(children)  # the bookmark may stand in the body itself
                  if any(mark.get(w("name")) == COLOPHON_BOOKMARK for mark in child.iter(w("bookmarkStart")))), None)
    for child in children[start:] if start is not None else []:
        body.remove(child)
    return 0 if start is None else len(children) - start


def without_furniture(package):
    """(the edition without its title block and colophon, the title block's lines,
    how many colophon paragraphs were taken out)."""
    document = package_part(package, "word/document.xml")
    body = document.find(w("body"))
    lines = title_block_lines(body, style_names(package))
    colophon = without_colophon(body)
    return rewrite_zip(package, {"word/document.xml": xml_bytes(document)}), lines, colophon


def authors_of(lines):
    """The front matter's authors from the title block: each Author line with the position that follows
    it and its affiliations (those that follow it; with several authors, those its marks number, or all
    when they are not numbered)."""
    authors, marks, shared = [], [], []
    for style, text, mark in lines:
        if style == "Author":
            authors.append({"name": text})
            marks.append(set(mark.split(",")) - {""})
        elif style == "Author Position" and authors:
            authors[-1]["position"] = text
        elif style == "Affiliation" and len(authors) == 1:
            authors[0].setdefault("affiliation", []).append(text)
        elif style == "Affiliation":
            shared.append((mark, text))
    for author, numbers in zip(authors, marks) if len(authors) > 1 else ():
        author["affiliation"] = [text for mark, text in shared if not numbers or mark in numbers] or None
    return [{key: value for key, value in author.items() if value} for author in authors]


def front_of(lines, properties):
    """The front matter the title block and the edition's properties give: only what they say."""
    front = {style.lower(): text for style, text, _ in lines if style in ("Title", "Subtitle") and text}
    if authors := authors_of(lines):
        front["author"] = [author if len(author) > 1 else author["name"] for author in authors]
    if properties.get("Edition date"):
        front["date"] = properties["Edition date"]
    return front
