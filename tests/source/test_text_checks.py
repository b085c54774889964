"""The checks of the text itself (publish/source/text_checks.py), each finding at its line and column:
links, images, headings, notes, formulas, fenced divs and attributes; code is never checked."""

import re

import pytest
from checking import BODY_LINE, CITED, INDEX, column, picture, with_front
from projects import ROOT, SLUG

from publish.house_style import box_kinds, load_house_style
from publish.paths import Publication
from publish.source.preflight import check_publication


# -- links


def test_the_brief_lists_exactly_its_21_unresolved_links_each_at_its_line(monkeypatch):
    monkeypatch.chdir(ROOT)
    findings = check_publication(Publication(SLUG))
    lines = (ROOT / "source" / SLUG / "index.md").read_text(encoding="utf-8").splitlines()
    assert len(findings) == 21
    for finding in findings:
        assert finding.severity == "warning" and finding.message.startswith("unresolved link")
        text = re.search(r"'(.*)' has no address", finding.message).group(1)
        assert lines[finding.line - 1][finding.column - 1:].startswith(f"[{text}](#)")


def test_links(write):
    links = ("[a](#) [b]() [c](#a-heading) [d](#nowhere) [e](https:/broken) [f](javascript:alert(1)) "
             "[g](other.md) [h](https://example.org) [i](mailto:a@example.org) [@smith2020] [@jones2021]")
    findings = write(f"# A Heading\n\n{links}\n")
    at = f"{INDEX}:{BODY_LINE + 2}"
    assert findings == [
        f"{at}:{column(links, '[a]')}: warning: unresolved link: 'a' has no address; the editions show it as plain "
        "text [link.unresolved]",
        f"{at}:{column(links, '[b]')}: warning: unresolved link: 'b' has no address; the editions show it as plain "
        "text [link.unresolved]",
        f"{at}:{column(links, '[d]')}: error: link 'd' points to '#nowhere', which is no heading or anchor in this "
        "document [link.dead-anchor]",
        f"{at}:{column(links, '[e]')}: error: link 'e' has a malformed or unsafe address 'https:/broken': use "
        "https://… or mailto:… [link.unsafe]",
        f"{at}:{column(links, '[f]')}: error: link 'f' has a malformed or unsafe address 'javascript:alert(1)': use "
        "https://… or mailto:… [link.unsafe]",
        f"{at}:{column(links, '[g]')}: warning: link 'g' points to the local file 'other.md'; the editions show it as "
        "plain text [link.local-file]",
    ]


def test_a_links_text_is_quoted_as_written_with_its_brackets(write):
    assert write(f"See [a [b] c](#).\n\n{CITED}") == [
        f"{INDEX}:{BODY_LINE}:5: warning: unresolved link: 'a [b] c' has no address; the editions show it as plain "
        "text [link.unresolved]"]


def test_a_raw_html_links_text_is_its_content(write):
    assert write(f'See <a href="#nowhere">here</a> {CITED}') == [
        f"{INDEX}:{BODY_LINE}:5: error: link 'here' points to '#nowhere', which is no heading or anchor in this "
        "document [link.dead-anchor]"]


def test_an_escaped_bracket_in_a_links_text_does_not_stop_the_checks(write):
    # the last link of a file of a few hundred characters, its brackets never balanced in the text:
    # still one warning at its place
    findings = write(f"{CITED}\n{'Some words. ' * 30}\n\nSee [a \\[ b](#)\n")
    assert len(findings) == 1
    assert findings[0].startswith(f"{INDEX}:{BODY_LINE + 4}:5: warning: unresolved link: 'a \\[ b")


# -- images


def test_images_exist_and_have_alt_text(write):
    findings = write("![](missing.png) [@smith2020] [@jones2021]\n")
    assert (f"{INDEX}:{BODY_LINE}:1: error: image 'missing.png' has no alt text: describe it between the brackets, "
            "![like this](…) [image.no-alt]") in findings
    assert f"{INDEX}:{BODY_LINE}:1: error: image 'missing.png' not found in source/brief/ [image.unusable]" in findings


@pytest.mark.parametrize("name", ["chart.png", "chart.jpg", "chart.svg"])
def test_an_image_file_in_the_folder_is_fine(write, name):
    assert write(f"![A chart]({name})\n\n{CITED}", files={name: picture(name)}) == []


def test_a_pdf_figure_that_cannot_be_read_is_an_error_at_the_image(write):
    findings = write(f"Text.\n\n![A chart](chart.pdf)\n\n{CITED}", files={"chart.pdf": "not a PDF"})
    assert len(findings) == 1
    assert findings[0].startswith(f"{INDEX}:{BODY_LINE + 2}:1: error: image 'chart.pdf' is not a PDF pdfium can read")


