"""The sanitiser of raw HTML (publish/source/raw_html.py): what could run or load is removed, and each
removal says what it removed and why. Raw HTML read into the document is in test_raw_content.py."""

import pytest

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
