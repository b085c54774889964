"""`doit dist` (publish/release/dist.py), in this process on small inputs: a release's git state and
version, the bundle (every edition, a manifest, checksums) and its archive, what it refuses, and a
released bundle never replaced by other bytes."""

import gzip
import io
import json
import re
import shutil
import subprocess
import tarfile
from dataclasses import asdict

import pytest
from projects import GIT_IDENTITY, ROOT

from publish.errors import PublishError
from publish.findings import Finding
from publish.model.front_matter import facts_read_by
from publish.paths import Publication
from publish.release import dist
from publish.release.dist import deterministic_archive
from publish.source.metadata import series_findings


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
        dist.release_state(unit, allow_uncommitted=False)
    assert str(refused.value).startswith("source/brief/index.md: error: ")
    assert dist.release_state(unit, allow_uncommitted=True)["uncommitted_changes"] is True


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
    unit.build_folder.mkdir(parents=True, exist_ok=True)
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


# doit dist, in this process: the bundles it writes, what it refuses, and what it prints.


def head(short=False):
    arguments = ["git", "rev-parse", *(["--short=12"] if short else []), "HEAD"]
    return subprocess.run(arguments, capture_output=True, text=True, check=True).stdout.strip()


def commit(folder, message="more"):
    git(folder, "add", ".")
    git(folder, "commit", "-qm", message)


def release_ready(root, unit, **facts):
    """build/<slug>/ as the parse and the editions leave it: every bundled edition, the metadata, and what
    the pre-flight found (here, only what the series settings lack)."""
    metadata = {**bundle_files(root, unit), **facts}
    unit.metadata.parent.mkdir(parents=True, exist_ok=True)
    unit.metadata.write_text(json.dumps({key: metadata.get(key, "") for key in facts_read_by("dist")}), encoding="utf-8")
    series = series_findings() if "csl:" in (root / "source/series.yaml").read_text() else []  # a real series'
    unit.findings.write_text(json.dumps([asdict(finding) for finding in series]), encoding="utf-8")
    return metadata


def unpack(archive):
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        return {member.name: tar.extractfile(member).read() for member in tar.getmembers() if member.isfile()}


def test_doit_dist_writes_the_bundle_and_its_archive_and_may_repeat_a_release_with_the_same_bytes(checkout, capsys):
    unit = Publication("brief")
    release_ready(checkout, unit)
    dist.build_bundles([unit], "v1")
    archive = (checkout / "build/dist/brief-v1.tar.gz").read_bytes()
    assert capsys.readouterr().out == (f"brief: no DOI, so no Crossref or DataCite deposit was written\n"
                                       f"build/dist/brief-v1.tar.gz: 10 files, sha256 {dist.sha256(archive)}\n")
    folder = checkout / "build/dist/brief-v1"
    assert unpack(archive) == {f"brief-v1/{path.name}": path.read_bytes() for path in folder.iterdir()}
    assert (folder / "brief.pdf").read_bytes() == b"the pdf" and len(list(folder.iterdir())) == 10
    manifest = json.loads((folder / "manifest.json").read_bytes())
    assert manifest["git"] == {"commit": head(), "uncommitted_changes": False, "uncommitted_inputs": []}
    assert manifest["version"] == "v1" and manifest["publication"]["slug"] == "brief"
    assert manifest["inputs"] == {path: dist.sha256(b"x\n") for path in (
        "dodo.py", "publish/x.py", "requirements.lock", "source/brief/index.md", "source/series.yaml", "styles/print.css",
        "templates/web.html.j2")}
    dist.build_bundles([unit], "v1")  # the same inputs again: the same bytes, so the release stands
    assert (checkout / "build/dist/brief-v1.tar.gz").read_bytes() == archive
    assert capsys.readouterr().out == (f"brief: no DOI, so no Crossref or DataCite deposit was written\n"
                                       f"build/dist/brief-v1.tar.gz: 10 files, sha256 {dist.sha256(archive)}\n")


