"""The DOCX edition: pandoc's Word writer with the generated reference document.

Notes stay real Word footnotes. pandoc's own title block cannot show an
affiliation, and it leaves the author empty when authors are objects, so the
title block is written here as paragraphs in named styles, and the document
properties are set from the validated metadata.
"""

import json
from datetime import datetime, timezone

from publish import atomic
from publish.document import div, plain_inlines
from publish.editions.docx_images import word_images
from publish.editions.docx_package import (
    FOOTER_PART,
    HEADER_PART,
    TableMeasures,
    core_properties,
    custom_properties,
    finished_body,
    page_number_footer,
    running_head,
    text_width,
    with_content_types,
    with_page_setup,
    with_relationships,
)
from publish.editions.house_style import load_house_style
from publish.editions.inputs import load_inputs
from publish.editions.templates import render
from publish.editions.zipfiles import read_members, rewrite_zip
from publish.pandoc import convert_document, run_pandoc
from publish.paths import REFERENCE_DOCX

COLOPHON_TEMPLATE = "partials/colophon.html.j2"
CORE_PART, CUSTOM_PART = "docProps/core.xml", "docProps/custom.xml"
DOCUMENT_PART, RELS_PART, CONTENT_TYPES_PART = "word/document.xml", "word/_rels/document.xml.rels", "[Content_Types].xml"


def styled_paragraph(style, text):
    return div([("custom-style", style)], [{"t": "Para", "c": plain_inlines(text)}])


def title_block(metadata):
    """Series, title, subtitle, author, position, affiliation and date, each in its own style."""
    lines = [("Series", metadata["series"]), ("Title", metadata["title"]), ("Subtitle", metadata["subtitle"])]
    for author in metadata["authors"]:
        lines.append(("Author", author["name"]))
        lines.append(("Author Position", author["position"]))
        lines.extend(("Affiliation", line) for line in author["affiliation"])
    lines.append(("Date", metadata["date"]))
    return [styled_paragraph(style, text) for style, text in lines if text]


def colophon(metadata, context):
    """The colophon the other editions show, from the same template, as pandoc blocks.

    Its headings are shifted up one level, as the text's sections are Heading 1 here.
    """
    html = render(COLOPHON_TEMPLATE, meta=metadata)
    arguments = ["--from=html", "--to=json", "--shift-heading-level-by=-1"]
    return json.loads(run_pandoc(arguments, html.encode("utf-8"), context=context))["blocks"]


def word_document(document, metadata, context=None):
    """The document as pandoc should write it: our title block, no pandoc title block, the colophon."""
    meta = {"lang": {"t": "MetaString", "c": metadata["lang"]}}
    blocks = title_block(metadata) + word_images(document)["blocks"] + colophon(metadata, context)
    return {**document, "meta": meta, "blocks": blocks}


def zip_time(timestamp):
    """A zip entry time (which cannot be before 1980)."""
    moment = datetime.fromtimestamp(max(timestamp, 315532800), timezone.utc)
    return moment.timetuple()[:6]


def package_parts(docx, metadata, timestamp):
    """The parts we write or rewrite in pandoc's package: properties, page set-up, header, footer."""
    house = load_house_style()
    papersize = metadata["papersize"]
    parts = read_members(docx, [DOCUMENT_PART, RELS_PART, CONTENT_TYPES_PART])
    return {
        CORE_PART: core_properties(metadata, timestamp),
        CUSTOM_PART: custom_properties(metadata),
        DOCUMENT_PART: with_page_setup(finished_body(parts[DOCUMENT_PART], text_width(papersize, house["page"]),
                                                     TableMeasures.of(house)), papersize, house["page"]),
        RELS_PART: with_relationships(parts[RELS_PART]),
        CONTENT_TYPES_PART: with_content_types(parts[CONTENT_TYPES_PART]),
        HEADER_PART: running_head(metadata, text_width(papersize, house["page"])),
        FOOTER_PART: page_number_footer(),
    }


def build_docx(publication):
    document, metadata = load_inputs(publication, "docx")
    timestamp = metadata["timestamp"]
    output = convert_document(
        word_document(document, metadata, publication.document),
        "docx",
        [f"--reference-doc={REFERENCE_DOCX}", "--output=-"],
        source_date_epoch=timestamp,
        context=publication.document,
    )
    docx = rewrite_zip(output, package_parts(output, metadata, timestamp), zip_time(timestamp))
    atomic.write_bytes(publication.artifact("docx"), docx)
