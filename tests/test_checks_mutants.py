"""`doit check`, the cases the mutation run (tests/mutation/run.py) found unchecked: each test
says what a finding, its place or the check's decision must be."""

import json
import os
import shutil
from datetime import datetime, timezone
from pathlib import Path

import pytest
from checking import BODY_LINE, FRONT, INDEX, REFERENCES

from publish.errors import PublishError
from publish.house_style import box_kinds, load_house_style
from publish.paths import Publication
from publish.source.parse import ChecksFailed, examined
from publish.source.preflight import check_publication, run_checks

CITED = "[@smith2020] [@jones2021]\n"  # cites both entries of the fixture's bibliography: no 'never cited'


def with_front(extra, front=FRONT):
    """The fixture's front matter with `extra` lines added after `lang`."""
    return front.replace("lang: en\n", f"lang: en\n{extra}")


# -- places: every finding has a line and a column an editor can jump to (both from 1)

def test_a_note_call_without_a_known_place_is_reported_at_line_1_column_1(write):
    # raw LaTeX becomes elements that stand nowhere in the text: each call is still reported, at 1:1
    findings = write("\\textbf{[^p][^r]}\n\n" + CITED)
    assert findings == [f"{INDEX}:1:1: error: note '[^p]' is called but never defined",
                        f"{INDEX}:1:1: error: note '[^r]' is called but never defined"]


@pytest.mark.parametrize("last_line", ["", "A backslash at the end \\\n"])
def test_a_note_call_not_written_as_such_is_reported_where_its_text_comes_from(write, last_line):
    # the subtitle comes in through the shortcode; '[^p]' is nowhere after it in the text (and so
    # has no character before it, whatever the file ends with)
    body = "See {{< meta subtitle >}} here.\n\n" + CITED + last_line
    findings = write(body, front=with_front('subtitle: "[^p]"\n'))
    line = BODY_LINE + 1  # the front matter has one line more
    assert findings == [f"{INDEX}:{line}:{body.index('{{<') + 1}: error: note '[^p]' is called but never defined"]


def test_an_escaped_bracket_is_not_a_note_call(write):
    # two escaped ones an odd number of characters apart; a call right after a word is still a call
    text = "Brackets \\[^p], \\[^o] and a call[^q]."
    assert write(f"{text}\n\n{CITED}") == [
        f"{INDEX}:{BODY_LINE}:{text.index('[^q]') + 1}: error: note '[^q]' is called but never defined"]


def test_a_missing_series_file_is_one_error_at_its_first_line(write):
    write(CITED)
    os.remove("source/series.yaml")
    assert [str(f) for f in check_publication(Publication("brief"))] == ["source/series.yaml:1:1: error: file not found"]


# -- the publication's folder

def test_a_folder_without_index_is_an_error_at_1_1(write):
    write(CITED)
    os.remove("source/brief/index.md")
    assert [str(f) for f in check_publication(Publication("brief"))] == [
        f"{INDEX}:1:1: error: source/brief/ has no index.md: add one, or move the folder out of source/"]


def test_a_folder_name_that_is_no_slug_is_an_error_at_1_1(write):
    write(CITED)
    shutil.move("source/brief", "source/Brief")
    assert [str(f) for f in check_publication(Publication("Brief"))] == [
        "source/Brief/index.md:1:1: error: the folder name 'Brief' is the slug of the editions' file names: use "
        "lower-case letters, digits and hyphens only"]


def test_folders_differing_only_in_case_are_an_error_at_1_1(write):
    write(CITED)
    os.mkdir("source/BRIEF")
    assert [str(f) for f in check_publication(Publication("brief"))] == [
        f"{INDEX}:1:1: error: source/brief/ and source/BRIEF/ would share the slug 'brief': rename one"]


def test_of_several_twins_the_first_in_order_is_named(write):
    write(CITED)
    for name in ("bRIEF", "BRIEF", "Brief"):
        os.mkdir(f"source/{name}")
    assert [str(f) for f in check_publication(Publication("brief"))] == [
        f"{INDEX}:1:1: error: source/brief/ and source/BRIEF/ would share the slug 'brief': rename one"]


def test_other_folders_beside_it_are_no_twins(write):
    # names sorting before and after 'brief' share no slug with it
    for name in ("alpha", "zeta", "brief-2"):
        os.mkdir(f"source/{name}")
    assert write(CITED) == []


# -- front matter, metadata and styles

