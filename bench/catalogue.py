"""Benchmark: a catalogue of thousands. Not part of the test suite.

    .venv/bin/python bench/catalogue.py                     # sizes 10, 100, 1000; no-op on 1000; shards
    .venv/bin/python bench/catalogue.py --sizes 10 100 --noop 100 --shard-size 12

Task creation: `doit list` in catalogues of copies of the brief (each a git repository, as an institute's
is), median of 3 runs, wall and CPU time (CPU time counts on a machine other work shares); the cost of one
publication more is the slope between the two largest sizes. The no-op: the largest catalogue built with
`doit -n 2` (which gives the cold time a publication), then plain `doit` with nothing to do, its time and
peak memory. The shards: the site workflow simulated (.github/workflows/site.yml): one machine builds the
catalogue; each of two shards builds its half (PUBLISH_SHARD) in its own clone; the shards' build/ folders
are put together and the site assembled from them, and compared byte for byte with the one machine's; then
one publication is edited and committed, each shard builds again in a fresh clone of the new commit with
its own build/ restored (as the workflow's cache restores it), and the tasks each runs are counted.
Results: bench/catalogue.json and bench/catalogue.md.
"""

import argparse
import hashlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from measuring import PYTHON, measured  # noqa: E402
from run import copy_project, doit  # noqa: E402

