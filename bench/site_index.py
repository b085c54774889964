"""Benchmark: how long `doit site` takes to write the index, author pages, feed and sitemap of a
catalogue of 1,000 publications. Not part of the test suite.

    .venv/bin/python bench/site_index.py [--size 1000]

The brief is built once in a temporary copy of the project; its build folder is then copied as
1,000 publications (each its own slug, title, author and date), and the index task is timed as
`doit site_index` runs it, after the editions exist (median of 3). Results: bench/site-index.md.
"""

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from run import SLUG, copy_project  # noqa: E402


def catalogue(project, size):
    """`size` publications made from the built brief: source folders and build folders, metadata varied."""
    brief_source, brief_build = project / "source" / SLUG, project / "build" / SLUG
    metadata = json.loads((brief_build / ".work" / "metadata.json").read_text(encoding="utf-8"))
    for number in range(1, size + 1):
        slug = f"brief-{number:04d}"
        shutil.copytree(brief_source, project / "source" / slug)
        folder = project / "build" / slug
        (folder / ".work").mkdir(parents=True)
        for path in brief_build.glob(f"{SLUG}.*"):
            shutil.copy(path, folder / path.name.replace(SLUG, slug))
        varied = {**metadata, "slug": slug, "publication": slug, "title": f"Brief number {number}",
                  "authors": [{**metadata["authors"][0], "name": f"Author {number % 97}"}],
                  "date": f"{2000 + number % 25}-{1 + number % 12:02d}-01", "year": str(2000 + number % 25),
                  "languages": [{**metadata["languages"][0], "html": f"{slug}.html"}]}
        (folder / ".work" / "metadata.json").write_text(json.dumps(varied), encoding="utf-8")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=1000)
    size = parser.parse_args().size
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder) / "project"
        copy_project(project)
        subprocess.run([sys.executable, "-m", "doit", "docx", "html", "pdf", "cite"], cwd=project, check=True, capture_output=True)
        catalogue(project, size)
        code = ("import time, sys; from publish.release.site import build_site_index; t = time.perf_counter(); "
                "build_site_index(); print(time.perf_counter() - t)")
        times = [float(subprocess.run([sys.executable, "-c", code], cwd=project, check=True, capture_output=True,
                                      text=True).stdout) for _ in range(3)]
        pages = len(list((project / "build" / "site").rglob("*.html")))
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "doit", "list"], cwd=project, check=True, capture_output=True)
        listing = time.perf_counter() - started
    median = statistics.median(times)
    lines = [f"Site index of {size + 1} publications ({pages} pages, the feed and the sitemap): "
             f"{median:.2f} s (median of 3; runs {', '.join(f'{t:.2f}' for t in times)}); `doit list` over the "
             f"catalogue {listing:.2f} s.", ""]
    (ROOT / "bench" / "site-index.md").write_text("\n".join(lines), encoding="utf-8")
    print(lines[0])


if __name__ == "__main__":
    main()
