"""The author's loop: a new publication in one command, progress that informs, a live preview."""

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from projects import SLUG, copy_project, run_doit, signals_by_default


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("loop"))


def test_new_scaffolds_a_publication_that_builds_its_three_editions(project):
    result = run_doit(project, "new", "--slug", "test-brief", "--title", "Test")
    assert "created source/test-brief/index.md" in result.stdout
    assert json.loads((project / "source/test-brief/references.json").read_text()) == []
    text = (project / "source/test-brief/index.md").read_text(encoding="utf-8")
    assert 'title: "Test"' in text and "[^example]" in text and "`[@smith2024]`" in text
    run_doit(project)
    for extension in ("pdf", "docx", "html"):
        assert (project / "build" / "test-brief" / f"test-brief.{extension}").stat().st_size > 1000
    assert not [line for line in run_doit(project, "check").stdout.splitlines() if line.startswith("source/test-brief/")]


@pytest.mark.parametrize("slug, message", [
    ("test-brief", "source/test-brief: error: source/test-brief/ exists already: choose another slug"),
    (SLUG, f"source/{SLUG}: error: source/{SLUG}/ exists already"),
    ("Not A Slug", "error: 'Not A Slug' cannot be a slug: use lower-case letters, digits and hyphens"),
])
def test_new_refuses_a_taken_or_invalid_slug(project, slug, message):
    (project / "source" / "test-brief").mkdir(exist_ok=True)
    result = run_doit(project, "new", "--slug", slug, "--title", "X", check=False)
    assert result.returncode != 0 and message in result.stdout


def test_the_report_gives_each_run_task_its_time_and_a_summary(project):
    with open(project / "styles" / "print.css", "a", encoding="utf-8") as css:
        css.write("\n/* a change */\n")
    output = run_doit(project).stdout.splitlines()
    timed = [line for line in output if re.fullmatch(r"\s+\d+\.\d\d s  \S+", line)]
    assert sorted(line.split()[-1] for line in timed) == sorted(f"pdf:{slug}" for slug in (SLUG, "test-brief"))
    assert re.fullmatch(r"  2 tasks run, \d+ up to date, \d+\.\d s", output[-1])
    again = run_doit(project).stdout.splitlines()
    assert re.fullmatch(r"  0 tasks run, \d+ up to date, \d+\.\d s", again[-1]) and len(again) == 1


def test_a_failure_stands_out_and_repeats_in_the_summary(project):
    index = project / "source" / "test-brief" / "index.md"
    original = index.read_text(encoding="utf-8")
    index.write_text(original + "\n[@nosuchkey]\n", encoding="utf-8")
    try:
        result = run_doit(project, check=False)
    finally:
        index.write_text(original, encoding="utf-8")
    lines = result.stdout.splitlines()
    assert result.returncode != 0
    assert "  FAILED  parse:test-brief" in lines and "  1 task FAILED:" in lines
    finding = [line for line in lines if "citation key 'nosuchkey'" in line]
    assert len(finding) == 2 and finding[0].startswith("source/test-brief/index.md:")
    assert any("not run (a task they need failed)" in line for line in lines)


def test_doit_list_documents_every_task(project):
    listing = run_doit(project, "list").stdout.splitlines()
    names = {line.split()[0] for line in listing}
    assert {"check", "parse", "html", "pdf", "pdfa", "press", "docx", "docx_reference", "cite", "dist", "verify",
            "serve", "new"} <= names
    assert all(len(line.split(maxsplit=1)) == 2 for line in listing), "a task without a doc line"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def fetch_fails(base):
    try:
        fetch(base + "/")
    except OSError:
        return True
    return False


def test_ending_the_preview_by_its_process_id_leaves_nothing_serving(project):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = serving(project, port)
    try:
        assert wait_for(lambda: fetch(f"{base}/")[0] == 200), "the server did not start"
        index = project / "source" / SLUG / "index.md"
        index.write_text(index.read_text(encoding="utf-8") + "\nA new paragraph.\n", encoding="utf-8")
        # the HTML edition is rebuilt; the PDF and DOCX are being built by workers the builder forked
        assert wait_for(lambda: json.loads(fetch(f"{base}/__status")[1])["generation"] == 2, 60, 0.02)
        assert wait_for(lambda: len(processes_in(project)) > 2, 60, 0.005), "no worker"
        server.terminate()  # SIGTERM to the process doit serve was started as, and to nothing else
        output = server.communicate(timeout=30)[0]
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
    assert output.strip().splitlines()[-3] == "stopped" and "Traceback" not in output
    assert fetch_fails(base)
    assert wait_for(lambda: not processes_in(project), 10), processes_in(project)  # nor the builder, nor its workers


def processes_in(folder):
    """The processes whose working folder is `folder`."""
    found = []
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                if os.readlink(f"/proc/{entry.name}/cwd") == str(folder):
                    found.append(int(entry.name))
            except OSError:
                pass
    return found


def wait_for(condition, seconds=60, interval=0.3):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if condition():
                return True
        except OSError:
            pass
        time.sleep(interval)
    return False


