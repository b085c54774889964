"""The document transforms, in one declared order, between reading and citing.

Each transform takes the document (pandoc's JSON AST) and the context of the parse (the read
source, the parse's decisions, the metadata) and returns a new document. The order is part of
the design:

1. cross-references: captions and equations numbered, and each `@fig-…`, `@tbl-…`, `@sec-…`,
   `@eq-…` a link to its target (publish.source.crossrefs), before citeproc could take them for
   citations; first, because the numbers were decided for the very elements of the document as
   read (Quarto's figure divs and headings were settled then, publish.source.quarto);
2. lists of figures, tables and listings where `\\listoffigures` stood (publish.source.lists_of),
   once the captions carry their numbers;
3. images: each image's address becomes its picture's in the picture cache, where the parse keeps the
   bytes it read, with what it recorded of it (publish.source.images), so no edition reads the
   publication's files or the network again, and each asks the cache for the size it shows it at;
4. attributes: attributes that could run code or load something in a browser (`onclick`,
   `style`, ...) are dropped (publish.source.raw_content decides);
5. boxes, quotations, the summary and "About the authors" (publish.source.furniture), after the
   numbering, so that their headings are not numbered sections;
6. links: placeholder (`#`) and local-file links become plain text, so no edition shows a link
   that goes nowhere (publish.source.links decides).

Raw content was settled when the source was read (publish.source.read), and citeproc runs last,
on the transformed document (publish.source.parse).
"""

from dataclasses import dataclass

from publish.document import span, walk
from publish.labels import Labels
from publish.source import furniture as furniture_parts
from publish.source.crossrefs import number_and_link
from publish.source.images import embed_images
from publish.source.links import KEPT, link_kind
from publish.source.lists_of import lists_of
from publish.source.pull_quotes import pull_quotes
from publish.source.raw_content import drop_left_out_attributes


@dataclass
class Context:
    source: object  # publish.source.read.Source
    decisions: object  # publish.source.decisions.Decisions
    metadata: dict
    house: dict  # the house style: which fenced divs are boxes, and their default titles

    @property
    def labels(self):
        return Labels(self.metadata["lang"])


def crossrefs(document, context):
    return number_and_link(document, context.decisions.numbering, context.labels)


def lists(document, context):
    return lists_of(document, context.labels)


def images(document, context):
    return embed_images(document, context.decisions.images)


def attributes(document, context):
    return drop_left_out_attributes(document)


def furniture(document, context):
    document = furniture_parts.boxes(document, context.house, context.labels)
    document = furniture_parts.quotations(document)
    document = pull_quotes(document)
    document = furniture_parts.summary(document, context.labels, context.metadata["abstract_title"])
    return furniture_parts.about_authors(document, context.metadata, context.labels,
                                         context.metadata["reference_section_title"])


def links(document, context):
    """Links whose address is lost ('#'), empty or a local file become plain text in every edition."""

    def unwrap(element):
        if element["t"] == "Link" and link_kind(element["c"][2][0]) not in KEPT:
            return span(["unresolved-link"], element["c"][1])
        return None

    return {**document, "blocks": walk(document["blocks"], unwrap)}


TRANSFORMS = [crossrefs, lists, images, attributes, furniture, links]


def transform(document, context):
    for step in TRANSFORMS:
        document = step(document, context)
    return document