# -- headings


def test_heading_levels_do_not_skip(write):
    findings = write("# One\n\n### Three\n\n[@smith2020] [@jones2021]\n")
    assert findings == [f"{INDEX}:{BODY_LINE + 2}:1: warning: heading level 3 follows level 1: a level is skipped "
                        "[heading.skipped-level]"]


def test_headings_one_level_deeper_and_a_deep_first_heading_are_fine(write):
    assert write(f"# A\n\n## B\n\n### C\n\n{CITED}") == []
    assert write(f"### C\n\n#### D\n\n{CITED}") == []  # the first heading follows nothing


def test_a_heading_two_levels_deeper_is_a_warning(write):
    assert write(f"## B\n\n#### D\n\n{CITED}") == [
        f"{INDEX}:{BODY_LINE + 2}:1: warning: heading level 4 follows level 2: a level is skipped "
        "[heading.skipped-level]"]


# -- notes


def test_footnotes_defined_and_used(write):
    text = "Text.[^a] More.[^b]"
    findings = write(f"{text}\n\n[^a]: Note a.\n\n[^c]: Note c.\n\n[@smith2020] [@jones2021]\n")
    assert findings == [
        f"{INDEX}:{BODY_LINE}:{column(text, '[^b]')}: error: note '[^b]' is called but never defined [note.undefined]",
        f"{INDEX}:{BODY_LINE + 4}:1: warning: note '[^c]' is defined but never called [note.unused]",
    ]


def test_a_note_call_without_a_known_place_is_reported_at_line_1_column_1(write):
    # raw LaTeX becomes elements that stand nowhere in the text: each call is still reported, at 1:1
    findings = write("\\textbf{[^p][^r]}\n\n" + CITED)
    assert findings == [f"{INDEX}:1:1: error: note '[^p]' is called but never defined [note.undefined]",
                        f"{INDEX}:1:1: error: note '[^r]' is called but never defined [note.undefined]"]


@pytest.mark.parametrize("last_line", ["", "A backslash at the end \\\n"])
def test_a_note_call_not_written_as_such_is_reported_where_its_text_comes_from(write, last_line):
    # the subtitle comes in through the shortcode; '[^p]' is nowhere after it in the text (and so
    # has no character before it, whatever the file ends with)
    body = "See {{< meta subtitle >}} here.\n\n" + CITED + last_line
    findings = write(body, front=with_front('subtitle: "[^p]"\n'))
    line = BODY_LINE + 1  # the front matter has one line more
    assert findings == [f"{INDEX}:{line}:{body.index('{{<') + 1}: error: note '[^p]' is called but never defined "
                        "[note.undefined]"]


def test_an_escaped_bracket_is_not_a_note_call(write):
    # two escaped ones an odd number of characters apart; a call right after a word is still a call
    text = "Brackets \\[^p], \\[^o] and a call[^q]."
    assert write(f"{text}\n\n{CITED}") == [
        f"{INDEX}:{BODY_LINE}:{text.index('[^q]') + 1}: error: note '[^q]' is called but never defined "
        "[note.undefined]"]


def test_a_table_in_a_footnote_is_a_warning_at_the_note(write):
    body = f"Text[^t] more.\n\n[^t]:\n    | a |\n    |---|\n    | 1 |\n\n{CITED}"
    assert write(body) == [f"{INDEX}:{BODY_LINE}:5: warning: a footnote holds a table: the PDF prints its rows as lines "
                           "of text in the note (the DOCX and the web page keep the table) [note.table]"]


def test_a_footnote_of_text_is_no_warning(write):
    # underlined text: an element whose name sorts after 'Table', still no table
    assert write(f"Text[^u] more.\n\n[^u]: Some [underlined]{{.underline}} text.\n\n{CITED}") == []


# -- formulas


def test_a_formula_that_cannot_be_read_is_a_warning_at_its_place(write):
    body = "A formula $\\frac{1}{$ here. [@smith2020] [@jones2021]\n"
    assert write(body) == [f"{INDEX}:{BODY_LINE}:11: warning: the formula '\\frac{{1}}{{' cannot be read as TeX math "
                           "(unexpected end): the editions show its TeX source; check its braces and commands "
                           "[math.unreadable]"]


