"""Which tasks doit finds out of date after each of a list of edits to a file, each made alone and undone:
doit's own up-to-date check (its dependency database and file checker), without running a task.

Run in a built project: `python tests/task_status.py EDITS.json`, EDITS a JSON list of [name, path, text]
(text: the whole file as edited; a null path for no edit). Prints JSON {name: [task names]}: the tasks
doit finds out of date themselves, by their own dependencies, before any task has run. (A task that
reads a file another task makes may run after that one too, if its file comes out different.) Only
tasks that make files are looked at (`doit check` and the like always run)."""

import importlib
import json
import os
import sys
from pathlib import Path


def load(namespace):
    from doit import loader

    return {task.name: task for task in loader.load_tasks(namespace, (), allow_delayed=False) if task.targets}


def out_of_date(namespace, config):
    from doit.dependency import Dependency, MD5Checker, SqliteDB

    from publish.caches import forget_before_warm_rebuild

    forget_before_warm_rebuild()  # each edit is looked at as a new doit would: what the files hold now
    tasks = load(namespace)
    dependency = Dependency(SqliteDB, config["dep_file"], checker_cls=MD5Checker)
    try:
        return sorted(name for name, task in tasks.items() if dependency.get_status(task, tasks).status != "up-to-date")
    finally:
        dependency.close()


def main(edits_path):
    sys.path.insert(0, os.getcwd())
    namespace = vars(importlib.import_module("dodo"))
    config = namespace["DOIT_CONFIG"]
    assert config["backend"] == "sqlite3"
    found = {}
    for name, path, text in json.loads(Path(edits_path).read_text(encoding="utf-8")):
        original = Path(path).read_bytes() if path else None
        try:
            if path:
                Path(path).write_text(text, encoding="utf-8")
            found[name] = out_of_date(namespace, config)
        finally:
            if path:
                Path(path).write_bytes(original)
    print(json.dumps(found))


if __name__ == "__main__":
    main(sys.argv[1])
