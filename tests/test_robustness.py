"""Bad input gets one clear line, nothing good is lost, a killed build recovers,
and hostile content neither leaks a file nor reaches a server.

No single module: the build as a whole from the command line (the task graph, publish/tasks.py; the
atomic writes, publish/atomic.py; what Ctrl-C does, publish/interrupt.py; the errors of every stage)."""

import http.server
import os
import re
import shutil
import signal
import subprocess
import sys
import threading

import pytest
from projects import SLUG, copy_project, run_doit, signals_by_default

from publish.interrupt import INTERRUPTED

EDITIONS = [f"build/{SLUG}/{SLUG}.{extension}" for extension in ("pdf", "docx", "html")]
INDEX = f"source/{SLUG}/index.md"


@pytest.fixture(scope="module")
def good_project(tmp_path_factory):
    """A copy of the project with every edition built once."""
    project = copy_project(tmp_path_factory.mktemp("good"))
    run_doit(project)
    return project


@pytest.fixture
def project(good_project, tmp_path):
    """A fresh copy of the built project (editions and doit's state included) to break."""
    copy = tmp_path / "project"
    shutil.copytree(good_project, copy, symlinks=True)
    return copy


def edit(path, old, new):
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


def append(path, text):
    with open(path, "a", encoding="utf-8") as stream:
        stream.write(text)


def line_count(path):
    return path.read_text(encoding="utf-8").count("\n")


def break_yaml(p):
    edit(p / INDEX, "lang: en", "lang: [en")


def drop_front_matter(p):
    text = (p / INDEX).read_text(encoding="utf-8")
    (p / INDEX).write_text(text.split("---\n", 2)[2], encoding="utf-8")


def drop_title(p):
    edit(p / INDEX, 'title: "Engaging with the Taliban"\n', "")


def latin1_text(p):
    with open(p / INDEX, "ab") as stream:
        stream.write("\nCaf\u00e9\n".encode("latin-1"))


def unknown_key(p):
    append(p / INDEX, "\n[@nosuchkey2099]\n")


def unparsable_bibliography(p):
    (p / f"source/{SLUG}/references.json").write_text('[\n  {"id": "a",, }\n]\n', encoding="utf-8")


def missing_bibliography(p):
    (p / f"source/{SLUG}/references.json").unlink()


def unknown_style(p):
    edit(p / INDEX, "lang: en\n", "lang: en\ncsl: chicago-notes-bibliografy\n")


def missing_image(p):
    append(p / INDEX, "\n![A chart](chart.png)\n")


def template_syntax_error(p):
    edit(p / "templates/web.html.j2", "<main id=\"main\">", "<main id=\"main\">{% if %}")


def template_undefined_variable(p):
    edit(p / "templates/print.html.j2", "<article", "{{ meta.no_such_field }}<article")


def folder_without_index(p):
    (p / "source/notes-only").mkdir()
    (p / "source/notes-only/draft.txt").write_text("notes\n", encoding="utf-8")


def same_slug_twice(p):
    shutil.copytree(p / f"source/{SLUG}", p / "source/Engaging-With-The-Taliban")


CATALOGUE = [
    (break_yaml, rf"{INDEX}:11:7: error: YAML error: the .\[. opened here is never closed"),
    (drop_front_matter, rf"{INDEX}:1:1: error: no front matter: start the file with a line '---'"),
    (drop_title, rf"{INDEX}:1:1: error: 'title' is missing: add it to the front matter"),
    (latin1_text, rf"{INDEX}:54:4: error: not valid UTF-8 text; save the file as UTF-8"),  # Caf|é
    (unknown_key, rf"{INDEX}:54:2: error: citation key 'nosuchkey2099' is not in the bibliography"),
    (unparsable_bibliography, rf"source/{SLUG}/references.json:2:14: error: not valid CSL-JSON"),
    (missing_bibliography, rf"{INDEX}:19:1: error: bibliography 'references.json' not found next to index.md"),
    (unknown_style, rf"{INDEX}:12:1: error: unknown CSL style 'chicago-notes-bibliografy'; did you mean chicago-notes-bibliography"),
    (missing_image, rf"{INDEX}:54:1: error: image 'chart.png' not found in source/{SLUG}/"),
    (template_syntax_error, r"templates/web.html.j2:\d+: error: template error: Expected an expression"),
    (template_undefined_variable, r"templates/print.html.j2:\d+: error: template error: .*'no_such_field'"),
    (folder_without_index, r"source/notes-only/index.md:1:1: error: source/notes-only/ has no index.md"),
    (same_slug_twice, r"source/Engaging-With-The-Taliban/index.md:1:1: error: the folder name 'Engaging-With-The-Taliban'"),
]


