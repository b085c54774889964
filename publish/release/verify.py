"""`doit verify`: rebuild the artifacts that exist in build/ in a temporary copy of the project
and compare them byte for byte, so a release can be shown to come from its inputs; and name the
files in build/ that no task makes (a removed translation's editions), which nothing else would
rebuild, clean or notice.

An artifact older than its inputs (a PDF/A built before a style edit, say) is
stale, not unreproducible: it is named with the task that refreshes it, and not
compared.
"""

import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from publish.errors import PublishError
from publish.model.editions import ARTIFACTS, EDITION_OF
from publish.paths import BUILD, CACHE, DIST, SHARED_WORK, SITE
from publish.selection import named_units

# What `doit verify` copies to rebuild in: everything but outputs, environments and caches.
NOT_COPIED = ("build", ".venv", "node_modules", "__pycache__", ".pytest_cache")

# The places in build/ whose files are meant to be there though no task declares them.
KEPT = (DIST,  # the releases (doit dist)
        CACHE,  # the caches
        SITE / "authors",  # the site's author pages, which its index task writes and prunes (doit site)
        SHARED_WORK / "review")  # the revisions doit review rebuilt to compare a reviewed DOCX with

# Run by a child Python in the project's folder: the targets of its tasks and its state file, as JSON.
DECLARED = """import json
import doit.loader
dodo = doit.loader.get_module("dodo.py")  # which may wrap doit's loader, to say its mistakes in one line
targets = sorted({target for task in doit.loader.load_tasks(vars(dodo)) for target in task.targets})
print(json.dumps({"targets": targets, "state": getattr(dodo, "DOIT_CONFIG", {}).get("dep_file", ".doit.db")}))
"""


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def built_artifacts(publications):
    """{path: (task, the tasks upstream of it)} of every artifact the pipeline made that is in build/<slug>/ now."""
    found = {}
    for publication in publications:
        for kind in ARTIFACTS:
            path = publication.artifact(kind)
            if path.is_file():
                found[path] = (publication.task(kind), upstream_tasks(publication, kind))
    return found


def upstream_tasks(publication, kind):
    """The tasks an artifact's task depends on, whose rerun would change it too: the unit's parse, and
    the shared tasks its edition needs (the DOCX reference styles)."""
    return [publication.task("parse"), *EDITION_OF[kind].needs]


def tasks_to_run():
    """The tasks doit would run now, because their inputs changed since they ran."""
    process = subprocess.run([sys.executable, "-m", "doit", "list", "--all", "--status", "--quiet"],
                             capture_output=True, text=True)
    if process.returncode != 0:
        raise PublishError(f"cannot read doit's state: {(process.stdout + process.stderr).strip().splitlines()[-1:]}")
    return {line.split()[1] for line in process.stdout.splitlines() if len(line.split()) >= 2 and line.split()[0] != "U"}


def declared_outputs():
    """(every target the project's tasks declare, doit's state file), as doit's own loader reads its dodo.py:
    in a child Python, since this process may hold another project's tasks, or none."""
    process = subprocess.run([sys.executable, "-c", DECLARED], capture_output=True, text=True)
    if process.returncode != 0:
        said = (process.stdout + process.stderr).strip().splitlines() or ["(nothing said)"]
        raise PublishError(f"cannot read the project's tasks: {said[-1]}")
    declared = json.loads(process.stdout.strip().splitlines()[-1])
    return set(declared["targets"]), declared["state"]


def scanned_folders(units, whole_build):
    """Where `doit verify` looks for files no task makes: all of build/, or the named units' folders (in
    build/ and in the site)."""
    if whole_build:
        return [BUILD]
    return sorted({folder for unit in units for folder in (unit.build_folder, SITE / unit.slug)})


def files_no_task_makes(folders):
    """The files in `folders` that no task declares it makes and none of the places kept otherwise holds
    (KEPT, doit's state), as entries: a folder all of whose files are such is named once, 'folder/'."""
    found = sorted(path for folder in folders if folder.is_dir() for path in folder.rglob("*") if path.is_file())
    if not found:
        return []
    targets, state = declared_outputs()
    unmade = [path for path in found if path.as_posix() not in targets and not path.as_posix().startswith(state)
              and not any(place in path.parents for place in KEPT)]
    return grouped(unmade, found, folders)


