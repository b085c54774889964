"""Make the README's pictures from the built brief: page 1 of the PDF and the HTML edition.

    make && .venv/bin/python docs/make_pictures.py

Needs Chromium (as `make test` does) for the HTML picture; the PDF page is drawn
with pypdfium2, installed by make.
"""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pypdfium2

ROOT = Path(__file__).resolve().parent.parent
SLUG = "engaging-with-the-taliban"
PDF = ROOT / "build" / SLUG / f"{SLUG}.pdf"
HTML = ROOT / "build" / SLUG / f"{SLUG}.html"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--hide-scrollbars"]


def pdf_page_picture(target, scale=1.1):
    page = pypdfium2.PdfDocument(PDF)[0]
    page.render(scale=scale).to_pil().save(target, optimize=True)


def html_picture(target, width=1280, height=900):
    browser = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}",
                        f"--screenshot={target}", HTML.as_uri()], check=True, capture_output=True)


def main():
    if not PDF.is_file() or not HTML.is_file():
        sys.exit("build the brief first: make")
    pdf_page_picture(ROOT / "docs" / "brief-pdf-page-1.png")
    html_picture(ROOT / "docs" / "brief-html.png")
    print("wrote docs/brief-pdf-page-1.png and docs/brief-html.png")


if __name__ == "__main__":
    main()