@pytest.mark.parametrize("damage, message", CATALOGUE, ids=[damage.__name__ for damage, _ in CATALOGUE])
def test_bad_input_gets_one_clear_line_and_the_good_editions_stay(project, damage, message):
    before = {path: (project / path).read_bytes() for path in EDITIONS}
    damage(project)
    result = run_doit(project, check=False)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert any(re.match(message, line) for line in output.splitlines()), output
    assert "Traceback" not in output
    assert {path: (project / path).read_bytes() for path in EDITIONS} == before


def make_unwritable(folder):
    """Writes into `folder` fail, even for root (whom file modes do not stop)."""
    if os.geteuid() == 0:
        subprocess.run(["chattr", "+i", str(folder)], check=True)
    else:
        folder.chmod(0o555)


def make_writable(folder):
    if os.geteuid() == 0:
        subprocess.run(["chattr", "-i", str(folder)], check=True)
    else:
        folder.chmod(0o755)


def test_an_unwritable_build_folder_is_one_line_and_loses_nothing(project):
    before = {path: (project / path).read_bytes() for path in EDITIONS}
    edit(project / INDEX, "Three years in", "Three years on")
    folder = project / "build" / SLUG
    make_unwritable(folder)
    try:
        result = run_doit(project, check=False)
    finally:
        make_writable(folder)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert re.search(rf"build/{SLUG}/\S+: error: cannot read or write it \((Operation not permitted|Permission denied)\)", output)
    assert {path: (project / path).read_bytes() for path in EDITIONS} == before
    assert run_doit(project).returncode == 0  # once writable again, the build completes


REPORTED_TASK = re.compile(r"^\s+\d+\.\d\d s  (\S+)$")


def kill_after_first_task(project, sent):
    """Start a one-process build and kill it when it reports its first finished task, while the
    next one runs; return (the finished task, the editions missing at that moment) and what the
    build printed on stderr, or None if the build was over by then, so the kill proved nothing.
    (doit keeps what a killed build had done or not, so the kills land at different tasks.)"""
    build = subprocess.Popen([sys.executable, "-m", "doit", "-n", "1"], cwd=project, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, start_new_session=True, preexec_fn=signals_by_default)
    landed = None
    for line in build.stdout:
        if match := REPORTED_TASK.match(line):
            missing = [path for path in EDITIONS if not (project / path).is_file()]
            if build.poll() is None and missing:
                os.killpg(build.pid, sent)
                landed = (match.group(1), missing)
            break
    try:
        # a signalled doit ends the task it is in, slowly on a loaded machine
        errors = build.communicate(timeout=240)[1]
    except subprocess.TimeoutExpired:
        os.killpg(build.pid, signal.SIGKILL)  # leave no build behind, then say so
        build.wait()
        raise
    return landed and (landed, build.returncode, errors)


def test_a_build_killed_mid_way_recovers_to_the_same_bytes(good_project, tmp_path):
    project = copy_project(tmp_path / "killed")
    signals = (signal.SIGKILL, signal.SIGINT, signal.SIGKILL, signal.SIGKILL)
    kills = [kill_after_first_task(project, sent) for sent in signals]
    assert None not in kills, f"a kill landed after the build had finished: {kills}"
    interrupted, returncode, errors = kills[1]  # Ctrl-C: the build stops as Ctrl-C stops a program, in one line
    assert returncode == -signal.SIGINT and "Traceback" not in errors
    assert errors.splitlines()[-1] == INTERRUPTED, errors
    run_doit(project)
    for path in EDITIONS + [f"build/{SLUG}/{SLUG}.{extension}" for extension in ("ris", "bib", "json")]:
        assert (project / path).read_bytes() == (good_project / path).read_bytes(), path
    assert not list((project / "build").rglob("*.tmp")), "a half-written file was left"


