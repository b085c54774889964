"""The PDF edition: the print template rendered by WeasyPrint, notes at the foot of their page.

A footnote becomes a page-bottom note here: `notes_to_footnotes` puts each
note's text at its call as `<span class="footnote">`, and print.css floats
it to the foot of the page (`float: footnote`).
"""

import hashlib
import importlib.metadata
from pathlib import Path

from markupsafe import Markup

from publish import atomic
from publish.document import span, walk
from publish.edition_inputs import load_inputs
from publish.errors import PublishError
from publish.house_style import load_house_style, stylesheet
from publish.layout import PRINT_CSS, STYLES
from publish.pandoc import html_fragment
from publish.templates import render

TEMPLATE = "print.html.j2"
PAGE_SIZES = {"a4": "A4", "letter": "letter"}


def weasyprint_version():
    return importlib.metadata.version("weasyprint")


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


def notes_to_footnotes(document, context=None):
    """Replace every Note with its text, inline at the call, marked for `float: footnote`."""

    def inline_note(element):
        if element["t"] == "Note":
            return span(["footnote"], note_inlines(element["c"], context))
        return None

    return {**document, "blocks": walk(document["blocks"], inline_note)}


def page_size_css(papersize):
    return f"@page {{ size: {PAGE_SIZES[papersize]}; }}\n"


def local_files_only(allowed_folders):
    """A WeasyPrint URL fetcher that serves files inside the allowed folders and nothing else."""
    from urllib.request import url2pathname

    from weasyprint.urls import URLFetcher

    roots = [Path(folder).resolve() for folder in allowed_folders]

    class LocalFilesOnly(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("file:"):
                path = Path(url2pathname(url.split("?")[0].removeprefix("file:"))).resolve()
                if any(path.is_relative_to(root) for root in roots):
                    return super().fetch(url, headers)
            raise ValueError(f"blocked: {url} is not a file of this publication or its styles")

    return LocalFilesOnly(allowed_protocols={"file"})


def print_html(publication):
    document, metadata = load_inputs(publication)
    body = html_fragment(notes_to_footnotes(document, publication.document), publication.document)
    return render(TEMPLATE, meta=metadata, body=Markup(body)), metadata


def build_pdf(publication):
    from weasyprint import CSS, HTML

    html, metadata = print_html(publication)
    css = stylesheet(PRINT_CSS, load_house_style()) + page_size_css(metadata["papersize"])
    fetcher = local_files_only([publication.folder, STYLES])
    pdf = HTML(string=html, base_url=str(publication.folder.resolve()) + "/", url_fetcher=fetcher).write_pdf(
        stylesheets=[CSS(string=css, url_fetcher=fetcher)],
        pdf_identifier=hashlib.sha256(publication.slug.encode()).hexdigest()[:32].encode(),
    )
    atomic.write_bytes(publication.edition("pdf"), pdf)
