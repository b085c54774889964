"""`doit verify`: rebuild the artifacts that exist in build/ in a temporary copy of the project
and compare them byte for byte, so a release can be shown to come from its inputs.

An artifact older than its inputs (a PDF/A built before a style edit, say) is
stale, not unreproducible: it is named with the task that refreshes it, and not
compared.
"""

import hashlib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from publish.errors import PublishError
from publish.model.editions import ARTIFACTS, EDITION_OF

# What `doit verify` copies to rebuild in: everything but outputs, environments and caches.
NOT_COPIED = ("build", ".venv", "node_modules", "__pycache__", ".pytest_cache")


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


def verify_build(publications):
    """`doit verify`: every artifact in build/ is fresh and matches a rebuild from the same inputs."""
    artifacts = built_artifacts(publications)
    if not artifacts:
        raise PublishError("nothing to verify: build the editions first (doit)")
    waiting = tasks_to_run()
    stale = {task for task, upstream in artifacts.values() if waiting & {task, *upstream}}
    for path, (task, _) in artifacts.items():
        if task in stale:
            print(f"STALE   {path}: its inputs changed since it was built; run doit {task} to refresh it")
    fresh = {path: task for path, (task, _) in artifacts.items() if task not in stale}
    with tempfile.TemporaryDirectory(prefix="publish-verify-") as temporary:
        copy = Path(temporary) / "project"
        copy_project(copy)  # with .git: the source revision the editions name comes from it
        if fresh:
            rebuild(set(fresh.values()), copy)
        verdicts = compare(fresh, copy)
    for path, verdict in verdicts.items():
        print(f"{verdict:7} {path}")
    differing = [path for path, verdict in verdicts.items() if verdict != "same"]
    problems = []
    if differing:
        problems.append(f"{len(differing)} artifact(s) differ from a rebuild of the same inputs: "
                        + ", ".join(str(path) for path in differing))
    if stale:
        problems.append(f"{len(stale)} task(s) to rerun first: doit {' '.join(sorted(stale))}")
    if problems:
        raise PublishError("; ".join(problems))
    print(f"all {len(fresh)} artifacts match a rebuild from the same inputs")
