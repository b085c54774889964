"""The sanitiser of raw HTML (publish/source/raw_html.py): what could run or load is removed, and each
removal says what it removed and why. Raw HTML read into the document is in test_raw_content.py."""

import json
import re

import lxml.html
import pypandoc
import pytest
from checking import CITED

from publish.document import iterate, stringify
from publish.source import raw_html


@pytest.mark.parametrize("html, gone, kept", [
    ("<p>a<script>alert(1)</script>b</p>", "alert", "<p>ab</p>"),
    ("<style>p{color:red}</style><p>x</p>", "color", "<p>x</p>"),
    ('<iframe src="https://example.org"></iframe><p>x</p>', "iframe", "<p>x</p>"),
    ('<a href="javascript:alert(1)">x</a>', "javascript", "<a>x</a>"),
    ('<img src="https://example.org/a.png" alt="A">', "example.org", '<img alt="A">'),
    ('<form action="https://example.org"><input name="q"></form>', "form", ""),
    ("<p>a<!-- a note to self -->b</p>", "note to self", "<p>ab</p>"),
    ('<table><tr><td onclick="x()" colspan="2">1</td></tr></table>', "onclick",
     '<table><tbody><tr><td colspan="2">1</td></tr></tbody></table>'),
])
def test_the_sanitiser_removes_what_could_run_or_load(html, gone, kept):
    clean = raw_html.sanitise(html)
    assert gone not in clean and clean == kept


def test_each_removal_says_what_and_why_presentational_attributes_once():
    html = ('<table border="1" style="x" onclick="go()"><tr><td style="y" bgcolor="red">1</td></tr></table>'
            '<a href="javascript:x()">a</a><script>s()</script>')
    said = [(code, message) for _, code, message in raw_html.removals(html, raw_html.sanitise(html))]
    assert said == [
        ("raw.html.removed", "the attribute 'onclick' of raw HTML <table> is removed: an event handler would run code"),
        ("raw.html.removed", "the attribute 'href' of raw HTML <a> is removed: its address is not https, http or "
                             "mailto (an image must be a file beside index.md)"),
        ("raw.html.removed", "raw HTML <script> is removed with its content from every edition: it could run code, "
                             "load something or not show the same in each edition"),
        ("raw.html.presentational", "raw HTML <table> loses its presentational attributes (bgcolor, border, style): "
                                    "the house style sets every edition"),
    ]


@pytest.mark.parametrize("html", [
    '<p id="para">A paragraph.</p>', '<blockquote id="quote"><p>Q</p></blockquote>',
    '<ol id="list"><li>One</li></ol>', '<p>A call<sup id="call"><a href="#n">1</a></sup> here.</p>',
    '<table><tr><td id="cell">1</td></tr></table>', '<ol><li id="note">The note.</li></ol>',
    '<table><tr><td id="cell">a <b>1</b> and <i>2</i> end</td></tr></table>',
])
def test_every_id_in_raw_html_survives_pandocs_reader(html):
    wanted = re.search(r'id="([^"]+)"', html).group(1)
    read = json.loads(pypandoc.convert_text(raw_html.ids_kept(html), "json", format="html"))
    ids = {element["c"][0][0] for element in iterate(read["blocks"]) if element["t"] in ("Div", "Span", "Table")}
    ids |= {element["c"][1][0] for element in iterate(read["blocks"]) if element["t"] == "Header"}
    assert wanted in ids
    assert stringify(read["blocks"]).split() == lxml.html.fragment_fromstring(html, create_parent="div") \
        .text_content().split()  # the words, in order, and nothing else


def test_links_to_ids_in_raw_html_are_not_dead(write):
    body = ('Policy.<sup id="fnr1"><a href="#fn1">1</a></sup> [Back](#fnr1), [the note](#fn1), [the aside](#aside).'
            '\n\n<ol>\n<li id="fn1">The guidance.</li>\n</ol>\n\n<p id="aside">An aside.</p>\n\n' + CITED)
    assert write(body) == []


def pypandoc_blocks(markdown):
    """The blocks of pandoc's document for `markdown`."""
    return json.loads(pypandoc.convert_text(markdown, "json", format="markdown"))["blocks"]


def settled(markdown):
    """The first paragraph's inlines as pandoc reads `markdown`, their raw inline HTML settled; each raw tag's
    offset is where it stands in `markdown`."""
    [paragraph, *_] = pypandoc_blocks(markdown)
    offsets, start = {}, 0
    for inline in paragraph["c"]:
        if inline["t"] == "RawInline":
            start = markdown.index(inline["c"][1], start)
            offsets[id(inline)] = start
    return raw_html.settle_inlines(paragraph["c"], lambda inline: offsets[id(inline)])


