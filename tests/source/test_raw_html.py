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
