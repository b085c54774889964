"""The task graph and the house style (publish/tasks.py, styles/house.toml): an edit of any key of the house
style makes out of date, in doit's own up-to-date check, every task whose action reads that key: each
edition task, the parse (which reads the boxes' titles) and the DOCX reference styles. Out of date itself,
by its own dependencies: the DOCX, which reads the page margins, must not count on its reference styles,
which do not, to be rebuilt.

Which stage reads which key is not written down here but seen: each stage runs once, on the brief and on a
short publication with a box, a table and code, in a copy of the built project, with the house style it
loads noting each key it looks at. Then, in another copy, each key's value is edited alone (and put back)
and doit's dependency check says which tasks would run (tests/task_status.py): no rebuild, a fraction of a
second a key."""

import copy
import importlib
import json
import subprocess
import sys
import tomllib

import pytest
from projects import ROOT, SLUG, inside, run_doit

from publish import house_style
from publish.caches import forget_before_warm_rebuild
from publish.model.editions import BY_TASK, EDITIONS
from publish.paths import Publication

HOUSE = "styles/house.toml"
SAMPLE = "boxed-sample"
UNITS = (Publication(SLUG), Publication(SAMPLE))
SAMPLE_TEXT = """---
title: "A boxed sample"
author: "Ann Other"
date: "2025-03"
lang: en
---

A paragraph with `code` in it.

::: {.key-points}
- A point, under the box's default title.
:::

| Province | Schools |
|----------|--------:|
| Herat    | 12      |

: Schools by province
"""


def leaves(table, path=()):
    """The path of every value of a TOML table that is not itself a table: ('page', 'margin-top')."""
    return [found for key, value in table.items()
            for found in (leaves(value, (*path, key)) if isinstance(value, dict) else [(*path, key)])]


KEYS = leaves(tomllib.loads((ROOT / HOUSE).read_text(encoding="utf-8")))


