"""The fixtures every folder of tests shares: one build of the brief per test run, in a copy of the
project, shared by the edition tests; the example publications built once; a scratch publication
for the checks. The plain helpers they use are in projects.py."""

import shutil
import subprocess

import pytest
from projects import EXAMPLES, ROOT, SLUG, commit_all, copy_built, copy_project, run_doit


@pytest.fixture(scope="session")
def built_project(tmp_path_factory):
    """A git checkout of a copy of the project in which `doit` has built every edition once. Tests read it
    and never change it: a test that builds more in it, or edits it, works on a copy (built_copy)."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    commit_all(project)
    run_doit(project)
    return project


@pytest.fixture(scope="session")
def built_copy(built_project, tmp_path_factory):
    """built_copy(name): a copy of the built project of one's own, to build more in or to edit."""
    return lambda name: copy_built(built_project, tmp_path_factory.mktemp(name) / "project")


@pytest.fixture(scope="session")
def examples_project(tmp_path_factory):
    """A git checkout of a copy of the project whose publications are the example publications
    (examples/), each built once: every edition, the PDF/A, and the pre-flight's report."""
    project = copy_project(tmp_path_factory.mktemp("examples"))
    shutil.rmtree(project / "source" / SLUG)
    for example in sorted(EXAMPLES.iterdir()):
        if (example / "index.md").is_file():  # a publication; examples/institute/ is a project's brand
            shutil.copytree(example, project / "source" / example.name)
    commit_all(project)
    run_doit(project)
    run_doit(project, "pdfa")
    return project


@pytest.fixture(scope="session")
def institute_project(tmp_path_factory):
    """A git checkout of a copy of the project made the example institute's (examples/institute/): its
    brand file at the project root (where a project keeps it), its series settings and its publication,
    whose PDF, DOCX and web page are built once."""
    institute = EXAMPLES / "institute"
    project = copy_project(tmp_path_factory.mktemp("institute"))
    shutil.rmtree(project / "source")
    shutil.copytree(institute / "source", project / "source")
    shutil.copy2(institute / "series.yaml", project / "source" / "series.yaml")
    shutil.copy2(institute / "_brand.yml", project / "_brand.yml")
    shutil.copytree(institute / "brand", project / "brand")
    commit_all(project)
    run_doit(project, "html", "pdf", "docx")
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
