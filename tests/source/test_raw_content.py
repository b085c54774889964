"""Raw HTML and LaTeX in the Markdown, settled right after the read (publish/source/raw_content.py, with
raw_html.py and raw_latex.py): kept where safe, as the document's own elements; mapped where a
command has a Markdown meaning; dropped with a warning at its place otherwise. The sanitiser alone is
in test_raw_html.py, the LaTeX commands alone in test_raw_latex.py."""

import pytest
from checking import BODY_LINE, INDEX

from publish.document import iterate, stringify
from publish.paths import Publication
from publish.source.read import read_source


@pytest.fixture
def settle(write):
    """settle(body) -> (the settled document's body blocks, the findings, the Source)."""

    def make(body):
        findings = write(body)
        source = read_source(Publication("brief"))
        return source.document["blocks"], findings, source

    return make


def kinds(blocks):
    return [element["t"] for element in iterate(blocks)]


CITES = " [@smith2020] [@jones2021]\n"


# -- raw HTML blocks, read into the document


def test_a_pasted_table_becomes_a_table_at_its_line(settle):
    body = ('Before.' + CITES + '\n<table style="x">\n<tr><th>A</th><th>B</th></tr>\n<tr><td>1</td><td><em>2</em></td></tr>\n'
            '</table>\n\nAfter.\n')
    blocks, findings, source = settle(body)
    [table] = [element for element in iterate(blocks) if element["t"] == "Table"]
    assert stringify(table) == "AB12" and "Emph" in kinds([table])
    assert source.places.place(table).line == BODY_LINE + 2
    assert findings == [f"{INDEX}:{BODY_LINE + 2}:1: warning: raw HTML <table> loses its presentational attributes "
                        "(style): the house style sets every edition [raw.html.presentational]"]
    assert "RawBlock" not in kinds(blocks)


def test_markdown_between_html_tags_stays_markdown(settle):
    body = "<div class=\"aside\">\n\nSome *emphasis* and [@smith2020].\n\n</div>\n\nText [@jones2021].\n"
    blocks, findings, _ = settle(body)
    assert "Emph" in kinds(blocks) and "Cite" in kinds(blocks) and "RawBlock" not in kinds(blocks)
    assert findings == [f"{INDEX}:{BODY_LINE}:1: warning: the fenced div class 'aside' is not one the house style "
                        "draws: its text is shown plainly (the classes it knows: box, callout, callout-caution, "
                        "callout-important, callout-note, callout-tip, callout-warning, important, key-points, note, "
                        "recommendations, tip, warning, pull-quote) [div.unknown-class]"]


MEMO = """One in Markdown.

<div class="note">
<p>Two, raw.</p>
</div>

Three in *Markdown*.

<table>
<tr><td>Four, raw</td></tr>
</table>

Five:

- six
    - seven, nested
- eight

<ol>
<li>Nine, a raw list</li>
<li><p>Ten</p><ul><li>eleven, nested raw</li></ul></li>
</ol>

Twelve<sup id="fnr1"><a href="#fn1">1</a></sup> with a hand-made note.

<ol class="notes">
<li id="fn1">Thirteen, the note itself.</li>
</ol>

Fourteen, the end.
"""


def test_raw_html_blocks_and_markdown_between_them_keep_their_reading_order(settle):
    """Raw HTML blocks with Markdown between them (a memo written for Jekyll or GitHub): every word where
    the author wrote it. The sanitiser once dropped the closing tag of each run's wrapper, so the next
    run was read inside it, after it: a paragraph out of its place."""
    blocks, findings, _ = settle(MEMO + CITES)
    words = [element["c"] for element in iterate(blocks) if element["t"] == "Str"]
    numbers = ["One", "Two,", "Three", "Four,", "Five:", "six", "seven,", "eight", "Nine,", "Ten", "eleven,",
               "Twelve", "Thirteen,", "Fourteen,"]
    assert [word for word in words if word in numbers] == numbers
    assert "Four," in stringify([element for element in iterate(blocks) if element["t"] == "Table"])


