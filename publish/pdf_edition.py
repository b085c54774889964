"""The PDF editions: the print template rendered by WeasyPrint, notes at the foot of their page.

A footnote becomes a page-bottom note here: `notes_to_footnotes` puts each
note's text at its call as `<span class="footnote">`, and print.css floats
it to the foot of the page (`float: footnote`).

Three variants share one layout: the default tagged PDF/UA-1 edition, an
archival PDF/A-3b that carries its own sources, and a printer's file with
bleed and crop marks.
"""

import hashlib
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from xml.etree import ElementTree

from markupsafe import Markup

from publish import atomic
from publish.document import span, walk
from publish.edition_inputs import load_inputs
from publish.errors import PublishError
from publish.house_style import load_house_style, stylesheet
from publish.layout import PRINT_CSS, STYLES
from publish.long_notes import fit_long_notes, split_inlines, words
from publish.pandoc import html_fragment
from publish.templates import render

TEMPLATE = "print.html.j2"
PAGE_SIZES = {"a4": "A4", "letter": "letter"}
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
DC = "http://purl.org/dc/elements/1.1/"


@dataclass(frozen=True)
class Variant:
    name: str  # "" for the default edition, else the file name's suffix
    pdf_variant: str | None  # WeasyPrint's pdf_variant
    extra_css: str = ""
    attach_sources: bool = False


VARIANTS = {
    "pdf": Variant("", "pdf/ua-1"),
    "pdfa": Variant("pdfa", "pdf/a-3b", attach_sources=True),
    "press": Variant("press", None, extra_css="@page { bleed: 3mm; marks: crop; }\n"),
}


def note_inlines(blocks, context):
    """A note's paragraphs as one run of inlines, paragraphs separated by line breaks."""
    inlines = []
    for block in blocks:
        if block["t"] not in ("Para", "Plain"):
            raise PublishError(f"a footnote holds a {block['t']}; the print edition takes only paragraphs in notes", context)
        if inlines:
            inlines.append({"t": "LineBreak"})
        inlines.extend(block["c"])
    return inlines


def notes_to_footnotes(document, context=None, cuts=None):
    """Replace every Note with its text, inline at the call, marked for `float: footnote`.

    `cuts` ({note number: words kept}) splits long notes, see long_notes.py.
    """
    cuts = cuts or {}
    number = 0

    def inline_note(element):
        nonlocal number
        if element["t"] != "Note":
            return None
        number += 1
        inlines = note_inlines(element["c"], context)
        kept = cuts.get(str(number), 0)
        if not kept:
            return span(["footnote"], inlines, {"note": str(number)})
        head, tail = split_inlines(inlines, kept)
        return [span(["footnote"], head, {"note": str(number)}),
                span(["footnote", "footnote-continued"], tail, {"note": f"{number}-continued"})]

    return {**document, "blocks": walk(document["blocks"], inline_note)}


def note_word_counts(document, context=None):
    """{note number: words in the note}, numbered as notes_to_footnotes numbers them."""
    counts = []

    def count(element):
        if element["t"] == "Note":
            counts.append(words(note_inlines(element["c"], context)))
        return None

    walk(document["blocks"], count)
    return {str(number): total for number, total in enumerate(counts, start=1)}


def page_css(house, papersize):
    """Page size from the series settings, margins from the house style."""
    page = house["page"]
    margins = " ".join(page[f"margin-{side}"] for side in ("top", "outer", "bottom", "inner"))
    return f"@page {{ size: {PAGE_SIZES[papersize]}; margin: {margins}; }}\n"


def local_files_only(allowed_folders):
    """A WeasyPrint URL fetcher that serves files inside the allowed folders and nothing else."""
    from urllib.request import url2pathname

    from weasyprint.urls import URLFetcher

    roots = [Path(folder).resolve() for folder in allowed_folders]

    class LocalFilesOnly(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):  # images embedded by the parse stage: no file, no network
                return super().fetch(url, headers)
            if url.startswith("file:"):
                path = Path(url2pathname(url.split("?")[0].removeprefix("file:"))).resolve()
                if any(path.is_relative_to(root) for root in roots):
                    return super().fetch(url, headers)
            raise ValueError(f"blocked: {url} is not a file of this publication or its styles")

    return LocalFilesOnly(allowed_protocols={"file", "data"})


def print_html(document, metadata, context=None, cuts=None):
    body = html_fragment(notes_to_footnotes(document, context, cuts), context)
    return render(TEMPLATE, meta=metadata, body=Markup(body))


def source_attachments(publication, metadata):
    """The canonical Markdown and its bibliographies, to travel inside the archival PDF."""
    from weasyprint import Attachment

    files = [publication.index] + [publication.folder / name for name in metadata["bibliography"]]
    moment = datetime.fromtimestamp(metadata["timestamp"], timezone.utc)  # not the files' times: same bytes every build
    return [Attachment(filename=str(path.resolve()), name=path.name, created=moment, modified=moment) for path in files]


def add_language_to_xmp(metadata, lang):
    """Put dc:language into the XMP that WeasyPrint writes (it gives the language only as /Lang)."""
    generate = metadata.generate_rdf_metadata

    def with_language(*arguments):
        rdf = ElementTree.fromstring(generate(*arguments))
        description = ElementTree.SubElement(rdf, f"{{{RDF}}}Description", {f"{{{RDF}}}about": ""})
        bag = ElementTree.SubElement(ElementTree.SubElement(description, f"{{{DC}}}language"), f"{{{RDF}}}Bag")
        ElementTree.SubElement(bag, f"{{{RDF}}}li").text = lang
        return ElementTree.tostring(rdf, encoding="utf-8")

    metadata.generate_rdf_metadata = with_language


def render_pdf(publication, variant):
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    document, metadata = load_inputs(publication)
    house = load_house_style()
    css = stylesheet(PRINT_CSS, house, font_url=str) + page_css(house, metadata["papersize"]) + variant.extra_css
    fetcher = local_files_only([publication.folder, STYLES])
    fonts = FontConfiguration()  # WeasyPrint loads @font-face rules only through one of these
    options = {
        "stylesheets": [CSS(string=css, base_url=str(STYLES.resolve()) + "/", url_fetcher=fetcher, font_config=fonts)],
        "pdf_identifier": hashlib.sha256(f"{publication.slug}/{variant.name}".encode()).hexdigest()[:32].encode(),
        "pdf_variant": variant.pdf_variant,
        "uncompressed_pdf": False,
    }
    if variant.attach_sources:
        options["attachments"] = source_attachments(publication, metadata)

    def layout(cuts):
        html = print_html(document, metadata, publication.document, cuts)
        page = HTML(string=html, base_url=str(publication.folder.resolve()) + "/", url_fetcher=fetcher)
        return page.render(font_config=fonts, **options)

    rendered = fit_long_notes(layout, note_word_counts(document, publication.document))
    add_language_to_xmp(rendered.metadata, metadata["lang"])
    return rendered.write_pdf(**options)


def build_pdf(publication, variant_key="pdf"):
    variant = VARIANTS[variant_key]
    atomic.write_bytes(publication.edition("pdf", variant.name), render_pdf(publication, variant))
