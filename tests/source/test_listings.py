"""Listings (publish/source/listings.py): a labelled, captioned code block, as pandoc-crossref and
Quarto write it, is a numbered listing that cross-references point to, counted apart from figures."""

import json
from pathlib import Path

import pypandoc
from checking import CITED, INDEX, line_of, picture, with_front

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
    findings = write(body, files={"one.png": picture("one.png")})
    at = f"{line_of(Path(INDEX).read_text(encoding='utf-8'), 'See @lst')}:{body.index('@lst:bare') + 1}"
    assert findings == [f"{INDEX}:{at}: error: '@lst:bare' "
                        "points to a listing without a caption, which has no number: give it a caption "
                        "[crossref.uncaptioned]"]


def test_a_caption_paragraph_and_a_listing_div_caption_their_code(write):
    text = ("Listing: Before the code\n\n```{#lst:a .py}\nx = 1\n```\n\n"
            '<div id="lst:b" class="listing">\nIn the div\n```{.py}\ny = 2\n```\n</div>\n\n'
            "Listing: a paragraph not before a listing\n")
    document = json.loads(pypandoc.convert_text(text, "json", format="markdown"))
    settle_listings(document, lambda element: None, Settled(), captions_beside=True)
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


CROSSREF_FORMS = ("```python\nprint('after')\n```\n\n: Caption after {#lst:after}\n\n"
                  "Listing: Documented form {#lst:doc}\n\n```\nprint('before')\n```\n\n"
                  "```{#lst:own}\nown = 1\n```\n\n: Its own label\n\n"
                  "```\nunlabelled = 1\n```\n\n: A paragraph, no label: no listing\n")


def test_pandoc_crossref_captions_after_the_code_or_labelled_at_their_end():
    document = json.loads(pypandoc.convert_text(CROSSREF_FORMS, "json", format="markdown"))
    settle_listings(document, lambda element: None, Settled(), captions_beside=True)
    after, before, own, code, paragraph = document["blocks"]
    assert after["c"][0] == ["lst:after", ["listing"], []] and after["c"][2][0]["c"][1] == "print('after')"
    assert pypandoc.convert_text(json.dumps({**document, "blocks": [after["c"][1][1][0]]}), "plain",
                                 format="json").strip() == "Caption after"  # its label taken out
    assert before["c"][0][0] == "lst:doc" and before["c"][1][1][0]["c"][-1] == {"t": "Str", "c": "form"}
    assert before["c"][2][0]["c"][1] == "print('before')"
    assert own["c"][0][0] == "lst:own" and own["c"][1][1][0]["c"][-1] == {"t": "Str", "c": "label"}
    assert [code["t"], paragraph["t"]] == ["CodeBlock", "Para"]


def test_a_caption_between_two_code_blocks_is_the_first_ones_as_pandoc_crossref_reads_it():
    text = "```{#lst:a}\na = 1\n```\n\nListing: Which one\n\n```{#lst:b}\nb = 2\n```\n"
    document = json.loads(pypandoc.convert_text(text, "json", format="markdown"))
    settle_listings(document, lambda element: None, Settled(), captions_beside=True)
    first, second = document["blocks"]
    assert first["t"] == "Figure" and first["c"][0][0] == "lst:a" and second["t"] == "CodeBlock"


def test_references_to_pandoc_crossref_listings_resolve(write):
    body = f"See @lst:after and [@lst:doc].\n\n{CROSSREF_FORMS}\n" + CITED
    assert write(body, front=with_front("codeBlockCaptions: true\n")) == []
