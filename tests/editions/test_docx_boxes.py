"""Boxes in the DOCX drawn as one block each (publish/editions/docx_boxes.py), and a right-to-left
document's paragraphs in Body Text (publish/editions/docx_directions.py): read back from the package's XML
and from the PDF LibreOffice exports of it.

A box's paragraphs used to share paragraph borders: a nested list's items stepped the rule a quarter inch
to the right, two boxes that met ran into one, and the text after a box touched its shading."""

import shutil
import zipfile

import pdfplumber
import pytest
from clients import libreoffice_pdf
from lxml import etree
from projects import copy_project, run_doit

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
BOXES = """---
title: Grid connections in four ports
author: A. Analyst
date: 2026-03-02
lang: en-US
---

The ports share one problem: their cranes wait for power that the national grid cannot yet deliver.

::: {.box .recommendations}
## What the ministries should do

1. Connect the ports first.
   - Tema before Lomé, as its load is larger
   - Cotonou once its substation is built
2. Publish the tariffs.
:::

::: {.box .note}
## How the loads were measured

From the operators' monthly returns.
:::

Each port's load is set out below, as the operators reported it for the year.

::: callout-tip
Read the table by its second column.
:::

| Port | Load (MW) |
|------|-----------|
| Tema | 41        |

The table ends the section.
"""
PERSIAN = """---
title: اتصال بندرها به شبکه
author: الف. پژوهشگر
date: 2026-03-02
lang: fa
dir: rtl
---

بندرها یک مشکل مشترک دارند: جرثقیل‌ها منتظر برقی هستند که شبکه هنوز نمی‌رساند.

::: {.box .key-points}
## نکته‌ها

- نخست بندر تما
   - سپس لومه
- تعرفه‌ها منتشر شوند
:::

بند پس از جعبه.
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("boxes") / "project")
    shutil.rmtree(project / "source" / "engaging-with-the-taliban")
    for slug, text in (("boxes", BOXES), ("persian-boxes", PERSIAN)):
        (project / "source" / slug).mkdir()
        (project / "source" / slug / "index.md").write_text(text, encoding="utf-8")
    run_doit(project, "docx:boxes", "docx:persian-boxes")
    folder = tmp_path_factory.mktemp("boxes-in-libreoffice")
    return {slug: (project / "build" / slug / f"{slug}.docx",
                   libreoffice_pdf(project / "build" / slug / f"{slug}.docx", folder / slug))
            for slug in ("boxes", "persian-boxes")}


def body(docx):
    with zipfile.ZipFile(docx) as archive:
        return etree.fromstring(archive.read("word/document.xml")).find(f"{W}body")


def text(element):
    return "".join(node.text or "" for node in element.iter(f"{W}t"))


def style(paragraph):
    found = paragraph.find(f"{W}pPr/{W}pStyle")
    return found.get(f"{W}val") if found is not None else None


def test_each_box_is_one_cell_holding_all_it_holds(built):
    blocks = list(body(built["boxes"][0]))
    tables = [block for block in blocks if block.tag == f"{W}tbl"]
    cells = [[text(paragraph) for paragraph in table.iter(f"{W}p")] for table in tables]
    assert cells[:3] == [
        ["What the ministries should do", "Connect the ports first.", "Tema before Lomé, as its load is larger",
         "Cotonou once its substation is built", "Publish the tariffs."],
        ["How the loads were measured", "From the operators’ monthly returns."],
        ["Tip", "Read the table by its second column."]]
    for table in tables[:3]:
        assert len(table.findall(f"{W}tr")) == 1 and len(table.find(f"{W}tr").findall(f"{W}tc")) == 1
    after = {text(block.getprevious().getprevious() if style(block) == "BlockSeparator" else block): style(block)
             for block in blocks if block.tag == f"{W}p" and text(block)}
    assert after["Each port’s load is set out below, as the operators reported it for the year."] == "BodyTextAfterTable"
    touching = [(block, block.getnext()) for block in tables if block.getnext() is not None]
    assert [style(following) for _, following in touching if following.tag == f"{W}p" and not text(following)] == [
        "BlockSeparator", "BlockSeparator"]  # between the two boxes, and between the tip and the table


def rules(pdf_path):
    """The vertical rules LibreOffice draws: (x, top, bottom, stroke colour)."""
    with pdfplumber.open(pdf_path) as pdf:
        page = pdf.pages[0]
        return [(line["x0"], line["top"], line["bottom"], line["stroking_color"]) for line in page.lines
                if abs(line["x0"] - line["x1"]) < 0.5 and line["bottom"] - line["top"] > 20], page


def test_a_boxs_rule_runs_straight_down_beside_a_nested_list_and_boxes_stand_apart(built):
    found, page = rules(built["boxes"][1])
    words = page.extract_words()
    recommendations, note, tip = sorted(found, key=lambda rule: rule[1])
    assert len({round(rule[0], 1) for rule in found}) == 1  # one straight edge for every box
    nested = next(word for word in words if word["text"] == "Cotonou")
    title, last = (next(word for word in words if word["text"] == first) for first in ("What", "Publish"))
    assert recommendations[1] < title["top"] and recommendations[2] > last["bottom"] + 3  # the whole box, padded
    assert recommendations[1] < nested["top"] < recommendations[2]
    assert note[1] - recommendations[2] >= 4  # two boxes, not one
    after = next(word for word in words if word["text"] == "Each")
    assert after["top"] - note[2] >= 8  # the text after a box stands clear of it
    assert recommendations[3] != note[3]  # each in its kind's rule colour


def test_a_right_to_left_box_has_its_rule_at_the_right_and_its_text_is_body_text(built):
    docx, exported = built["persian-boxes"]
    found, page = rules(exported)
    assert len(found) == 1 and found[0][0] > page.width / 2  # the start of a right-to-left line
    paragraphs = [block for block in body(docx) if block.tag == f"{W}p" and text(block)]
    styles = {text(paragraph): style(paragraph) for paragraph in paragraphs}
    assert styles["بندرها یک مشکل مشترک دارند: جرثقیل‌ها منتظر برقی هستند که شبکه هنوز نمی‌رساند."] == "BodyText"
    assert styles["بند پس از جعبه."] == "BodyTextAfterTable"