def test_html_comments_are_left_out_in_silence(settle):
    """A comment is never content: no edition shows it, and no warning says so (a raw block that is not a
    comment still is a warning)."""
    body = "Text <!-- a note to self --> here." + CITES + "\n<!-- A block comment\nover two lines -->\n\nMore text.\n"
    blocks, findings, _ = settle(body)
    assert findings == [] and "comment" not in stringify(blocks)
    assert [element["c"] for element in iterate(blocks) if element["t"] == "Str"][:2] == ["Text", "here."]


def test_a_link_inside_raw_html_is_checked_at_the_html(settle):
    body = 'Text.' + CITES + '\n<p>A <a href="#nowhere">broken</a> link.</p>\n'
    _, findings, _ = settle(body)
    assert findings == [f"{INDEX}:{BODY_LINE + 2}:6: error: link 'broken' points to '#nowhere', which is no heading or "
                        "anchor in this document [link.dead-anchor]"]


def test_a_finding_inside_a_raw_html_block_of_many_lines_is_at_its_own_line_and_column(settle):
    """Not at the block's first line: a list of twenty notes would put every finding at its <ul>."""
    body = 'Para one.' + CITES + '\n<ul>\n<li>x &amp; z</li>\n<li>y <a href="#nowhere">back</a></li>\n</ul>\n'
    blocks, findings, source = settle(body)
    assert findings == [f"{INDEX}:{BODY_LINE + 4}:7: error: link 'back' points to '#nowhere', which is no heading or "
                        "anchor in this document [link.dead-anchor]"]
    [listed] = [block for block in blocks if block["t"] == "BulletList"]
    words = {element["c"]: source.places.place(element) for element in iterate(listed) if element["t"] == "Str"}
    assert (words["z"].line, words["z"].column) == (BODY_LINE + 3, 13)
    assert source.places.place(listed).line == BODY_LINE + 2


# A Jekyll page's raw list whose closing tag line is indented: pandoc reads that line as code.
INDENTED_CLOSING = "First paragraph.\n\n<ol>\n<li>One</li>\n    </ol>\n\n## Section two\n\nSecond paragraph.[^a]" + \
                   CITES + "\n[^a]: The note text.\n"


def test_an_indented_closing_tag_ends_its_raw_html_element(settle):
    """The element ends at its closing tag, as kramdown reads it: what follows keeps its structure (a
    heading, a note of pandoc's own, not HTML inside the list item) and its place."""
    blocks, findings, source = settle(INDENTED_CLOSING)
    assert [block["t"] for block in blocks] == ["Para", "OrderedList", "Header", "Para"]
    assert stringify(blocks[1]) == "One" and stringify(blocks[2]) == "Section two"
    assert [stringify(note) for note in iterate(blocks[3]) if note["t"] == "Note"] == ["The note text."]
    assert findings == [] and source.places.place(blocks[2]).line == BODY_LINE + 6


def test_tab_indented_list_items_inside_a_raw_list_are_its_items(settle):
    """kramdown reads a tab-indented <li> inside an open <ul> as HTML, not as code: the note keeps its
    id, so a link to it arrives."""
    body = 'Text.<sup><a href="#fn1">1</a></sup>' + CITES + '\n<ul>\n\n\t<li id="fn1">Note one.</li>\n\n</ul>\n'
    blocks, findings, _ = settle(body)
    [listed] = [block for block in blocks if block["t"] == "BulletList"]
    assert stringify(listed) == "Note one." and "CodeBlock" not in kinds(blocks)
    assert "fn1" in [element["c"][0][0] for element in iterate(listed) if element["t"] == "Span"]
    assert findings == []


def test_html_shown_as_code_stays_code_outside_an_open_element_or_fenced(settle):
    """Indented HTML with no raw element open around it, and fenced HTML inside one, are code an author shows."""
    body = "Write this:" + CITES + "\n    <li>shown</li>\n\n<div>\n\n```\n<li>also shown</li>\n```\n\n</div>\n"
    blocks, _, _ = settle(body)
    assert [element["c"][1] for element in iterate(blocks) if element["t"] == "CodeBlock"] == \
        ["<li>shown</li>", "<li>also shown</li>"]