def test_serve_rebuilds_after_an_edit_and_serves_the_new_page(project):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    page = f"{base}/{SLUG}/{SLUG}.html"
    server = serving(project, port)
    try:
        assert wait_for(lambda: fetch(page)[0] == 200), "the server did not start"
        status, body = fetch(page)
        assert '<script src="/__preview.js"></script>' in body
        assert fetch(f"{base}/__preview.js")[0] == 200
        generation = json.loads(fetch(f"{base}/__status")[1])["generation"]
        index = project / "source" / SLUG / "index.md"
        index.write_text(index.read_text(encoding="utf-8").replace("Three years in", "Three years later"), encoding="utf-8")
        assert wait_for(lambda: "Three years later" in fetch(page)[1]), "the edit did not reach the served page"
        assert wait_for(lambda: json.loads(fetch(f"{base}/__status")[1]) == {"generation": generation + 1, "error": "",
                                                                              "editions": "fresh"})
        built = (project / "build" / SLUG / f"{SLUG}.html").read_text(encoding="utf-8")
        assert "__preview.js" not in built  # the edition itself is untouched
        assert fetch(f"{base}/../dodo.py")[0] == 404 and fetch(f"{base}/%2e%2e/dodo.py")[0] == 404
        status, home = fetch(f"{base}/")  # the site's index, as doit site builds it
        assert status == 200 and f'href="{SLUG}/"' in home and "<h1>Publications</h1>" in home
        assert fetch(f"{base}/{SLUG}/")[0] == 200  # each publication at its own address
        for hidden in ("/.work/", f"/{SLUG}/.work/metadata.json", "/.cache/", "/.doit.sqlite", "/site/"):
            status, body = fetch(base + hidden)
            assert status == 404 and "There is no page at this address." in body, hidden
    finally:
        os.killpg(server.pid, signal.SIGINT)  # Ctrl-C, as in a terminal
        output = server.communicate(timeout=30)[0]
    assert f"serving the site (build/site/) at http://127.0.0.1:{port}/" in output  # loopback unless told otherwise
    assert "rebuilt in" in output
    assert "stopped" in output and "Traceback" not in output and "KeyboardInterrupt" not in output
    assert fetch_fails(base)  # nothing left answering on the port
    assert run_doit(project).stdout.splitlines()[-1].startswith("  0 tasks run")  # doit's state survived


def test_serve_shows_a_failed_build_in_the_page_a_browser_shows(project):
    from clients import BROWSER_TOOLS, tool

    port = free_port()
    page = f"http://127.0.0.1:{port}/{SLUG}/{SLUG}.html"
    server = serving(project, port)
    index = project / "source" / SLUG / "index.md"
    original = index.read_text(encoding="utf-8")
    try:
        assert wait_for(lambda: fetch(page)[0] == 200), "the server did not start"
        process = subprocess.run([tool("node"), str(BROWSER_TOOLS / "check-preview-error.mjs"), page, str(index),
                                  "\n[@nosuchkey2099]\n"], capture_output=True, text=True, timeout=120)
        assert process.returncode == 0, process.stderr
        banner = json.loads(process.stdout)
    finally:
        os.killpg(server.pid, signal.SIGINT)
        server.communicate(timeout=30)
        index.write_text(original, encoding="utf-8")
    assert banner["visible"] and banner["height"] > 20
    assert banner["text"].startswith("Build failed:")
    assert f"source/{SLUG}/index.md:" in banner["text"] and "citation key 'nosuchkey2099' is not in the bibliography" in banner["text"]


def test_the_page_reloads_when_the_server_says_so_and_says_when_the_pdf_and_docx_are_fresh(tmp_path):
    """In a real browser, under the page's own policy: after a save the page reloads with the new
    text, without asking the server in between (the build's news come by server-sent events), and
    its note says when the PDF and DOCX are up to date again."""
    from clients import BROWSER_TOOLS, tool

    project = copy_project(tmp_path / "reload")
    port = free_port()
    page = f"http://127.0.0.1:{port}/{SLUG}/{SLUG}.html"
    server = serving(project, port)
    try:
        assert wait_for(lambda: fetch(page)[0] == 200), "the server did not start"
        process = subprocess.run([tool("node"), str(BROWSER_TOOLS / "check-preview-reload.mjs"), page,
                                  str(project / "source" / SLUG / "index.md"), "\nA freshly saved sentence.\n"],
                                 capture_output=True, text=True, timeout=180)
        assert process.returncode == 0, process.stderr
        report = json.loads(process.stdout)
    finally:
        os.killpg(server.pid, signal.SIGINT)
        server.communicate(timeout=30)
    assert report["badge"] == "PDF and DOCX up to date" and report["violations"] == []
    # between the save and the reload, nothing but the reloaded page and what it loads: no polling
    assert report["requestsAfterSave"][0] == f"/{SLUG}/{SLUG}.html", report["requestsAfterSave"]
    assert "/__status" not in report["requestsAfterSave"]


def serving(project, port):
    """`doit serve` in `project`, in a session of its own (a signal to its group reaches its builder)."""
    return subprocess.Popen([sys.executable, "-m", "doit", "serve", "--port", str(port)], cwd=project,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
                            preexec_fn=signals_by_default)


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


def test_a_warm_build_reads_a_changed_catalogue_afresh(tmp_path, monkeypatch):
    """The warm builder clears what the package caches in its process before each build: a label
    catalogue edited during a preview is read again."""
    from publish import labels
    from publish.caches import forget_before_warm_rebuild

    monkeypatch.setattr(labels, "LOCALE", tmp_path)
    catalogue = tmp_path / "fr.po"
    catalogue.write_text('msgid ""\nmsgstr ""\n\nmsgid "Edition"\nmsgstr "Édition"\n', encoding="utf-8")
    assert labels.Labels("fr").word("Edition") == "Édition"
    catalogue.write_text('msgid ""\nmsgstr ""\n\nmsgid "Edition"\nmsgstr "Version"\n', encoding="utf-8")
    forget_before_warm_rebuild()
    assert labels.Labels("fr").word("Edition") == "Version"
    forget_before_warm_rebuild()  # what this test read is not left for the next
