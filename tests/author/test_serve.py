"""`doit serve` (publish/author/serve.py): a live preview of the site on 127.0.0.1 that rebuilds after a
save, shows a failed build in the page, reloads the page when the server says so, and leaves nothing
serving once stopped."""

import json
import os
import signal
import socket
import subprocess
import sys

import lxml.html
import pytest
from previews import fetch, fetch_fails, free_port, processes_in, serving, wait_for
from projects import SLUG, copy_project, run_doit


@pytest.fixture(scope="module")
def project(built_copy):
    """A built copy of the project, for the previews that several tests start in turn."""
    return built_copy("serve")


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
    assert output.strip().splitlines()[-1] == "stopped" and "Traceback" not in output  # no task time after it
    assert fetch_fails(base)
    assert wait_for(lambda: not processes_in(project), 10), processes_in(project)  # nor the builder, nor its workers


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
        assert status == 200 and f'href="{SLUG}/index.html"' in home and "<h1>Publications</h1>" in home
        assert fetch(f"{base}/{SLUG}/")[0] == 200  # each publication at its own address
        for hidden in ("/.work/", f"/{SLUG}/.work/metadata.json", "/.cache/", "/.doit.sqlite", "/site/"):
            status, body = fetch(base + hidden)
            assert status == 404 and "There is no page at this address." in body, hidden
    finally:
        os.killpg(server.pid, signal.SIGINT)  # Ctrl-C, as in a terminal
        output = server.communicate(timeout=30)[0]
    assert f"serving the site (build/site/) at http://127.0.0.1:{port}/" in output  # loopback unless told otherwise
    assert "rebuilt in" in output
    assert output.strip().splitlines()[-1] == "stopped"  # quiet once stopped: no task time, no summary
    assert " s  serve" not in output and "task run" not in output
    assert "Traceback" not in output and "KeyboardInterrupt" not in output
    assert fetch_fails(base)  # nothing left answering on the port
    assert run_doit(project).stdout.splitlines()[-1].startswith("  0 tasks run")  # doit's state survived


def served_pages(base, addresses):
    """{address: page} of each address, as a browser gets it (a redirect followed)."""
    pages = {address: fetch(base + address) for address in addresses}
    assert all(status in (200, 404) for status, _ in pages.values()), {a: s for a, (s, _) in pages.items()}
    return {address: body for address, (_, body) in pages.items()}


def test_every_page_the_preview_serves_reloads_and_shows_a_failed_build(built_copy):
    """The README's address of a publication (/<slug>/), the site's index, a translation, an author's page and
    the 404 page all carry the reload script, and during a failed build the error is in the page as served
    (what curl shows, before any script runs): a stale page never looks current."""
    project = built_copy("serve-every-page")
    run_doit(project, "new", "--translation-of", SLUG, "--lang", "fr")
    addresses = ["/", f"/{SLUG}", f"/{SLUG}/", f"/{SLUG}/index.html", f"/{SLUG}/{SLUG}.html", f"/{SLUG}/{SLUG}.fr.html",
                 "/authors/romain-malejacq.html", "/index.html", "/no-such-page/"]
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    index = project / "source" / SLUG / "index.md"
    server = serving(project, port)
    try:
        assert wait_for(lambda: json.loads(fetch(f"{base}/__status")[1])["editions"] == "fresh", 120), "no site"
        for address, page in served_pages(base, addresses).items():
            assert page.count('<script src="/__preview.js"></script>') == 1 and "Build failed" not in page, address
        index.write_text(index.read_text(encoding="utf-8") + "\n[@nosuchkey2099]\n", encoding="utf-8")
        assert wait_for(lambda: json.loads(fetch(f"{base}/__status")[1])["error"], 60, 0.1), "the build did not fail"
        for address, page in served_pages(base, addresses).items():
            banner = lxml.html.fromstring(page).get_element_by_id("preview-build-error")
            assert banner.text_content().startswith("Build failed:"), address
            assert "citation key 'nosuchkey2099' is not in the bibliography" in banner.text_content(), address
            assert page.count('<script src="/__preview.js"></script>') == 1, address
    finally:
        os.killpg(server.pid, signal.SIGINT)
        server.communicate(timeout=30)


