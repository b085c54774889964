"""The walks over pandoc's JSON document: every element once, in reading order, the very objects; the
rewrite given each element as it stood; every list of blocks, in notes and table cells too. Checked against
plain recursive walks over real documents that no one here wrote, read by pandoc."""

import json
from pathlib import Path

import pytest

from publish.document import iterate, rewrite
from publish.pandoc import run_pandoc
from publish.source.raw_content import BLOCK_KINDS, block_lists

DOCUMENTS = Path(__file__).parent / "documents"
REAL = [DOCUMENTS / "pandoc-crossref-demo" / "demo.md", DOCUMENTS / "quarto-jasa" / "template.qmd",
        DOCUMENTS / "joss-inara" / "paper.md",
        DOCUMENTS / "whitehouse-m-16-21" / "pages" / "introduction.md"]


def every_element(value):
    """The reference: each dict with a 't', parent before children, keys and items in their order."""
    if isinstance(value, dict):
        return ([value] if "t" in value else []) + [found for item in value.values() for found in every_element(item)]
    if isinstance(value, list):
        return [found for item in value for found in every_element(item)]
    return []


def every_block_list(value):
    """The reference: each list holding a block, parent before children."""
    if isinstance(value, dict):
        return [found for item in value.values() for found in every_block_list(item)]
    if not isinstance(value, list):
        return []
    own = [value] if any(isinstance(item, dict) and item.get("t") in BLOCK_KINDS for item in value) else []
    return own + [found for item in value for found in every_block_list(item)]


def recursive_rewrite(value, action):
    """The reference: a copy of every dict and list, bottom up, `action(element, original)` on each element."""
    if isinstance(value, dict):
        return {key: recursive_rewrite(item, action) for key, item in value.items()}
    if not isinstance(value, list):
        return value
    result = []
    for original in value:
        item = recursive_rewrite(original, action)
        replacement = action(item, original) if isinstance(item, dict) and "t" in item else None
        result += replacement if isinstance(replacement, list) else [item if replacement is None else replacement]
    return result


@pytest.fixture(scope="module", params=REAL, ids=lambda path: path.relative_to(DOCUMENTS).parts[0])
def real(request):
    assert request.param.is_file(), request.param
    return json.loads(run_pandoc(["--from=markdown", "--to=json", str(request.param)], b"", context=request.param))


def test_iterate_gives_every_element_once_in_reading_order(real):
    found = list(iterate(real))
    assert [id(element) for element in found] == [id(element) for element in every_element(real)]
    assert {element["t"] for element in found} - {"Str", "Space", "SoftBreak", "Para", "Plain"}  # not only words


def test_block_lists_finds_every_list_of_blocks_and_no_other(real):
    assert [id(blocks) for blocks in block_lists(real["blocks"])] == [id(blocks) for blocks in
                                                                      every_block_list(real["blocks"])]


def test_rewrite_copies_the_document_and_gives_each_element_as_it_stood(real):
    def shouting(log):
        def action(element, original):
            log.append((json.dumps(element), id(original)))
            if element["t"] == "Str":
                return {"t": "Str", "c": element["c"].upper()}
            return [] if element["t"] == "SoftBreak" else None
        return action

    seen, expected = [], []
    result = rewrite(real, shouting(seen))
    assert json.dumps(result) == json.dumps(recursive_rewrite(real, shouting(expected)))  # keys in their order too
    assert seen == expected
    assert not {id(element) for element in every_element(result)} & {id(element) for element in every_element(real)}


def test_an_element_with_more_than_a_kind_and_content_is_walked_whole():
    word = {"t": "Str", "c": "inside"}
    odd = {"t": "Custom", "c": "text", "extra": [word]}
    assert list(iterate([odd])) == [odd, word]
    assert rewrite([odd], lambda element, _original: {"t": "Str", "c": "x"} if element == word else None) == [
        {"t": "Custom", "c": "text", "extra": [{"t": "Str", "c": "x"}]}]


def test_a_table_cell_is_a_list_of_blocks_and_its_row_is_not():
    cell = [["", [], []], {"t": "AlignDefault"}, 1, 1, [{"t": "Plain", "c": [{"t": "Str", "c": "one"}]}]]
    table_body = [[["", [], []], 0, [], [[["", [], []], [cell]]]]]
    assert block_lists([{"t": "Div", "c": [["", [], []], [{"t": "Table", "c": table_body}]]}])[-1] is cell[4]
    assert not any(found is cell for found in block_lists([{"t": "Table", "c": table_body}]))
