"""The PDF editions: the print template rendered by WeasyPrint, notes at the foot of their page.

A footnote becomes a page-bottom note (publish.editions.print_notes).

Three variants share one layout: the default tagged PDF/UA-1 edition, an
archival PDF/A-3b that carries its own sources, and a printer's file with
bleed and crop marks.
"""

import hashlib
from dataclasses import dataclass
from datetime import datetime, timezone
from xml.etree import ElementTree

from markupsafe import Markup

from publish import atomic
from publish.bidi import isolate_runs
from publish.editions.continued_tables import number_rows, split_tables
from publish.editions.directions import mark_islands
from publish.editions.floats import fit_floats, number_floats
from publish.editions.fragments import finished, mark_wide_tables
from publish.editions.inputs import load_inputs, load_sources
from publish.editions.local_files import local_files_only, remove_font_folder
from publish.editions.math_images import draw_formulas
from publish.editions.page_ends import number_blocks
from publish.editions.picture_sizes import print_pictures
from publish.editions.pdf_structure import finish_structure
from publish.editions.print_notes import PrintText, note_word_counts, put_cut_notes
from publish.editions.settling import Adjustments, settled_layout
from publish.editions.templates import render
from publish.editions.weasyprint_loading import load_weasyprint
from publish.editions.web_edition_code import web_edition_code
from publish.house_style import font_folders, load_house_style, masthead_css, stylesheet
from publish.labels import Labels, counter_style
from publish.paths import PRINT_CSS, STYLES

TEMPLATE = "print.html.j2"
PAGE_SIZES = {"a4": "A4", "letter": "letter"}
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
DC = "http://purl.org/dc/elements/1.1/"


@dataclass(frozen=True)
class Variant:
    key: str  # the artifact kind: pdf, pdfa, press
    pdf_variant: str | None  # WeasyPrint's pdf_variant; every variant is tagged and carries XMP metadata
    extra_css: str = ""
    attach_sources: bool = False
    bleed_mm: float = 0  # the printer's bleed round the trimmed page, inside the room for marks


# The printer's file: a 3 mm bleed, and round it room for the crop marks, which WeasyPrint draws in the outer
# half of its CSS bleed; the PDF's BleedBox is then set to the 3 mm, so that the marks stand outside it.
PRESS_BLEED_MM, PRESS_MARKS_ROOM_MM = 3, 10
VARIANTS = {
    "pdf": Variant("pdf", "pdf/ua-1"),
    # PDF/A-3a: archival, tagged like the PDF/UA edition, carrying its own sources.
    "pdfa": Variant("pdfa", "pdf/a-3a", attach_sources=True),
    "press": Variant("press", None, extra_css=f"@page {{ bleed: {PRESS_MARKS_ROOM_MM}mm; marks: crop; }}\n",
                     bleed_mm=PRESS_BLEED_MM),
}


def page_css(house, papersize, direction="ltr"):
    """Page size from the series settings, margins from the house style. A right-to-left publication
    binds on the right: its margins are mirrored, and its running heads (short title, authors) swap sides."""
    page = house["page"]
    sides = ("top", "outer", "bottom", "inner") if direction == "ltr" else ("top", "inner", "bottom", "outer")
    margins = " ".join(page[f"margin-{side}"] for side in sides)
    css = f"@page {{ size: {PAGE_SIZES[papersize]}; margin: {margins}; }}\n"
    if direction == "rtl":
        css += "@page { @top-left { content: string(running-authors); } @top-right { content: string(running-title); } }\n"
    return css


