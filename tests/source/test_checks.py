"""The checks of a publication unit (publish/source/checks.py), each finding at the line and column of
the author's text: its front matter, its citations and the bibliographies they cite, its
cross-references, its language, its folder. The checks of the text itself (links, images, notes,
headings, ...) are in test_text_checks.py, what a translation lacks in test_checks_translations.py."""

import json
import os
import shutil
from datetime import datetime, timezone

import pytest
from checking import BIBLIOGRAPHY, BODY_LINE, CITED, FRONT, INDEX, REFERENCES, entry_position, picture, with_front

from publish.paths import Publication
from publish.source.preflight import check_publication


def test_a_clean_publication_has_no_finding(write):
    assert write("Text [@smith2020] and @jones2021.\n") == []


# -- the front matter


def test_front_matter_problems_at_their_key(write):
    front = '---\nauthor: "A. Author"\ndate: "May 2024"\nlang: en\nbibliography: references.json\ncolour: blue\n---\n\n'
    findings = write("[@smith2020] [@jones2021]\n", front=front)
    assert findings == [
        f"{INDEX}:1:1: error: 'title' is missing: add it to the front matter [front-matter.invalid]",
        f"{INDEX}:3:1: error: date 'May 2024' is not YYYY, YYYY-MM or YYYY-MM-DD: write only what is known, e.g. "
        "'2024' [front-matter.invalid]",
        f"{INDEX}:6:1: warning: unknown key 'colour' in the front matter: no edition uses it "
        "[front-matter.unknown-key]",
    ]


def test_every_front_matter_problem_is_found_in_one_run(write):
    """A missing date and language do not hide a wrong ORCID iD or a keyword list that is no list of texts
    (they came out one run after another); nor does a direction or a heading that reads the language. The
    ORCID iD's error is at its own key."""
    front = ("---\ntitle: Probe\nauthor: [{name: A, orcid: 1234-5678-9012}]\nkeywords: [{a: 1}]\n"
             "reference-section-title: Sources\nbibliography: references.json\n---\n\n")
    assert write(CITED, front=front) == [
        f"{INDEX}:1:1: error: 'date' is missing: add it to the front matter [front-matter.invalid]",
        f"{INDEX}:1:1: error: 'lang' is missing: add it to the front matter [front-matter.invalid]",
        f"{INDEX}:3:{front.splitlines()[2].index('orcid') + 1}: error: orcid '1234-5678-9012' is not an ORCID iD: "
        "write its sixteen digits as 0000-0002-1825-0097 [front-matter.invalid]",
        f"{INDEX}:4:1: error: 'keywords' must be text or a list of texts [front-matter.invalid]"]


def test_what_no_edition_shows_of_an_author_is_a_warning_at_its_key_and_a_department_is_shown(write):
    """JASA's and ACM's Quarto authors: an acknowledgement or a postal address no edition shows was dropped in
    silence; a department, city and country are shown as part of the affiliation's line."""
    from publish.source.parse import examined

    front = with_front("author:\n  - name: A\n    acknowledgements: Funded by the Example Foundation.\n"
                       "    corresponding: true\n"
                       "    affiliations:\n      - name: University of XXX\n        department: Department of YYY\n"
                       "        address: 1 Main Street\n  - name: B\n    affiliations: [{ref: lab}]\n"
                       "affiliations:\n  - id: lab\n    name: A Lab\n    city: Dublin\n    country: Ireland\n"
                       "    ror: 02abcde\n", front=FRONT.replace('author: "A. Author"\n', ""))
    lines = front.splitlines()
    assert write(CITED, front=front) == [
        f"{INDEX}:{lines.index('    acknowledgements: Funded by the Example Foundation.') + 1}:5: warning: unknown "
        "key 'acknowledgements' of an author: no edition shows it ('Funded by the Example Foundation.') "
        "[front-matter.unknown-key]",
        f"{INDEX}:{lines.index('    corresponding: true') + 1}:5: warning: unknown key 'corresponding' of an author: "
        "no edition shows it ('true') [front-matter.unknown-key]",
        f"{INDEX}:{lines.index('        address: 1 Main Street') + 1}:9: warning: unknown key 'address' of an "
        "affiliation: no edition shows it ('1 Main Street') [front-matter.unknown-key]",
        f"{INDEX}:{lines.index('    ror: 02abcde') + 1}:5: warning: unknown key 'ror' of an affiliation: no edition "
        "shows it ('02abcde') [front-matter.unknown-key]"]
    _, decisions, _ = examined(Publication("brief"))
    assert [author["affiliation"] for author in decisions.metadata["authors"]] == [
        ["Department of YYY, University of XXX"], ["A Lab, Dublin, Ireland"]]