def test_raw_html_inside_a_note_is_read_too(settle):
    body = "Text.[^n]" + CITES + "\n[^n]: A note with a table:\n\n    <table><tr><td>cell</td></tr></table>\n"
    blocks, findings, _ = settle(body)
    [note] = [element for element in iterate(blocks) if element["t"] == "Note"]
    assert "Table" in kinds(note["c"]) and "RawBlock" not in kinds(blocks)
    assert findings == [f"{INDEX}:{BODY_LINE}:6: warning: a footnote holds a table: the PDF prints its rows as lines of "
                        "text in the note (the DOCX and the web page keep the table) [note.table]"]


# -- raw HTML inline, as pandoc's own inlines


@pytest.mark.parametrize("html, kind, text", [
    ("<sup>2</sup>", "Superscript", "2"),
    ("<sub>2</sub>", "Subscript", "2"),
    ("<b>bold</b>", "Strong", "bold"),
    ("<i>it</i>", "Emph", "it"),
    ("<del>old</del>", "Strikeout", "old"),
    ('<span class="smallcaps">Un</span>', "SmallCaps", "Un"),  # pandoc reads a span as its own
    ('<a href="https://example.org">there</a>', "Link", "there"),
    ("<q>quoted</q>", "Quoted", "quoted"),
    ("<kbd>Ctrl</kbd>", "Span", "Ctrl"),
])
def test_inline_tags_become_pandoc_inlines(settle, html, kind, text):
    blocks, findings, _ = settle(f"Say {html} now." + CITES)
    [paragraph] = blocks
    made = paragraph["c"][2]
    assert made["t"] == kind and stringify(made) == text and findings == []
    assert "RawInline" not in kinds(blocks)


@pytest.mark.parametrize("html, kind, identifier, classes", [
    ('<sup id="r1">2</sup>', "Superscript", "r1", []),
    ('<em id="e">2</em>', "Emph", "e", []),
    ('<strong class="k">2</strong>', "Strong", "", ["k"]),
    ('<sub id="s">2</sub>', "Subscript", "s", []),
])
def test_a_formatting_tag_with_attributes_keeps_its_formatting_and_its_id(settle, html, kind, identifier, classes):
    """A note call written <sup id="fnr1"> is raised and stays a link's target: the formatting holds a
    Span that carries the id and classes."""
    blocks, findings, source = settle(f"Say {html} now." + CITES)
    made = blocks[0]["c"][2]
    assert made["t"] == kind and [inner["t"] for inner in made["c"]] == ["Span"] and stringify(made) == "2"
    assert made["c"][0]["c"][0][:2] == [identifier, classes] and findings == []
    assert source.places.place(made["c"][0]).column == 5


def test_a_line_break_and_a_local_image(settle, tmp_path):
    blocks, findings, source = settle('One<br>two <img src="pic.png" alt="A picture">' + CITES)
    assert "LineBreak" in kinds(blocks)
    [image] = [element for element in iterate(blocks) if element["t"] == "Image"]
    assert image["c"][2][0] == "pic.png" and stringify(image["c"][1]) == "A picture"
    assert findings == [f"{INDEX}:{BODY_LINE}:12: error: image 'pic.png' not found in source/brief/ [image.unusable]"]


def test_an_unsafe_inline_tag_keeps_its_text(settle):
    blocks, findings, _ = settle('A <span onclick="x()">kept</span> word.' + CITES)
    assert "kept" in stringify(blocks) and "RawInline" not in kinds(blocks)
    assert findings == [f"{INDEX}:{BODY_LINE}:3: warning: the attribute 'onclick' on this span could run code or load "
                        "something in a browser: the editions leave it out "
                        "[attribute.unsafe]"]  # pandoc reads a span as its own


# -- raw LaTeX and other formats


def test_page_breaks_around_a_dropped_table_of_contents_are_one_break(settle):
    """A thesis's \\newpage, \\tableofcontents, \\newpage: the contents are left out (with a warning), and the
    two breaks they stood between are one, not a blank page."""
    body = "One." + CITES + "\n\\newpage\n\n\\tableofcontents\n\n\\newpage\n\nTwo.\n\n\\newpage\n\nThree.\n"
    blocks, findings, _ = settle(body)
    shape = ["break" if block["t"] == "Div" else stringify(block) for block in blocks]
    assert shape[-5:] == [shape[-5], "break", "Two.", "break", "Three."] and shape.count("break") == 2
    assert [finding.split(": ", 2)[1] for finding in findings] == ["warning"]


