"""The bibliography loader read in process (publish/source/bibliography.py): every CSL date form CSL allows and
none it does not, and each unreadable file's one finding at the place an editor shows."""

import json

import pytest

from publish.source.bibliography import date_problem, load_bibliography

GOOD = {"id": "a", "type": "book", "title": "T", "author": [{"family": "F"}], "issued": {"date-parts": [[2020]]}}


def findings_of(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    bibliography = load_bibliography(path)
    return bibliography, [(finding.line, finding.column, finding.code, finding.message) for finding in bibliography.findings]


@pytest.mark.parametrize("parts", [[[2020]], [[2020, 1]], [[2020, 12, 31]], [[2020, 24, 1]], [[2020, 1, 1]],
                                   [[2019], [2020]], [["2020", "3"]]])
def test_every_date_csl_allows_is_accepted(parts):
    """A year, a month (13 to 24 are seasons), a day, and a range of two dates."""
    assert date_problem({"date-parts": parts}) is None


@pytest.mark.parametrize("parts", [[], [[2019], [2020], [2021]], [[]], [[2020, 1, 1, 1]], [[2020, 0]], [[2020, 25]],
                                   [[2020, 1, 0]], [[2020, 1, 32]], [[2020, 2], [2020, 1, 0]]])
def test_every_date_it_does_not_is_named(parts):
    assert date_problem({"date-parts": parts})


def test_an_entry_without_an_id_is_named_by_its_number_at_its_place(tmp_path):
    text = json.dumps([GOOD, {"type": "book", "id": ""}, 7], indent=1)
    bibliography, found = findings_of(tmp_path, "refs.json", text)
    invalid = [(line, message) for line, _, code, message in found if code == "bibliography.invalid-entry"]
    assert invalid == [(text.splitlines().index('  "id": ""') + 1, "entry 2 has no 'id'"),
                       (1, "entry 3 has no 'id'")]  # no "id" to point at: the file's start
    assert [item["id"] for item in bibliography.items] == ["a"]


def test_a_pair_of_utf16_escapes_is_one_character_and_a_lone_half_is_refused_at_its_place(tmp_path):
    pair = '[{"id": "a", "type": "book", "title": "\\ud83d\\ude00 \\ud83d\\ude01", "issued": {"date-parts": [[2020]]}}]'
    bibliography, found = findings_of(tmp_path, "pair.json", pair)
    assert bibliography.items[0]["title"] == "\U0001F600 \U0001F601"
    assert not any(code == "bibliography.unreadable" for _, _, code, _ in found)
    for title, bad in [("\\ud83d\\ude00 x \\ud83d", "\\ud83d"), ("\\ude00", "\\ude00"),
                       ("\\ud83d\\ud83d\\ude00", "\\ud83d"), ("\\ud83d\\ude00\\ud83d\\ude01\\ude02", "\\ude02"),
                       ("\\ud83d x\\ude00", "\\ud83d")]:
        text = '[\n {"id": "a",\n  "title": "' + title + '"}]'
        last = title.rfind(bad) if bad == "\\ude02" or title.startswith("\\ud83d\\ude00 x") else title.find(bad)
        _, found = findings_of(tmp_path, "half.json", text)
        assert found == [(3, 13 + last, "bibliography.unreadable", f"not valid CSL-JSON: '{bad}' is half of a "
                          "UTF-16 pair, not a character: write the character itself")], title


def test_an_escaped_control_character_is_refused_at_its_escape(tmp_path):
    _, found = findings_of(tmp_path, "control.json", '[\n {"id": "a",\n  "title": "x\\u0001"}]')
    assert [(line, column, code) for line, column, code, _ in found] == [(3, 14, "bibliography.unreadable")]


def test_json_nested_too_deep_is_one_finding_at_the_start(tmp_path):
    _, found = findings_of(tmp_path, "deep.json", "[" * 100000 + "]" * 100000)
    assert found == [(1, 1, "bibliography.unreadable", "not valid CSL-JSON: lists or objects nested hundreds deep")]


def test_csl_yaml_entries_and_mistakes_stand_at_the_editors_line_and_column(tmp_path):
    text = "references:\n  - id: a\n    type: book\n  - type: book\n    title: T\n"
    _, found = findings_of(tmp_path, "refs.yaml", text)
    assert (4, 5, "bibliography.invalid-entry", "entry 2 has no 'id'") in found
    _, found = findings_of(tmp_path, "broken.yaml", "references:\n- id: a\n  title: [unclosed\n")
    assert [(line, column, code) for line, column, code, _ in found] == [(3, 10, "bibliography.unreadable")]


def test_bibtex_entries_stand_at_their_line_and_strings_and_comments_are_not_entries(tmp_path):
    text = ("@string{j = {A Journal}}\n@comment{x, y}\n@preamble{\"p\"}\n\n"
            "@article{one,\n  title = {One},\n  author = {A, B},\n  journal = j,\n  year = {2020}}\n\n"
            "  @book{two,\n  title = {Two},\n  author = {C, D},\n  publisher = {P},\n  year = {2021}}\n")
    bibliography, found = findings_of(tmp_path, "refs.bib", text)
    assert [(entry.key, entry.line, entry.column) for entry in bibliography.entries] == [("one", 5, 1), ("two", 11, 3)]
    assert found == []


def test_a_file_that_is_not_utf8_is_named_at_its_first_bad_byte(tmp_path):
    path = tmp_path / "latin1.json"
    path.write_bytes('[\n {"id": "a",\n  "title": "caf\u00e9 \u00e9t\u00e9"}]'.encode("utf-8")[:-8] + b"\xe9t\xe9\"}]")
    assert [(finding.line, finding.column, finding.code) for finding in load_bibliography(path).findings] == [
        (3, 18, "bibliography.unreadable")]  # after 'caf\u00e9 ' in UTF-8: its 17 characters


def test_csl_yaml_entries_stand_at_their_column_however_far_the_list_is_indented(tmp_path):
    _, found = findings_of(tmp_path, "narrow.yaml", "references:\n - id: a\n   type: book\n - type: book\n")
    assert (4, 4, "bibliography.invalid-entry", "entry 2 has no 'id'") in found


def test_a_comment_that_starts_with_an_entrys_key_does_not_take_its_place(tmp_path):
    text = "@comment{one, the entry below}\n\n@article{one,\n  title = {One},\n  author = {A, B},\n  year = {2020}}\n"
    bibliography, _ = findings_of(tmp_path, "refs.bib", text)
    assert [(entry.key, entry.line) for entry in bibliography.entries] == [("one", 3)]


def test_utf16_pairs_at_the_edges_of_their_ranges_and_far_into_a_file_are_characters(tmp_path):
    """U+10FC00 is the pair \\udbff\\udc00; a high half followed by the highest high half is no pair."""
    padding = " " * 400  # the escapes stand past offset 256
    for title, lone in (("\\udbff\\udc00", None), ("\\ud83d\\ude00 \\ud83d\\ude01", None), ("\\ud83d\\udbff", "\\ud83d")):
        text = f'[\n {{"id": "a",{padding}\n  "title": "{title}"}}]'
        _, found = findings_of(tmp_path, "edges.json", text)
        unreadable = [(line, column, message) for line, column, code, message in found if code == "bibliography.unreadable"]
        assert unreadable == ([] if lone is None else [(3, 13, f"not valid CSL-JSON: '{lone}' is half of a UTF-16 pair, "
                                                                 "not a character: write the character itself")]), title
