"""The task graph's dependencies (publish/tasks.py, publish/code_deps.py), complete by construction:
after an edit of any input, exactly the tasks whose outputs change rerun, no output changes without
its task rerunning, and the incremental result equals a clean build.

Two publications: the brief, and a second one with an image and a BibLaTeX bibliography.
"""

import hashlib
import json
import shutil

import pytest
from PIL import Image
from projects import SLUG, run_doit

from publish.model.editions import ARTIFACTS
from publish.paths import Publication

SECOND = "second-brief"
UNITS = (SLUG, SECOND)
SECOND_TEXT = """---
title: "A second brief"
author: "Ann Other"
date: "2025-03"
lang: en
bibliography: references.bib
---

An opening paragraph that cites a book [@smith2020, p. 4].[^one]

![A bar chart of aid by year](chart.png)

::: {.key-points}
- A point.
:::

[^one]: A note that cites @jones2021.
"""
SECOND_BIBLIOGRAPHY = """@book{smith2020,
  author = {Smith, Ann},
  title = {A Book About Aid},
  publisher = {Press},
  year = {2020},
}

@article{jones2021,
  author = {Jones, Bo},
  title = {An Article},
  journal = {Journal of Things},
  date = {2021-03},
}
"""


def add_second_publication(project):
    folder = project / "source" / SECOND
    folder.mkdir()
    (folder / "index.md").write_text(SECOND_TEXT, encoding="utf-8")
    (folder / "references.bib").write_text(SECOND_BIBLIOGRAPHY, encoding="utf-8")
    Image.new("RGB", (240, 120), (31, 78, 121)).save(folder / "chart.png")


def task_outputs(project):
    """{task: {output file: sha256}} for every task of both units, from the path registry."""
    outputs = {"docx_reference": [project / "build/.work/reference.docx"]}
    for slug in UNITS:
        unit = Publication(slug)
        outputs[unit.task("parse")] = [project / path for path in unit.work_files]
        for kind in ARTIFACTS:
            outputs.setdefault(unit.task(kind), []).append(project / unit.artifact(kind))
    return {task: {path.name: hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None for path in paths}
            for task, paths in outputs.items()}


def executed(project, *arguments):
    report = json.loads(run_doit(project, "-r", "json", *arguments).stdout)
    return {task["name"] for task in report["tasks"] if task["result"] == "success"
            and (":" in task["name"] or task["name"] == "docx_reference")}


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def append(path, text):
    with open(path, "a", encoding="utf-8") as stream:
        stream.write(text)


def recolour_chart(project):
    Image.new("RGB", (240, 120), (200, 60, 40)).save(project / "source" / SECOND / "chart.png")


def replace_bold_font(project):
    fonts = project / "styles" / "fonts"
    shutil.copy(fonts / "NotoSans-Regular.ttf", fonts / "NotoSans-Bold.ttf")


def both(*stages):
    return {f"{stage}:{slug}" for stage in stages for slug in UNITS}


def one(slug, *stages):
    return {f"{stage}:{slug}" for stage in stages}