def test_a_released_bundle_is_never_replaced_by_other_bytes(checkout, capsys):
    unit = Publication("brief")
    release_ready(checkout, unit)
    dist.build_bundles([unit], "v1")
    archive = (checkout / "build/dist/brief-v1.tar.gz").read_bytes()
    unit.artifact("pdf").write_bytes(b"another pdf")
    with pytest.raises(PublishError) as refused:
        dist.build_bundles([unit], "v1")
    assert str(refused.value) == ("build/dist/brief-v1.tar.gz: error: build/dist/brief-v1.tar.gz was already released "
                                  "with other bytes: a released bundle is never replaced; give this release a new "
                                  "version (doit dist --version ...)")
    assert (checkout / "build/dist/brief-v1.tar.gz").read_bytes() == archive
    assert (checkout / "build/dist/brief-v1/brief.pdf").read_bytes() == b"the pdf"
    unit.artifact("pdf").write_bytes(b"the pdf")
    for other in (archive[:-1], archive + b"\n"):  # a release whose bytes sort before this bundle's, and after
        (checkout / "build/dist/brief-v1.tar.gz").write_bytes(other)
        with pytest.raises(PublishError, match="was already released with other bytes"):
            dist.build_bundles([unit], "v1")
        assert (checkout / "build/dist/brief-v1.tar.gz").read_bytes() == other
    unit.artifact("pdf").write_bytes(b"another pdf")
    dist.build_bundles([unit], "v2")
    assert unpack((checkout / "build/dist/brief-v2.tar.gz").read_bytes())["brief-v2/brief.pdf"] == b"another pdf"


def test_an_unreleased_bundle_is_replaced_in_full(checkout, capsys):
    unit = Publication("brief")
    release_ready(checkout, unit)
    dist.build_bundles([unit])
    name = f"brief-unreleased-{head(short=True)}"
    folder = checkout / "build/dist" / name
    (folder / "left-over.txt").write_text("from an older build\n")
    unit.artifact("pdf").write_bytes(b"another pdf")
    dist.build_bundles([unit])
    assert sorted(path.name for path in folder.iterdir()) == sorted([*(unit.artifact_name(kind) for kind in dist.BUNDLED),
                                                                     "manifest.json", "SHA256SUMS"])
    assert (folder / "brief.pdf").read_bytes() == b"another pdf"
    assert unpack((checkout / "build/dist" / f"{name}.tar.gz").read_bytes())[f"{name}/brief.pdf"] == b"another pdf"


def test_doit_dist_refuses_uncommitted_inputs_unless_allowed_and_then_says_so(checkout, capsys):
    unit = Publication("brief")
    release_ready(checkout, unit)
    (checkout / "source/brief/index.md").write_text("edited\n")
    with pytest.raises(PublishError, match=re.escape("not released: 1 input not committed (source/brief/index.md)")):
        dist.build_bundles([unit], "v1")
    assert not (checkout / "build/dist").exists()
    dist.build_bundles([unit], "v1", allow_uncommitted=True)
    manifest = json.loads((checkout / "build/dist/brief-v1/manifest.json").read_bytes())
    assert manifest["git"] == {"commit": head(), "uncommitted_changes": True, "uncommitted_inputs": ["source/brief/index.md"]}
    assert manifest["inputs"]["source/brief/index.md"] == dist.sha256(b"edited\n")