@pytest.mark.parametrize("size, shown", [(40, None), (41, 39)])
def test_a_long_formula_is_cut_to_40_characters_in_its_warning(write, size, shown):
    tex = "x" * (size - 9) + "\\frac{1}{"  # cannot be read: it ends inside \frac
    quoted = tex if shown is None else tex[:shown] + "…"
    assert write(f"${tex}$ {CITED}") == [
        f"{INDEX}:{BODY_LINE}:1: warning: the formula '{quoted}' cannot be read as TeX math (unexpected end): the "
        "editions show its TeX source; check its braces and commands [math.unreadable]"]


# -- attributes and fenced divs


def test_an_unsafe_attribute_is_a_warning_at_its_element(write):
    assert write(f'Text [x]{{onclick="alert(1)"}} {CITED}') == [
        f"{INDEX}:{BODY_LINE}:6: warning: the attribute 'onclick' on this span could run code or load something in a "
        "browser: the editions leave it out [attribute.unsafe]"]


def test_a_harmless_attribute_no_edition_uses_says_so_and_is_left_out(write):
    """Quarto's `collapse` on a callout, a `color` on a span: no edition uses them, but neither could run code."""
    from publish.document import iterate
    from publish.source.parse import examined
    from publish.source.raw_content import drop_left_out_attributes

    body = f'::: {{.callout-warning collapse="true"}}\nW [pink]{{color=red lang=fr}}.\n:::\n\n{CITED}'
    assert write(body) == [
        f"{INDEX}:{BODY_LINE}:1: warning: no edition uses the attribute 'collapse' on this div: the editions leave it "
        "out [attribute.unused]",
        f"{INDEX}:{BODY_LINE + 1}:3: warning: no edition uses the attribute 'color' on this span: the editions leave "
        "it out [attribute.unused]"]
    source, _, _ = examined(Publication("brief"))
    kept = drop_left_out_attributes(source.document)
    assert [element["c"][0][2] for element in iterate(kept["blocks"]) if element["t"] in ("Div", "Span")] == [
        [], [["lang", "fr"]]]


def test_an_unknown_div_class_is_a_warning_naming_the_known_ones(write):
    findings = write(f"::: {{.mystery}}\nText.\n:::\n\n{CITED}")
    assert len(findings) == 1
    start, known = findings[0].split(" (the classes it knows: ")
    assert start == (f"{INDEX}:{BODY_LINE}:1: warning: the fenced div class 'mystery' is not one the house style draws: "
                     "its text is shown plainly")
    assert known == ", ".join(sorted(box_kinds(load_house_style()))) + ", pull-quote) [div.unknown-class]"
    assert "note" in known.split(", ")


def test_a_div_with_two_unknown_classes_names_the_first(write):
    assert write(f"::: {{.mystery .other}}\nText.\n:::\n\n{CITED}")[0].startswith(
        f"{INDEX}:{BODY_LINE}:1: warning: the fenced div class 'mystery' is not one the house style draws")


def test_a_div_after_another_is_placed_at_its_own_opening_fence(write):
    # not at the closing ':::' of the div before it, nor, for a div inside another, at the outer one's fence
    body = f"::: {{.callout-tip}}\nTip.\n:::\n\n:::: acks\n::: {{.inner}}\nX.\n:::\n::::\n\n{CITED}"
    assert [finding.split(": warning: ")[0] + " " + finding.split("'")[1] for finding in write(body)] == [
        f"{INDEX}:{BODY_LINE + 4}:1 acks", f"{INDEX}:{BODY_LINE + 5}:1 inner"]


@pytest.mark.parametrize("classes", ["{.note}", "{.note .extra}", "{.columns}", "{.callout .hidden}", "{#sec-x}"])
def test_known_and_quiet_div_classes_are_no_warning(write, classes):
    # a box class (with others), or the classes pandoc and the pipeline use themselves
    assert write(f"::: {classes}\nText.\n:::\n\n{CITED}") == []


def test_a_bare_quarto_callout_is_drawn_as_a_note(write):
    """`::: callout` with no type is Quarto's note: a box in every edition, not plain text without a word."""
    from publish.document import iterate
    from publish.house_style import load_house_style
    from publish.labels import Labels
    from publish.paths import Publication
    from publish.source.furniture import boxes
    from publish.source.parse import examined

    assert write(f"::: callout\nA remark.\n:::\n\n{CITED}") == []
    source, _, _ = examined(Publication("brief"))
    drawn = boxes(source.document, load_house_style(), Labels("en"))
    [box] = [element for element in iterate(drawn["blocks"]) if element["t"] == "Div"]
    assert box["c"][0][1] == ["box", "note"]


# -- code


def test_code_is_not_checked(write):
    assert write("`[x](#)` and `@nokey`\n\n```\n[y](#) @nokey\n```\n\n[@smith2020] [@jones2021]\n") == []
