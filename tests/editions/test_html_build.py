"""The HTML edition (publish/editions/html.py) in this process: the page built from the brief's parse
(its links to the other editions, its policy, styles and font subsets), and the finishing of
pandoc's body (each note after the paragraph that calls it, each table in a scrolling region of its
own, each code block reachable from the keyboard). The built page in real tools is in test_html.py."""

import json

import lxml.html
import pytest
from projects import SLUG, inside

from publish.editions import html
from publish.editions.fragments import finished
from publish.editions.fragments import parsed as parsed_fragment
from publish.paths import Publication


UNIT = Publication(SLUG)


@pytest.fixture(scope="module")
def page(parsed):
    with inside(parsed):
        html.build_html(UNIT)
        return lxml.html.parse(str(UNIT.artifact("html"))).getroot()


def test_each_note_follows_the_paragraph_that_calls_it(page):
    asides = page.xpath("//article/aside[@role='doc-footnote']")
    assert [aside.get("id") for aside in asides] == [f"fn{n}" for n in range(1, 5)]
    for number, aside in enumerate(asides, start=1):
        calling = aside.getprevious()
        assert calling.xpath(f".//a[@id='fnref{number}']"), f"note {number} is not after its paragraph"
        assert aside.find("span").text == f"{number}." and aside.get("class") == "footnote"
    assert not page.xpath("//section[@id='footnotes']")


def test_a_fragment_without_notes_is_left_as_it_is():
    assert finished("<p>No note here.</p>", html.place_notes_beside_text) == "<p>No note here.</p>"


def test_a_note_called_inside_a_list_follows_the_whole_list():
    fragment = ('<ul><li>item<a href="#fn1" class="footnote-ref" id="fnref1" role="doc-noteref"><sup>1</sup></a></li></ul>'
                '<p>after</p><section id="footnotes" class="footnotes footnotes-end-of-document" role="doc-endnotes">'
                '<ol><li id="fn1"><p>The note.<a href="#fnref1" class="footnote-back" role="doc-backlink">↩</a></p></li>'
                '</ol></section>')
    container = parsed_fragment(finished(fragment, html.place_notes_beside_text))
    assert [child.tag for child in container] == ["ul", "aside", "p"]
    assert container[1].xpath(".//a[@role='doc-backlink']")[0].get("aria-label") == "Back to the text at note 1"


def test_each_table_scrolls_in_a_named_focusable_region_of_its_own():
    from publish.labels import Labels

    fragment = ("<p>a</p><table><caption>Provinces\n and   districts</caption><tr><td>x</td></tr></table><p>b</p>"
                "<table><tr><td>y</td></tr></table>")
    container = parsed_fragment(finished(fragment, lambda body: html.make_tables_scroll(body, Labels("fr"))))
    assert [child.tag for child in container] == ["p", "div", "p", "div"]
    boxes = container.findall("div")
    assert [dict(box.attrib) for box in boxes] == [
        {"class": "table-scroll", "role": "region", "tabindex": "0", "aria-label": "Provinces and districts"},
        {"class": "table-scroll", "role": "region", "tabindex": "0", "aria-label": "Tableau\u00a02"}]  # no caption: its number
    assert [[child.tag for child in box] for box in boxes] == [["table"], ["table"]]
    assert [box[0].findtext(".//td") for box in boxes] == ["x", "y"]


def test_each_code_block_can_be_reached_from_the_keyboard():
    fragment = '<p>Run <code>x</code>:</p><pre><code>x = 1</code></pre><div><pre class="sourceCode">y = 2</pre></div>'
    container = parsed_fragment(finished(fragment, html.make_code_focusable))
    assert [block.get("tabindex") for block in container.iter("pre")] == ["0", "0"]
    assert container.find("p").get("tabindex") is None and container.find(".//p/code").get("tabindex") is None
    assert [block.text_content() for block in container.iter("pre")] == ["x = 1", "y = 2"]


def test_the_page_links_its_editions_and_citations_by_their_registered_names(page):
    links = [(a.get("href"), a.text) for a in page.xpath("//nav[@class='edition-links']//a")]
    assert links == [(f"{SLUG}.pdf", "PDF"), (f"{SLUG}.docx", "DOCX"), (f"{SLUG}.epub", "EPUB"), (f"{SLUG}.ris", "RIS"),
                     (f"{SLUG}.bib", "BibTeX"), (f"{SLUG}.json", "CSL-JSON")]
    assert page.xpath("//meta[@name='citation_pdf_url']/@content") == [f"{SLUG}.pdf"]
    data = json.loads(page.xpath("//script[@type='application/ld+json']")[0].text)
    assert [item["contentUrl"] for item in data["encoding"]] == [f"{SLUG}.pdf", f"{SLUG}.docx", f"{SLUG}.epub"]


def test_the_page_carries_its_policy_styles_and_font_subsets(page):
    [policy] = page.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
    assert policy.startswith("default-src 'none';") and "script-src" not in policy
    css = page.find(".//style").text
    assert "--font-body:" in css and css.count("@font-face") >= 5
    assert css.count("data:font/woff2;base64,") == css.count("@font-face")
    assert "url(fonts/" not in css  # no font is fetched from a file