PRINT = ("pdf", "pdfa", "press")
EDITIONS = ("html", "docx", "epub", *PRINT)
INDEX = f"source/{SLUG}/index.md"
# Each input, an ordinary edit of it, and the tasks whose outputs that edit must change.
EDITS = [
    ("a word of the brief's text", lambda p: edit(p / INDEX, "Three years in", "Three years on"),
     one(SLUG, "parse", *EDITIONS)),
    ("the brief's subtitle", lambda p: edit(p / INDEX, 'subtitle: "From Leverage', 'subtitle: "Away From Leverage'),
     one(SLUG, "parse", *EDITIONS, "cite")),
    ("an uncited entry added to references.json",
     lambda p: edit(p / f"source/{SLUG}/references.json", "[\n", '[\n  {"id": "extra2024", "type": "book", "title": '
                    '"An Extra Book", "author": [{"family": "Extra", "given": "Ed"}], "issued": {"date-parts": [[2024]]}},\n'),
     one(SLUG, "parse", "pdfa")),
    ("a cited entry's title in references.json",
     lambda p: edit(p / f"source/{SLUG}/references.json", "Won't Moderate", "Will Not Moderate"),
     one(SLUG, "parse", *EDITIONS)),
    ("the second brief's image", recolour_chart, one(SECOND, "parse", *EDITIONS)),
    ("a cited title in the BibLaTeX bibliography",
     lambda p: edit(p / f"source/{SECOND}/references.bib", "A Book About Aid", "A Book About Trade"),
     one(SECOND, "parse", *EDITIONS)),
    ("the paper size in the series settings", lambda p: edit(p / "source/series.yaml", "papersize: a4", "papersize: letter"),
     both("parse", "docx", *PRINT)),
    ("the bibliography's heading in the series settings",
     lambda p: edit(p / "source/series.yaml", "reference-section-title: Bibliography", "reference-section-title: Works Cited"),
     both("parse", *EDITIONS)),
    ("the web page's security policy", lambda p: append(p / "source/series.yaml",
                                                        "html-content-security-policy: \"default-src 'none'\"\n"),
     both("parse", "html")),
    ("the house citation style", lambda p: edit(p / "source/series.yaml", "csl: chicago-notes-bibliography", "csl: apa"),
     both("parse", *EDITIONS)),
    ("the colophon template", lambda p: edit(p / "templates/partials/colophon.html.j2", "About this publication",
                                             "About this brief"), both(*EDITIONS)),
    ("the web template", lambda p: edit(p / "templates/web.html.j2", "Skip to the text", "Skip to the brief"), both("html")),
    ("the print template", lambda p: edit(p / "templates/print.html.j2", '{% include "partials/title-block.html.j2" %}',
                                          '{% include "partials/title-block.html.j2" %}<hr>'),
     both(*PRINT)),
    ("the print stylesheet", lambda p: append(p / "styles/print.css", "\nh2 { letter-spacing: 0.01em; }\n"), both(*PRINT)),
    ("the web stylesheet", lambda p: append(p / "styles/web.css", "\nh2 { letter-spacing: 0.01em; }\n"), both("html")),
    ("the house accent colour", lambda p: edit(p / "styles/house.toml", 'accent = "#1f4e79"', 'accent = "#1f4e7a"'),
     {"docx_reference"} | both(*EDITIONS)),
    ("a house font file", replace_bold_font, both("html", "docx", "epub", *PRINT)),
]


@pytest.fixture(scope="module")
def project(built_copy):
    project = built_copy("dependencies")
    add_second_publication(project)
    run_doit(project)
    run_doit(project, "pdfa", "press")
    return project


@pytest.fixture(scope="module")
def history(project):
    """For each edit in turn: (what was edited, tasks run, tasks whose outputs changed, tasks that had to change)."""
    results = []
    for name, change, expected in EDITS:
        before = task_outputs(project)
        change(project)
        ran = executed(project)
        after = task_outputs(project)
        changed = {task for task in after if after[task] != before[task]}
        results.append((name, ran, changed, expected))
    return results


@pytest.mark.parametrize("index", range(len(EDITS)), ids=[name for name, _, _ in EDITS])
def test_exactly_the_tasks_whose_outputs_change_rerun(history, index):
    name, ran, changed, expected = history[index]
    assert ran == changed, f"{name}: ran but unchanged {sorted(ran - changed)}, changed but not run {sorted(changed - ran)}"
    assert changed == expected, f"{name}: changed {sorted(changed)}, expected {sorted(expected)}"


def test_the_incremental_result_equals_a_clean_build(history, project, tmp_path):
    clean = tmp_path / "clean"
    shutil.copytree(project, clean, ignore=shutil.ignore_patterns("build"))
    run_doit(clean)
    run_doit(clean, "pdfa", "press")
    assert task_outputs(project) == task_outputs(clean)


def test_the_archival_pdf_carries_the_bibliography_as_it_is_now(history, project):
    import pikepdf

    with pikepdf.open(project / "build" / SLUG / f"{SLUG}-pdfa.pdf") as pdf:
        attached = pdf.attachments["references.json"].get_file().read_bytes()
    assert attached == (project / "source" / SLUG / "references.json").read_bytes()
    assert b"extra2024" in attached


def test_an_edit_to_one_module_reruns_only_the_stages_that_import_it(history, project):
    append(project / "publish/editions/web_fonts.py", "\n# an edit\n")
    assert executed(project) == both("html", "epub")  # the editions that embed font subsets for screens
    append(project / "publish/source/checks.py", "\n# an edit\n")
    assert executed(project) == both("parse")  # the same outputs: nothing after the parse reruns


def test_a_box_title_in_the_house_style_reruns_the_parse_and_reaches_the_editions(history, project):
    edit(project / "styles/house.toml", 'title = "Key points"', 'title = "Main points"')
    ran = executed(project)
    assert {f"parse:{SECOND}", f"html:{SECOND}", f"pdf:{SECOND}", f"docx:{SECOND}"} <= ran
    assert "Main points" in (project / "build" / SECOND / f"{SECOND}.html").read_text(encoding="utf-8")