def test_a_date_of_the_last_commit_without_a_commit_names_the_files_date(write, monkeypatch):
    # outside git, 'today' is the day the index file last changed: the warning says which day
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    write(CITED, front=FRONT.replace('date: "2024"', "date: today"))
    moment = datetime(2021, 2, 3, 12, tzinfo=timezone.utc).timestamp()
    os.utime("source/brief/index.md", (moment, moment))
    assert [str(f) for f in check_publication(Publication("brief"))] == [
        f"{INDEX}:4:1: warning: date 'today' is the day of the last commit of source/brief/, which has none yet: the "
        "editions say 2021-02-03, the file's last change, until it is committed"]


def test_a_date_known_from_source_date_epoch_needs_no_warning(write, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1612353600")
    assert write(CITED, front=FRONT.replace('date: "2024"', "date: today")) == []


def test_a_metadata_value_of_the_wrong_shape_is_an_error_at_its_key(write):
    findings = write(CITED, front=with_front("keywords: {a: 1}\n"))
    assert findings == [f"{INDEX}:6:1: error: 'keywords' must be text or a list of texts"]
    assert examined(Publication("brief"))[1].metadata is None  # nothing for the parse to build on


def test_warnings_in_the_front_matter_still_decide_the_metadata(write):
    assert write(CITED, front=with_front("mystery: 1\n")) == [
        f"{INDEX}:6:1: warning: unknown key 'mystery' in the front matter: no edition uses it"]
    assert examined(Publication("brief"))[1].metadata["title"] == "T"


def test_how_to_cite_styles_of_the_wrong_shape_is_an_error_at_its_key(write):
    assert write(CITED, front=with_front("how-to-cite-styles: {a: 1}\n")) == [
        f"{INDEX}:6:1: error: 'how-to-cite-styles' must be text or a list of texts"]


def test_a_missing_style_file_with_a_bundled_namesake_is_a_warning(write):
    assert write(CITED, front=with_front("csl: apa.csl\n")) == [
        f"{INDEX}:6:1: warning: csl file 'apa.csl' not found next to index.md: the bundled style 'apa' of that name "
        "stands in"]


def test_the_house_style_is_not_repeated_among_the_how_to_cite_styles(write):
    # How to cite shows the house style, then each other style once
    assert write(CITED, front=with_front("csl: apa\nhow-to-cite-styles: [apa, harvard-cite-them-right, apa]\n")) == []
    checked = examined(Publication("brief"))[1]
    assert checked.csl.name == "apa.csl"
    assert [path.name for path in checked.other_styles] == ["harvard-cite-them-right.csl"]


def test_each_unknown_style_is_an_error_and_the_others_are_still_decided(write):
    front = with_front("how-to-cite-styles: [nope-one, harvard-cite-them-right, nope-two]\n")
    findings = write(CITED, front=front)
    assert [f.split(": error: ")[1].split(";")[0] for f in findings] == ["unknown CSL style 'nope-one'",
                                                                      "unknown CSL style 'nope-two'"]
    assert all(f.startswith(f"{INDEX}:6:1: error: ") for f in findings)  # at the key
    assert [path.name for path in examined(Publication("brief"))[1].other_styles] == ["harvard-cite-them-right.csl"]


# -- bibliographies and citations

def test_entries_in_the_front_matter_are_placed_at_their_line(write):
    front = with_front("references:\n- id: extra\n  type: book\n  title: X\n  author: [{family: Doe}]\n"
                       "  issued: {date-parts: [[2020]]}\n")
    assert write(CITED, front=front) == [f"{INDEX}:7:3: warning: bibliography entry 'extra' is never cited"]


def test_a_missing_bibliography_is_its_only_error(write):
    # its keys are unknown, so no citation is reported as missing from it
    findings = write("[@smith2020] [@nokey]\n", front=FRONT.replace("references.json", "missing.json"))
    assert findings == [f"{INDEX}:6:1: error: bibliography 'missing.json' not found next to index.md"]


def test_a_bibliography_named_twice_makes_no_duplicates(write):
    assert write(CITED, front=FRONT.replace("references.json", "[references.json, references.json]")) == []


@pytest.mark.parametrize("first, second", [("references.json", "extra.json"), ("extra.json", "references.json")])
def test_a_key_in_two_bibliographies_is_a_duplicate_in_the_second(write, first, second):
    # whichever file is named first, whatever their names' order
    front = FRONT.replace("references.json", f"[{first}, {second}]")
    findings = write(CITED, front=front, files={"extra.json": json.dumps([REFERENCES[0]], indent=2)})
    assert findings == [f"source/brief/{second}:3:5: error: duplicate key 'smith2020' (first in {first} at "
                        "line 3): give each entry its own id"]


def test_nocite_entries_are_not_never_cited(write):
    assert write("[@smith2020]\n", front=with_front("nocite: '@jones2021'\n")) == []
    assert write("Text.\n", front=with_front("nocite: '@*'\n")) == []


def test_a_reference_to_a_code_cells_output_does_not_hide_the_next_reference(write):
    body = "```{r}\n#| label: fig-plot\nplot(1)\n```\n\nSee @fig-plot and @fig-nothing.\n\n" + CITED
    line = BODY_LINE + 5
    assert write(body) == [
        f"{INDEX}:{BODY_LINE}:1: warning: the {{r}} code cell is not run here (the build runs no code): the editions "
        "show its code; save what it makes (a chart as PDF or PNG, a table in Markdown) beside index.md and include that",
        f"{INDEX}:{line}:5: warning: cross-reference '@fig-plot' points to the output of a code cell, which is not made "
        "here: the editions show '@fig-plot' as written",
        f"{INDEX}:{line}:19: error: cross-reference '@fig-nothing' points to no figure, table, section or equation "
        "labelled 'fig-nothing'; label the target with {#fig-nothing}"]


def test_a_reference_to_a_numbered_figure_does_not_hide_the_next_reference(write):
    body = f"See @fig-chart and @fig-nothing.\n\n![A chart](chart.png){{#fig-chart}}\n\n{CITED}"
    assert write(body, files={"chart.png": "image data"}) == [
        f"{INDEX}:{BODY_LINE}:20: error: cross-reference '@fig-nothing' points to no figure, table, section or equation "
        "labelled 'fig-nothing'; label the target with {#fig-nothing}"]


def test_a_reference_to_a_table_without_a_caption_does_not_hide_the_next_reference(write):
    body = f"See @tbl-x and @fig-nothing.\n\n| a |\n|---|\n| 1 |\n\n: {{#tbl-x}}\n\n{CITED}"
    assert write(body) == [
        f"{INDEX}:{BODY_LINE}:5: error: '@tbl-x' points to a table without a caption, which has no number: give it a "
        "caption",
        f"{INDEX}:{BODY_LINE}:16: error: cross-reference '@fig-nothing' points to no figure, table, section or equation "
        "labelled 'fig-nothing'; label the target with {#fig-nothing}"]


# -- formulas, links, images, headings, attributes and divs

@pytest.mark.parametrize("size, shown", [(40, None), (41, 39)])
def test_a_long_formula_is_cut_to_40_characters_in_its_warning(write, size, shown):
    tex = "x" * (size - 9) + "\\frac{1}{"  # cannot be read: it ends inside \frac
    quoted = tex if shown is None else tex[:shown] + "…"
    assert write(f"${tex}$ {CITED}") == [
        f"{INDEX}:{BODY_LINE}:1: warning: the formula '{quoted}' cannot be read as TeX math (UnexpectedEnd): the "
        "editions show its TeX source; check its braces and environments"]


def test_a_links_text_is_quoted_as_written_with_its_brackets(write):
    assert write(f"See [a [b] c](#).\n\n{CITED}") == [
        f"{INDEX}:{BODY_LINE}:5: warning: unresolved link: 'a [b] c' has no address; the editions show it as plain text"]


def test_a_raw_html_links_text_is_its_content(write):
    assert write(f'See <a href="#nowhere">here</a> {CITED}') == [
        f"{INDEX}:{BODY_LINE}:5: error: link 'here' points to '#nowhere', which is no heading or anchor in this document"]


@pytest.mark.parametrize("name", ["chart.png", "chart.jpg", "chart.svg"])
def test_an_image_file_in_the_folder_is_fine(write, name):
    # only a PDF figure is drawn (so read) by the check: another image's content is not looked at
    assert write(f"![A chart]({name})\n\n{CITED}", files={name: "image data"}) == []


def test_a_pdf_figure_that_cannot_be_read_is_an_error_at_the_image(write):
    findings = write(f"Text.\n\n![A chart](chart.pdf)\n\n{CITED}", files={"chart.pdf": "not a PDF"})
    assert len(findings) == 1
    assert findings[0].startswith(f"{INDEX}:{BODY_LINE + 2}:1: error: image 'chart.pdf' is not a PDF pdfium can read")


def test_an_escaped_bracket_in_a_links_text_does_not_stop_the_checks(write):
    # the last link of a file of a few hundred characters, its brackets never balanced in the text:
    # still one warning at its place
    findings = write(f"{CITED}\n{'Some words. ' * 30}\n\nSee [a \\[ b](#)\n")
    assert len(findings) == 1
    assert findings[0].startswith(f"{INDEX}:{BODY_LINE + 4}:5: warning: unresolved link: 'a \\[ b")


def test_a_table_in_a_footnote_is_a_warning_at_the_note(write):
    body = f"Text[^t] more.\n\n[^t]:\n    | a |\n    |---|\n    | 1 |\n\n{CITED}"
    assert write(body) == [f"{INDEX}:{BODY_LINE}:5: warning: a footnote holds a table: the PDF prints its rows as lines "
                           "of text in the note (the DOCX and the web page keep the table)"]


def test_a_footnote_of_text_is_no_warning(write):
    # underlined text: an element whose name sorts after 'Table', still no table
    assert write(f"Text[^u] more.\n\n[^u]: Some [underlined]{{.underline}} text.\n\n{CITED}") == []


def test_headings_one_level_deeper_and_a_deep_first_heading_are_fine(write):
    assert write(f"# A\n\n## B\n\n### C\n\n{CITED}") == []
    assert write(f"### C\n\n#### D\n\n{CITED}") == []  # the first heading follows nothing


def test_a_heading_two_levels_deeper_is_a_warning(write):
    assert write(f"## B\n\n#### D\n\n{CITED}") == [
        f"{INDEX}:{BODY_LINE + 2}:1: warning: heading level 4 follows level 2: a level is skipped"]


def test_an_unsafe_attribute_is_a_warning_at_its_element(write):
    assert write(f'Text [x]{{onclick="alert(1)"}} {CITED}') == [
        f"{INDEX}:{BODY_LINE}:6: warning: the attribute 'onclick' on this span could run code or load something in a "
        "browser: the editions leave it out"]


def test_an_unknown_div_class_is_a_warning_naming_the_known_ones(write):
    findings = write(f"::: {{.mystery}}\nText.\n:::\n\n{CITED}")
    assert len(findings) == 1
    start, known = findings[0].split(" (the classes it knows: ")
    assert start == (f"{INDEX}:{BODY_LINE}:1: warning: the fenced div class 'mystery' is not one the house style draws: "
                     "its text is shown plainly")
    assert known == ", ".join(sorted(box_kinds(load_house_style()))) + ", pull-quote)"
    assert "note" in known.split(", ")


def test_a_div_with_two_unknown_classes_names_the_first(write):
    assert write(f"::: {{.mystery .other}}\nText.\n:::\n\n{CITED}")[0].startswith(
        f"{INDEX}:{BODY_LINE}:1: warning: the fenced div class 'mystery' is not one the house style draws")


@pytest.mark.parametrize("classes", ["{.note}", "{.note .extra}", "{.columns}", "{.callout .hidden}", "{#sec-x}"])
def test_known_and_quiet_div_classes_are_no_warning(write, classes):
    # a box class (with others), or the classes pandoc and the pipeline use themselves
    assert write(f"::: {classes}\nText.\n:::\n\n{CITED}") == []


# -- `doit check`: the summary and the failure

@pytest.mark.parametrize("body", ["[@smith2020] [@nokey]\n", "[@nokey]\n"])
def test_the_summary_counts_errors_and_warnings(write, capsys, body):
    write(body)  # one unknown key (an error), one or two entries never cited (warnings): an odd and an even total
    with pytest.raises(PublishError) as failure:
        run_checks([Publication("brief")])
    lines = capsys.readouterr().out.splitlines()
    errors = sum(": error: " in line for line in lines)
    warnings = sum(": warning: " in line for line in lines)
    assert errors == 1 and warnings >= 1 and errors + warnings == len(lines) - 1
    summary = f"1 error, {warnings} warning{'s' * (warnings != 1)} in 1 publication"
    assert lines[-1] == summary
    assert failure.value.message == f"pre-flight failed: {summary}"


def test_strict_fails_on_warnings_and_says_so(write, capsys):
    write("[@smith2020]\n")  # warnings only
    run_checks([Publication("brief")])
    with pytest.raises(PublishError) as failure:
        run_checks([Publication("brief")], strict=True)
    summary = capsys.readouterr().out.splitlines()[-1]
    assert summary.startswith("0 errors, ")
    assert failure.value.message == f"pre-flight failed (--strict fails on warnings): {summary}"


def test_strict_with_errors_fails_for_the_errors(write, capsys):
    write("[@nokey]\n")
    with pytest.raises(PublishError) as failure:
        run_checks([Publication("brief")], strict=True)
    assert failure.value.message == f"pre-flight failed: {capsys.readouterr().out.splitlines()[-1]}"


def test_the_build_stops_on_the_errors_alone(write):
    # what the parse raises: the errors, one a line, without the warnings beside them
    write("[@nokey] [@smith2020]\n")  # an unknown key; jones2021 never cited
    findings = check_publication(Publication("brief"))
    assert {f.severity for f in findings} == {"error", "warning"}
    failure = ChecksFailed(findings)
    assert failure.findings == [f for f in findings if f.severity == "error"] and len(failure.findings) == 1
    assert str(failure) == (f"{INDEX}:{BODY_LINE}:2: error: citation key 'nokey' is not in the bibliography; add it to "
                            "the bibliography")


# -- a translation beside its original

TRANSLATION = "source/brief/index.fr.md"
ORIGINAL_BODY = "First[^1] and second[^2] and third[^3] notes, [@smith2020] and [@jones2021].\n\n" \
                "![A figure](figure.png){#fig:one}\n\n| a |\n|---|\n| 1 |\n\n: A table {#tbl:one}\n\n" \
                "[^1]: One.\n[^2]: Two.\n[^3]: Three.\n"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")


def translation_findings(write, body, front_lang="fr", original=ORIGINAL_BODY):
    """The findings for source/brief/index.fr.md, beside an original (by default with three notes,
    two citations and two labels)."""
    write(original)
    Path("source/brief/figure.png").write_bytes(PNG)
    Path(TRANSLATION).write_text(FRONT.replace("lang: en", f"lang: {front_lang}") + body, encoding="utf-8")
    return [str(f) for f in check_publication(Publication("brief", "fr")) if "translation" in f.message]


def test_a_translation_with_everything_the_original_has_is_not_told_anything(write):
    assert translation_findings(write, ORIGINAL_BODY) == []


def test_each_note_citation_and_label_a_translation_lacks_is_named(write):
    at = f"{TRANSLATION}:{FRONT[:FRONT.index('lang:')].count(chr(10)) + 1}:1: warning: "
    original = "the original (source/brief/index.md)"
    findings = translation_findings(write, "Only one[^1], [@jones2021].\n\n[^1]: Un.\n")
    assert findings == [f"{at}note 2 of {original} has no counterpart in this translation",
                        f"{at}note 3 of {original} has no counterpart in this translation",
                        f"{at}{original} cites 'smith2020', which this translation does not",
                        f"{at}{original} has the label 'fig:one', which this translation does not",
                        f"{at}{original} has the label 'tbl:one', which this translation does not"]


def test_a_translation_with_no_notes_is_told_each_note_it_lacks(write):
    body = ORIGINAL_BODY.replace("First[^1] and second[^2] and third[^3] notes", "No notes").split("[^1]:")[0]
    assert [finding.split(": warning: ")[1] for finding in translation_findings(write, body)] == [
        f"note {number} of the original (source/brief/index.md) has no counterpart in this translation" for number in (1, 2, 3)]


def test_a_translation_with_more_than_the_original_is_not_told_anything(write):
    original = ORIGINAL_BODY.replace(" and [@jones2021]", "")
    body = (ORIGINAL_BODY.replace("[^3]: Three.", "[^3]: Three.\n[^4]: Four.").replace("third[^3]", "third[^3] fourth[^4]")
            + "\n![Another figure](figure.png){#fig:two}\n")
    assert translation_findings(write, body, original=original) == []


def test_a_language_without_a_catalogue_is_named_with_the_file_it_needs(write):
    findings = write(CITED, front=FRONT.replace("lang: en", "lang: sw-KE"))
    line = FRONT[:FRONT.index("lang:")].count("\n") + 1
    assert findings == [f"{INDEX}:{line}:1: warning: no catalogue of labels for 'sw-KE' (locale/sw.po): the words the "
                        "editions add (Bibliography, Figure, ...) are in English"]


def test_a_translation_beside_an_original_that_cannot_be_read_is_not_told_what_it_lacks(write):
    translation_findings(write, ORIGINAL_BODY)
    Path("source/brief/index.md").write_text("No front matter.\n", encoding="utf-8")  # the original's own check says so
    assert [str(f) for f in check_publication(Publication("brief", "fr")) if "original" in f.message] == []
