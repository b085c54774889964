"""Mutation testing of the pipeline with cosmic-ray: small deliberate bugs (mutants) put into a
module one at a time, each followed by the tests that should catch it. A mutant the tests let
through (a survivor) marks something the tests do not check.

    make mutation                                   # every module of PLAN, 200 mutants each at most: hours
    .venv/bin/python tests/mutation/run.py --sample 60 publish/tasks.py   # 60 of its mutants, drawn at random
    .venv/bin/python tests/mutation/run.py publish/atomic.py publish/release/dist.py   # others' results stay
    .venv/bin/python tests/mutation/run.py --survivors   # the last run's survivors again, after new tests
    .venv/bin/python tests/mutation/run.py --survivors publish/atomic.py   # only those of the modules named

It never touches the working tree: each run mutates a copy of the project in a temporary folder,
two copies side by side (one a core). Results: tests/mutation/latest.json (every mutant, with the
diff of each survivor) and tests/mutation/latest.md (the score per module). cosmic-ray itself lives
in its own environment, build/.cache/mutation-venv, from tests/mutation/requirements.lock.

A survivor that cannot change what the pipeline does (an equivalent mutant) is listed, with the
reason, in tests/mutation/equivalent.toml, by its module and the line it changes (as written before
and after), so the list survives edits elsewhere in the file. The score leaves them out.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
import venv
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
TOOL_VENV = ROOT / "build" / ".cache" / "mutation-venv"
COPIED = ("dodo.py", "publish", "source", "templates", "styles", "locale", "requirements.lock", "tests", "pyproject.toml",
          "examples")
# Each module, and the tests that should catch its mutants: the module's own test files, which mirror
# publish/'s folders (publish/<folder>/<module>.py in tests/<folder>/test_<module>.py and, where its tests
# are split by concern, test_<module>_<concern>.py), the fast ones, in-process where they can be (an
# edition's end-to-end suite, test_html.py or test_pdf.py, builds the whole project and is left out).
PLAN = {
    "publish/atomic.py": ["tests/test_atomic.py"],
    "publish/source/checks.py": ["tests/source/test_checks.py", "tests/source/test_checks_translations.py"],
    "publish/release/dist.py": ["tests/release/test_dist.py"],
    "publish/release/verify.py": ["tests/release/test_verify.py"],
    "publish/editions/html.py": ["tests/editions/test_html_build.py"],
    "publish/editions/docx_reference.py": ["tests/editions/test_docx_reference.py"],
    "publish/editions/docx_package.py": ["tests/editions/test_docx_package.py"],
    "publish/editions/pdf.py": ["tests/editions/test_pdf_notes.py", "tests/editions/test_pdf_variants.py"],
    "publish/editions/pdf_structure.py": ["tests/editions/test_pdf_structure.py"],
    "publish/review/alignment.py": ["tests/review/test_alignment.py", "tests/review/test_review.py"],
    "publish/review/applied.py": ["tests/review/test_applied.py"],
    "publish/review/reviewed_docx.py": ["tests/review/test_reviewed_docx.py"],
    "publish/source/metadata.py": ["tests/source/test_metadata.py"],
    "publish/source/raw_html.py": ["tests/source/test_raw_html.py", "tests/source/test_raw_content.py"],
    "publish/review/arguments.py": ["tests/review/test_arguments.py"],
    "publish/source/how_to_cite.py": ["tests/source/test_how_to_cite.py"],
    "publish/editions/citation_files.py": ["tests/editions/test_citation_files.py"],
    "publish/review/review.py": ["tests/review/test_review_today.py", "tests/review/test_review.py",
                                 "tests/review/test_review_escaping.py"],
    "publish/release/site.py": ["tests/release/test_site.py"],
    "publish/source/crossrefs.py": ["tests/source/test_crossrefs.py", "tests/source/test_lists_of.py",
                                    "tests/source/test_theorems.py", "tests/source/test_listings.py",
                                    "tests/source/test_latex_labels.py", "tests/source/test_numbering.py",
                                    "tests/source/test_quarto.py"],
    "publish/source/bibliography.py": ["tests/source/test_bibliography_files.py", "tests/source/test_bibliography.py",
                                       "tests/source/test_bibtex.py"],
    "publish/editions/docx.py": ["tests/editions/test_docx.py"],
    "publish/editions/docx_fonts.py": ["tests/editions/test_docx_fonts.py"],
    "publish/editions/scholarly_metadata.py": ["tests/editions/test_scholarly_metadata.py"],
    "publish/tasks.py": ["tests/test_tasks.py"],
}
# A mutant whose tests run this many times longer than unmutated ones is taken to loop forever (killed).
TIMEOUT_FACTOR, SHORTEST_TIMEOUT = 8, 30
# Marks every work item of a cosmic-ray session skipped but those of a sample, drawn with the module's name as
# the seed so a run again draws the same mutants; run by cosmic-ray's own Python (argv: session, size, seed).
SAMPLE_SCRIPT = """
import random, sys
from cosmic_ray.work_db import use_db, WorkDB
from cosmic_ray.work_item import WorkResult, WorkerOutcome
with use_db(sys.argv[1], WorkDB.Mode.open) as db:
    # in the order of what each mutant changes, not of its job id, which is drawn anew each time
    items = sorted(db.work_items, key=lambda item: [(m.operator_name, m.occurrence, tuple(m.start_pos)) for m in item.mutations])
    kept = {item.job_id for item in random.Random(sys.argv[3]).sample(items, min(int(sys.argv[2]), len(items)))}
    skipped = WorkResult(output=None, test_outcome=None, diff=None, worker_outcome=WorkerOutcome.SKIPPED)
    db.set_multiple_results([item.job_id for item in items if item.job_id not in kept], skipped)
