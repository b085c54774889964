"""One build of the brief per test run, in a copy of the project, shared by the edition tests."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("dodo.py", "publish", "source", "templates", "styles", "locale", "requirements.lock")
SLUG = "engaging-with-the-taliban"


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


def run_doit(project, *arguments, check=True):
    """Run doit in `project` with this Python; return the finished process."""
    process = subprocess.run(
        [sys.executable, "-m", "doit", *arguments], cwd=project, capture_output=True, text=True
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


@pytest.fixture(scope="session")
def built_project(tmp_path_factory):
    """A git checkout of a copy of the project in which `doit` has built every edition once. Tests read it
    and never change it: a test that builds more in it, or edits it, works on a copy (built_copy)."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    commit_all(project)
    run_doit(project)
    return project


def copy_built(project, destination):
    """A copy of a built project, its git history and doit's state included, file times kept: doit finds
    it up to date, as it found the original."""
    shutil.copytree(project, destination, symlinks=True)
    return destination


@pytest.fixture(scope="session")
def built_copy(built_project, tmp_path_factory):
    """built_copy(name): a copy of the built project of one's own, to build more in or to edit."""
    return lambda name: copy_built(built_project, tmp_path_factory.mktemp(name) / "project")


EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def examples_project(tmp_path_factory):
    """A git checkout of a copy of the project whose publications are the example publications
    (examples/), each built once: every edition, the PDF/A, and the pre-flight's report."""
    project = copy_project(tmp_path_factory.mktemp("examples"))
    shutil.rmtree(project / "source" / SLUG)
    for example in sorted(EXAMPLES.iterdir()):
        shutil.copytree(example, project / "source" / example.name)
    commit_all(project)
    run_doit(project)
    run_doit(project, "pdfa")
    return project


@pytest.fixture(scope="session")
def source_revision(built_project):
    """The commit the built project's editions should name (12 hex digits)."""
    return subprocess.run(["git", "rev-parse", "HEAD"], cwd=built_project, capture_output=True, text=True).stdout[:12]


@pytest.fixture(scope="session")
def editions(built_project):
    folder = built_project / "build" / SLUG
    return {extension: folder / f"{SLUG}.{extension}" for extension in ("pdf", "docx", "html", "epub")}


@pytest.fixture
def write(tmp_path, monkeypatch):
    """Write a small publication (body after the front matter) and return its findings as lines."""
    from checking import publication_writer

    monkeypatch.chdir(tmp_path)
    return publication_writer(tmp_path, ROOT)