def test_a_reader_sees_the_old_edition_or_the_new_one_never_half(project):
    import hashlib
    import threading

    pdf = project / "build" / SLUG / f"{SLUG}.pdf"
    old = pdf.read_bytes()
    seen, stop = set(), threading.Event()

    def poll():
        while not stop.is_set():
            seen.add(hashlib.sha256(pdf.read_bytes()).hexdigest())

    with open(pdf, "rb") as held:  # a reader that opened the edition before the rebuild
        edit(project / INDEX, "Three years in", "Three years on")
        reader = threading.Thread(target=poll)
        reader.start()
        try:
            run_doit(project)
        finally:
            stop.set()
            reader.join()
        assert held.read() == old  # the edition was replaced by a new file, not rewritten in place
    new = pdf.read_bytes()
    assert new != old
    assert seen <= {hashlib.sha256(old).hexdigest(), hashlib.sha256(new).hexdigest()}, "a reader saw half a file"


def test_one_broken_publication_does_not_stop_the_others(project):
    shutil.copytree(project / "source" / SLUG, project / "source" / "second-brief")
    edit(project / INDEX, "Three years in", "Three years on")
    append(project / "source" / "second-brief" / "index.md", "\n[@nosuchkey2099]\n")
    result = run_doit(project, check=False)
    assert result.returncode != 0
    assert "FAILED  parse:second-brief" in result.stdout and "citation key 'nosuchkey2099'" in result.stdout
    for path in EDITIONS:
        assert "Three years on" in pdf_or_text(project / path), path
    assert not (project / "build" / "second-brief" / "second-brief.pdf").exists()


def pdf_or_text(path):
    """An edition's text, whatever its format (the words, not the bytes)."""
    if path.suffix == ".pdf":
        import pdfplumber

        with pdfplumber.open(path) as pdf:
            return " ".join(" ".join((page.extract_text() or "").split()) for page in pdf.pages)
    if path.suffix == ".docx":
        import docx

        return " ".join(paragraph.text for paragraph in docx.Document(str(path)).paragraphs)
    return path.read_text(encoding="utf-8")


class CountingHandler(http.server.BaseHTTPRequestHandler):
    requests = []

    def do_GET(self):
        CountingHandler.requests.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"body { color: red }")

    def log_message(self, *arguments):
        pass


@pytest.fixture
def server():
    CountingHandler.requests = []
    httpd = http.server.HTTPServer(("127.0.0.1", 0), CountingHandler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_hostile_markdown_reaches_no_server_and_leaks_no_file(project, server, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOKEN-7f3a9 outside the repository\n", encoding="utf-8")
    append(project / INDEX, f"""
![remote]({server}/pixel.png) ![outside](../../../{secret.name}) ![file](file://{secret})

<img src="{server}/raw.png"> <img src="file://{secret}">
<link rel="stylesheet" href="{server}/style.css">
<style>@import url("{server}/import.css");</style>

[a local file](file://{secret})
""")
    edit(project / INDEX, "bibliography: references.json", f"bibliography: ../../../{secret.name}")
    result = run_doit(project, check=False)
    assert result.returncode != 0 and "Traceback" not in result.stdout + result.stderr
    assert CountingHandler.requests == []
    for path in (project / "build").rglob("*"):
        if path.is_file():
            assert b"TOKEN-7f3a9" not in path.read_bytes(), path


def test_weasyprint_fetches_only_the_publications_own_files(server, tmp_path, monkeypatch):
    """Defence in depth: should hostile HTML reach WeasyPrint, its fetcher still refuses."""
    from weasyprint import HTML

    from publish.editions.local_files import local_files_only

    secret = tmp_path / "secret.txt"
    secret.write_text("TOKEN-7f3a9", encoding="utf-8")
    allowed = tmp_path / "publication"
    allowed.mkdir()
    hostile = (f'<link rel="stylesheet" href="{server}/a.css"><style>@import url("{server}/b.css");</style>'
               f'<img src="{server}/c.png"><img src="file://{secret}"><p>text</p>')
    pdf = HTML(string=hostile, base_url=f"{allowed}/", url_fetcher=local_files_only([allowed])).write_pdf()
    assert CountingHandler.requests == []
    assert b"TOKEN-7f3a9" not in pdf


def test_front_matter_is_data_never_a_template(project):
    edit(project / INDEX, 'title: "Engaging with the Taliban"', 'title: "Engaging {{ 7*7 }} with the Taliban"')
    edit(project / INDEX, 'subtitle: "From Leverage', 'subtitle: "<script>alert(1)</script> From Leverage')
    run_doit(project)
    page = (project / "build" / SLUG / f"{SLUG}.html").read_text(encoding="utf-8")
    assert "Engaging {{ 7*7 }} with the Taliban" in page and "Engaging 49 with" not in page
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
