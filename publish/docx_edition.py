"""The DOCX edition: pandoc's Word writer with the generated reference document.

Notes stay real Word footnotes. pandoc's own title block cannot show an
affiliation, and it leaves the author empty when authors are objects, so the
title block is written here as paragraphs in named styles, and the document
properties are set from the validated metadata.
"""

import json
from datetime import datetime, timezone

from lxml import etree

from publish import atomic
from publish.document import div, plain_inlines
from publish.edition_inputs import load_inputs
from publish.layout import REFERENCE_DOCX
from publish.metadata import edition_timestamp
from publish.pandoc import convert_document, run_pandoc
from publish.templates import render
from publish.zipfiles import rewrite_zip

CORE_PART = "docProps/core.xml"
COLOPHON_TEMPLATE = "partials/colophon.html.j2"
CORE = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
DC = "http://purl.org/dc/elements/1.1/"
DCTERMS = "http://purl.org/dc/terms/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"


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
    blocks = title_block(metadata) + document["blocks"] + colophon(metadata, context)
    return {**document, "meta": meta, "blocks": blocks}


def core_properties(metadata, timestamp):
    """docProps/core.xml: title, subject, author, keywords, language and fixed dates."""
    namespaces = {"cp": CORE, "dc": DC, "dcterms": DCTERMS, "xsi": XSI}
    root = etree.Element(f"{{{CORE}}}coreProperties", nsmap=namespaces)
    values = [
        (DC, "title", metadata["title"]),
        (DC, "subject", metadata["subtitle"]),
        (DC, "creator", "; ".join(author["name"] for author in metadata["authors"])),
        (CORE, "keywords", ", ".join(metadata["keywords"])),
        (DC, "language", metadata["lang"]),
    ]
    for namespace, name, value in values:
        etree.SubElement(root, f"{{{namespace}}}{name}").text = value
    moment = datetime.fromtimestamp(timestamp, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    for name in ("created", "modified"):
        element = etree.SubElement(root, f"{{{DCTERMS}}}{name}", {f"{{{XSI}}}type": "dcterms:W3CDTF"})
        element.text = moment
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def zip_time(timestamp):
    """A zip entry time (which cannot be before 1980)."""
    moment = datetime.fromtimestamp(max(timestamp, 315532800), timezone.utc)
    return moment.timetuple()[:6]


def build_docx(publication):
    document, metadata = load_inputs(publication)
    timestamp = edition_timestamp(metadata)
    output = convert_document(
        word_document(document, metadata, publication.document),
        "docx",
        [f"--reference-doc={REFERENCE_DOCX}", "--output=-"],
        source_date_epoch=timestamp,
        context=publication.document,
    )
    docx = rewrite_zip(output, {CORE_PART: core_properties(metadata, timestamp)}, zip_time(timestamp))
    atomic.write_bytes(publication.edition("docx"), docx)
