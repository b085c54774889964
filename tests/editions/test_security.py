"""What the editions refuse to load and run, seen where it matters: in a real browser with the
page's own Content-Security-Policy enforced, and in builds whose hostile content gets past the
pre-flight into pandoc and WeasyPrint.

No single module: the editions stage, whatever module would let something through."""

import json
import zipfile
import shutil
import subprocess

import pytest
from clients import BROWSER_TOOLS, tool
from projects import ROOT, SLUG, copy_project, run_doit
from servers import counting_server, folder_server

SECRET = "TOKEN-7f3a9 outside the repository"


def open_in_browser(url):
    """The page as Chromium shows it, policy enforced: what it refused, its title, its images."""
    assert (BROWSER_TOOLS / "node_modules" / "playwright-core").is_dir(), "run 'make test' to install the browser tools"
    process = subprocess.run([tool("node"), str(BROWSER_TOOLS / "check-csp.mjs"), url], capture_output=True, text=True,
                             timeout=120)
    assert process.returncode == 0, process.stderr
    return json.loads(process.stdout)


def hostile_copy(page, folder, remote):
    """The built page with what an attacker would add to it: an inline script, a remote script,
    image, stylesheet and frame."""
    html = page.read_text(encoding="utf-8")
    injected = (f"<script>document.title = 'script ran';</script><script src=\"{remote}/remote.js\"></script>"
                f"<img src=\"{remote}/remote.png\" alt=\"\"><link rel=\"stylesheet\" href=\"{remote}/remote.css\">"
                f"<iframe src=\"{remote}/remote.html\" title=\"remote\"></iframe>")
    (folder / page.name).write_text(html.replace("<body>", "<body>" + injected, 1), encoding="utf-8")
    return folder / page.name


def test_the_policy_refuses_an_injected_script_and_remote_loads(editions, tmp_path):
    with counting_server() as remote:
        page = hostile_copy(editions["html"], tmp_path, remote.url)
        with folder_server(tmp_path) as server:
            report = open_in_browser(f"{server.url}/{page.name}")
        assert remote.requests == []
    directives = {violation["directive"] for violation in report["violations"]}
    assert {"script-src-elem", "img-src", "style-src-elem", "frame-src"} <= directives, report["violations"]
    assert report["title"].startswith("Engaging with the Taliban")  # the injected script did not run


def test_a_series_may_open_the_policy_on_purpose(tmp_path):
    with counting_server() as remote:
        project = copy_project(tmp_path / "project")
        policy = ("default-src 'none'; style-src 'unsafe-inline'; font-src data:; "
                  f"img-src data: {remote.url}; base-uri 'none'; form-action 'none'")
        with open(project / "source" / "series.yaml", "a", encoding="utf-8") as series:
            series.write(f'html-content-security-policy: "{policy}"\n')
        run_doit(project, f"html:{SLUG}")
        built = project / "build" / SLUG / f"{SLUG}.html"
        assert f'content="{policy.replace(chr(39), "&#39;")}"' in built.read_text(encoding="utf-8")
        folder = tmp_path / "served"
        folder.mkdir()
        page = hostile_copy(built, folder, remote.url)
        with folder_server(folder) as server:
            report = open_in_browser(f"{server.url}/{page.name}")
        assert remote.requests == ["/remote.png"]  # the image the series allows, and nothing else
    directives = {violation["directive"] for violation in report["violations"]}
    assert "img-src" not in directives and {"script-src-elem", "style-src-elem"} <= directives
    assert report["title"].startswith("Engaging with the Taliban")


@pytest.fixture
def project(tmp_path):
    project = copy_project(tmp_path / "project")
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
    return project


def assert_nothing_leaked_or_fetched(project, remote):
    assert remote.requests == []
    for path in (project / "build").rglob("*"):
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), path