def grouped(unmade, found, roots):
    """`unmade` as entries: each folder below `roots` whose every file is unmade named once, 'folder/'."""
    alone, entries = set(unmade), []
    for path in unmade:
        top = path
        for folder in path.parents:
            if folder in roots or not all(other in alone for other in found if folder in other.parents):
                break
            top = folder
        entry = f"{top.as_posix()}/" if top != path else top.as_posix()
        if entry not in entries:
            entries.append(entry)
    return entries


def copy_project(destination):
    shutil.copytree(Path.cwd(), destination, ignore=shutil.ignore_patterns(*NOT_COPIED), symlinks=True)


def rebuild(tasks, folder):
    """Run doit for `tasks` in `folder`; a failure is one line."""
    process = subprocess.run([sys.executable, "-m", "doit", *sorted(tasks)], cwd=folder, capture_output=True, text=True)
    if process.returncode != 0:
        raise PublishError(f"the rebuild failed: {(process.stdout + process.stderr).strip().splitlines()[-1]}")


def compare(paths, rebuilt):
    """{path: verdict} of each artifact against its rebuild in the folder `rebuilt`:
    'same', 'DIFFERS', or 'MISSING' (the rebuild did not make it)."""
    verdicts = {}
    for path in paths:
        copy = rebuilt / path
        verdicts[path] = "MISSING" if not copy.is_file() else "same" if sha256(copy) == sha256(path) else "DIFFERS"
    return verdicts


def rebuilt_verdicts(fresh):
    """{path: verdict} of the fresh artifacts ({path: task}) against their rebuild in a temporary copy."""
    with tempfile.TemporaryDirectory(prefix="publish-verify-") as temporary:
        copy = Path(temporary) / "project"
        copy_project(copy)  # with .git: the source revision the editions name comes from it
        if fresh:
            rebuild(set(fresh.values()), copy)
        return compare(fresh, copy)


def verify_build(publications, slugs=()):
    """`doit verify [SLUG ...]`: every artifact in build/ (of the publications named) is fresh and matches a
    rebuild from the same inputs, and every file there is one a task makes."""
    chosen = named_units(publications, slugs)
    artifacts = built_artifacts(chosen)
    orphans = files_no_task_makes(scanned_folders(chosen, whole_build=not slugs))
    if not artifacts and not orphans:
        raise PublishError("nothing to verify: build the editions first (doit)")
    waiting = tasks_to_run()
    stale = {task for task, upstream in artifacts.values() if waiting & {task, *upstream}}
    for path, (task, _) in artifacts.items():
        if task in stale:
            print(f"STALE   {path}: its inputs changed since it was built; run doit {task} to refresh it")
    fresh = {path: task for path, (task, _) in artifacts.items() if task not in stale}
    verdicts = rebuilt_verdicts(fresh)
    for path, verdict in verdicts.items():
        print(f"{verdict:7} {path}")
    for entry in orphans:
        print(f"ORPHAN  {entry}: no task makes it (its publication or translation was removed or renamed): delete it")
    differing = [path for path, verdict in verdicts.items() if verdict != "same"]
    problems = []
    if differing:
        problems.append(f"{len(differing)} artifact(s) differ from a rebuild of the same inputs: "
                        + ", ".join(str(path) for path in differing))
    if stale:
        problems.append(f"{len(stale)} task(s) to rerun first: doit {' '.join(sorted(stale))}")
    if orphans:  # a warning: no edition is wrong for them, and a release or the site never carries them
        print(f"warning: {len(orphans)} file(s) or folder(s) in build/ that no task makes: {', '.join(orphans)}")
    if problems:
        raise PublishError("; ".join(problems))
    print(f"all {len(fresh)} artifacts match a rebuild from the same inputs")
