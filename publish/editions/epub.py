"""The EPUB edition: an EPUB 3 for e-readers, from the parse's document, by pandoc's EPUB writer.

pandoc writes the book (one file a section, the navigation, notes as EPUB footnotes at the end of
their section and linked both ways, figures with their text alternatives, tables, formulas as
MathML, the bibliography) in its sandbox, which reads no file; this module then finishes the
package: the house style sheet and the house fonts, cut to the book's characters; a cover drawn
from the publication's title block (WeasyPrint, then pdfium); notes numbered through the book;
the one moment the editions record. After the cover comes the title page (the title block the
other editions show), then the text, and the colophon closes the book. The package says how the
book can be read (schema.org's accessibility metadata), only what is true of it.
"""

import io
import math
import uuid
import zipfile

from lxml import etree

from publish import atomic
from publish.document import iterate, plain_inlines
from publish.editions.font_subsets import subset
from publish.editions.fragments import mark_wide_tables
from publish.editions.inputs import load_inputs
from publish.editions.local_files import local_files_only, remove_font_folder
from publish.editions.picture_sizes import shown_px, sized_pictures
from publish.editions.stand_ins import real_pictures, stand_in_url
from publish.editions.templates import render, rendered_blocks
from publish.editions.weasyprint_loading import load_weasyprint
from publish.editions.web_fonts import faces_used, page_characters
from publish.editions.zipfiles import read_members, rewrite_zip, zip_time
from publish.house_style import font_faces, font_files, font_folders, load_house_style
from publish.labels import Labels
from publish.pandoc import convert_document
from publish.pictures.cache import fitted
from publish.paths import STYLES

TITLE_PAGE, COLOPHON = "epub/title-page.html.j2", "partials/colophon.html.j2"
COVER, COVER_PAGE, STYLESHEET = "epub/cover.html.j2", "epub/cover-page.html.j2", "epub/book.css.j2"
OPF, NAV, CSS_PART = "EPUB/content.opf", "EPUB/nav.xhtml", "EPUB/styles/stylesheet1.css"
OPF_NS, DCTERMS_MODIFIED = "http://www.idpf.org/2007/opf", "dcterms:modified"
TITLE_ID = "publication-title"  # the title page's heading
COVER_WIDTH = 1600  # pixels; the cover is 2:3, as e-book shops ask
READER_PX = 1600  # the widest picture the book carries: a tablet's screen in portrait, wider than an e-reader's
MEDIA_TYPES = {"woff2": "font/woff2", "png": "image/png", "xhtml": "application/xhtml+xml"}
XHTML, EPUB_TYPE = "http://www.w3.org/1999/xhtml", "{http://www.idpf.org/2007/ops}type"


def meta(value):
    """A value as pandoc metadata: text stays text (never read as Markdown), lists and mappings alike."""
    if isinstance(value, list):
        return {"t": "MetaList", "c": [meta(item) for item in value]}
    if isinstance(value, dict):
        return {"t": "MetaMap", "c": {key: meta(item) for key, item in value.items()}}
    return {"t": "MetaString", "c": str(value)}


def identifier(metadata):
    """The book's unique identifier: its DOI, else a UUID derived from its address or its name."""
    if metadata["doi"]:
        return {"scheme": "DOI", "text": f"doi:{metadata['doi']}"}
    name = metadata["url"] or f"publication:{metadata['publication']}"
    return {"scheme": "UUID", "text": f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}"}


def accessibility(body):
    """schema.org's accessibility metadata, from what the book's blocks hold: every image has a text
    alternative (the checks refuse one without), formulas are MathML, the text is structured and navigable."""
    kinds = {element["t"] for element in iterate(body)}
    pictures, formulas = "Image" in kinds, "Math" in kinds
    features = ["structuralNavigation", "tableOfContents", "readingOrder", *(["alternativeText"] * pictures),
                *(["MathML"] * formulas)]
    summary = ("The text is structured by headings, with a table of contents; notes are linked to and from their "
               "calls" + ("; every image has a text alternative" if pictures else "")
               + ("; formulas are MathML" if formulas else "") + ".")
    return {"accessModes": ["textual", *(["visual"] * pictures)], "accessModeSufficient": ["textual"],
            "accessibilityFeatures": features, "accessibilityHazards": ["none"], "accessibilitySummary": summary}


