"""The HTML edition: one self-contained page (styles and font subsets inside) that works offline.

Each note sits right after the paragraph that calls it, as an <aside
role="doc-footnote">: a sidenote in the margin on wide screens, a numbered
note under its paragraph on narrow ones, linked both ways in either case.
"""

import lxml.html
from markupsafe import Markup

from publish import atomic
from publish.bidi import isolate_runs
from publish.editions.directions import mark_islands
from publish.editions.fragments import finished, mark_wide_tables
from publish.editions.inputs import load_inputs
from publish.editions.picture_sizes import column_px, embedded, screen_pixels, sized_pictures, token
from publish.editions.scholarly_metadata import (
    canonical_address,
    coins,
    dublin_core_tags,
    edition_url,
    highwire_tags,
    json_ld,
    open_graph_tags,
)
from publish.editions.templates import render
from publish.editions.web_figures import LEGIBLE, chart_width, make_charts_legible
from publish.editions.web_fonts import data_url_for, faces_used, page_characters
from publish.house_style import font_faces, load_house_style, masthead_css, stylesheet
from publish.labels import Labels
from publish.model.editions import artifacts, downloads
from publish.pandoc import html_fragment
from publish.paths import WEB_CSS

TEMPLATE = "web.html.j2"


def top_level_block(element, container):
    """The ancestor of `element` that is a direct child of `container`."""
    while element.getparent() is not container:
        element = element.getparent()
    return element


def place_notes_beside_text(container, labels=Labels("en")):
    """Move each of pandoc's end notes to an <aside> after the block that calls it."""
    endnotes = container.find(".//section[@id='footnotes']")
    if endnotes is None:
        return
    last_after = {}  # block -> the last note placed after it, so that its notes keep their order
    for number, item in enumerate(endnotes.xpath("./ol/li"), start=1):  # not the items of a list inside a note
        call = container.find(f".//a[@id='fnref{number}']")
        aside = lxml.html.Element("aside", {"id": item.get("id"), "class": "footnote", "role": "doc-footnote"})
        label = lxml.html.Element("span", {"class": "footnote-number"})
        label.text = f"{number}."
        aside.append(label)
        aside.extend(list(item))
        for back in aside.findall(".//a[@role='doc-backlink']"):
            back.set("aria-label", labels.word("Back to the text at note {number}").format(number=number))
        block = top_level_block(call, container)
        last_after.get(block, block).addnext(aside)
        last_after[block] = aside
    endnotes.drop_tree()


def make_tables_scroll(container, labels):
    """Each table in a box of its own that scrolls sideways on a narrow screen (the page never does),
    focusable and named after the table's caption, as a scrolling region must be."""
    for number, table in enumerate(container.iter("table"), start=1):
        caption = table.find("caption")
        name = " ".join(caption.text_content().split()) if caption is not None else labels.numbered("Table", number)
        kind = "table-scroll wide" if "wide" in (table.get("class") or "").split() else "table-scroll"
        box = lxml.html.Element("div", {"class": kind, "role": "region", "tabindex": "0", "aria-label": name})
        table.addprevious(box)
        box.append(table)


def make_code_focusable(container):
    """Each code block reachable from the keyboard: on a narrow screen it scrolls sideways in its
    own box, which a reader without a mouse must be able to scroll."""
    for block in container.iter("pre"):
        block.set("tabindex", "0")


def web_body(document, metadata, house, context=None):
    """pandoc's HTML of the document, finished for the web in one tree: notes beside their text, tables
    and code that scroll (wide tables marked), islands of another direction marked."""
    labels = Labels(metadata["lang"])
    return finished(html_fragment(document, context), lambda body: place_notes_beside_text(body, labels),
                    lambda body: mark_wide_tables(body, house), lambda body: make_tables_scroll(body, labels),
                    make_charts_legible, make_code_focusable,
                    lambda body: mark_islands(body, metadata["dir"]),
                    lambda body: isolate_runs(body, metadata["dir"]))


def render_page(metadata, body, css, links):
    """The page; `links` maps each other artifact (pdf, docx, ris, ...) to its address."""
    return render(
        TEMPLATE,
        meta=metadata,
        canonical=canonical_address(metadata),
        body=Markup(body),
        css=Markup(css),
        highwire=highwire_tags(metadata, links),
        dublin_core=dublin_core_tags(metadata),
        open_graph=open_graph_tags(metadata),
        json_ld=Markup(json_ld(metadata, links)),
        coins=coins(metadata),
        editions=[(links[artifact.kind], artifact.label, artifact.note) for artifact in downloads()],
        citations=[(links[artifact.kind], artifact.label) for artifact in artifacts(linked="citation")],
    )


def screen_pictures(document, css):
    """The document with each picture's address a token of its size on screen (picture_sizes), and the
    pictures by their hash, whose bytes `embedded` puts in last (the page is read for its characters first)."""
    column, pictures = column_px(css), {}

    def pixels(picture, pairs):
        pictures[picture.digest] = picture
        return screen_pixels(pairs, column, (chart_width(picture) or 0) * LEGIBLE)

    return sized_pictures(document, pixels, token, "screen", keep_record=True), pictures


def build_html(publication):
    document, metadata = load_inputs(publication, "html")
    links = {artifact.kind: edition_url(metadata, publication.artifact_name(artifact.kind))
             for artifact in [*downloads(), *artifacts(linked="citation")]}
    house = load_house_style()
    css = stylesheet(WEB_CSS, house) + masthead_css(metadata, "html")
    document, pictures = screen_pictures(document, css)
    body = web_body(document, metadata, house, publication.index)
    # The fonts are cut to the page's characters, so the page is rendered once to learn them.
    draft = render_page(metadata, body, css, links)
    faces = font_faces(house, data_url_for(page_characters(draft)), faces_used(draft))
    page = render_page(metadata, body, faces + css, links)
    atomic.write_text(publication.artifact("html"), embedded(page, pictures, "screen"))