def serve_at_once(project, *arguments):
    """`doit serve` with `arguments` that it cannot serve with: it must stop by itself, before any build."""
    return subprocess.run([sys.executable, "-m", "doit", "serve", *arguments], cwd=project, capture_output=True,
                          text=True, timeout=60, check=False)


def test_a_port_in_use_is_said_in_one_line_that_names_it_and_suggests_another(project):
    with socket.socket() as taken:  # another server on the port
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        process = serve_at_once(project, "--port", str(port))
    assert process.returncode != 0 and process.stderr == ""
    [line] = process.stdout.splitlines()
    assert f"port {port} is already in use" in line and "doit serve --port " in line
    assert "build/" not in line and "folder" not in line


@pytest.mark.parametrize("arguments, said", [(["--port", "http"], "a port is a number from 1 to 65535"),
                                             (["--port", "70000"], "a port is a number from 1 to 65535"),
                                             (["--host", "nosuch.invalid"], "--host 'nosuch.invalid': no such address"),
                                             (["--host", "192.0.2.1"], "--host 192.0.2.1: not an address of this machine")])
def test_a_port_or_host_it_cannot_serve_on_is_said_in_one_line(project, arguments, said):
    process = serve_at_once(project, *arguments)
    assert process.returncode != 0 and process.stderr == ""
    [line] = process.stdout.splitlines()
    assert said in line


def test_serve_shows_a_failed_build_in_the_page_a_browser_shows(project):
    from clients import BROWSER_TOOLS, tool

    port = free_port()
    page = f"http://127.0.0.1:{port}/{SLUG}/"  # the address the README gives
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
    page = f"http://127.0.0.1:{port}/{SLUG}/"  # the address the README gives
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
    assert report["requestsAfterSave"][0] == f"/{SLUG}/", report["requestsAfterSave"]
    assert "/__status" not in report["requestsAfterSave"]


def test_the_preview_watches_the_brand_file_and_the_folders_of_its_logos_and_fonts(tmp_path, monkeypatch):
    """A save to _brand.yml or to a logo rebuilds the editions (their tasks read them), so the preview must
    see it; the project's root itself is not watched (build/ is there)."""
    from pathlib import Path

    from publish.author.serve import WATCHED, watched_paths

    monkeypatch.chdir(tmp_path)
    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "series.yaml").write_text("publisher: X\n", encoding="utf-8")
    assert watched_paths() == WATCHED  # no brand, nothing more
    (tmp_path / "brand" / "fonts").mkdir(parents=True)
    (tmp_path / "brand" / "mark.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")
    (tmp_path / "brand" / "fonts" / "Brand-Regular.ttf").write_bytes(
        (Path(__file__).resolve().parents[2] / "styles" / "fonts" / "NotoSans-Regular.ttf").read_bytes())
    (tmp_path / "_brand.yml").write_text(
        "logo:\n  small: brand/mark.svg\ntypography:\n  fonts:\n    - family: Brand\n      source: file\n"
        "      files: [brand/fonts/Brand-Regular.ttf]\n  base: Brand\n", encoding="utf-8")
    assert watched_paths() == (*WATCHED, Path("_brand.yml"), Path("brand"))


def test_the_editions_are_fresh_once_every_phase_is_built_and_failed_at_the_first_error():
    """The PDF and the DOCX are built (and served) before the rest; the page says "fresh" once all are."""
    from publish.author.serve import BuildState

    state = BuildState()
    seen = []
    for phase, error in (("page", ""), ("print", ""), ("all", ""), ("page", ""), ("print", "x.md:1:1: error"),
                         ("all", "x.md:1:1: error")):
        state.record({"phase": phase, "error": error, "took": 0.1})
        seen.append(json.loads(state.as_json())["editions"])
    assert seen == ["updating", "updating", "fresh", "updating", "failed", "failed"]
