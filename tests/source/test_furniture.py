"""The brief's boxes as the parse stage records them (publish/source/furniture.py), on documents as pandoc
reads them: the kind a div's classes name."""

import json

from publish.house_style import box_kinds, load_house_style
from publish.pandoc import run_pandoc
from publish.source.furniture import box_kind, boxes


def drawn_kinds(markdown):
    blocks = json.loads(run_pandoc(["--from=markdown", "--to=json"], markdown.encode("utf-8")))
    document = boxes({"blocks": blocks["blocks"], "meta": {}}, load_house_style(), labels=None)
    return [[name for name in block["c"][0][1] if name != "box"] for block in document["blocks"] if block["t"] == "Div"]


def test_the_specific_kind_wins_over_the_general_box_whatever_the_order():
    kinds = box_kinds(load_house_style())
    assert box_kind(["box", "recommendations"], kinds) == "recommendations"
    assert box_kind(["recommendations", "box"], kinds) == "recommendations"
    assert box_kind(["box", "callout-tip"], kinds) == "tip"
    assert box_kind(["box"], kinds) == "box"
    assert box_kind(["figure", "wide"], kinds) is None


def test_a_box_written_with_both_classes_is_drawn_as_its_kind():
    markdown = "::: {.box .recommendations}\n## Do this\n\nOne.\n:::\n\n::: {.box}\n## Aside\n\nTwo.\n:::\n"
    assert drawn_kinds(markdown) == [["recommendations"], []]