def test_a_remote_address_in_the_house_stylesheets_is_never_fetched(project, tmp_path):
    with counting_server() as remote:
        for name in ("print.css", "web.css"):
            with open(project / "styles" / name, "a", encoding="utf-8") as css:
                css.write(f'\nbody {{ background: url("{remote.url}/{name}.png"); }}\n'
                          f'@import url("{remote.url}/{name}-import.css");\n'
                          f'h2 {{ background: url("file://{tmp_path}/secret.txt"); }}\n')
        result = run_doit(project, check=False)
        assert "Traceback" not in result.stdout + result.stderr
        assert (project / "build" / SLUG / f"{SLUG}.pdf").is_file()  # WeasyPrint ran, and fetched nothing
        assert_nothing_leaked_or_fetched(project, remote)


def test_addresses_in_the_bibliography_are_never_fetched(project, tmp_path):
    references = project / "source" / SLUG / "references.json"
    entries = json.loads(references.read_text(encoding="utf-8"))
    with counting_server() as remote:
        entries[0]["URL"] = f"file://{tmp_path}/secret.txt"
        entries[1]["URL"] = f"{remote.url}/cited.pdf"
        references.write_text(json.dumps(entries), encoding="utf-8")
        run_doit(project)
        assert_nothing_leaked_or_fetched(project, remote)
    pdf = (project / "build" / SLUG / f"{SLUG}.pdf").read_bytes()
    assert b"file://" not in pdf  # a file: address is never a link in an edition


def index_lines(project):
    return (project / "source" / SLUG / "index.md").read_text(encoding="utf-8").splitlines()


RAW_HTML = [
    "<script>alert(1)</script>",
    '<img src="{remote}/raw.png">',
    '<link rel="stylesheet" href="{remote}/raw.css">',
    '<style>@import url("{remote}/import.css");</style>',
    '<iframe src="{remote}/frame.html"></iframe>',
    '<span onclick="alert(1)">text</span>',
]


def test_raw_html_that_could_load_or_run_never_reaches_an_edition(project):
    """Each kind of raw HTML that could load or run something, on a line of its own, in one build: each is
    removed with a warning at its line, never a refusal, and no edition carries a trace of any."""
    with counting_server() as remote:
        first = len(index_lines(project)) + 2
        with open(project / "source" / SLUG / "index.md", "a", encoding="utf-8") as text:
            text.write("".join("\n" + raw.format(remote=remote.url) + "\n" for raw in RAW_HTML))
        result = run_doit(project)
        assert remote.requests == []
    for line, raw in zip(range(first, first + 2 * len(RAW_HTML), 2), RAW_HTML):
        assert index_lines(project)[line - 1].startswith(raw.split("{")[0])
        assert f"index.md:{line}:" in result.stdout + result.stderr, raw
    editions = [project / "build" / SLUG / f"{SLUG}{suffix}" for suffix in (".docx", ".html", ".pdf", ".epub")]
    assert all(path.exists() for path in editions)
    for path in sorted((project / "build" / SLUG).glob(f"{SLUG}.*")):  # the citation files too
        data = unpacked(path)
        for marker in (b"<script>alert", b"onclick", b"<iframe", b"raw.png", b"raw.css", b"import.css"):
            assert marker not in data, f"{marker!r} in {path.name}"


def unpacked(path):
    """A file's bytes as a reader gets them: a package's (DOCX, EPUB) members uncompressed, a PDF's streams too."""
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as package:
            return b"".join(package.read(name) for name in package.namelist())
    if path.suffix == ".pdf":
        import pikepdf

        with pikepdf.open(path) as pdf:
            return b"".join(obj.read_bytes() for obj in pdf.objects if isinstance(obj, pikepdf.Stream))
    return path.read_bytes()


def test_the_browser_tools_are_the_ones_the_lock_file_names():
    lock = json.loads((ROOT / "tests" / "browser" / "package-lock.json").read_text(encoding="utf-8"))
    installed = json.loads((BROWSER_TOOLS / "node_modules" / "playwright-core" / "package.json").read_text())
    assert lock["packages"]["node_modules/playwright-core"]["version"] == installed["version"]
    assert shutil.which("node")
