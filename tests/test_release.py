"""Reproducible editions, release bundles, `doit verify`, and the CI workflows."""

import gzip
import io
import os
import shutil
import subprocess
import sys
import tarfile

import pytest

from conftest import ROOT, SLUG, commit_all, copy_project, run_doit
from publish.release.dist import deterministic_archive

VERSION = "v9.9.9"


def all_files(folder):
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def first(built_project):
    run_doit(built_project, "press", "dist", "--version", VERSION)
    return built_project


@pytest.fixture(scope="module")
def second(tmp_path_factory, first):
    """The same commit built again: another folder, time zone, locale and umask, a little later."""
    project = copy_project(tmp_path_factory.mktemp("elsewhere") / "another" / "folder")
    commit_all(project)
    environment = {**os.environ, "TZ": "Pacific/Kiritimati", "LC_ALL": "C", "LANG": "C"}
    for arguments in ([], ["press", "dist", "--version", VERSION]):
        process = subprocess.run([sys.executable, "-m", "doit", *arguments], cwd=project, env=environment,
                                 capture_output=True, text=True, preexec_fn=lambda: os.umask(0o077))
        assert process.returncode == 0, process.stdout + process.stderr
    return project


def test_two_clean_builds_give_identical_bytes(first, second):
    for folder in (f"build/{SLUG}", "build/dist"):
        one, two = all_files(first / folder), all_files(second / folder)
        assert one.keys() == two.keys(), folder
        differing = [name for name in one if one[name] != two[name]]
        assert differing == [], f"{folder}: {differing}"


def test_the_bundle_verifies_with_sha256sum(first):
    bundle = first / "build" / "dist" / f"{SLUG}-{VERSION}"
    process = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=bundle, capture_output=True, text=True)
    assert process.returncode == 0, process.stdout
    names = {line.split("  ")[1] for line in (bundle / "SHA256SUMS").read_text().splitlines()}
    assert names == {p.name for p in bundle.iterdir()} - {"SHA256SUMS"}
    assert {f"{SLUG}.pdf", f"{SLUG}-pdfa.pdf", f"{SLUG}.docx", f"{SLUG}.html", f"{SLUG}.ris", "manifest.json"} <= names


def test_the_manifest_records_inputs_outputs_tools_and_commit(first):
    import json

    manifest = json.loads((first / "build" / "dist" / f"{SLUG}-{VERSION}" / "manifest.json").read_text())
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=first, capture_output=True, text=True).stdout.strip()
    assert manifest["git"] == {"commit": head, "uncommitted_changes": False, "uncommitted_inputs": []}
    assert manifest["version"] == VERSION and manifest["publication"]["title"] == "Engaging with the Taliban"
    assert f"source/{SLUG}/index.md" in manifest["inputs"] and "styles/print.css" in manifest["inputs"]
    assert manifest["outputs"][f"{SLUG}.pdf"] == __import__("hashlib").sha256(
        (first / "build" / SLUG / f"{SLUG}.pdf").read_bytes()).hexdigest()
    assert manifest["tools"]["pandoc"].startswith("pandoc ") and "weasyprint" in manifest["tools"]
    assert manifest["tools"]["fonts"]["NotoSerif-Regular.ttf"]["version"].startswith("Version 2.004")


def test_the_archive_holds_the_bundle_with_fixed_times_owners_and_modes(first):
    archive = first / "build" / "dist" / f"{SLUG}-{VERSION}.tar.gz"
    assert archive.read_bytes()[4:8] == b"\0\0\0\0"  # no time in the gzip header
    with tarfile.open(archive) as tar:
        members = tar.getmembers()
    assert [m.name for m in members] == sorted(m.name for m in members)
    assert {(m.uid, m.gid, m.uname, m.gname) for m in members} == {(0, 0, "", "")}
    assert {m.mode for m in members if m.isfile()} == {0o644} and len({m.mtime for m in members}) == 1


def test_archives_are_deterministic():
    files = {"b.txt": b"two", "a.txt": b"one"}
    assert deterministic_archive("x-1", files, 1700000000) == deterministic_archive("x-1", dict(reversed(files.items())), 1700000000)
    with tarfile.open(fileobj=io.BytesIO(gzip.decompress(deterministic_archive("x-1", files, 1)))) as tar:
        assert tar.getnames() == ["x-1", "x-1/a.txt", "x-1/b.txt"]


def test_verify_passes_then_names_a_tampered_pdf(second):
    assert run_doit(second, "verify").returncode == 0
    pdf = second / "build" / SLUG / f"{SLUG}.pdf"
    with open(pdf, "ab") as stream:
        stream.write(b"\0")
    result = run_doit(second, "verify", check=False)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert f"DIFFERS build/{SLUG}/{SLUG}.pdf" in output and f"DIFFERS build/{SLUG}/{SLUG}.html" not in output


def test_a_released_bundle_is_never_replaced_by_other_bytes(second):
    archive = second / "build" / "dist" / f"{SLUG}-{VERSION}.tar.gz"
    before = archive.read_bytes()
    index = second / "source" / SLUG / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("Three years in", "Three years on"), encoding="utf-8")
    result = run_doit(second, "dist", "--version", VERSION, "--allow-uncommitted", check=False)
    assert result.returncode != 0
    assert "was already released with other bytes" in result.stdout + result.stderr
    assert archive.read_bytes() == before


def test_workflows_are_valid_github_actions():
    workflows = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
    assert {path.name for path in workflows} == {"test.yml", "release.yml"}
    checker = shutil.which("check-jsonschema", path=os.path.dirname(sys.executable))
    process = subprocess.run([checker, "--builtin-schema", "vendor.github-workflows", *map(str, workflows)],
                             capture_output=True, text=True)
    assert process.returncode == 0, process.stdout + process.stderr
    release = (ROOT / ".github" / "workflows" / "release.yml").read_text()
    assert "doit dist --version" in release and "doit verify" in release and "sha256sum -c" in release
