"""Listings (publish/source/listings.py): a labelled, captioned code block, as pandoc-crossref and
Quarto write it, is a numbered listing that cross-references point to, counted apart from figures."""

import json
from pathlib import Path

import pypandoc
from checking import CITED, INDEX, line_of, with_front

from publish.source.listings import settle_listings
from publish.source.raw_content import Settled

TEXT = ("```{#lst:code .haskell caption=\"Caption with `main`\"}\nmain = print 1\n```\n\n"
        "```{#lst-query .sql lst-cap=\"Customers\"}\nSELECT 1\n```\n\n```python\nplain = True\n```\n")


def test_a_captioned_labelled_code_block_becomes_a_listing_figure():
    document = json.loads(pypandoc.convert_text(TEXT, "json", format="markdown"))
    settle_listings(document, lambda element: None, Settled())
    first, second, plain = document["blocks"]
    assert first["t"] == "Figure" and first["c"][0] == ["lst:code", ["listing"], []]
    assert first["c"][1][1][0]["c"][-1] == {"t": "Code", "c": [["", [], []], "main"]}  # the caption's own Markdown
    assert first["c"][2] == [{"t": "CodeBlock", "c": [["", ["haskell"], []], "main = print 1"]}]
    assert second["c"][0][0] == "lst-query" and second["c"][1][1][0]["c"] == [{"t": "Str", "c": "Customers"}]
    assert plain["t"] == "CodeBlock"


def test_references_to_listings_check_and_a_listing_without_a_caption_is_said(write):
    body = (f"See @lst:code, [@lst-query], @fig:one and @lst:bare.\n\n{TEXT}\n![One](one.png){{#fig:one}}\n\n"
            "```{#lst:bare}\nx = 1\n```\n\n" + CITED)
    findings = write(body, files={"one.png": "not read by the checks"})
    at = f"{line_of(Path(INDEX).read_text(encoding='utf-8'), 'See @lst')}:{body.index('@lst:bare') + 1}"
    assert findings == [f"{INDEX}:{at}: error: '@lst:bare' "
                        "points to a listing without a caption, which has no number: give it a caption "
                        "[crossref.uncaptioned]"]


def test_a_caption_paragraph_and_a_listing_div_caption_their_code(write):
    text = ("Listing: Before the code\n\n```{#lst:a .py}\nx = 1\n```\n\n"
            '<div id="lst:b" class="listing">\nIn the div\n```{.py}\ny = 2\n```\n</div>\n\n'
            "Listing: a paragraph not before a listing\n")
    document = json.loads(pypandoc.convert_text(text, "json", format="markdown"))
    settle_listings(document, lambda element: None, Settled(), captions_before=True)
    first, second, last = document["blocks"]
    assert first["c"][0][0] == "lst:a" and first["c"][1][1][0]["c"][-1] == {"t": "Str", "c": "code"}
    assert second["c"][0] == ["lst:b", ["listing"], []] and second["c"][2][0]["c"][1] == "y = 2"
    assert last["t"] == "Para"  # a caption paragraph only before a labelled code block
    without = json.loads(pypandoc.convert_text(text, "json", format="markdown"))
    settle_listings(without, lambda element: None, Settled())
    assert [block["t"] for block in without["blocks"]] == ["Para", "CodeBlock", "Figure", "Para"]


def test_code_block_captions_is_a_setting_in_each_spelling_pandoc_reads(write):
    body = "Listing: Before the code\n\n```{#lst:a .py}\nx = 1\n```\n\nSee @lst:a.\n\n" + CITED
    for line in ("codeBlockCaptions: true", "codeBlockCaptions: True", "code-block-captions: TRUE"):
        assert write(body, front=with_front(line + "\n")) == [], line  # known, and the paragraph is the caption
    uncaptioned = write(body, front=with_front("codeBlockCaptions: false\n"))
    assert [finding.rsplit(" ", 1)[-1] for finding in uncaptioned] == ["[crossref.uncaptioned]"]
