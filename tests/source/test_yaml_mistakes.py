"""YAML mistakes in words an author can act on (publish/source/yaml_mistakes.py), at the line and column an
editor shows, where the mistake is (not where PyYAML noticed it); then as `doit check` prints them, in one
copy of the project with a publication a mistake."""

import pytest
import yaml
from projects import copy_project, run_doit

from publish.source.yaml_mistakes import explained, open_indents


def said(text):
    with pytest.raises(yaml.YAMLError) as error:
        yaml.safe_load(text)
    line, column, message = explained(error.value, text)
    return line + 1, column, message


MISTAKES = {
    "a key indented between two levels": (
        'title: "T"\nauthor:\n  - name: "A"\n    affiliation: "U"\n   date: "2025"\nlang: en\n',
        (5, 4), "this line is indented 3 spaces, which lines up with none of the keys above it (4, 2 or 0): indent "
                "it as far as the keys it belongs with"),
    "a key indented under a plain value": (
        'title: "T"\n  lang: en\n',
        (2, 3), "this line is indented 2 spaces, which lines up with none of the keys above it (0)"),
    "a list item out of line": (
        "keywords:\n  - a\n - b\nlang: en\n",
        (3, 2), "this line is indented 1 space, which lines up with none of the keys above it (2 or 0)"),
    "a list item where a key is": (
        "title: a\n- b\n", (2, 1), "a list item ('- ') where a key is expected"),
    "text after a closing quote": (
        'title: "The "best" brief"\n', (1, 14), "text after the value's closing quote or bracket: put the whole "
                                               "value in quotes"),
    "text after a bracket": ("title: [draft] A brief\n", (1, 16), "text after the value's closing quote or bracket"),
    "a missing colon, at its line": ('title: "T"\nlang en\ndate: 2024\n', (2, 1), "no ':' after the key on this line"),
    "a quote never closed, at the quote": ('title: "My brief\nlang: en\n', (1, 8), "the quote opened here is never "
                                                                                   "closed"),
    "a bracket never closed, at the bracket": ("lang: [en\ndate: 2024\n", (1, 7), "the '[' opened here is never "
                                                                                  "closed: close it with ']'"),
    "a colon in a value": ("title: Policy: A New Start\n", (1, 14), 'a value with a colon in it needs quotes, as in '
                                                                    'title: "Policy: A New Start"'),
    "no space after a colon": ('title:"T"\nlang: en\n', (1, 7), "no space after the key's colon"),
    "a tab, counted as one column": ("keywords:\n\t- one\n", (2, 1), "indent with spaces, not tabs"),
    "a value starting with @": ("title: @home\n", (1, 8), 'a value that starts with @ needs quotes, as in '
                                                          'title: "@home"'),
    "a value starting with *": ("title: *bold\n", (1, 8), "a value that starts with * needs quotes"),
}


@pytest.mark.parametrize("text, place, words", MISTAKES.values(), ids=MISTAKES.keys())
def test_a_mistake_is_said_at_its_place_with_what_to_do(text, place, words):
    line, column, message = said(text)
    assert (line, column) == place and words in message, message
    assert "<block" not in message and "but found" not in message


def test_the_open_levels_are_those_of_the_keys_and_items_still_open():
    assert open_indents(["title: T", "author:", "  - name: A", "    bio: B"]) == [4, 2, 0]
    assert open_indents(["abstract: |", "  Some text: with a colon", "keywords:", "  - a"]) == [2, 0]


def test_doit_check_says_each_front_matter_mistake_once_at_its_place_in_index_md(tmp_path):
    project = copy_project(tmp_path)
    chosen = ["a key indented between two levels", "a missing colon, at its line", "a quote never closed, at the quote"]
    for number, name in enumerate(chosen):
        folder = project / "source" / f"brief-{number}"
        folder.mkdir()
        (folder / "index.md").write_text(f"---\n{MISTAKES[name][0]}---\n\nText.\n", encoding="utf-8")
    result = run_doit(project, "check", check=False)
    lines = [line for line in result.stdout.splitlines() if "/brief-" in line]
    assert result.returncode != 0 and len(lines) == len(chosen), result.stdout
    for number, (line, name) in enumerate(zip(lines, chosen)):
        (row, column), words = MISTAKES[name][1:]
        assert line.startswith(f"source/brief-{number}/index.md:{row + 1}:{column}: error: YAML error: "), line
        assert words in line
        assert line.endswith("[source.unreadable]")
