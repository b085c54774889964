"""Reproducible editions, release bundles, `doit verify`, and the CI workflows, end to end.

No single module: the release stage from the command line, on built copies of the project that
several tests share in order. The functions of `doit dist` and `doit verify` are tested on small
inputs in test_dist.py and test_verify.py."""

import os
import shutil
import subprocess
import sys
import tarfile
import time
import zipfile

import pytest
import yaml
from projects import GIT_IDENTITY, ROOT, SLUG, commit_all, copy_project, run_doit


VERSION = "v9.9.9"


def all_files(folder):
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def first(built_copy):
    project = built_copy("first")
    run_doit(project, "press", "dist", "--version", VERSION)
    return project


@pytest.fixture(scope="module")
def second(tmp_path_factory, first):
    """The same commit built again: another folder, time zone, umask, a Turkish locale (whose dotted
    and dotless i break naive case changes), and a clock a day ahead (faketime)."""
    project = copy_project(tmp_path_factory.mktemp("elsewhere") / "another" / "folder")
    commit_all(project)
    environment = {**os.environ, "TZ": "Pacific/Kiritimati", "LC_ALL": "tr_TR.UTF-8", "LANG": "tr_TR.UTF-8"}
    later = [shutil.which("faketime") or "faketime-is-missing", "-f", "+1d"]
    probe = "import locale, time; locale.setlocale(locale.LC_ALL, ''); print(locale.getlocale()[0], time.time())"
    seen = subprocess.run([*later, sys.executable, "-c", probe], env=environment, capture_output=True, text=True)
    assert seen.returncode == 0, "faketime and the tr_TR.UTF-8 locale are needed (see README, 'Before you start')"
    language, clock = seen.stdout.split()
    assert language == "tr_TR" and float(clock) > time.time() + 80000, seen.stdout
    for arguments in ([], ["press", "dist", "--version", VERSION]):
        process = subprocess.run([*later, sys.executable, "-m", "doit", *arguments], cwd=project, env=environment,
                                 capture_output=True, text=True, preexec_fn=lambda: os.umask(0o077))
        assert process.returncode == 0, process.stdout + process.stderr
    return project


def test_two_clean_builds_give_identical_bytes(first, second):
    for folder in (f"build/{SLUG}", "build/dist"):
        one, two = all_files(first / folder), all_files(second / folder)
        assert one.keys() == two.keys(), folder
        differing = [name for name in one if one[name] != two[name]]
        assert differing == [], f"{folder}: {differing}"


