"""The DOCX edition: pandoc's Word writer with the generated reference document.

Notes stay real Word footnotes. pandoc's own title block cannot show an
affiliation, and it leaves the author empty when authors are objects, so the
title block is written here as paragraphs in named styles, and the document
properties are set from the validated metadata.
"""

from publish import atomic
from publish.document import div, plain_inlines
from publish.editions.docx_fonts import FONT_TABLE, SETTINGS, font_parts
from publish.editions.docx_furniture import furniture
from publish.editions.docx_images import word_images
from publish.editions.docx_masthead import masthead_parts
from publish.editions.docx_math import word_equations
from publish.editions.docx_package import (
    FOOTER_PART,
    HEADER_PART,
    TableMeasures,
    core_properties,
    custom_properties,
    finished_body,
    finished_notes,
    page_number_footer,
    running_head,
    text_width,
    with_content_types,
    with_page_setup,
    with_relationships,
)
from publish.editions.docx_review_record import review_record_parts
from publish.editions.inputs import load_inputs, load_sources
from publish.editions.stand_ins import real_pictures
from publish.editions.templates import rendered_blocks
from publish.editions.zipfiles import read_members, rewrite_zip, zip_time
from publish.house_style import load_house_style
from publish.pandoc import convert_document
from publish.paths import REFERENCE_DOCX

COLOPHON_TEMPLATE = "partials/colophon.html.j2"
CORE_PART, CUSTOM_PART, FOOTNOTES_PART = "docProps/core.xml", "docProps/custom.xml", "word/footnotes.xml"
DOCUMENT_PART, RELS_PART, CONTENT_TYPES_PART = "word/document.xml", "word/_rels/document.xml.rels", "[Content_Types].xml"


def styled_paragraph(style, text, mark=""):
    """A paragraph in a named style; `mark`, an affiliation's number, as a superscript after an author's
    name and before an affiliation."""
    superscript = [{"t": "Superscript", "c": [{"t": "Str", "c": mark}]}] if mark else []
    inlines = superscript + plain_inlines(text) if style == "Affiliation" else plain_inlines(text) + superscript
    return div([("custom-style", style)], [{"t": "Para", "c": inlines}])


def title_block(metadata):
    """Series, title, subtitle, authors with their positions, affiliations and date, each in its own style.
    Several authors' affiliations are listed once, numbered when there is more than one (as on the web)."""
    masthead = bool(metadata["brand"])  # which then shows the series and the date (docx_masthead)
    lines = [("Series", "" if masthead else metadata["series"], ""), ("Title", metadata["title"], ""),
             ("Subtitle", metadata["subtitle"], "")]
    shared = len(metadata["authors"]) > 1
    numbered = shared and len(metadata["affiliations"]) > 1
    for author in metadata["authors"]:
        lines.append(("Author", author["name"], ",".join(map(str, author["affiliation_numbers"])) if numbered else ""))
        lines.append(("Author Position", author["position"], ""))
        if not shared:
            lines.extend(("Affiliation", line, "") for line in author["affiliation"])
    if shared:
        lines.extend(("Affiliation", line, str(number) if numbered else "")
                     for number, line in enumerate(metadata["affiliations"], start=1))
    lines.append(("Date", "" if masthead else metadata["date_display"], ""))
    return [styled_paragraph(style, text, mark) for style, text, mark in lines if text]


def word_document(document, metadata, context=None):
    """(the document as pandoc should write it: our title block, no pandoc title block, the colophon, its
    pictures as stand-ins; the pictures' bytes by the mark of their stand-in, publish.editions.stand_ins)."""
    meta = {"lang": {"t": "MetaString", "c": metadata["lang"]}}
    if metadata["dir"] == "rtl":  # pandoc then writes right-to-left paragraphs (w:bidi) and runs (w:rtl)
        meta["dir"] = {"t": "MetaString", "c": "rtl"}
    colophon = rendered_blocks(COLOPHON_TEMPLATE, metadata, context)
    document, pictures = word_images(document, load_house_style(), metadata["papersize"])
    blocks = title_block(metadata) + furniture(word_equations(document))["blocks"] + colophon
    return {**document, "meta": meta, "blocks": blocks}, pictures


def package_parts(docx, metadata, timestamp, source_text):
    """The parts we write or rewrite in pandoc's package: properties, page set-up, notes, header, footer,
    the house fonts, embedded, and the record of the source `doit review` reads (`source_text`)."""
    house = load_house_style()
    papersize = metadata["papersize"]
    parts = read_members(docx, [DOCUMENT_PART, RELS_PART, CONTENT_TYPES_PART, FOOTNOTES_PART, FONT_TABLE, SETTINGS])
    width, tables = text_width(papersize, house["page"]), TableMeasures.of(house)
    written = {
        CORE_PART: core_properties(metadata),
        CUSTOM_PART: custom_properties(metadata),
        DOCUMENT_PART: with_page_setup(finished_body(parts[DOCUMENT_PART], width, tables, metadata["dir"], house.get("boxes")),
                                       papersize, house["page"], metadata["dir"]),
        FOOTNOTES_PART: finished_notes(parts[FOOTNOTES_PART], width, tables, metadata["dir"]),
        RELS_PART: with_relationships(parts[RELS_PART]),
        HEADER_PART: running_head(metadata, width),
        FOOTER_PART: page_number_footer(metadata["dir"]),
    }
    written[CONTENT_TYPES_PART] = with_content_types(parts[CONTENT_TYPES_PART])
    written.update(masthead_parts(metadata, {**parts, **written}, width, house))
    text_parts = {**parts, **written}
    written.update(font_parts(text_parts, house, written[CONTENT_TYPES_PART]))
    written.update(review_record_parts({**parts, **written}, source_text))
    return written


def build_docx(publication):
    document, metadata = load_inputs(publication, "docx")
    timestamp = metadata["timestamp"]
    document, pictures = word_document(document, metadata, publication.index)
    output = convert_document(
        document,
        "docx",
        [f"--reference-doc={REFERENCE_DOCX}", "--output=-"],
        source_date_epoch=timestamp,
        context=publication.index,
    )
    source_text = load_sources(publication)[0]["text"]  # the Markdown, as the parse read it
    parts = {**real_pictures(output, pictures, "word/media/"), **package_parts(output, metadata, timestamp, source_text)}
    docx = rewrite_zip(output, parts, zip_time(timestamp))
    atomic.write_bytes(publication.artifact("docx"), docx)
