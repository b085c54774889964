"""Copies of the project for the tests, and doit run in them: what the fixtures (conftest.py) and the
tests share. A test imports them by name (`from projects import SLUG, run_doit`)."""

import json
import os
import shutil
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("dodo.py", "publish", "source", "templates", "styles", "locale", "requirements.lock")
SLUG = "engaging-with-the-taliban"
EXAMPLES = ROOT / "examples"


def signals_by_default():
    """In a child: every signal does what it does by default, even when the tests run under nohup
    (which ignores SIGHUP) or in a background job of a script (which ignores SIGINT): a signal a test
    sends then does what it would do to a process an author started."""
    import signal

    for number in (signal.SIGHUP, signal.SIGINT, signal.SIGTERM, signal.SIGUSR1, signal.SIGUSR2):
        signal.signal(number, signal.SIG_DFL)


def copy_project(destination):
    """The project's inputs and code, without build/ or .venv, in `destination`."""
    destination.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, destination / part, ignore=ignore)
        else:
            shutil.copy2(source, destination / part)
    return destination


def run_doit(project, *arguments, check=True, environment=None):
    """Run doit in `project` with this Python (and `environment`'s variables set); return the finished process."""
    process = subprocess.run(
        [sys.executable, "-m", "doit", *arguments], cwd=project, capture_output=True, text=True,
        env={**os.environ, **environment} if environment else None
    )
    if check and process.returncode != 0:
        raise AssertionError(f"doit {' '.join(arguments)} failed:\n{process.stdout}\n{process.stderr}")
    return process


def executed_tasks(project, *arguments):
    """Names of the tasks whose actions ran, from doit's JSON report (group tasks left out)."""
    report = json.loads(run_doit(project, "-r", "json", *arguments).stdout)
    return sorted(task["name"] for task in report["tasks"] if task["result"] == "success" and task.get("actions", True)
                  and (":" in task["name"] or task["name"] == "docx_reference"))


# Fixed author, committer and dates: two copies of the same files get the same commit id.
GIT_IDENTITY = {"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org", "GIT_COMMITTER_NAME": "Test",
                "GIT_COMMITTER_EMAIL": "test@example.org", "GIT_AUTHOR_DATE": "2024-06-01T12:00:00+00:00",
                "GIT_COMMITTER_DATE": "2024-06-01T12:00:00+00:00"}


def commit_all(project):
    """Make `project` a git checkout with one commit, so the editions name a source revision."""
    environment = {**os.environ, **GIT_IDENTITY}
    for arguments in (["init", "-q", "-b", "main"], ["add", "."], ["commit", "-qm", "Test build"]):
        subprocess.run(["git", *arguments], cwd=project, check=True, capture_output=True, env=environment)
    return subprocess.run(["git", "rev-parse", "HEAD"], cwd=project, capture_output=True, text=True).stdout.strip()


def copy_built(project, destination):
    """A copy of a built project, its git history and doit's state included, file times kept: doit finds
    it up to date, as it found the original."""
    shutil.copytree(project, destination, symlinks=True)
    return destination


@contextmanager
def inside(folder):
    """Run a block with `folder` (a copy of the project) as the working folder."""
    before = os.getcwd()
    os.chdir(folder)
    try:
        yield folder
    finally:
        os.chdir(before)


def source_texts(folders, suffixes=(".py", ".j2")):
    """{path: text} of every file under `folders` whose name ends in one of `suffixes`."""
    return {path: path.read_text(encoding="utf-8") for folder in folders for path in folder.rglob("*")
            if path.suffix in suffixes}


def left_in_temporary_folder(project, kind, folder):
    """What rebuilding one edition of the brief (`kind`: pdf, epub) leaves in an empty temporary folder
    (TMPDIR=`folder`): the edition is built again first, and must be there after."""
    (project / "build" / SLUG / f"{SLUG}.{kind}").unlink()
    folder.mkdir()
    subprocess.run([sys.executable, "-m", "doit", f"{kind}:{SLUG}"], cwd=project, capture_output=True, check=True,
                   env={**os.environ, "TMPDIR": str(folder)})
    assert (project / "build" / SLUG / f"{SLUG}.{kind}").is_file()
    return sorted(path.name for path in folder.iterdir())
