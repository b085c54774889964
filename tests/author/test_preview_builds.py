"""The preview's warm builder (publish/author/preview_builds.py): the editions it rebuilds after each
save, in the process `doit serve` keeps warm, end byte for byte as a cold build makes them."""

import json
import os
import shutil
import signal
import subprocess
import sys

from previews import fetch, free_port, serving, wait_for
from projects import SLUG, copy_project, run_doit


def test_warm_rebuilds_make_the_editions_a_cold_build_makes(tmp_path):
    """Edits of the text (with and without citations), the house style and a template, each rebuilt
    by the preview's warm builder (which keeps libraries, templates and caches between builds): the
    editions end byte for byte as a cold build of the same sources makes them."""
    project = copy_project(tmp_path / "warm")
    port = free_port()
    status_url = f"http://127.0.0.1:{port}/__status"
    edits = [(project / "source" / SLUG / "index.md", "Three years in", "Three years on"),  # citeproc's last run reused
             (project / "source" / SLUG / "index.md", "For an early critique", "For a first critique"),  # a note that cites
             (project / "styles" / "house.toml", 'accent = "#1f4e79"', 'accent = "#1f4e7a"'),
             (project / "templates" / "partials" / "colophon.html.j2", "</", "<!-- edited -->\n</"),
             (project / "source" / SLUG / "index.md", "Three years on", "Three years in")]
    server = serving(project, port)
    try:
        assert wait_for(lambda: json.loads(fetch(status_url)[1])["editions"] == "fresh"), "the server did not start"
        for path, old, new in edits:
            generation = json.loads(fetch(status_url)[1])["generation"]
            text = path.read_text(encoding="utf-8")
            assert old in text, path
            path.write_text(text.replace(old, new, 1), encoding="utf-8")
            assert wait_for(lambda: json.loads(fetch(status_url)[1]) == {"generation": generation + 1, "error": "",
                                                                          "editions": "fresh"}), path
    finally:
        os.killpg(server.pid, signal.SIGINT)
        server.communicate(timeout=30)
    cold = copy_project(tmp_path / "cold")
    for part in ("source", "styles", "templates"):
        shutil.rmtree(cold / part)
        shutil.copytree(project / part, cold / part)
    run_doit(cold)
    warm_files = sorted(path.name for path in (project / "build" / SLUG).iterdir() if path.is_file())
    assert warm_files == sorted(path.name for path in (cold / "build" / SLUG).iterdir() if path.is_file())
    for name in warm_files:
        assert (project / "build" / SLUG / name).read_bytes() == (cold / "build" / SLUG / name).read_bytes(), name


def test_a_mistake_in_the_settings_is_a_builds_error_and_the_builder_goes_on(tmp_path):
    """doit, run in the builder's own process, ends its reading of the tasks on a series.yaml that is not
    YAML: the builder gets the mistake's one line as the build's error, and lives on to build again."""
    project = copy_project(tmp_path / "project")
    with open(project / "source" / "series.yaml", "a", encoding="utf-8") as settings:
        settings.write('numbering: "auto\n')  # a quote never closed
    builder = ("from publish.author.preview_builds import run_doit\n"
               "for _ in range(2):\n    print(run_doit(['list']))\n")
    result = subprocess.run([sys.executable, "-c", builder], cwd=project, capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stderr
    builds = result.stdout.splitlines()
    assert len(builds) == 2 and all(build.startswith("(3, 'source/series.yaml:") for build in builds), builds
    assert "Traceback" not in result.stdout


BUILT_BY_PHASE = """
import hashlib, json
from pathlib import Path
from publish.author.preview_builds import build_once

SLUG = {slug!r}

def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None

class Recording:
    def __init__(self):
        self.reports = []
    def send(self, report):
        built = {{kind: digest(Path("build") / SLUG / f"{{SLUG}}.{{kind}}") for kind in ("html", "pdf", "docx", "epub")}}
        served = {{kind: digest(Path("build/site") / SLUG / f"{{SLUG}}.{{kind}}") for kind in ("html", "pdf", "docx", "epub")}}
        self.reports.append({{"phase": report["phase"], "error": report["error"], "built": built, "served": served}})
    def poll(self):
        return False

recording = Recording()
assert build_once(recording)
print(json.dumps(recording.reports))
"""


def test_the_preview_builds_the_page_then_the_pdf_and_docx_then_the_rest_each_served_once_built(tmp_path):
    """The EPUB takes as long as the PDF: built beside it, it kept the PDF and the DOCX an author waits for
    (a warm save to all three, 0.71 s before the EPUB, 0.96 s after). Each phase's editions are in the site
    the preview serves as soon as the phase ends."""
    project = copy_project(tmp_path / "project")
    done = subprocess.run([sys.executable, "-c", BUILT_BY_PHASE.format(slug=SLUG)], cwd=project, capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, done.stderr
    page, printed, rest = json.loads(done.stdout.splitlines()[-1])
    assert [page["phase"], printed["phase"], rest["phase"]] == ["page", "print", "all"]
    assert not page["error"] and not printed["error"] and not rest["error"]
    assert page["built"]["html"] and page["served"]["html"] == page["built"]["html"]
    assert page["built"]["pdf"] is None and page["built"]["epub"] is None
    assert printed["built"]["pdf"] and printed["built"]["docx"] and printed["built"]["epub"] is None  # not yet
    assert printed["served"]["pdf"] == printed["built"]["pdf"] and printed["served"]["docx"] == printed["built"]["docx"]
    assert rest["built"]["epub"] and rest["served"]["epub"] == rest["built"]["epub"]
    assert (project / "build" / "site" / "index.html").is_file()