def test_the_strict_pre_flight_runs_only_for_the_publications_that_ask_for_it(checkout, capsys):
    (checkout / "source/series.yaml").write_text('publisher: ""\nseries: ""\ncsl: chicago-notes-bibliography\n')
    (checkout / "source/other").mkdir()
    (checkout / "source/other/index.md").write_text("---\ntitle: T\nauthor: A\ndate: 2024\nlang: en\n---\n\nText.\n")
    shutil.copy(ROOT / "styles" / "house.toml", checkout / "styles" / "house.toml")
    commit(checkout)
    brief, other = Publication("brief"), Publication("other")
    release_ready(checkout, brief)
    release_ready(checkout, other)
    dist.build_bundles([brief, other], "v1")  # the series' warnings would fail a strict check: none was asked for
    assert "pre-flight" not in capsys.readouterr().out
    release_ready(checkout, other, release_requires_strict_check=True)
    with pytest.raises(PublishError, match=r"pre-flight failed \(--strict fails on warnings\): .* in 1 publication$"):
        dist.build_bundles([brief, other], "v2")
    assert "source/series.yaml:1:1: warning: 'publisher' is empty" in capsys.readouterr().out
    assert not (checkout / "build/dist/other-v2.tar.gz").exists()
    assert (checkout / "build/dist/brief-v2.tar.gz").is_file()  # the brief asks for no strict check: released


def test_a_refusal_names_the_publication_held_back_and_its_first_three_inputs(checkout):
    (checkout / "source/other").mkdir()
    (checkout / "source/other/index.md").write_text("x\n")
    commit(checkout)
    other = Publication("other")
    assert dist.release_state(other, allow_uncommitted=False) == {"commit": head(), "uncommitted_changes": False,
                                                                  "uncommitted_inputs": []}
    for name in ("a", "b", "c", "d"):
        (checkout / f"source/other/{name}.md").write_text("new\n")
    with pytest.raises(PublishError) as refused:
        dist.release_state(other, allow_uncommitted=False)
    assert str(refused.value) == (
        "source/other/index.md: error: not released: 4 inputs not committed (source/other/a.md, source/other/b.md, "
        "source/other/c.md): commit them, or run doit dist --allow-uncommitted to release them marked as such in the "
        "manifest")


def test_a_release_records_the_newest_commit_of_its_own_inputs_so_another_publications_do_not_refuse_it(checkout,
                                                                                                         capsys):
    brief, other = Publication("brief"), Publication("other")
    brief_commit = head()
    (checkout / "source/other").mkdir()
    (checkout / "source/other/index.md").write_text("x\n")
    commit(checkout)
    release_ready(checkout, brief)
    release_ready(checkout, other)
    dist.build_bundles([brief, other], "v1.0")
    archive = (checkout / "build/dist/brief-v1.0.tar.gz").read_bytes()
    (checkout / "source/other/index.md").write_text("edited\n")
    commit(checkout, "other edited")
    (checkout / "source/third").mkdir()  # a new publication, not committed yet
    (checkout / "source/third/index.md").write_text("draft\n")
    assert dist.git_state(brief) == {"commit": brief_commit, "uncommitted_changes": False, "uncommitted_inputs": []}
    assert dist.git_state(other)["commit"] == head() != brief_commit
    dist.build_bundles([brief], "v1.0")  # the brief did not change: its release stands, the same bytes
    assert (checkout / "build/dist/brief-v1.0.tar.gz").read_bytes() == archive
    dist.build_bundles([brief, other], "v1.0", slugs=["brief"])  # doit dist brief --version v1.0
    with pytest.raises(PublishError, match="other-v1.0.tar.gz was already released with other bytes"):
        dist.build_bundles([brief, other], "v1.0")  # the other changed: refused, and the brief released alone
    assert capsys.readouterr().out.count(f"build/dist/brief-v1.0.tar.gz: 10 files, sha256 {dist.sha256(archive)}") == 4