def test_paired_inline_tags_become_pandocs_inlines_around_the_markdown_they_hold():
    result = settled('A <sup>2</sup> and <var>n</var> <kbd>Ctrl *x*</kbd>, <a href="https://e.org" title="T" class="ext">go</a>'
                     ' <a id="n">here</a> <q>said</q> and <b id="b">bold</b> end.')
    made = [inline for inline in result.inlines if inline["t"] not in ("Str", "Space")]
    assert [inline["t"] for inline in made] == ["Superscript", "Span", "Span", "Link", "Span", "Quoted", "Strong"]
    superscript, var, kbd, link, anchor, quoted, strong = made
    assert var["c"][0] == ["", ["var"], []]  # the tag named in a class, whatever it sorts after
    assert stringify(superscript["c"]) == "2" and kbd["c"][0] == ["", ["kbd"], []]
    assert [inline["t"] for inline in kbd["c"][1]] == ["Str", "Space", "Emph"]
    assert link["c"][0] == ["", ["ext"], [["title", "T"]]] and link["c"][2] == ["https://e.org", "T"]
    assert anchor["c"][0] == ["n", [], []] and stringify(anchor["c"][1]) == "here"
    assert quoted["c"][0] == {"t": "DoubleQuote"} and stringify(quoted["c"][1]) == "said"
    assert strong["c"][0]["t"] == "Span" and strong["c"][0]["c"][0] == ["b", [], []]
    assert stringify(result.inlines) == "A 2 and n Ctrl x, go here said and bold end."
    assert result.removals == []


def test_void_tags_become_a_line_break_and_an_image_and_stray_tags_mark_nothing():
    markdown = 'One<br>two <img src="p.png" alt="a small map" width="10"> </span>three <span>open'
    result = settled(markdown)
    kinds = [inline["t"] for inline in result.inlines]
    assert kinds.count("LineBreak") == 1 and kinds.count("Image") == 1 and "RawInline" not in kinds
    [image] = [inline for inline in result.inlines if inline["t"] == "Image"]
    assert image["c"][0][2] == [["width", "10"]] and stringify(image["c"][1]) == "a small map"
    assert [inline["t"] for inline in image["c"][1]] == ["Str", "Space", "Str", "Space", "Str"]
    assert image["c"][2] == ["p.png", ""]
    assert stringify(result.inlines).split() == ["One", "two", "a", "small", "map", "three", "open"]
    assert [offset for _, offset in result.placed] == [markdown.index(tag) for tag in ("<br>", "<img", "<span>")]
    assert result.inlines[-2:] == [{"t": "Span", "c": [["", [], []], []]}, {"t": "Str", "c": "open"}]  # unclosed: empty


def test_a_removal_in_inline_html_is_placed_at_its_tag():
    markdown = 'Some text then <sup onclick="go()">x</sup> and <img src="https://e.org/a.png"> and <!-- a -->.'
    result = settled(markdown)
    assert [(removal.offset, removal.code) for removal in result.removals] == [
        (markdown.index("<sup"), "raw.html.removed"), (markdown.index("<img"), "raw.html.removed")]
    assert "Image" not in [inline["t"] for inline in result.inlines]
    assert stringify(result.inlines) == "Some text then x and  and ."


def test_a_removal_in_a_block_is_placed_at_its_tag_and_one_opening_the_file_at_its_start():
    _, [removal] = raw_html.checked_fragment('<div class="box"><p onclick="go()">a</p></div>', 100)
    assert removal.offset == 100 + len('<div class="box">')
    assert [removal.offset for removal in settled('<sup onclick="go()">a</sup> b').removals] == [0]


def test_a_raw_block_with_a_void_tag_inside_is_one_run():
    """As pandoc reads a block of HTML it cannot split (one raw block), a paragraph after it."""
    blocks = [{"t": "RawBlock", "c": ["html", '<td>a<br>b<img src="p.png"><hr></td>']},
              {"t": "Para", "c": [{"t": "Str", "c": "After."}]}]
    assert raw_html.block_runs(blocks) == [(0, 1)]
    div, end = ({"t": "RawBlock", "c": ["html", tag]} for tag in ("<div>", "</div>"))
    assert raw_html.block_runs([end, *blocks[1:], div, *blocks[1:], end]) == [(0, 1), (2, 5)]  # a stray close alone


