"""The task graph (publish/tasks.py): doit reruns exactly what an edit affects, judged by doit's own
JSON report."""

import shutil

import pytest
from projects import SLUG, executed_tasks

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
