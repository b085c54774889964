"""Make the README's pictures from built editions: the brief's page 1 and web page, and pages
of each example publication (examples/) in its three editions.

    make && .venv/bin/python docs/make_pictures.py

Needs Chromium (as `make test` does) for the web pictures and LibreOffice for the DOCX ones;
the PDF pages are drawn with pypdfium2, installed by make. The examples are built in a
temporary copy of the project.
"""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pypdfium2

ROOT = Path(__file__).resolve().parent.parent
SLUG = "engaging-with-the-taliban"
INSTITUTE_SLUG = "water-security-in-the-sahel"
COVERED_SLUG = "power-trade-in-west-africa"  # the institute's paper with a cover and a back page
PDF = ROOT / "build" / SLUG / f"{SLUG}.pdf"
HTML = ROOT / "build" / SLUG / f"{SLUG}.html"
PROJECT_PARTS = ("dodo.py", "publish", "source", "templates", "styles", "locale", "requirements.lock")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--hide-scrollbars"]
# Each example: the PDF page, the DOCX page (as LibreOffice lays it out) and the web page's
# scroll position, in CSS px, that the README shows.
EXAMPLE_VIEWS = {"figures-and-tables": {"pdf_page": 5, "docx_page": 2, "scroll": 600},
                 "brief-furniture": {"pdf_page": 1, "docx_page": 1, "scroll": 700}}


def pdf_page_picture(pdf, target, page=1, scale=1.1):
    document = pypdfium2.PdfDocument(pdf)
    try:
        document[page - 1].render(scale=scale).to_pil().save(target, optimize=True)
    finally:
        document.close()


def html_picture(html, target, width=1280, height=900, scroll=0, dark=False):
    browser = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    page = html
    if scroll:  # a copy that opens scrolled down, so the picture shows what the README speaks of
        page = Path(tempfile.mkdtemp()) / html.name
        text = html.read_text(encoding="utf-8")
        page.write_text(text.replace("<body>", f'<body style="margin-top: -{scroll}px">', 1), encoding="utf-8")
    with tempfile.TemporaryDirectory() as profile:
        scheme = ["--force-dark-mode"] if dark else []  # the reader's system asks for a dark scheme
        subprocess.run([browser, *CHROMIUM_FLAGS, *scheme, f"--user-data-dir={profile}",
                        f"--window-size={width},{height}", f"--screenshot={target}", page.as_uri()],
                       check=True, capture_output=True)


def docx_page_picture(docx, target, page):
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{folder}/profile", "--headless", "--convert-to", "pdf",
                        "--outdir", folder, str(docx)], check=True, capture_output=True, timeout=180)
        pdf_page_picture(Path(folder) / f"{docx.stem}.pdf", target, page)


def build_examples(folder):
    for part in PROJECT_PARTS:
        source = ROOT / part
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, folder / part)
    shutil.rmtree(folder / "source" / SLUG)
    for example in (ROOT / "examples").iterdir():
        if (example / "index.md").is_file():  # a publication; examples/institute/ is a project's brand
            shutil.copytree(example, folder / "source" / example.name)
    subprocess.run([sys.executable, "-m", "doit"], cwd=folder, check=True, capture_output=True)


def build_institute(folder):
    """The example institute (examples/institute/) as a project of its own: its brand at the project root,
    its series settings and its publications; the folder of their editions."""
    institute = ROOT / "examples" / "institute"
    for part in PROJECT_PARTS:
        source = ROOT / part
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, folder / part)
    shutil.rmtree(folder / "source")
    shutil.copytree(institute / "source", folder / "source")
    shutil.copy2(institute / "series.yaml", folder / "source" / "series.yaml")
    shutil.copy2(institute / "_brand.yml", folder / "_brand.yml")
    shutil.copytree(institute / "brand", folder / "brand")
    subprocess.run([sys.executable, "-m", "doit", "html", "pdf", "docx"], cwd=folder, check=True, capture_output=True)
    return folder / "build"


def institute_pictures():
    """The example institute's PDF page 1 (its masthead) and last page (licence, identifiers, QR code), its
    DOCX's first page as LibreOffice lays it out, and its web page at 1280 and 375 px and in a dark scheme;
    its second paper's cover and back page."""
    with tempfile.TemporaryDirectory() as temporary:
        built = build_institute(Path(temporary)) / INSTITUTE_SLUG
        pdf = built / f"{INSTITUTE_SLUG}.pdf"
        pdf_page_picture(pdf, ROOT / "docs" / "institute-pdf-page-1.png", scale=0.9)
        pages = len(pypdfium2.PdfDocument(pdf))
        pdf_page_picture(pdf, ROOT / "docs" / "institute-pdf-last-page.png", page=pages, scale=0.9)
        docx_page_picture(built / f"{INSTITUTE_SLUG}.docx", ROOT / "docs" / "institute-docx-page-1.png", 1)
        html_picture(built / f"{INSTITUTE_SLUG}.html", ROOT / "docs" / "institute-html.png")
        html_picture(built / f"{INSTITUTE_SLUG}.html", ROOT / "docs" / "institute-html-375.png", width=375, height=800)
        html_picture(built / f"{INSTITUTE_SLUG}.html", ROOT / "docs" / "institute-html-dark.png", width=1100,
                     height=900, dark=True)
        covered = built.parent / COVERED_SLUG / f"{COVERED_SLUG}.pdf"
        pdf_page_picture(covered, ROOT / "docs" / "institute-cover.png", scale=0.9)
        pdf_page_picture(covered, ROOT / "docs" / "institute-back-page.png", page=len(pypdfium2.PdfDocument(covered)),
                         scale=0.9)


def main():
    if not PDF.is_file() or not HTML.is_file():
        sys.exit("build the brief first: make")
    pdf_page_picture(PDF, ROOT / "docs" / "brief-pdf-page-1.png")
    html_picture(HTML, ROOT / "docs" / "brief-html.png")
    with tempfile.TemporaryDirectory() as temporary:
        project = Path(temporary)
        build_examples(project)
        for slug, view in EXAMPLE_VIEWS.items():
            built = project / "build" / slug
            pdf_page_picture(built / f"{slug}.pdf", ROOT / "docs" / f"{slug}-pdf.png", view["pdf_page"], scale=0.9)
            docx_page_picture(built / f"{slug}.docx", ROOT / "docs" / f"{slug}-docx.png", view["docx_page"])
            html_picture(built / f"{slug}.html", ROOT / "docs" / f"{slug}-html.png", width=1100, height=1000,
                         scroll=view["scroll"])
    institute_pictures()
    print("wrote the pictures in docs/")


if __name__ == "__main__":
    institute_pictures() if sys.argv[1:] == ["--institute"] else main()
