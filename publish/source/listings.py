"""Listings as pandoc-crossref and Quarto write them: a labelled code block with a caption is a
numbered listing, "Listing 1: ..." in every edition, and `@lst:x` points to it like any other
cross-reference (publish.source.crossrefs). Its caption may be written

    ```{#lst:x .py caption="..."}        as an attribute (Quarto: `{#lst-x lst-cap="..."}`);
    Listing: ...  (or `: ...`)           as the paragraph just before it, with pandoc-crossref's
                                         `codeBlockCaptions: true`;
    <div id="lst:x" class="listing">     as the paragraph before the code, in a div labelled so.

Each becomes, in the parse, a figure of the class `listing` holding the code block.
"""


from publish.pandoc import read_markdown
from publish.source.crossrefs import kind_of
from publish.source.raw_content import block_lists

CAPTION_KEYS = ("caption", "lst-cap")
CAPTION_PARAGRAPH_STARTS = ("Listing:", ":")


def is_labelled_listing(block):
    return bool(block["c"][0][0]) and kind_of(block["c"][0][0]) == "lst"


def attribute_caption(block):
    """The caption a labelled code block carries as an attribute, or None."""
    pairs = dict(block["c"][0][2])
    return next((pairs[key] for key in CAPTION_KEYS if pairs.get(key)), None)


def paragraph_caption(block):
    """The words of a 'Listing: ...' (or ': ...') paragraph, or None when it is no such caption."""
    if block["t"] != "Para" or not block["c"] or block["c"][0] not in [{"t": "Str", "c": start}
                                                                        for start in CAPTION_PARAGRAPH_STARTS]:
        return None
    words = block["c"][1:]
    return words[1:] if words[:1] == [{"t": "Space"}] else words


def listings_in(blocks, captions_before):
    """[(index of the block, the code block, its caption as text or as inlines, the index of a caption
    paragraph to take out or None)] of the listings among blocks."""
    found = []
    for index, block in enumerate(blocks):
        if block["t"] == "CodeBlock" and is_labelled_listing(block):
            if (text := attribute_caption(block)) is not None:
                found.append((index, block, text, None))
            elif captions_before and index and (words := paragraph_caption(blocks[index - 1])) is not None:
                found.append((index, block, words, index - 1))
        elif block["t"] == "Div" and is_labelled_listing(block) and any(name.startswith("listing") for name in
                                                                        block["c"][0][1]):
            inner = block["c"][1]
            if len(inner) == 2 and inner[0]["t"] in ("Para", "Plain") and inner[1]["t"] == "CodeBlock":
                code = inner[1]
                found.append((index, {**code, "c": [[block["c"][0][0], *code["c"][0][1:]], code["c"][1]]},
                              inner[0]["c"], None))
    return found


def captions_read(captions, context):
    """Each caption written as an attribute, read as pandoc reads its Markdown: all of them in one run."""
    if not captions:
        return []
    document = read_markdown("\n\n".join(caption.replace("\n", " ") for caption in captions), context)
    paragraphs = [block["c"] for block in document["blocks"] if block["t"] in ("Para", "Plain")]
    return paragraphs if len(paragraphs) == len(captions) else [[{"t": "Str", "c": text}] for text in captions]


def listing_figure(code, inlines):
    label, classes, pairs = code["c"][0]
    kept = [[key, value] for key, value in pairs if key not in CAPTION_KEYS]
    inner = {"t": "CodeBlock", "c": [["", classes, kept], code["c"][1]]}
    return {"t": "Figure", "c": [[label, ["listing"], []], [None, [{"t": "Plain", "c": inlines}]], [inner]]}, inner


def settle_listings(document, offset_of, settled, context=None, captions_before=False):
    """Each listing made, in place, a listing figure at its code block's place. `captions_before`: the
    setting code-block-captions (pandoc-crossref's codeBlockCaptions), read by the schema."""
    every = [(blocks, found) for blocks in block_lists(document["blocks"])
             if (found := listings_in(blocks, captions_before))]
    texts = iter(captions_read([caption for _, found in every for _, _, caption, _ in found
                                if isinstance(caption, str)], context))
    for blocks, found in every:
        for index, code, caption, paragraph in found:
            inlines = next(texts) if isinstance(caption, str) else caption
            figure, inner = listing_figure(code, inlines)
            place = offset_of(blocks[index]) if offset_of(blocks[index]) is not None else offset_of(code)
            blocks[index] = figure
            settled.placed += [(figure, place), (inner, place)]
        for paragraph in sorted((paragraph for _, _, _, paragraph in found if paragraph is not None), reverse=True):
            del blocks[paragraph]  # a caption paragraph is now the listing's caption