def numbers_css(lang, folios="page"):
    """Folios and note numbers in the language's digits (Persian ۳, labels.counter_style); folios
    'page-of-pages' read '3 / 12'."""
    style = counter_style(lang)
    page = f"counter(page, {style})"
    css = ""
    if folios == "page-of-pages":
        css += f'@page {{ @bottom-center {{ content: {page} " / " counter(pages, {style}); }} }}\n'
    elif style != "decimal":
        css += f"@page {{ @bottom-center {{ content: {page}; }} }}\n"
    if style != "decimal":
        css += (f"::footnote-call {{ content: counter(footnote, {style}); }}\n"
                f'::footnote-marker {{ content: counter(footnote, {style}) "."; }}\n')
    return css


# The hyphenation patterns of a language written without its region: English's are American (the patterns
# of 'en' alone are British, which break American words where an American reader would not: 'unpreced-ented').
HYPHENATION_REGIONS = {"en": "en-US"}


def hyphenation_css(lang):
    """The language whose patterns hyphenate the text (WeasyPrint's -weasy-lang, which sets only that: the
    PDF still declares the document's own language); nothing where the language says its region."""
    region = HYPHENATION_REGIONS.get(lang.lower())
    return f'body {{ -weasy-lang: "{region}"; }}\n' if region else ""  # on html its lang attribute wins


def print_body(fragment, metadata, house, adjustments=Adjustments(), cut_notes=None):
    """pandoc's HTML finished for print in one tree: the notes cut put in (`cut_notes`, PrintText's),
    paragraphs and floats numbered, words kept from hyphenation and floats moved as the layout asks
    (publish.editions.settling), wide tables marked, islands of another direction marked and runs of it
    isolated, formulas drawn as images."""
    continued = Labels(metadata["lang"]).word("continued")
    steps = [lambda body: put_cut_notes(body, cut_notes or {}),
             lambda body: number_blocks(body, adjustments.whole_words),
             lambda body: number_floats(body, adjustments.moves), lambda body: fit_floats(body, adjustments.fits),
             number_rows,
             lambda body: split_tables(body, adjustments.splits, continued)]
    if "<table" in fragment:
        steps.append(lambda body: mark_wide_tables(body, house))
    if metadata["dir"] == "rtl":
        steps.append(lambda body: mark_islands(body, "rtl"))
    steps.append(lambda body: isolate_runs(body, metadata["dir"]))
    if "<math" in fragment:
        font = str((STYLES / house["fonts"]["math"]["regular"]).resolve())
        size = float(house["sizes"]["body"].removesuffix("pt"))
        steps.append(lambda body: draw_formulas(body, font, size, house["colours"]["text"]))
    return finished(fragment, *steps)


def print_html(text, metadata, house, cuts=None, adjustments=Adjustments()):
    """The print template around the body, notes at their calls, formulas as images; `text`: the document's
    PrintText, kept from layout to layout."""
    fragment, cut_notes = text.fragment(cuts)
    body = print_body(fragment, metadata, house, adjustments, cut_notes)
    code = web_edition_code(metadata["url"], house["colours"]["accent"])
    return render(TEMPLATE, meta=metadata, body=Markup(body), web_edition_code=code)


def source_attachments(publication, metadata):
    """The canonical Markdown and its bibliographies, as the parse read them, to travel inside the archival PDF."""
    from weasyprint import Attachment

    moment = datetime.fromtimestamp(metadata["timestamp"], timezone.utc)  # not the files' times: same bytes every build
    return [Attachment(string=source["text"].encode("utf-8"), name=source["name"], created=moment, modified=moment)
            for source in load_sources(publication)]


def with_xmp_metadata(document, pdf):
    """A finisher for a variant WeasyPrint writes without XMP metadata (the printer's file)."""
    if "Metadata" not in pdf.catalog:
        document.metadata.include_in_pdf(pdf, None, None, None, compress=True)


def with_bleed_box(pdf, bleed_mm):
    """Each page's BleedBox `bleed_mm` round its TrimBox (WeasyPrint puts it at most 10 pt from the trim,
    whatever the room it was given, which then holds the crop marks)."""
    import pydyf

    bleed = bleed_mm * 72 / 25.4
    for page in pdf.objects:
        if isinstance(page, pydyf.Dictionary) and page.get("Type") == "/Page" and "TrimBox" in page:
            left, top, right, bottom = page["TrimBox"]
            page["BleedBox"] = pydyf.Array([left - bleed, top - bleed, right + bleed, bottom + bleed])