def test_an_images_text_with_a_colon_is_kept_only_its_address_must_be_a_local_file():
    assert raw_html.sanitise('<img src="map.png" alt="Map: Kabul" class="x:y">') == \
        '<img src="map.png" alt="Map: Kabul" class="x:y">'


def test_a_tag_nested_in_the_same_tag_closes_where_its_own_closing_tag_stands():
    """An exponent of an exponent: the inner </sup> closed the outer one, and the rest fell out of it."""
    result = settled("e<sup>x<sup>2</sup> y</sup> after")
    [outer] = [inline for inline in result.inlines if inline["t"] == "Superscript"]
    assert [inline["t"] for inline in outer["c"]] == ["Str", "Superscript", "Space", "Str"]
    assert stringify(outer["c"][1]["c"]) == "2" and stringify(outer["c"]) == "x2 y"
    assert stringify(result.inlines) == "ex2 y after" and result.removals == []


def test_a_raw_latex_block_is_never_part_of_an_html_run_whatever_it_holds():
    latex, para = {"t": "RawBlock", "c": ["latex", "<b>in</b> \\LaTeX{} <i>"]}, {"t": "Para", "c": [{"t": "Str", "c": "x"}]}
    div, end = ({"t": "RawBlock", "c": ["html", tag]} for tag in ("<div>", "</div>"))
    assert raw_html.block_runs([latex, para]) == [] and raw_html.block_runs([div, latex, end, para]) == [(0, 3)]


@pytest.mark.parametrize("markdown", ["a</sup> b<!-- c --> d", "a </sup> b <!-- c --> d",  # at odd, even places
                                      "a<!-- c --> b</sup> d"])
def test_a_stray_closing_tag_or_a_comment_marks_nothing_wherever_it_stands(markdown):
    result = settled(markdown)
    assert stringify(result.inlines).split() == ["a", "b", "d"] and result.removals == []


def test_a_hard_line_break_beside_inline_html_stays_a_line_break():
    result = settled("a<sup>2</sup>\\\nb <b>c</b>")
    assert [inline["t"] for inline in result.inlines] == ["Str", "Superscript", "LineBreak", "Str", "Space", "Strong"]


def test_what_only_looks_like_a_tag_is_dropped_and_counted_as_no_removal():
    """A processing instruction pandoc reads as raw HTML: no element, nothing said removed, the words kept."""
    result = settled("a <?php echo 1; ?> b")
    assert stringify(result.inlines).split() == ["a", "b"] and result.removals == []


def test_an_images_title_may_be_an_address_only_its_source_must_be_a_local_file():
    result = settled('x <img src="p.png" title="https://e.org" alt="m"> y <b title="t">z</b>')
    image, strong = [inline for inline in result.inlines if inline["t"] not in ("Str", "Space")]
    assert image["c"][2] == ["p.png", "https://e.org"] and result.removals == []
    assert strong["c"][0]["c"][0] == ["", [], [["title", "t"]]]  # a title alone still needs the Span that carries it


def test_a_tag_nested_in_another_closes_at_its_own_closing_tag():
    result = settled("<sup>x <b>y</b> z</sup> after")
    assert [inline["t"] for inline in result.inlines] == ["Superscript", "Space", "Str"]
    assert [inline["t"] for inline in result.inlines[0]["c"]] == ["Str", "Space", "Strong", "Space", "Str"]


def test_a_paragraph_of_hundreds_of_words_is_settled_to_its_end():
    words = " ".join(f"w{number}" for number in range(300))
    result = settled(f"{words} <sup>2</sup> end")
    assert stringify(result.inlines).split()[-2:] == ["2", "end"]


def test_every_kind_of_block_may_stand_in_and_around_an_html_run():
    blocks = pypandoc_blocks("---\n\n<aside>\n\n---\n\n    <p>indented</p>\n\n> quoted\n\n</aside>\n\n| a |\n|---|\n| 1 |\n\nText\n")
    assert [block["t"] for block in blocks][:3] == ["HorizontalRule", "RawBlock", "HorizontalRule"]
    assert raw_html.block_runs(blocks) == [(1, 6)]


def test_an_indented_line_is_html_only_when_it_is_a_tag_from_start_to_end():
    def code(text):
        return {"t": "CodeBlock", "c": [["", [], []], text]}

    assert raw_html.is_html_read_as_code(code("<li>one</li>"), lambda block: False)
    assert not raw_html.is_html_read_as_code(code("a -> b>"), lambda block: False)
    assert not raw_html.is_html_read_as_code(code("<li>one"), lambda block: False)
    assert not raw_html.is_html_read_as_code(code("<li>one</li>"), lambda block: True)  # fenced: code