FIXED_DATE = {"GIT_AUTHOR_DATE": "2026-01-02T03:04:05Z", "GIT_COMMITTER_DATE": "2026-01-02T03:04:05Z",
              "GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.org",
              "GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "bench@example.org"}
TASKS_RUN = re.compile(r"(\d+) tasks? run, (\d+) up to date")


def git(project, *arguments):
    subprocess.run(["git", *arguments], cwd=project, check=True, capture_output=True, env={**os.environ, **FIXED_DATE})


def catalogue_project(destination, size):
    """`size` copies of the brief, committed (the same commit for the same size, wherever it is made)."""
    copy_project(destination, catalogue=size)
    git(destination, "init", "-q")
    git(destination, "add", "-A")
    git(destination, "commit", "-qm", f"A catalogue of {size}")
    return destination


def task_creation(base, sizes, runs=3):
    """{size: {wall, cpu, peak_mb}} of `doit list`, medians of `runs`."""
    results = {}
    for size in sizes:
        project = catalogue_project(base / f"list-{size}", size)
        timings = [measured(doit("list"), project)[:2] for _ in range(runs)]
        medians = (statistics.median(values) for values in zip(*timings))
        results[size] = dict(zip(("wall", "cpu"), medians), peak_mb=measured(doit("list"), project, peak=True)[2])
        shutil.rmtree(project)
    return results


def noop(base, size, runs=3):
    """The catalogue of `size` built cold with -n 2, then plain `doit` with nothing to do (medians)."""
    project = catalogue_project(base / f"noop-{size}", size)
    cold_wall, cold_cpu, cold_peak, _ = measured(doit("-n", "2"), project, peak=True)
    timings = [measured(doit(), project) for _ in range(runs)]
    assert all(TASKS_RUN.search(output).group(1) == "0" for *_, output in timings), "the no-op ran tasks"
    wall, cpu = (statistics.median(values) for values in list(zip(*timings))[:2])
    peak = measured(doit(), project, peak=True)[2]  # once more, for its memory alone
    shutil.rmtree(project)
    return {"size": size, "cold_wall": cold_wall, "cold_seconds_a_publication": cold_wall / size,
            "cold_peak_mb": cold_peak, "noop_wall": wall, "noop_cpu": cpu, "noop_peak_mb": peak}


def site_files(project):
    """{path in build/site: sha256} of a project's assembled site."""
    site = project / "build" / "site"
    return {path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(site.rglob("*")) if path.is_file()}


def restored(origin, destination, cache=None):
    """A fresh clone of `origin` (every file's time the checkout's), with `cache`'s build/ copied in."""
    subprocess.run(["git", "clone", "-q", str(origin), str(destination)], check=True)
    if cache is not None:
        shutil.copytree(cache / "build", destination / "build", symlinks=True)
    return destination


def assembled(shards, destination, origin):
    """The workflow's `assemble` job: the shards' build/<slug>/ folders put together, then the site made."""
    restored(origin, destination)
    for shard in shards:
        for folder in (shard / "build").iterdir():
            if folder.is_dir() and folder.name not in ("dist", "site") and not folder.name.startswith("."):
                shutil.copytree(folder, destination / "build" / folder.name, dirs_exist_ok=True)
    measured([PYTHON, "-m", "publish.release.site"], destination)
    return site_files(destination)


def built(project, shard=None):
    """Tasks run by `doit -n 2` in `project` (one shard of `shard`, 'k/n', when given)."""
    _, _, _, output = measured(doit("-n", "2"), project, {"PUBLISH_SHARD": shard} if shard else None)
    return int(TASKS_RUN.search(output).group(1))


def edit_one(origin):
    """One word of one publication's text changed, and committed: the first publication of the second shard."""
    index = sorted((origin / "source").glob("*/index.md"))[1]
    text = index.read_text(encoding="utf-8")
    index.write_text(text.replace("Three years in", "Three years on", 1), encoding="utf-8")
    git(origin, "commit", "-qam", f"Edit {index.parent.name}")
    return index.parent.name


def shard_simulation(base, size, count=2):
    """The site workflow on one machine: see the module's docstring."""
    origin = catalogue_project(base / "origin", size)
    one = restored(origin, base / "one")
    built(one)
    measured([PYTHON, "-m", "publish.release.site"], one)
    shards = [restored(origin, base / f"shard-{k}") for k in range(1, count + 1)]
    cold_tasks = [built(shard, f"{k}/{count}") for k, shard in enumerate(shards, start=1)]
    same_site = assembled(shards, base / "assembled", origin) == site_files(one)
    edited = edit_one(origin)
    one_again = restored(origin, base / "one-again", cache=one)
    built(one_again)
    measured([PYTHON, "-m", "publish.release.site"], one_again)
    shards_again = [restored(origin, base / f"shard-{k}-again", cache=shard) for k, shard in enumerate(shards, start=1)]
    tasks_after_edit = [built(shard, f"{k}/{count}") for k, shard in enumerate(shards_again, start=1)]
    same_after_edit = assembled(shards_again, base / "assembled-again", origin) == site_files(one_again)
    return {"size": size, "shards": count, "cold_tasks_per_shard": cold_tasks, "edited": edited,
            "tasks_per_shard_after_edit": tasks_after_edit, "site_identical_to_one_machine": same_site,
            "site_identical_after_edit": same_after_edit}


def shards_needed(seconds_a_publication, publications=5000, minutes=10, setup_seconds=120):
    """Runners for `publications` within `minutes`: each pays `setup_seconds` first (Pango, the environment,
    the cache; measure it on your runners), then builds its share at the measured rate."""
    room = minutes * 60 - setup_seconds
    return -(-publications * seconds_a_publication // room)


def table(results):
    creation, empty, shards = results["task_creation"], results["noop"], results["shards"]
    sizes = sorted(creation, key=int)
    slope = creation_slope_ms(creation)
    lines = ["| measurement | result | target |", "| --- | --- | --- |"]
    lines += [f"| `doit list`, {size} publications | {creation[size]['wall']:.2f} s wall, "
              f"{creation[size]['cpu']:.2f} s CPU, {creation[size]['peak_mb']:.0f} MB | |" for size in sizes]
    lines += [f"| task creation, one publication more (CPU, {sizes[-2]} to {sizes[-1]}) | {slope:.2f} ms | <= 1 ms |",
              f"| cold build of {empty['size']} publications, -n 2 | {empty['cold_wall']:.0f} s, "
              f"{empty['cold_seconds_a_publication']:.2f} s a publication | |",
              f"| no-op `doit`, {empty['size']} built publications | {empty['noop_wall']:.2f} s wall, "
              f"{empty['noop_cpu']:.2f} s CPU | < 2 s |",
              f"| its peak memory | {empty['noop_peak_mb']:.0f} MB | < 300 MB |",
              f"| shards' site = one machine's site ({shards['size']} publications, {shards['shards']} shards) | "
              f"{shards['site_identical_to_one_machine']}, after an edit {shards['site_identical_after_edit']} "
              "| True |",
              f"| tasks run per shard after editing {shards['edited']} | {shards['tasks_per_shard_after_edit']} | "
              "only the shard holding it |",
              "| shards for 5,000 publications in 10 minutes (2 min set-up a runner) | "
              f"{shards_needed(empty['cold_seconds_a_publication']):.0f} | |"]
    return "\n".join(lines) + "\n"


def measure(sizes=(10, 100, 1000), noop_size=1000, shard_size=12):
    """Every measurement of the module's docstring, in temporary folders: {task_creation, noop, shards, machine}."""
    with tempfile.TemporaryDirectory(prefix="publish-catalogue-") as temporary:
        base = Path(temporary)
        return {"task_creation": task_creation(base, sizes), "noop": noop(base, noop_size),
                "shards": shard_simulation(base / "shards", shard_size),
                "machine": {"cores": os.cpu_count(), "python": platform.python_version(),
                            "load_average_after": os.getloadavg()}}


def ratios(results):
    """Each target of the catalogue's as a ratio (at most 1 where it is met)."""
    creation, empty = results["task_creation"], results["noop"]
    return {"task creation, one publication more / 1 ms (target <= 1)": creation_slope_ms(creation),
            f"no-op of {empty['size']} built publications / 2 s (target <= 1)": empty["noop_wall"] / 2,
            "its peak memory / 300 MB (target <= 1)": empty["noop_peak_mb"] / 300}


def creation_slope_ms(creation):
    """Task creation's CPU time for one publication more, in ms, between the two largest sizes measured."""
    sizes = sorted(creation, key=int)
    return (creation[sizes[-1]]["cpu"] - creation[sizes[-2]]["cpu"]) / (int(sizes[-1]) - int(sizes[-2])) * 1000


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--noop", type=int, default=1000, help="publications built for the no-op")
    parser.add_argument("--shard-size", type=int, default=12, help="publications of the shard simulation")
    parser.add_argument("--output", type=Path, default=ROOT / "bench")
    options = parser.parse_args()
    results = measure(options.sizes, options.noop, options.shard_size)
    text = json.dumps(results, indent=2, sort_keys=True) + "\n"
    (options.output / "catalogue.json").write_text(text, encoding="utf-8")
    (options.output / "catalogue.md").write_text(table(results), encoding="utf-8")
    print(table(results))


if __name__ == "__main__":
    main()
