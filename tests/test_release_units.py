"""The release stage's functions on small inputs, in this process (fast enough to run for every
mutant of publish/release/ in the mutation tests)."""

import json
import re
import subprocess
import tarfile

import pytest
from conftest import GIT_IDENTITY

from publish.errors import PublishError
from publish.paths import Publication
from publish.release import dist, verify


def test_verify_names_each_artifact_same_differs_or_missing_from_the_rebuild(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rebuilt = tmp_path / "rebuilt"
    for name, data in (("a.pdf", b"one"), ("b.docx", b"two"), ("c.html", b"three")):
        (tmp_path / name).write_bytes(data)
    (rebuilt).mkdir()
    (rebuilt / "a.pdf").write_bytes(b"one")
    (rebuilt / "b.docx").write_bytes(b"TWO")
    verdicts = verify.compare([__import__("pathlib").Path(n) for n in ("a.pdf", "b.docx", "c.html")], rebuilt)
    assert {str(path): verdict for path, verdict in verdicts.items()} == {"a.pdf": "same", "b.docx": "DIFFERS",
                                                                           "c.html": "MISSING"}


def test_verify_lists_only_the_artifacts_that_exist(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    unit = Publication("brief")
    unit.build_folder.mkdir(parents=True)
    for kind in ("pdf", "pdfa", "ris"):
        unit.artifact(kind).write_bytes(b"x")
    assert verify.built_artifacts([unit]) == {unit.artifact("pdf"): ("pdf:brief", ["parse:brief"]),
                                              unit.artifact("pdfa"): ("pdfa:brief", ["parse:brief"]),
                                              unit.artifact("ris"): ("cite:brief", ["parse:brief"])}


def git(folder, *arguments):
    subprocess.run(["git", *arguments], cwd=folder, check=True, capture_output=True, env={**__import__("os").environ, **GIT_IDENTITY})


@pytest.fixture
def checkout(tmp_path, monkeypatch):
    """A git checkout with one committed publication and its shared inputs."""
    monkeypatch.chdir(tmp_path)
    for path in ("source/brief/index.md", "source/series.yaml", "templates/web.html.j2", "styles/print.css",
                 "publish/x.py", "dodo.py", "requirements.lock"):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("x\n")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "first")
    return tmp_path


def test_a_publication_committed_in_full_is_released_as_clean(checkout):
    state = dist.git_state(Publication("brief"))
    assert state["uncommitted_changes"] is False and state["uncommitted_inputs"] == [] and len(state["commit"]) == 40


@pytest.mark.parametrize("change, expected", [
    (lambda root: (root / "source/brief/notes.md").write_text("new\n"), ["source/brief/notes.md"]),  # untracked
    (lambda root: (root / "source/brief/index.md").write_text("edited\n"), ["source/brief/index.md"]),
    (lambda root: (root / "styles/print.css").write_text("edited\n"), ["styles/print.css"]),  # a shared input
    (lambda root: (root / "source/series.yaml").unlink(), ["source/series.yaml"]),
])
def test_any_input_not_committed_is_named_and_refuses_the_release(checkout, change, expected):
    change(checkout)
    unit = Publication("brief")
    assert dist.git_state(unit)["uncommitted_inputs"] == expected
    with pytest.raises(PublishError, match=re.escape(f"not released: 1 input not committed ({expected[0]})")) as refused:
        dist.release_states([unit], allow_uncommitted=False)
    assert str(refused.value).startswith("source/brief/index.md: error: ")
    assert dist.release_states([unit], allow_uncommitted=True)[unit]["uncommitted_changes"] is True


def test_another_publications_changes_do_not_hold_this_one_back(checkout):
    (checkout / "source/other").mkdir()
    (checkout / "source/other/index.md").write_text("new\n")
    assert dist.git_state(Publication("brief"))["uncommitted_inputs"] == []
    assert dist.git_state(Publication("other"))["uncommitted_inputs"] == ["source/other/index.md"]


def test_the_release_version_is_the_one_given_else_the_tag_else_the_commit(checkout):
    head = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], capture_output=True, text=True).stdout.strip()
    assert dist.release_version("v1.2") == "v1.2"
    assert dist.release_version() == f"unreleased-{head}"
    git(checkout, "tag", "v2.0")
    assert dist.release_version() == "v2.0"