def test_each_publication_refused_is_said_and_holds_back_no_other(checkout, capsys):
    for name in ("other", "third"):
        (checkout / f"source/{name}").mkdir()
        (checkout / f"source/{name}/index.md").write_text("x\n")
    commit(checkout)
    units = [Publication(name) for name in ("brief", "other", "third")]
    for unit in units:
        release_ready(checkout, unit)
    for name in ("other", "third"):
        (checkout / f"source/{name}/index.md").write_text("edited\n")
    with pytest.raises(PublishError) as refused:
        dist.build_bundles(units, "v1", slugs=["brief", "other", "--version", "v2", "third"])
    assert str(refused.value) == "error: 2 of 3 publications not released (other, third): each is said above"
    printed = capsys.readouterr().out.splitlines()
    assert [line.split(": error: ")[0] for line in printed if ": error: " in line] == ["source/other/index.md",
                                                                                  "source/third/index.md"]
    assert sorted(path.name for path in (checkout / "build/dist").glob("*.tar.gz")) == ["brief-v2.tar.gz"]
    with pytest.raises(PublishError, match=r"^error: no publication 'fourth' in source/: the publications are brief, "
                                           r"other, third$"):
        dist.build_bundles(units, "v1", slugs=["fourth"])


def test_the_inputs_of_a_release_are_its_folder_and_the_shared_files_that_exist(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for path in ("source/brief/index.md", "source/brief/images/map.png", "source/brief/.DS_Store", "source/other/index.md",
                 "source/series.yaml", "templates/web.html.j2", "styles/print.css", "locale/fa.yaml", "publish/x.py",
                 "publish/__pycache__/x.cpython-311.pyc", "dodo.py", "README.md"):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("x\n")
    assert [path.as_posix() for path in dist.input_files(Publication("brief"))] == [
        "dodo.py", "locale/fa.yaml", "publish/x.py", "source/brief/images/map.png", "source/brief/index.md",
        "source/series.yaml", "styles/print.css", "templates/web.html.j2"]


@pytest.mark.filterwarnings("error::ResourceWarning")  # every font file it reads is closed
def test_a_manifest_is_sorted_indented_utf8_json_with_the_tool_and_font_versions(tmp_path, monkeypatch):
    import importlib.metadata
    import platform

    from pypandoc import get_pandoc_path

    monkeypatch.chdir(tmp_path)
    unit = Publication("brief")
    metadata = {**bundle_files(tmp_path, unit), "title": "Ḥaqqānī — the “network”"}
    (tmp_path / "styles/fonts").mkdir(parents=True)
    shutil.copy(ROOT / "styles/fonts/NotoSans-Regular.ttf", tmp_path / "styles/fonts")
    (tmp_path / "styles/fonts/notes.txt").write_text("not a font\n")
    outputs = {"b.pdf": b"2", "a.html": b"1"}
    data = dist.manifest(unit, metadata, "v1", outputs, {"commit": ""})
    text = data.decode("utf-8")
    assert "Ḥaqqānī — the “network”" in text and text.endswith("\n}\n")
    assert re.findall(r'^  "(\w+)"', text, re.MULTILINE) == ["git", "inputs", "outputs", "publication", "timestamp",
                                                            "tools", "version"]
    assert re.findall(r'^    "(\w+)"', text.split('"publication"')[1].split("\n  }")[0], re.MULTILINE) == sorted(
        dist.PUBLICATION_FACTS)
    manifest = json.loads(data)
    assert manifest["outputs"] == {"a.html": dist.sha256(b"1"), "b.pdf": dist.sha256(b"2")}
    tools = manifest["tools"]
    pandoc = subprocess.run([get_pandoc_path(), "--version"], capture_output=True, text=True)
    assert tools["pandoc"] == pandoc.stdout.splitlines()[0] and re.fullmatch(r"pandoc \d+(\.\d+)+", tools["pandoc"])
    assert tools["python"] == platform.python_version()
    assert tools["weasyprint"] == importlib.metadata.version("weasyprint") and tools["doit"] == importlib.metadata.version("doit")
    font = (ROOT / "styles/fonts/NotoSans-Regular.ttf").read_bytes()
    assert tools["fonts"] == {"NotoSans-Regular.ttf": {"version": tools["fonts"]["NotoSans-Regular.ttf"]["version"],
                                                       "sha256": dist.sha256(font)}}
    assert re.fullmatch(r"Version \d+\.\d+.*", tools["fonts"]["NotoSans-Regular.ttf"]["version"])


def test_a_bundle_archive_has_fixed_order_times_owner_and_modes(tmp_path, monkeypatch):
    files = {"b.pdf": b"pdf bytes", "a.html": b"<html>", "SHA256SUMS": b"sums\n"}
    archive = dist.deterministic_archive("brief-v1", files, 1700000000)
    assert archive[:10] == b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\x03"  # gzip: no name, no time, best compression
    tar = gzip.decompress(archive)
    assert tar[257:265] == b"ustar\x0000"  # POSIX ustar, no GNU or pax extensions
    with tarfile.open(fileobj=io.BytesIO(archive)) as opened:
        members = opened.getmembers()
        assert [(m.name, m.type, m.mode, m.mtime, m.uid, m.gid, m.uname, m.gname, m.size) for m in members] == [
            ("brief-v1", tarfile.DIRTYPE, 0o755, 1700000000, 0, 0, "", "", 0),
            ("brief-v1/SHA256SUMS", tarfile.REGTYPE, 0o644, 1700000000, 0, 0, "", "", 5),
            ("brief-v1/a.html", tarfile.REGTYPE, 0o644, 1700000000, 0, 0, "", "", 6),
            ("brief-v1/b.pdf", tarfile.REGTYPE, 0o644, 1700000000, 0, 0, "", "", 9)]
        assert {m.name: opened.extractfile(m).read() for m in members[1:]} == {f"brief-v1/{n}": d for n, d in files.items()}
    assert dist.deterministic_archive("brief-v1", dict(reversed(files.items())), 1700000000) == archive


def test_the_checksums_are_one_sorted_line_a_file_as_sha256sum_writes_them():
    assert dist.checksums({"b.pdf": b"2", "a.html": b"1"}) == (
        f"{dist.sha256(b'1')}  a.html\n{dist.sha256(b'2')}  b.pdf\n").encode()


def test_a_bundle_missing_several_editions_names_the_first(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    unit = Publication("brief")
    metadata = bundle_files(tmp_path, unit)
    unit.artifact("pdfa").unlink()
    unit.artifact("html").unlink()  # the first of the two in the table of editions
    with pytest.raises(PublishError, match=re.escape("build/brief/brief.html is missing: build it first")):
        dist.bundle(unit, metadata, "v1", {})


def test_removing_releases_when_there_are_none_does_nothing(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    dist.remove_releases()
    assert capsys.readouterr().out == ""


def test_archives_are_deterministic():
    files = {"b.txt": b"two", "a.txt": b"one"}
    assert deterministic_archive("x-1", files, 1700000000) == deterministic_archive("x-1", dict(reversed(files.items())), 1700000000)
    with tarfile.open(fileobj=io.BytesIO(gzip.decompress(deterministic_archive("x-1", files, 1)))) as tar:
        assert tar.getnames() == ["x-1", "x-1/a.txt", "x-1/b.txt"]


def test_a_release_refuses_what_doit_new_wrote_for_the_author_to_replace(checkout, capsys):
    """Whatever the series asks of the pre-flight, 'Your Name' is never published."""
    unit = Publication("brief")
    release_ready(checkout, unit)
    placeholder = Finding("source/brief/index.md", 4, 11, "placeholder.unfilled",
                          "'Your Name' is what doit new wrote: write the author's name (a release refuses it)")
    unit.findings.write_text(json.dumps([asdict(placeholder)]), encoding="utf-8")
    with pytest.raises(PublishError, match="pre-flight failed"):
        dist.build_bundles([unit], "v1")
    assert ("source/brief/index.md:4:11: warning: 'Your Name' is what doit new wrote: write the author's name (a "
            "release refuses it) [placeholder.unfilled]") in capsys.readouterr().out
    assert not (checkout / "build/dist/brief-v1.tar.gz").exists()