def test_a_page_break_on_its_own_line_and_other_raw_blocks(settle):
    body = "One." + CITES + "\n\\newpage\n\n```{=typst}\n#pagebreak()\n```\n\n\\clearpage\n\nTwo.\n"
    blocks, findings, _ = settle(body)
    breaks = [block for block in blocks if block["t"] == "Div" and "page-break" in block["c"][0][1]]
    assert len(breaks) == 1 and "RawBlock" not in kinds(blocks)  # the typst block left out, two breaks in a row are one
    assert findings == [f"{INDEX}:{BODY_LINE + 5}:1: warning: raw typst content '#pagebreak()' cannot be shown in these "
                        "editions: they leave it out [raw.dropped]"]


def test_latex_logos_and_verb_keep_their_words(settle):
    """The ACM template's \\LaTeX\\ and \\verb|...|: the logo is its name, the control space after it a space
    (pandoc's no-break space, as its LaTeX reader gives), and so is the space pandoc reads into `\\TeX and`
    (TeX would eat it: the author wrote two words); \\verb's text is code; only a command with no meaning is
    left out, and leaves one space between the words around it, not two."""
    body = ("Use a consistent \\LaTeX\\ style, \\TeX{} and \\BibTeX, end with \\verb|\\end{document}| or "
            "\\verb+a|b+; \\foo here, \\TeX and \\vspace{1em} done." + CITES)
    blocks, findings, _ = settle(body)
    assert stringify(blocks[0]).startswith("Use a consistent LaTeX\u00a0style, TeX and BibTeX, end with "
                                           "\\end{document} or a|b; here, TeX and done.")
    assert [element["c"][1] for element in iterate(blocks) if element["t"] == "Code"] == ["\\end{document}", "a|b"]
    dropped = "has no meaning outside LaTeX: the editions leave it out (write it in Markdown) [raw.latex.dropped]"
    assert findings == [f"{INDEX}:{BODY_LINE}:{body.index(command) + 1}: warning: the LaTeX '{command}' {dropped}"
                        for command in ("\\foo", "\\vspace{1em}")]


def test_latex_in_the_front_matter_is_settled_as_in_the_body_everywhere_it_shows(write):
    """A title's \\LaTeX\\ is its name in the title, the web page's metadata and How to cite alike (it stayed
    raw in some and was dropped in others); a command with no meaning is left out, with a warning at its
    key's line, in a one-line value as in an abstract or a bio."""
    import json

    from publish.source.parse import parse_publication

    front = ("---\ntitle: Probe about \\LaTeX\\ here\nsubtitle: With \\foo{x} in it\nauthor:\n  - name: A\n"
             "    bio: Writes \\TeX and \\bar.\ndate: 2024\nlang: en\nbibliography: references.json\n"
             "abstract: |\n  An abstract naming \\LaTeX\\ in passing, and \\baz{y}.\n---\n\n")
    dropped = "has no meaning outside LaTeX: the editions leave it out (write it in Markdown) [raw.latex.dropped]"
    assert write("Text [@smith2020] [@jones2021].\n", front=front) == [
        f"{INDEX}:3:1: warning: the LaTeX '\\foo{{x}}' {dropped}", f"{INDEX}:6:5: warning: the LaTeX '\\bar' {dropped}",
        f"{INDEX}:10:1: warning: the LaTeX '\\baz{{y}}' {dropped}"]
    parse_publication(Publication("brief"))
    metadata = json.loads(Publication("brief").metadata.read_text(encoding="utf-8"))
    assert (metadata["title"], metadata["subtitle"]) == ("Probe about LaTeX\u00a0here", "With in it")
    assert metadata["summary"] == "An abstract naming LaTeX\u00a0in passing, and ."
    assert all("LaTeX" in cited["html"] and "\\" not in cited["html"] for cited in metadata["how_to_cite"])
    document = json.loads(Publication("brief").document.read_text(encoding="utf-8"))
    assert "Writes TeX and ." in stringify(document["blocks"])  # the bio, in About the authors
    assert not [element for element in iterate([document["blocks"], document["meta"]]) if element["t"] == "RawInline"]