class Noted(dict):
    """A table of the house style that notes in `read` the path of each key a reader looks up, and of each
    key of the table when it is gone through whole (items, values, a copy); a table it holds is Noted too."""

    def __init__(self, table, path, read):
        super().__init__({key: Noted(value, (*path, key), read) if isinstance(value, dict) else value
                          for key, value in table.items()})
        self.path, self.read = path, read

    def note(self, *keys):
        self.read.update((*self.path, key) for key in keys)

    def __getitem__(self, key):
        self.note(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        self.note(key)
        return super().get(key, default)

    def __iter__(self):  # looking at a table's keys is not reading their values; it makes dict() read each
        return super().__iter__()

    def items(self):
        self.note(*self.keys())
        return super().items()

    def values(self):
        self.note(*self.keys())
        return super().values()

    def plain(self):
        return {key: value.plain() if isinstance(value, Noted) else value for key, value in super().items()}

    def __copy__(self):
        self.note(*self.keys())
        return Noted(self.plain(), self.path, self.read)

    def __deepcopy__(self, memo):
        self.note(*self.keys())
        return Noted(copy.deepcopy(self.plain(), memo), self.path, self.read)


def keys_read(run):
    """The house-style keys `run()` reads, with every cache a warm rebuild forgets forgotten first."""
    read, load = set(), house_style.house_toml
    forget_before_warm_rebuild()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(house_style, "house_toml", lambda *arguments: Noted(load(*arguments), (), read))
        run()
    return {key for key in read if key in KEYS}


def add_sample(project):
    (project / "source" / SAMPLE).mkdir()
    (project / "source" / SAMPLE / "index.md").write_text(SAMPLE_TEXT, encoding="utf-8")


def renderer(edition, unit):
    module, function = edition.renderer.split(":")
    return lambda: getattr(importlib.import_module(module), function)(unit, *edition.arguments)


def stages():
    """{task: what its action runs}: the DOCX reference styles, and for each unit its parse, then each edition
    of the table that reads the house style."""
    from publish.editions.docx_reference import build_reference_docx
    from publish.source.parse import parse_publication

    found = {"docx_reference": build_reference_docx}
    for unit in UNITS:
        found[unit.task("parse")] = lambda unit=unit: parse_publication(unit)
        found.update({unit.task(edition.task): renderer(edition, unit) for edition in EDITIONS if edition.house_style})
    return found


@pytest.fixture(scope="module")
def readers(built_copy):
    """{key: the tasks of the stages that read it}, each stage run once."""
    found = {key: set() for key in KEYS}
    with inside(built_copy("house-style-read")) as project:
        add_sample(project)
        for task, run in stages().items():
            for key in keys_read(run):
                found[key].add(task)
    return found


def edited(text, key, value):
    """house.toml's text with the value of `key` (a path of tables and a name) replaced by `value`."""
    *tables, name = key
    header = f"[{'.'.join(tables)}]"
    lines = text.splitlines(keepends=True)
    start = lines.index(header + "\n") + 1 if tables else 0
    for number in range(start, len(lines)):
        if lines[number].startswith("["):
            break
        if lines[number].split("=")[0].strip() == name:
            lines[number] = f"{name} = {json.dumps(value, ensure_ascii=False)}\n"
            return "".join(lines)
    raise AssertionError(f"{'.'.join(key)} is not in {HOUSE}")


def another_value(value):
    """An ordinary edit of a value: a number one more, a text's last letter or digit the next one
    ('#1f4e79' to '#1f4e70', '24mm' to '24mn'), an empty text given one."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1
    last = max((index for index, character in enumerate(value) if character.isalnum()), default=None)
    if last is None:
        return value + "A"
    character = value[last]
    following = str((int(character) + 1) % 10) if character.isdigit() else chr((ord(character.lower()) - 96) % 26 + 97)
    return value[:last] + following + value[last + 1:]


def value_at(table, key):
    for name in key:
        table = table[name]
    return table


@pytest.fixture(scope="module")
def out_of_date(built_copy, tmp_path_factory):
    """{key: the tasks doit finds out of date once the key's value is edited}, and under None those it finds
    with nothing edited, in a copy of the built project with the sample, every edition of both built (the
    printer's and archival PDFs too)."""
    project = built_copy("house-style-status")
    add_sample(project)
    run_doit(project)
    run_doit(project, "pdfa", "press")
    text = (project / HOUSE).read_text(encoding="utf-8")
    style = tomllib.loads(text)
    edits = [["", None, None]]
    for key in KEYS:
        changed = edited(text, key, another_value(value_at(style, key)))
        assert value_at(tomllib.loads(changed), key) != value_at(style, key)
        edits.append([".".join(key), HOUSE, changed])
    plan = tmp_path_factory.mktemp("house-style-edits") / "edits.json"
    plan.write_text(json.dumps(edits, ensure_ascii=False), encoding="utf-8")
    process = subprocess.run([sys.executable, ROOT / "tests" / "task_status.py", plan], cwd=project,
                             capture_output=True, text=True)
    assert process.returncode == 0, process.stderr
    found = json.loads(process.stdout)
    return {None if not name else tuple(name.split(".")): set(tasks) for name, tasks in found.items()}


STAGES = {"docx_reference", *(unit.task(stage) for unit in UNITS for stage in ["parse", *BY_TASK])}


def test_the_built_project_is_up_to_date_before_any_edit(out_of_date):
    """(The site is not built, so its tasks would run whatever is edited.)"""
    assert out_of_date[None] & STAGES == set()


def test_each_stage_reads_the_house_style_it_says_it_reads(readers):
    """What the property below is checked on: every stage that reads the house style reads some key (the
    parse, a box's default title); the DOCX reads its page margins itself, not through its reference styles."""
    read_by = {task for tasks in readers.values() for task in tasks}
    assert read_by == set(stages()) - {Publication(SLUG).task("parse")}  # the brief has no box
    assert readers[("boxes", "key-points", "title")] >= {Publication(SAMPLE).task("parse")}
    assert readers[("page", "margin-top")] >= {unit.task(kind) for unit in UNITS for kind in ("docx", "pdf")}
    assert "docx_reference" not in readers[("page", "margin-top")]


@pytest.mark.parametrize("key", KEYS, ids=[".".join(key) for key in KEYS])
def test_editing_a_key_makes_every_task_that_reads_it_out_of_date(readers, out_of_date, key):
    missed = readers[key] - out_of_date[key]
    assert not missed, f"editing {'.'.join(key)} leaves {sorted(missed)} up to date, which read it"