def test_a_release_outside_git_is_unreleased(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert dist.release_version() == "unreleased"
    assert dist.git_state(Publication("brief")) == {"commit": "", "uncommitted_changes": None, "uncommitted_inputs": []}


def bundle_files(tmp_path, unit):
    unit.build_folder.mkdir(parents=True)
    for kind in dist.BUNDLED:
        unit.artifact(kind).write_bytes(f"the {kind}".encode())
    return {"title": "T", "subtitle": "", "authors": [{"name": "A"}], "date": "2024", "lang": "en", "keywords": [],
            "description": "", "publisher": "", "series": "", "license": "", "url": "", "doi": "", "slug": unit.slug,
            "revision": "abc", "timestamp": 1700000000, "release_requires_strict_check": False}


def test_a_bundle_holds_every_edition_a_manifest_and_checksums(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    unit = Publication("brief")
    metadata = bundle_files(tmp_path, unit)
    state = {"commit": "0" * 40, "uncommitted_changes": False, "uncommitted_inputs": []}
    name, files, archive = dist.bundle(unit, metadata, "v1", state)
    assert name == "brief-v1"
    assert set(files) == {unit.artifact_name(kind) for kind in dist.BUNDLED} | {"manifest.json", "SHA256SUMS"}
    manifest = json.loads(files["manifest.json"])
    assert manifest["version"] == "v1" and manifest["git"] == state and manifest["timestamp"] == 1700000000
    assert manifest["publication"]["title"] == "T" and manifest["publication"]["revision"] == "abc"
    assert manifest["outputs"]["brief.pdf"] == dist.sha256(b"the pdf")
    sums = dict(reversed(line.split("  ")) for line in files["SHA256SUMS"].decode().splitlines())
    assert sums == {name: dist.sha256(data) for name, data in files.items() if name != "SHA256SUMS"}
    import io

    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        assert tar.getnames() == ["brief-v1", *sorted(f"brief-v1/{name}" for name in files)]
        assert {member.mtime for member in tar.getmembers()} == {1700000000}


def test_a_bundle_needs_every_edition(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    unit = Publication("brief")
    metadata = bundle_files(tmp_path, unit)
    unit.artifact("pdfa").unlink()
    with pytest.raises(PublishError, match="brief-pdfa.pdf is missing: build it first"):
        dist.bundle(unit, metadata, "v1", {})


def test_removing_releases_removes_the_dist_folder(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "build" / "dist" / "brief-v1").mkdir(parents=True)
    dist.remove_releases(version="")
    assert not (tmp_path / "build" / "dist").exists() and "removed build/dist/" in capsys.readouterr().out


@pytest.fixture
def cited(tmp_path):
    """A copy of the project with the brief's citation files built (the quickest artifacts to rebuild)."""
    from conftest import SLUG, copy_project, run_doit

    project = copy_project(tmp_path / "project")
    run_doit(project, f"cite:{SLUG}")
    return project, SLUG


def test_verify_passes_names_a_tampered_file_and_a_stale_one(cited):
    from conftest import run_doit

    project, slug = cited
    assert "all 3 artifacts match a rebuild" in run_doit(project, "verify").stdout
    with open(project / "build" / slug / f"{slug}.ris", "ab") as ris:
        ris.write(b"\n")
    result = run_doit(project, "verify", check=False)
    assert result.returncode != 0 and f"DIFFERS build/{slug}/{slug}.ris" in result.stdout
    assert f"same    build/{slug}/{slug}.bib" in result.stdout and "1 artifact(s) differ" in result.stdout
    index = project / "source" / slug / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace('title: "Engaging', 'title: "Still Engaging'), encoding="utf-8")
    result = run_doit(project, "verify", check=False)
    assert result.returncode != 0
    assert f"STALE   build/{slug}/{slug}.ris: its inputs changed since it was built; run doit cite:{slug}" in result.stdout
    assert f"1 task(s) to rerun first: doit cite:{slug}" in result.stdout


def test_verify_with_nothing_built_says_so(tmp_path):
    from conftest import copy_project, run_doit

    project = copy_project(tmp_path / "project")
    result = run_doit(project, "verify", check=False)
    assert result.returncode != 0 and "nothing to verify: build the editions first (doit)" in result.stdout