def book_metadata(metadata, body):
    """What the package says of the book, as pandoc's EPUB writer reads it."""
    values = {"title": metadata["title"], "subtitle": metadata["subtitle"], "lang": metadata["lang"],
              "author": [author["name"] for author in metadata["authors"]], "date": metadata["date"],
              "identifier": [identifier(metadata)], "toc-title": Labels(metadata["lang"]).word("Contents"),
              "contributor": [{"role": "trl", "text": name} for name in metadata["translators"]],
              "publisher": metadata["publisher"], "rights": metadata["license"], "subject": metadata["keywords"],
              "description": metadata["description"] or metadata["summary"],
              "belongs-to-collection": metadata["series"], **accessibility(body)}
    if metadata["dir"] == "rtl":
        values.update({"dir": "rtl", "page-progression-direction": "rtl"})
    return {key: meta(value) for key, value in values.items() if value not in ("", [])}


def reader_pictures(document):
    """(the document with each picture as a data: URL of a stand-in of it at the size an e-reader shows it:
    at most READER_PX, its width attribute's share of it; {stand-in's mark: bytes}, publish.editions.stand_ins)."""
    pictures = {}

    def finish(picture, width):
        return stand_in_url(fitted(picture, width, "screen"), picture.media_type, pictures)

    def reader_pixels(picture, pairs):
        return math.ceil(shown_px(pairs, READER_PX))

    return sized_pictures(document, reader_pixels, finish, "screen"), pictures


def book(document, metadata, context=None):
    """(the document as pandoc should write it: the title page first (the title as its heading, then the rest
    of the title block), the text, then the colophon; its pictures' bytes by their stand-in's mark)."""
    title = {"t": "Header", "c": [1, [TITLE_ID, ["unnumbered", "title"], []], plain_inlines(metadata["title"])]}
    title_page = {"t": "RawBlock", "c": ["html", render(TITLE_PAGE, meta=metadata)]}
    document, pictures = reader_pictures(document)
    blocks = [title, title_page, *document["blocks"], *rendered_blocks(COLOPHON, metadata, context)]
    return {**document, "blocks": blocks, "meta": book_metadata(metadata, blocks)}, pictures


def embedded_fonts(house, text):
    """({file name: WOFF2 subset}, @font-face rules) of the house faces the book's text uses."""
    characters, faces = page_characters(text), faces_used(text)
    files, names = {}, {}
    for _, _, path in font_files(house, faces):
        name = f"{path.rsplit('/', 1)[-1].rsplit('.', 1)[0]}.woff2"
        files[name], names[path] = subset(STYLES / path, characters, "web"), name
    return files, font_faces(house, lambda path: f"../fonts/{names[path]}", faces)


def cover_png(metadata, house):
    """The title block drawn as the book's cover: WeasyPrint lays out the cover page in the house fonts,
    pdfium draws it as a PNG."""
    import pypdfium2
    load_weasyprint()
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fetcher, fonts = local_files_only([STYLES, *font_folders(house)]), FontConfiguration()
    try:
        css = CSS(string=font_faces(house, str), base_url=str(STYLES.resolve()) + "/", url_fetcher=fetcher,
                  font_config=fonts)
        page = HTML(string=render(COVER, meta=metadata, house=house), base_url=str(STYLES.resolve()) + "/",
                    url_fetcher=fetcher)
        pdf = pypdfium2.PdfDocument(page.write_pdf(stylesheets=[css], font_config=fonts))
    finally:
        remove_font_folder(fonts)
    try:
        width = pdf[0].get_width()
        image = pdf[0].render(scale=COVER_WIDTH / width).to_pil()
    finally:
        pdf.close()
    output = io.BytesIO()
    image.convert("RGB").save(output, format="PNG", optimize=True)
    return output.getvalue()


def manifest_item(manifest, identifier_, href, properties=""):
    item = etree.SubElement(manifest, f"{{{OPF_NS}}}item", id=identifier_, href=href,
                            attrib={"media-type": MEDIA_TYPES[href.rsplit(".", 1)[1]]})
    if properties:
        item.set("properties", properties)