def test_a_date_of_the_last_commit_without_a_commit_names_the_files_date(write, monkeypatch):
    # outside git, 'today' is the day the index file last changed: the warning says which day
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    write(CITED, front=FRONT.replace('date: "2024"', "date: today"))
    moment = datetime(2021, 2, 3, 12, tzinfo=timezone.utc).timestamp()
    os.utime("source/brief/index.md", (moment, moment))
    assert [str(f) for f in check_publication(Publication("brief"))] == [
        f"{INDEX}:4:1: warning: date 'today' is the day of the last commit of source/brief/, which has none yet: the "
        "editions say 2021-02-03, the file's last change, until it is committed [date.uncommitted]"]


def test_a_date_word_beside_an_author_without_a_name_is_the_authors_one_error(write, monkeypatch):
    """The author's error stops the metadata; the date word is not looked at then (it was a traceback)."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    front = FRONT.replace('date: "2024"', "date: today").replace('author: "A. Author"', "author:\n  - position: Fellow")
    assert write(CITED, front=front) == [f"{INDEX}:3:1: error: each author needs a 'name' (text) "
                                         "[front-matter.invalid]"]


def test_a_date_known_from_source_date_epoch_needs_no_warning(write, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1612353600")
    assert write(CITED, front=FRONT.replace('date: "2024"', "date: today")) == []


# -- citations and bibliographies


def test_unknown_citation_key_names_key_line_column_and_the_closest_key(write):
    findings = write("Text.\n\nMore [@smith2021] and [@jones2021].\n")
    assert findings[0] == (f"{INDEX}:{BODY_LINE + 2}:7: error: citation key 'smith2021' is not in the bibliography; "
                           "did you mean 'smith2020'? [citation.unknown]")


def test_a_later_key_of_a_citation_group_is_placed_at_its_own_at_sign(write):
    # pandoc reads '[@a, @b]' (Quarto's way of grouping) as a citation of 'a' whose suffix holds one of 'b'
    body = "Two [@smith2020, @nokey] and [see @jones2021, p. 3; @smyth2020].\n"
    assert write(body) == [
        f"{INDEX}:{BODY_LINE}:{body.index('@nokey') + 1}: error: citation key 'nokey' is not in the bibliography; "
        "add it to the bibliography [citation.unknown]",
        f"{INDEX}:{BODY_LINE}:{body.index('@smyth') + 1}: error: citation key 'smyth2020' is not in the "
        "bibliography; did you mean 'smith2020'? [citation.unknown]"]


def test_entries_never_cited_are_warnings_at_their_line(write):
    assert write("Only [@smith2020].\n") == [
        f"{BIBLIOGRAPHY}:{entry_position(REFERENCES, 'jones2021')}: warning: bibliography entry 'jones2021' is never "
        "cited [bibliography.uncited]"]


def test_entries_in_the_front_matter_are_placed_at_their_line(write):
    front = with_front("references:\n- id: extra\n  type: book\n  title: X\n  author: [{family: Doe}]\n"
                       "  issued: {date-parts: [[2020]]}\n")
    assert write(CITED, front=front) == [f"{INDEX}:7:3: warning: bibliography entry 'extra' is never cited "
                                         "[bibliography.uncited]"]


def test_a_missing_bibliography_is_its_only_error(write):
    # its keys are unknown, so no citation is reported as missing from it
    findings = write("[@smith2020] [@nokey]\n", front=FRONT.replace("references.json", "missing.json"))
    assert findings == [f"{INDEX}:6:1: error: bibliography 'missing.json' not found next to index.md "
                        "[bibliography.unreadable]"]


def test_a_bibliography_named_twice_makes_no_duplicates(write):
    assert write(CITED, front=FRONT.replace("references.json", "[references.json, references.json]")) == []


@pytest.mark.parametrize("first, second", [("references.json", "extra.json"), ("extra.json", "references.json")])
def test_a_key_in_two_bibliographies_is_a_duplicate_in_the_second(write, first, second):
    # whichever file is named first, whatever their names' order
    front = FRONT.replace("references.json", f"[{first}, {second}]")
    findings = write(CITED, front=front, files={"extra.json": json.dumps([REFERENCES[0]], indent=2)})
    assert findings == [f"source/brief/{second}:3:5: error: duplicate key 'smith2020' (first in {first} at "
                        "line 3): give each entry its own id [bibliography.duplicate-key]"]


def test_nocite_entries_are_not_never_cited(write):
    assert write("[@smith2020]\n", front=with_front("nocite: '@jones2021'\n")) == []
    assert write("Text.\n", front=with_front("nocite: '@*'\n")) == []


# -- cross-references


def test_cross_references_are_not_citations_and_point_at_labels(write):
    body = ("# Intro {#sec-intro}\n\nSee @fig-chart, @Tbl-data and [@sec-intro]; cites [@smith2020] @jones2021.\n\n"
            "![A chart](chart.png){#fig-chart}\n\n| a |\n|---|\n| 1 |\n\n: Data {#tbl-data}\n")
    findings = write(body)
    assert [f for f in findings if "chart.png" not in f] == []  # no citation key 'fig-chart', no unknown label


def test_an_unknown_label_is_an_error_at_its_place_with_the_closest_label(write):
    body = "Text @fig-chrat here.\n\n![A chart](chart.png){#fig-chart}\n\n[@smith2020] [@jones2021]\n"
    findings = [f for f in write(body) if "chart.png' not found" not in f]
    assert findings == [f"{INDEX}:{BODY_LINE}:6: error: cross-reference '@fig-chrat' points to no figure, table, "
                        "section or equation labelled 'fig-chrat'; did you mean '@fig-chart'? [crossref.unknown]"]


def test_a_label_given_twice_is_an_error(write):
    body = "# One {#sec-a}\n\n# Two {#sec-a}\n\n[@smith2020] [@jones2021]\n"
    assert write(body) == [f"{INDEX}:{BODY_LINE + 2}:1: error: the label 'sec-a' is given twice (first at line {BODY_LINE}): "
                           "give each its own [crossref.duplicate-label]"]


def test_a_reference_to_a_table_without_a_caption_says_it_has_no_number(write):
    body = "See @tbl-x.\n\n::: {#tbl-x}\n| a |\n|---|\n| 1 |\n:::\n\n[@smith2020] [@jones2021]\n"
    findings = write(body)
    assert any("cross-reference '@tbl-x' points to no figure" in f or "without a caption" in f for f in findings), findings


def test_a_reference_to_a_code_cells_output_does_not_hide_the_next_reference(write):
    body = "```{r}\n#| label: fig-plot\nplot(1)\n```\n\nSee @fig-plot and @fig-nothing.\n\n" + CITED
    line = BODY_LINE + 5
    assert write(body) == [
        f"{INDEX}:{BODY_LINE}:1: warning: the {{r}} code cell is not run here (the build runs no code): the editions "
        "show its code; save what it makes (a chart as PDF or PNG, a table in Markdown) beside index.md and include "
        "that [quarto.cell-not-run]",
        f"{INDEX}:{line}:5: warning: cross-reference '@fig-plot' points to the output of a code cell, which is not made "
        "here: the editions show '@fig-plot' as written [crossref.cell-output]",
        f"{INDEX}:{line}:19: error: cross-reference '@fig-nothing' points to no figure, table, section or equation "
        "labelled 'fig-nothing'; label the target with {#fig-nothing} [crossref.unknown]"]


def test_a_reference_to_a_numbered_figure_does_not_hide_the_next_reference(write):
    body = f"See @fig-chart and @fig-nothing.\n\n![A chart](chart.png){{#fig-chart}}\n\n{CITED}"
    assert write(body, files={"chart.png": picture("chart.png")}) == [
        f"{INDEX}:{BODY_LINE}:20: error: cross-reference '@fig-nothing' points to no figure, table, section or equation "
        "labelled 'fig-nothing'; label the target with {#fig-nothing} [crossref.unknown]"]


def test_a_reference_to_a_table_without_a_caption_does_not_hide_the_next_reference(write):
    body = f"See @tbl-x and @fig-nothing.\n\n| a |\n|---|\n| 1 |\n\n: {{#tbl-x}}\n\n{CITED}"
    assert write(body) == [
        f"{INDEX}:{BODY_LINE}:5: error: '@tbl-x' points to a table without a caption, which has no number: give it a "
        "caption [crossref.uncaptioned]",
        f"{INDEX}:{BODY_LINE}:16: error: cross-reference '@fig-nothing' points to no figure, table, section or equation "
        "labelled 'fig-nothing'; label the target with {#fig-nothing} [crossref.unknown]"]


# -- the language


def test_a_language_without_a_catalogue_is_named_with_the_file_it_needs(write):
    findings = write(CITED, front=FRONT.replace("lang: en", "lang: sw-KE"))
    line = FRONT[:FRONT.index("lang:")].count("\n") + 1
    assert findings == [f"{INDEX}:{line}:1: warning: no catalogue of labels for 'sw-KE' (locale/sw.po): the words the "
                        "editions add (Bibliography, Figure, ...) are in English [lang.no-catalogue]"]


# -- the publication's folder and the series settings


def test_a_missing_series_file_is_one_error_at_its_first_line(write):
    write(CITED)
    os.remove("source/series.yaml")
    assert [str(f) for f in check_publication(Publication("brief"))] == ["source/series.yaml:1:1: error: file not "
                                                                         "found [source.unreadable]"]


def test_a_folder_without_index_is_an_error_at_1_1(write):
    write(CITED)
    os.remove("source/brief/index.md")
    assert [str(f) for f in check_publication(Publication("brief"))] == [
        f"{INDEX}:1:1: error: source/brief/ has no index.md: add one, or move the folder out of source/ "
        "[folder.no-index]"]


def test_a_folder_name_that_is_no_slug_is_an_error_at_1_1(write):
    write(CITED)
    shutil.move("source/brief", "source/Brief")
    assert [str(f) for f in check_publication(Publication("Brief"))] == [
        "source/Brief/index.md:1:1: error: the folder name 'Brief' is the slug of the editions' file names: use "
        "lower-case letters, digits and hyphens only [folder.bad-slug]"]


def test_folders_differing_only_in_case_are_an_error_at_1_1(write):
    write(CITED)
    os.mkdir("source/BRIEF")
    assert [str(f) for f in check_publication(Publication("brief"))] == [
        f"{INDEX}:1:1: error: source/brief/ and source/BRIEF/ would share the slug 'brief': rename one "
        "[folder.slug-clash]"]


def test_of_several_twins_the_first_in_order_is_named(write):
    write(CITED)
    for name in ("bRIEF", "BRIEF", "Brief"):
        os.mkdir(f"source/{name}")
    assert [str(f) for f in check_publication(Publication("brief"))] == [
        f"{INDEX}:1:1: error: source/brief/ and source/BRIEF/ would share the slug 'brief': rename one "
        "[folder.slug-clash]"]


def test_other_folders_beside_it_are_no_twins(write):
    # names sorting before and after 'brief' share no slug with it
    for name in ("alpha", "zeta", "brief-2"):
        os.mkdir(f"source/{name}")
    assert write(CITED) == []


def test_auto_section_labels_let_every_heading_be_referenced_by_its_id(write):
    body = "# Method\n\nAs @sec:method and @sec:results say.\n\n# Results {#results}\n\nDone.\n\n" + CITED
    assert [line for line in write(body) if "crossref" in line][0].endswith("[crossref.unknown]")
    assert write(body, front=with_front("autoSectionLabels: true\n")) == []
