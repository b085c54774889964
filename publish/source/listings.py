"""Listings as pandoc-crossref and Quarto write them: a labelled code block with a caption is a
numbered listing, "Listing 1: ..." in every edition, and `@lst:x` points to it like any other
cross-reference (publish.source.crossrefs). Its caption may be written

    ```{#lst:x .py caption="..."}        as an attribute (Quarto: `{#lst-x lst-cap="..."}`);
    Listing: ...  (or `: ...`)           as the paragraph just before or just after it, with
                                         pandoc-crossref's `codeBlockCaptions: true`; its label
                                         may end that caption instead, `: Caption {#lst:x}`;
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


def label_at_end(words):
    """(the words before it, the label) of a caption that ends in pandoc-crossref's `{#lst:x}`; else None."""
    last = words[-1] if words else {}
    if last.get("t") != "Str" or not (last["c"].startswith("{#lst:") and last["c"].endswith("}")):
        return None
    kept = words[:-1]
    while kept and kept[-1]["t"] in ("Space", "SoftBreak"):
        kept = kept[:-1]
    return kept, last["c"][2:-1]


def paired_caption(blocks, code_at, paragraph_at):
    """(code index, code block labelled, caption, paragraph index) when the paragraph at `paragraph_at` is
    the caption of the code block at `code_at`, as pandoc-crossref pairs them: the code's own lst: label,
    else one at the end of the caption; else None."""
    if not (0 <= paragraph_at < len(blocks) and code_at < len(blocks)) or blocks[code_at]["t"] != "CodeBlock":
        return None
    code, words = blocks[code_at], paragraph_caption(blocks[paragraph_at])
    if words is None or attribute_caption(code) is not None:  # a caption attribute wins
        return None
    if is_labelled_listing(code):
        return code_at, code, words, paragraph_at
    if (labelled := label_at_end(words)) is None:
        return None
    words, label = labelled
    return code_at, {**code, "c": [[label, *code["c"][0][1:]], code["c"][1]]}, words, paragraph_at


def listing_at(blocks, index, captions_beside):
    """The listing that starts at blocks[index], as listings_in gives it, or None."""
    block = blocks[index]
    if block["t"] == "CodeBlock" and is_labelled_listing(block) and (text := attribute_caption(block)) is not None:
        return index, block, text, None
    if block["t"] == "Div" and is_labelled_listing(block) and any(name.startswith("listing") for name in
                                                                  block["c"][0][1]):
        inner = block["c"][1]
        if len(inner) == 2 and inner[0]["t"] in ("Para", "Plain") and inner[1]["t"] == "CodeBlock":
            code = inner[1]
            return index, {**code, "c": [[block["c"][0][0], *code["c"][0][1:]], code["c"][1]]}, inner[0]["c"], None
    if captions_beside and block["t"] == "CodeBlock":  # its caption after it
        return paired_caption(blocks, index, index + 1)
    if captions_beside and block["t"] == "Para":  # the caption before its code
        return paired_caption(blocks, index + 1, index)
    return None


def listings_in(blocks, captions_beside):
    """[(index of the code block, the code block, its caption as text or as inlines, the index of a caption
    paragraph to take out or None)] of the listings among blocks. From the first block on, as pandoc-crossref
    (for pandoc 3) pairs them: a paragraph between two code blocks captions the one before it."""
    found, index = [], 0
    while index < len(blocks):
        listing = listing_at(blocks, index, captions_beside)
        if listing is None:
            index += 1
            continue
        found.append(listing)
        code_at, _, _, paragraph_at = listing
        index = max(code_at, paragraph_at if paragraph_at is not None else code_at) + 1
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


def settle_listings(document, offset_of, settled, context=None, captions_beside=False):
    """Each listing made, in place, a listing figure at its code block's place. `captions_beside`: the
    setting code-block-captions (pandoc-crossref's codeBlockCaptions), read by the schema."""
    every = [(blocks, found) for blocks in block_lists(document["blocks"])
             if (found := listings_in(blocks, captions_beside))]
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