@pytest.mark.parametrize("epoch, moment", [(1700000000, "2023-11-14T22:13:20Z"), (1800000000, "2027-01-15T08:00:00Z")])
def test_the_moment_inside_the_files_is_source_date_epoch(tmp_path, epoch, moment):
    import pikepdf

    project = copy_project(tmp_path / "project")
    process = subprocess.run([sys.executable, "-m", "doit", f"docx:{SLUG}", f"pdfa:{SLUG}"], cwd=project,
                             env={**os.environ, "SOURCE_DATE_EPOCH": str(epoch)}, capture_output=True, text=True)
    assert process.returncode == 0, process.stdout
    stamp = tuple(int(part) for part in moment[:19].replace("T", "-").replace(":", "-").split("-"))
    with zipfile.ZipFile(project / "build" / SLUG / f"{SLUG}.docx") as docx:
        assert {info.date_time for info in docx.infolist()} == {stamp}
        assert f"<dcterms:modified xsi:type=\"dcterms:W3CDTF\">{moment}</dcterms:modified>" in docx.read("docProps/core.xml").decode()
    with pikepdf.open(project / "build" / SLUG / f"{SLUG}-pdfa.pdf") as pdf:
        assert str(pdf.docinfo["/ModDate"]) == "D:" + moment.replace("-", "").replace(":", "").replace("T", "")
        assert str(pdf.docinfo["/CreationDate"]) == "D:2024"  # the publication's date, whatever the epoch
        attached = pdf.attachments["index.md"].obj.EF.F.Params
        stamp_text = moment.replace("-", "").replace(":", "").replace("T", "").removesuffix("Z")
        assert str(attached.ModDate) == str(attached.CreationDate) == f"D:{stamp_text}Z"


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
    assert {path.name for path in workflows} == {"test.yml", "release.yml", "site.yml"}
    checker = shutil.which("check-jsonschema", path=os.path.dirname(sys.executable))
    process = subprocess.run([checker, "--builtin-schema", "vendor.github-workflows", *map(str, workflows)],
                             capture_output=True, text=True)
    assert process.returncode == 0, process.stdout + process.stderr
    release = (ROOT / ".github" / "workflows" / "release.yml").read_text()
    assert "doit dist --version" in release and "doit verify" in release and "sha256sum -c" in release
    site = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text())
    steps = [step.get("uses", "") for job in site["jobs"].values() for step in job.get("steps", [])]
    assert any(uses.startswith("actions/upload-pages-artifact@") for uses in steps)
    assert any(uses.startswith("actions/deploy-pages@") for uses in steps)
    assert site["jobs"]["build"]["env"]["PUBLISH_SHARD"] == "${{ matrix.shard }}/${{ strategy.job-total }}"
    assert site["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


@pytest.fixture(scope="module")
def committed(built_copy):
    """A git checkout of the project, built once with its PDF/A, for the release's integrity checks."""
    project = built_copy("integrity")
    run_doit(project, "pdfa")
    return project


def test_verify_names_a_stale_variant_and_the_task_that_refreshes_it(committed):
    with open(committed / "styles" / "print.css", "a", encoding="utf-8") as css:
        css.write("\nh2 { letter-spacing: 0.01em; }\n")
    run_doit(committed, f"pdf:{SLUG}")  # the PDF is rebuilt, its archival variant is not
    result = run_doit(committed, "verify", check=False)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"STALE   build/{SLUG}/{SLUG}-pdfa.pdf: its inputs changed since it was built; run doit pdfa:{SLUG}" in output
    assert f"same    build/{SLUG}/{SLUG}.pdf" in output and "differ from a rebuild" not in output
    run_doit(committed)  # plain doit refreshes every variant that exists
    assert "all 8 artifacts match a rebuild" in run_doit(committed, "verify").stdout
    subprocess.run(["git", "commit", "-qam", "Style"], cwd=committed, check=True, env={**os.environ, **GIT_IDENTITY})


def test_dist_refuses_uncommitted_inputs_unless_asked_and_then_says_so(committed):
    shutil.copytree(committed / "source" / SLUG, committed / "source" / "new-brief")  # never committed
    result = run_doit(committed, "dist", "--version", "v1.0", check=False)
    assert result.returncode != 0
    assert any(line.startswith("source/new-brief/index.md: error: not released: 2 inputs not committed")
               for line in result.stdout.splitlines()), result.stdout
    assert not (committed / "build" / "dist" / "new-brief-v1.0.tar.gz").exists()
    assert (committed / "build" / "dist" / f"{SLUG}-v1.0.tar.gz").is_file()  # the brief is not held back
    run_doit(committed, "dist", "--version", "v1.0-draft", "--allow-uncommitted")
    import json

    manifest = json.loads((committed / "build" / "dist" / "new-brief-v1.0-draft" / "manifest.json").read_text())
    assert manifest["git"]["uncommitted_changes"] is True
    assert manifest["git"]["uncommitted_inputs"] == ["source/new-brief/index.md", "source/new-brief/references.json"]
    assert manifest["publication"]["revision"].endswith("with uncommitted changes")
    brief = json.loads((committed / "build" / "dist" / f"{SLUG}-v1.0-draft" / "manifest.json").read_text())
    assert brief["git"]["uncommitted_changes"] is False and not brief["publication"]["revision"].endswith("changes")
    for folder in ("source", "build"):
        shutil.rmtree(committed / folder / "new-brief")


def test_dist_slug_releases_that_publication_from_its_own_inputs_alone(committed):
    """Another publication, committed since v1.0 and broken, neither stops the brief's release nor changes it."""
    released = committed / "build" / "dist" / f"{SLUG}-v1.0.tar.gz"
    before = released.read_bytes()  # released by the test before
    broken = committed / "source" / "broken"
    broken.mkdir()
    (broken / "index.md").write_text('---\ntitle: "Broken"\nauthor: "A. Author"\ndate: 2024\nlang: en\n---\n\n'
                                     "Cites [@nokey].\n", encoding="utf-8")
    commit_paths(committed, "A broken publication", "source/broken")
    try:
        result = run_doit(committed, "dist", SLUG, "--version", "v1.0")
        unknown = run_doit(committed, "dist", "nope", "--version", "v1.0", check=False)
    finally:
        commit_paths(committed, "Without it", "source/broken", remove=True)
    assert released.read_bytes() == before and f"{released.relative_to(committed)}: " in result.stdout
    assert not (committed / "build" / "broken").exists()  # not even built
    assert unknown.returncode != 0 and "Traceback" not in unknown.stdout + unknown.stderr
    assert f"error: no publication 'nope' in source/: the publications are broken, {SLUG}" in unknown.stdout


def commit_paths(project, message, path, remove=False):
    environment = {**os.environ, **GIT_IDENTITY}
    subprocess.run(["git", "rm", "-rq", path] if remove else ["git", "add", path], cwd=project, check=True,
                   env=environment)
    subprocess.run(["git", "commit", "-qm", message], cwd=project, check=True, env=environment)


@pytest.mark.parametrize("settings", ["source/series.yaml", f"source/{SLUG}/index.md"])
def test_the_series_or_a_front_matter_can_require_the_strict_check_before_release(committed, settings):
    path = committed / settings
    original = path.read_text(encoding="utf-8")
    required = "release-requires-strict-check: true\n"
    if settings.endswith("series.yaml"):
        path.write_text(original.replace("release-requires-strict-check: false\n", required), encoding="utf-8")
    else:
        path.write_text(original.replace("lang: en\n", "lang: en\n" + required), encoding="utf-8")
    try:
        result = run_doit(committed, "dist", "--version", "v2.0", "--allow-uncommitted", check=False)
    finally:
        path.write_text(original, encoding="utf-8")
    assert result.returncode != 0 and "pre-flight failed (--strict fails on warnings)" in result.stdout
    assert not (committed / "build" / "dist" / f"{SLUG}-v2.0.tar.gz").exists()


def test_the_default_version_is_the_tag_or_the_commit(committed):
    head = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], cwd=committed, capture_output=True, text=True).stdout.strip()
    run_doit(committed, "dist")
    assert (committed / "build" / "dist" / f"{SLUG}-unreleased-{head}.tar.gz").is_file()
    subprocess.run(["git", "tag", "v3.1"], cwd=committed, check=True)
    run_doit(committed, "dist")
    assert (committed / "build" / "dist" / f"{SLUG}-v3.1.tar.gz").is_file()


def test_clean_removes_every_output_it_made_but_keeps_releases_unless_asked(committed):
    run_doit(committed, "press")
    run_doit(committed, "dist", "--version", "v4.0")
    run_doit(committed, "site")  # the site (doit site, doit serve) is made from the editions: it goes with them
    assert "build/dist" not in run_doit(committed, "clean").stdout
    left = sorted(path.relative_to(committed / "build").as_posix() for path in (committed / "build").rglob("*")
                  if path.is_file() and not path.relative_to(committed / "build").as_posix().startswith(("dist/", ".cache/")))
    assert left == [".doit.sqlite"], left
    assert not (committed / "build" / "site").exists()
    assert list((committed / "build" / "dist").glob("*.tar.gz"))
    run_doit(committed, "site")
    run_doit(committed, "clean", "site")  # the site alone, every page of it
    assert not (committed / "build" / "site").exists() and (committed / "build" / SLUG / f"{SLUG}.pdf").is_file()
    run_doit(committed, "clean", "dist")
    assert not (committed / "build" / "dist").exists()