def finished_opf(opf, metadata, fonts):
    """The package document with the editions' one moment, the fonts, and the cover image and page (first)."""
    root = etree.fromstring(opf)
    namespaces = {"opf": OPF_NS}
    root.find(f"opf:metadata/opf:meta[@property='{DCTERMS_MODIFIED}']", namespaces).text = metadata["modified"]
    etree.SubElement(root.find("opf:metadata", namespaces), f"{{{OPF_NS}}}meta", name="cover", content="cover-image")
    manifest = root.find("opf:manifest", namespaces)
    for number, name in enumerate(sorted(fonts), start=1):
        manifest_item(manifest, f"font-{number}", f"fonts/{name}")
    manifest_item(manifest, "cover-image", "media/cover.png", "cover-image")
    manifest_item(manifest, "cover-page", "text/cover.xhtml")
    spine = root.find("opf:spine", namespaces)
    spine.insert(0, etree.Element(f"{{{OPF_NS}}}itemref", idref="cover-page", linear="yes"))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def spine_pages(epub):
    """{name: parsed page} of the package's XHTML pages, in reading order (the spine's)."""
    with zipfile.ZipFile(io.BytesIO(epub)) as package:
        opf = etree.fromstring(package.read(OPF))
        hrefs = {item.get("id"): item.get("href") for item in opf.iter(f"{{{OPF_NS}}}item")}
        names = [f"EPUB/{hrefs[reference.get('idref')]}" for reference in opf.iter(f"{{{OPF_NS}}}itemref")]
        return {name: etree.fromstring(package.read(name)) for name in names}


def number_notes(pages):
    """pandoc numbers an EPUB's notes afresh in each of its files and sets them, at the file's end, without
    a number: each call gets its number in the whole book (as in the other editions), and each note that
    number before its text, linked back to its call."""
    number = 0
    for page in pages:
        notes = {f"#{aside.get('id')}": aside for aside in page.iter(f"{{{XHTML}}}aside")}
        for call in [link for link in page.iter(f"{{{XHTML}}}a") if link.get(EPUB_TYPE) == "noteref"]:
            number += 1
            call.text = str(number)
            back = etree.Element(f"{{{XHTML}}}a", {"href": f"#{call.get('id')}", "class": "footnote-number",
                                                 "role": "doc-backlink"})
            back.text = f"{number}."
            note = notes[call.get("href")]
            first = note[0] if len(note) and note[0].tag == f"{{{XHTML}}}p" else note  # its first paragraph
            back.tail = " " + (first.text or "")
            first.text = None
            first.insert(0, back)


def finished_pages(epub, metadata, house):
    """The pages of the book with their notes numbered through the book, wide tables marked, and every page
    marked right to left for a right-to-left book (pandoc's EPUB writer does none of these)."""
    pages = spine_pages(epub)
    number_notes(pages.values())
    for page in pages.values():
        mark_wide_tables(page, house, XHTML)
    if metadata["dir"] == "rtl":
        with zipfile.ZipFile(io.BytesIO(epub)) as package:
            pages[NAV] = etree.fromstring(package.read(NAV))
        for page in pages.values():
            page.set("dir", "rtl")
    return {name: etree.tostring(page.getroottree(), xml_declaration=True, encoding="UTF-8", doctype="<!DOCTYPE html>")
            for name, page in pages.items()}


def finished_package(epub, metadata, house, text, pictures=None):
    """pandoc's package with its pictures (`pictures`, by the mark of their stand-ins), the house style sheet
    and fonts, the cover, right-to-left pages marked as such, and fixed times."""
    fonts, faces = embedded_fonts(house, text)
    cover = cover_png(metadata, house)
    parts = {**real_pictures(epub, pictures or {}, "EPUB/media/"), **finished_pages(epub, metadata, house),
             OPF: finished_opf(read_members(epub, [OPF])[OPF], metadata, fonts),
             CSS_PART: (faces + render(STYLESHEET, house=house)).encode("utf-8"),
             "EPUB/media/cover.png": cover,
             "EPUB/text/cover.xhtml": render(COVER_PAGE, meta=metadata).encode("utf-8"),
             **{f"EPUB/fonts/{name}": data for name, data in fonts.items()}}
    return rewrite_zip(epub, parts, zip_time(metadata["timestamp"]), stored=("mimetype",))


def package_text(epub):
    """The text of every page of the package: the fonts cover each character (and face) it shows."""
    with zipfile.ZipFile(io.BytesIO(epub)) as package:
        return "".join(package.read(name).decode("utf-8") for name in package.namelist() if name.endswith(".xhtml"))


def build_epub(publication):
    document, metadata = load_inputs(publication, "epub")
    document, pictures = book(document, metadata, publication.index)
    epub = convert_document(document, "epub3", ["--output=-", "--epub-title-page=false", "--split-level=1", "--mathml"],
                            context=publication.index)
    finished = finished_package(epub, metadata, load_house_style(), package_text(epub), pictures)
    atomic.write_bytes(publication.artifact("epub"), finished)
