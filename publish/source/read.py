"""Read a publication unit once: its text, its settings, and pandoc's parse of it, with its raw
content settled (raw HTML read into the document, LaTeX commands mapped, the rest dropped) and
Quarto's cells, shortcodes, figure divs and headings, and kramdown's attribute lists, too.

Everything after this (the checks, the transforms, the citations, every
edition) works from what is read here; nothing reads the Markdown again.
"""

import json
from dataclasses import dataclass, field

from publish.model.front_matter import BY_NAME, known_keys
from publish.pandoc import PandocTimedOut, convert_document, markdown_time_limit, run_pandoc, run_pandoc_logged
from publish.source.citations import bibliography_under_last_heading
from publish.source.files import read_text
from publish.source.kramdown import settle_kramdown
from publish.source.listings import settle_listings
from publish.source.metadata import normalised_value
from publish.source.quarto import raise_headings, settle_figures, settle_quarto
from publish.source.raw_content import Settled, settle, settle_front_matter
from publish.source.settings import Settings, read_settings
from publish.source.source_map import SourceMap
from publish.source.theorems import settle_theorems


@dataclass
class Source:
    unit: object  # the Publication
    text: str  # the index file's text
    settings: Settings  # series settings and front matter, merged, with where each key was set
    document: dict  # pandoc's parse (its JSON AST), raw content settled, citations not yet resolved
    log: list  # pandoc's messages about the parse, each with its line and column
    places: SourceMap = None  # where each element of `document` stands in `text`
    settled: Settled = field(default_factory=Settled)  # what settling the raw content did

    @property
    def index(self):
        return self.unit.index


def pandoc_read(path):
    """(pandoc's JSON document, its log of warnings) for a Markdown file."""
    output, log = run_pandoc_logged(["--from=markdown", "--to=json", path], context=path,
                                    time_limit=markdown_time_limit())
    return json.loads(output), log


def deepest_brackets(text):
    """(line, column, depth) of the first '[' of the deepest brackets left open or nested in one paragraph
    (an escaped one, '\\[', left out), or None when there is none."""
    deepest, opened, offset = (0, 0), [], 0
    while offset < len(text):
        if text[offset] == "\\":
            offset += 1  # the escaped character is skipped with it
        elif text[offset] == "[":
            opened.append(offset)
            deepest = max(deepest, (len(opened), opened[0]), key=lambda found: found[0])
        elif text[offset] == "]" and opened:
            opened.pop()
        elif text.startswith("\n\n", offset):
            opened = []
        offset += 1
    depth, start = deepest
    return (text.count("\n", 0, start) + 1, start - text.rfind("\n", 0, start), depth) if depth else None


def slow_read(error, text):
    """The time-out of pandoc's read, placed at the deepest brackets when they are many."""
    place = deepest_brackets(text)
    if place is None or place[2] < 5:
        return error
    line, column, depth = place
    return PandocTimedOut(error.seconds, error.path, line, column, open_brackets=depth)


def render_html(document, context):
    return convert_document(document, "html5", ["--wrap=none"], context=context).decode("utf-8")


def read_html(html, context):
    return json.loads(run_pandoc(["--from=html", "--to=json"], html.encode("utf-8"), context=context))


def offset_in_front_matter(settings, places, keys):
    """The offset in the index file where a front-matter value's key stands (`keys`: 'author', 0, 'bio')."""
    _, line, column = settings.place(*keys)
    return places.line_starts[line - 1] + column - 1


def read_source(unit):
    """The unit's Source; a file that cannot be read, or front matter that cannot be parsed,
    raises a PublishError naming the place."""
    text = read_text(unit.index)
    settings = read_settings(unit, text)
    try:
        document, log = pandoc_read(unit.index)
    except PandocTimedOut as error:
        raise slow_read(error, text) from None
    places = SourceMap(text, document)
    document, settled = settle(document, places.offset, text, lambda doc: render_html(doc, unit.index),
                               lambda html: read_html(html, unit.index), unit.index)
    # the keys this project reads (another tool's are a finding of their own); references are the bibliography's
    settle_front_matter(document.get("meta", {}), known_keys() - {"references"},
                        lambda keys: offset_in_front_matter(settings, places, keys), settled)
    settle_quarto(document, places.offset, text, settled)
    settle_kramdown(document, places.offset, settled)
    settle_figures(document, places.offset, settled)
    settle_listings(document, places.offset, settled, unit.index,
                    normalised_value(settings.merged, settings.where, BY_NAME["code-block-captions"]))
    settle_theorems(document)
    raise_headings(document, settled)
    bibliography_under_last_heading(document)
    for element, offset in settled.placed:
        places.remember(element, offset)
    return Source(unit, text, settings, document, log, places, settled)