"""


def tool_environment():
    """cosmic-ray's own environment, made once from its lock file."""
    cosmic_ray = TOOL_VENV / "bin" / "cosmic-ray"
    if not cosmic_ray.is_file():
        venv.create(TOOL_VENV, with_pip=True)
        subprocess.run([TOOL_VENV / "bin" / "python", "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                        "-r", HERE / "requirements.lock"], check=True)
    return cosmic_ray


def copy_project(destination):
    destination.mkdir(parents=True)
    for part in COPIED:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, destination / part, ignore=shutil.ignore_patterns("__pycache__", "node_modules", "mutation"))
        else:
            shutil.copy2(source, destination / part)
    if (ROOT / "tests" / "browser" / "node_modules").is_dir():
        (destination / "tests" / "browser" / "node_modules").symlink_to(ROOT / "tests" / "browser" / "node_modules")


def config(module, tests, folder, timeout=240.0):
    command = f"{sys.executable} -m pytest -x -q -p no:cacheprovider {' '.join(tests)}"
    text = (f'[cosmic-ray]\nmodule-path = "{module}"\ntimeout = {timeout:.1f}\nexcluded-modules = []\n'
            f'test-command = "{command}"\n\n[cosmic-ray.distributor]\nname = "local"\n')
    path = folder / f"{module.replace('/', '_')}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def cosmic_ray_step(cosmic_ray, module, folder, *step):
    process = subprocess.run([cosmic_ray, *map(str, step)], cwd=folder, capture_output=True, text=True)
    if process.returncode != 0:
        raise SystemExit(f"cosmic-ray {step[0]} failed for {module} (do its tests pass?):\n{process.stderr[-3000:]}")


def mutate_module(cosmic_ray, module, folder, sample=None):
    """Every mutant of `module` (or a sample of `sample` of them), run against its tests in `folder`:
    [{operator, line, outcome, diff}]; the mutants left out of the sample have the outcome "unsampled"."""
    settings = config(module, PLAN[module], folder)
    session = settings.with_suffix(".sqlite")
    session.unlink(missing_ok=True)
    cosmic_ray_step(cosmic_ray, module, folder, "init", settings, session)
    if sample:
        subprocess.run([cosmic_ray.parent / "python", "-c", SAMPLE_SCRIPT, session, str(sample), module], check=True)
    started = time.monotonic()
    cosmic_ray_step(cosmic_ray, module, folder, "baseline", settings)
    timeout = max(SHORTEST_TIMEOUT, TIMEOUT_FACTOR * (time.monotonic() - started))
    cosmic_ray_step(cosmic_ray, module, folder, "exec", config(module, PLAN[module], folder, timeout), session)
    dump = subprocess.run([cosmic_ray, "dump", str(session)], cwd=folder, capture_output=True, text=True, check=True)
    mutants = []
    for line in dump.stdout.splitlines():
        item, result = json.loads(line)
        mutation = item["mutations"][0]
        skipped = (result or {}).get("worker_outcome") == "skipped"
        mutants.append({"module": module, "operator": mutation["operator_name"], "occurrence": mutation["occurrence"],
                        "line": mutation["start_pos"][0],
                        "outcome": "unsampled" if skipped else (result or {}).get("test_outcome"),
                        "diff": (result or {}).get("diff", "")})
    return mutants


def run(modules, workers, sample=None):
    cosmic_ray = tool_environment()
    with tempfile.TemporaryDirectory(prefix="publish-mutation-") as temporary:
        folders = []
        for number in range(workers):
            folder = Path(temporary) / f"copy-{number}"
            copy_project(folder)
            folders.append(folder)
        queues = [modules[number::workers] for number in range(workers)]

        def work(number):
            mutants = []
            for module in queues[number]:
                try:
                    mutants += mutate_module(cosmic_ray, module, folders[number], sample)
                except SystemExit as failure:  # one module's tests failing leaves the others' results
                    print(failure, file=sys.stderr)
            return mutants

        with ThreadPoolExecutor(max_workers=workers) as pool:
            return [mutant for part in pool.map(work, range(workers)) for mutant in part]


def changed_line(diff):
    """(the line as written, the line as mutated), stripped, from a mutant's diff."""
    removed = [line[1:].strip() for line in diff.splitlines() if line.startswith("-") and not line.startswith("---")]
    added = [line[1:].strip() for line in diff.splitlines() if line.startswith("+") and not line.startswith("+++")]
    return (removed[0] if removed else "", added[0] if added else "")


def equivalents():
    """{(module, line as written, line as mutated): reason} from equivalent.toml."""
    path = HERE / "equivalent.toml"
    entries = tomllib.loads(path.read_text(encoding="utf-8")).get("equivalent", []) if path.is_file() else []
    return {(entry["module"], entry["written"].strip(), entry["mutated"].strip()): entry["reason"] for entry in entries}


def mark_equivalents(mutants):
    """Each survivor that equivalent.toml explains becomes "equivalent", with its reason."""
    known = equivalents()
    for mutant in mutants:
        if mutant["outcome"] == "survived":
            reason = known.get((mutant["module"], *changed_line(mutant["diff"])))
            if reason:
                mutant["outcome"], mutant["reason"] = "equivalent", reason
    return mutants


def score_table(mutants):
    lines = ["| module | mutants | killed | equivalent (explained) | survived | score |",
             "| --- | --- | --- | --- | --- | --- |"]
    for module in dict.fromkeys(mutant["module"] for mutant in mutants):
        own = [mutant for mutant in mutants if mutant["module"] == module]
        killed, equivalent, survived, unsampled = (sum(mutant["outcome"] == outcome for mutant in own)
                                                   for outcome in ("killed", "equivalent", "survived", "unsampled"))
        count = f"{len(own) - unsampled} of {len(own)} (a sample)" if unsampled else str(len(own))
        lines.append(f"| `{module}` | {count} | {killed} | {equivalent} | {survived} | "
                     f"{killed / max(killed + survived, 1):.0%} |")
    return "\n".join(lines) + "\n"


def changed_span(written, mutated, context=16):
    """The part of a line a mutant changed, with up to `context` characters of the line each side:
    (as written, as mutated)."""
    start = len(os.path.commonprefix([written, mutated]))
    same_end = len(os.path.commonprefix([written[start:][::-1], mutated[start:][::-1]]))
    left = max(start - context, 0)
    return written[left:len(written) - same_end + context], mutated[left:len(mutated) - same_end + context]


def recheck(mutant, folder):
    """Put one survivor back into `folder` and run its module's tests again: killed, survived, or
    stale (its line has changed since: mutate the module again)."""
    target = folder / mutant["module"]
    original = target.read_bytes()
    patch = mutant["diff"].split("--- mutation diff ---\n", 1)[-1].rstrip("\n") + "\n"  # cosmic-ray's lacks the last newline
    if subprocess.run(["git", "apply", "-p1", "-"], input=patch, text=True, cwd=folder, capture_output=True).returncode:
        # the code around it has changed: make the same change where its few words stand, if they stand once
        before, after = changed_span(*changed_line(mutant["diff"]))
        text = original.decode("utf-8")
        if not before or text.count(before) != 1:
            return "stale"
        target.write_text(text.replace(before, after), encoding="utf-8")
    try:
        tests = subprocess.run([sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *PLAN[mutant["module"]]],
                               cwd=folder, capture_output=True, timeout=240)
        return "survived" if tests.returncode == 0 else "killed"
    except subprocess.TimeoutExpired:
        return "killed"  # as cosmic-ray counts a mutant that hangs its tests
    finally:
        target.write_bytes(original)


def recheck_survivors(workers, modules=()):
    """Each survivor of latest.json (and each that could not be put back last time) run again
    against today's tests, after tests were added to kill them; only those of `modules`, if named."""
    mutants = json.loads((HERE / "latest.json").read_text(encoding="utf-8"))
    survivors = [mutant for mutant in mutants if mutant["outcome"] in ("survived", "stale")
                 and (not modules or mutant["module"] in modules)]
    with tempfile.TemporaryDirectory(prefix="publish-mutation-") as temporary:
        folders = [Path(temporary) / f"copy-{number}" for number in range(workers)]
        for folder in folders:
            copy_project(folder)

        def work(number):
            for mutant in survivors[number::workers]:
                mutant["outcome"] = recheck(mutant, folders[number])

        with ThreadPoolExecutor(max_workers=workers) as pool:
            list(pool.map(work, range(workers)))
    return mutants


def write_results(mutants, took):
    (HERE / "latest.json").write_text(json.dumps(mutants, indent=1) + "\n", encoding="utf-8")
    table = score_table(mutants)
    (HERE / "latest.md").write_text(f"Mutation score per module (cosmic-ray 8.7.0; {took}).\n\n{table}", encoding="utf-8")
    print(table + took)


def main():
    parser = argparse.ArgumentParser(description=" ".join(__doc__.split("\n\n")[0].split()))
    parser.add_argument("modules", nargs="*", help="modules to mutate (default: every module of the plan)")
    parser.add_argument("--workers", type=int, default=min(os.cpu_count() or 1, 2))
    parser.add_argument("--sample", type=int, metavar="N",
                        help="mutate N mutants a module, drawn at random (the same N each run), not every one")
    parser.add_argument("--survivors", action="store_true",
                        help="run only the survivors of latest.json again (of the modules named, if any), "
                             "against today's tests")
    arguments = parser.parse_args()
    if arguments.survivors:
        previous = (HERE / "latest.md").read_text(encoding="utf-8").split("(", 1)[1].split(")", 1)[0]
        previous = previous.removeprefix("cosmic-ray 8.7.0; ").removesuffix("; survivors run again")
        mutants = mark_equivalents(recheck_survivors(arguments.workers, arguments.modules))
        return write_results(mutants, f"{previous}; survivors run again")
    modules = arguments.modules or list(PLAN)
    unknown = [module for module in modules if module not in PLAN]
    if unknown:
        raise SystemExit(f"no tests are planned for {', '.join(unknown)}: add them to PLAN in {Path(__file__).name}")
    started = time.time()
    fresh = run(sorted(modules, key=lambda module: -len(PLAN[module])), arguments.workers, arguments.sample)
    minutes = round((time.time() - started) / 60)
    ran = sum(mutant["outcome"] != "unsampled" for mutant in fresh)
    took = f"{ran} mutants in {minutes} minute{'' if minutes == 1 else 's'}"
    # the other modules' results of the last run stay in the table
    last = json.loads((HERE / "latest.json").read_text(encoding="utf-8")) if (HERE / "latest.json").is_file() else []
    produced = {mutant["module"] for mutant in fresh}  # a module whose run failed keeps its last results
    kept = [mutant for mutant in last if mutant["module"] not in produced and mutant["module"] in PLAN]
    if kept:
        took += f"; {', '.join(dict.fromkeys(mutant['module'] for mutant in kept))} from the run before"
    mutants = sorted(kept + fresh, key=lambda mutant: list(PLAN).index(mutant["module"]))
    write_results(mark_equivalents(mutants), took)


if __name__ == "__main__":
    main()
