"""Listings as pandoc-crossref and Quarto write them: a code block labelled `{#lst:x caption="..."}`
(Quarto: `{#lst-x lst-cap="..."}`) is a numbered listing, "Listing 1: ..." in every edition, and
`@lst:x` points to it like any other cross-reference (publish.source.crossrefs). It becomes, in the
parse, a figure of the class `listing` holding the code block, the caption its own Markdown.
"""

import json

from publish.pandoc import run_pandoc
from publish.source.crossrefs import kind_of
from publish.source.raw_content import block_lists

CAPTION_KEYS = ("caption", "lst-cap")


def listing_caption(block):
    """The caption a labelled listing's code block carries, or None when it is no listing."""
    if block["t"] != "CodeBlock" or not block["c"][0][0] or kind_of(block["c"][0][0]) != "lst":
        return None
    pairs = dict(block["c"][0][2])
    return next((pairs[key] for key in CAPTION_KEYS if pairs.get(key)), None)


def captions_read(captions, api_version, context):
    """Each caption's inlines, as pandoc reads its Markdown: all of them in one run."""
    document = json.loads(run_pandoc(["--from=markdown", "--to=json"], "\n\n".join(
        caption.replace("\n", " ") for caption in captions).encode("utf-8"), context=context))
    paragraphs = [block["c"] for block in document["blocks"] if block["t"] in ("Para", "Plain")]
    return paragraphs if len(paragraphs) == len(captions) else [[{"t": "Str", "c": text}] for text in captions]


def settle_listings(document, offset_of, settled, context=None):
    """Each labelled, captioned code block made, in place, a listing figure at the code block's place."""
    found = [(blocks, index, caption) for blocks in block_lists(document["blocks"])
             for index, block in enumerate(blocks) if (caption := listing_caption(block)) is not None]
    if not found:
        return
    captions = captions_read([caption for _, _, caption in found], document["pandoc-api-version"], context)
    for (blocks, index, _), inlines in zip(found, captions):
        code = blocks[index]
        label, classes, pairs = code["c"][0]
        kept = [[key, value] for key, value in pairs if key not in CAPTION_KEYS]
        inner = {"t": "CodeBlock", "c": [["", classes, kept], code["c"][1]]}
        figure = {"t": "Figure", "c": [[label, ["listing"], []], [None, [{"t": "Plain", "c": inlines}]], [inner]]}
        blocks[index] = figure
        settled.placed += [(figure, offset_of(code)), (inner, offset_of(code))]