def pdf_finisher(variant):
    """What WeasyPrint does to the PDF before it writes it: XMP metadata for each variant, the bleed for
    the printer's."""
    def finish(document, pdf):
        with_xmp_metadata(document, pdf)
        if variant.bleed_mm:
            with_bleed_box(pdf, variant.bleed_mm)

    return finish


def add_to_xmp(metadata, facts):
    """Put into the XMP that WeasyPrint writes what it leaves out: dc:language (it gives the language only
    as /Lang) and the publication's DOI as dc:identifier, which reference managers read from a PDF (Dublin
    Core only: PDF/A admits another schema only with a declaration of it)."""
    generate = metadata.generate_rdf_metadata

    def with_facts(*arguments):
        rdf = ElementTree.fromstring(generate(*arguments))
        description = ElementTree.SubElement(rdf, f"{{{RDF}}}Description", {f"{{{RDF}}}about": ""})
        bag = ElementTree.SubElement(ElementTree.SubElement(description, f"{{{DC}}}language"), f"{{{RDF}}}Bag")
        ElementTree.SubElement(bag, f"{{{RDF}}}li").text = facts["lang"]
        if facts["doi"]:
            ElementTree.SubElement(description, f"{{{DC}}}identifier").text = f"doi:{facts['doi']}"
        return ElementTree.tostring(rdf, encoding="utf-8")

    metadata.generate_rdf_metadata = with_facts


def pdf_identifier(publication, variant):
    """A fixed identifier (never a random one), so that identical inputs give identical bytes."""
    suffix = "" if variant.key == "pdf" else variant.key
    return hashlib.sha256(f"{publication.name}/{suffix}".encode()).hexdigest()[:32].encode()


def render_pdf(publication, variant):
    load_weasyprint()
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    document, metadata = load_inputs(publication, variant.key)
    house = load_house_style()
    document, pictures = print_pictures(document, house, metadata["papersize"])
    css = (stylesheet(PRINT_CSS, house, font_url=str, dark_scheme=False) + masthead_css(metadata, variant.key)
           + page_css(house, metadata["papersize"], metadata["dir"]) + numbers_css(metadata["lang"], metadata["folios"])
           + hyphenation_css(metadata["lang"]) + variant.extra_css)
    fetcher = local_files_only([publication.folder, STYLES, *font_folders(house)], pictures)
    fonts = FontConfiguration()  # WeasyPrint loads @font-face rules only through one of these
    options = {
        "stylesheets": [CSS(string=css, base_url=str(STYLES.resolve()) + "/", url_fetcher=fetcher, font_config=fonts)],
        "pdf_identifier": pdf_identifier(publication, variant),
        "pdf_variant": variant.pdf_variant,
        "pdf_tags": True,
        "uncompressed_pdf": False,
    }
    if variant.attach_sources:
        options["attachments"] = source_attachments(publication, metadata)

    text = PrintText(document, publication.index)

    def layout(adjustments, cuts):
        html = print_html(text, metadata, house, cuts, adjustments)
        page = HTML(string=html, base_url=str(publication.folder.resolve()) + "/", url_fetcher=fetcher)
        return page.render(font_config=fonts, **options)

    try:
        rendered = settled_layout(layout, note_word_counts(document))
        add_to_xmp(rendered.metadata, metadata)
        return finish_structure(rendered.write_pdf(finisher=pdf_finisher(variant), **options))
    finally:
        remove_font_folder(fonts)


def build_pdf(publication, variant_key="pdf"):
    atomic.write_bytes(publication.artifact(variant_key), render_pdf(publication, VARIANTS[variant_key]))
