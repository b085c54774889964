"""The source revision each publication is built from, read from git once for all of them.

A publication's revision is the newest commit that touched the files it reads
(its folder's, but the texts of its other translations) or the inputs every
publication shares (code, templates, styles, series settings). Uncommitted
changes to the files it reads are said; those in shared inputs are not, so that
an uncommitted style edit reruns only the editions that use the style.
"""

import subprocess
from dataclasses import dataclass

SHARED_INPUTS = ("publish", "templates", "styles", "locale", "source/series.yaml", "dodo.py", "requirements.lock")
COMMIT_MARK = "\x01"
UNCOMMITTED = "with uncommitted changes"


def git(*arguments):
    """git's output, or None when git is missing or this is not a git checkout."""
    try:
        process = subprocess.run(["git", *arguments], capture_output=True, text=True)
    except FileNotFoundError:
        return None
    return process.stdout if process.returncode == 0 else None


def commits_with_paths(log):
    """[(hash, time, [paths])] from `git log --format=<mark>%H %ct --name-only`, newest first."""
    commits = []
    for chunk in log.split(COMMIT_MARK)[1:]:
        header, *paths = chunk.strip().splitlines()
        commit, time = header.split()
        commits.append((commit, int(time), [path for path in paths if path]))
    return commits


@dataclass(frozen=True)
class SourceRevision:
    revision: str = ""  # '0123456789ab', '0123456789ab with uncommitted changes', or '' outside git
    time: int | None = None  # when that commit was made, seconds since 1970


def uncommitted_paths(paths):
    """The files under `paths` that differ from the last commit: changed, added, deleted or
    untracked (git's porcelain status, untracked files included); None outside git."""
    status = git("status", "--porcelain", "--untracked-files=all", "--", *paths)
    if status is None:
        return None
    return sorted(line[3:].split(" -> ")[-1].strip('"') for line in status.splitlines() if line.strip())


def history():
    """[(hash, time, [paths])] of every commit that touched the publications or the shared inputs, newest
    first; None outside git."""
    log = git("log", f"--format={COMMIT_MARK}%H %ct", "--name-only", "--", "source", *SHARED_INPUTS)
    return None if log is None else commits_with_paths(log)


def newest_input_commit(commits, publication):
    """(hash, time) of the newest commit that touched a file the unit reads or an input every publication
    shares, in the log's order (commits may share a time); None when none did."""
    keys = set(unit_keys(publication))
    return next(((commit, time) for commit, time, paths in commits if any(input_key(path) in keys for path in paths)),
                None)


def input_commit(publication):
    """The full hash of the newest commit that touched the unit's inputs: what its release comes from
    whatever was committed since to other publications; '' outside git or before any such commit."""
    commits = history()
    newest = newest_input_commit(commits, publication) if commits else None
    return newest[0] if newest else ""


def input_key(path):
    """What a changed file is an input of: 'shared' (every publication's), (folder, None) for a publication's
    files but its translations' texts, (folder, file name) for a translation's text; None for anything else."""
    from publish.paths import TRANSLATION_INDEX

    if path.startswith(SHARED_INPUTS):
        return "shared"
    parts = path.split("/")
    if len(parts) < 3 or parts[0] != "source":
        return None
    folder = f"source/{parts[1]}"
    return (folder, parts[2]) if len(parts) == 3 and TRANSLATION_INDEX.match(parts[2]) else (folder, None)


def unit_keys(publication):
    """The input keys (see input_key) of the files a unit reads: those every publication shares, its folder's,
    and its own text (an original's index.md is its folder's, which its translations read too)."""
    folder = publication.folder.as_posix()
    return ("shared", (folder, None), (folder, publication.index.name))


def newest_by_key(commits):
    """{input key: its newest commit's place in the log}: one pass, however many publications there are."""
    newest = {}
    for order, (_, _, paths) in enumerate(commits):
        for path in paths:
            newest.setdefault(input_key(path), order)
    return newest


def source_revisions(units):
    """unit -> SourceRevision of the newest commit that touched the files the unit reads (its folder's,
    but the other translations' texts) or the inputs every publication shares. A unit is a
    publish.paths.Publication, or a slug for a publication's original. Linear in the log and the units: a
    catalogue of a thousand is no slower a publication than one."""
    from publish.paths import Publication

    commits = history()
    changed = uncommitted_paths(["source"])
    if commits is None or changed is None:
        return {unit: SourceRevision() for unit in units}
    newest, dirty_keys = newest_by_key(commits), {input_key(path) for path in changed}
    revisions = {}
    for unit in units:
        publication = Publication(unit) if isinstance(unit, str) else unit
        keys = unit_keys(publication)
        order = min((newest[key] for key in keys if key in newest), default=None)
        if order is None:
            revisions[unit] = SourceRevision()
            continue
        commit, time, _ = commits[order]
        dirty = any(key in dirty_keys for key in keys[1:])  # uncommitted shared inputs are not said
        revisions[unit] = SourceRevision(f"{commit[:12]} {UNCOMMITTED}" if dirty else commit[:12], time)
    return revisions


def last_change(folder):
    """(seconds since 1970, how it is known) of a publication's last change, for a date written
    as 'today' or 'last-modified': SOURCE_DATE_EPOCH when set, else the last commit that touched
    the folder, else (outside git, or never committed) the index file's modification time."""
    import os

    if os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        return int(os.environ["SOURCE_DATE_EPOCH"]), "SOURCE_DATE_EPOCH"
    committed = (git("log", "-1", "--format=%ct", "--", folder.as_posix()) or "").strip()
    if committed:
        return int(committed), "commit"
    return int((folder / "index.md").stat().st_mtime), "file"
