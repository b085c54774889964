"""Mutation testing of the pipeline with cosmic-ray: small deliberate bugs (mutants) put into a
module one at a time, each followed by the tests that should catch it. A mutant the tests let
through (a survivor) marks something the tests do not check.

    make mutation                                   # every module of PLAN, about an hour on 2 cores
    .venv/bin/python tests/mutation/run.py publish/atomic.py publish/release/dist.py

It never touches the working tree: each run mutates a copy of the project in a temporary folder,
two copies side by side (one a core). Results: tests/mutation/latest.json (every mutant, with the
diff of each survivor) and tests/mutation/latest.md (the score per module). cosmic-ray itself lives
in its own environment, build/.cache/mutation-venv, from tests/mutation/requirements.lock.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import venv
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
TOOL_VENV = ROOT / "build" / ".cache" / "mutation-venv"
COPIED = ("dodo.py", "publish", "source", "templates", "styles", "locale", "requirements.lock", "tests", "pyproject.toml",
          "examples")
# Each module, and the tests (fast ones, in-process where they can be) that should catch its mutants.
EDITIONS = ["tests/test_edition_units.py"]
PLAN = {
    "publish/atomic.py": ["tests/test_atomic.py"],
    "publish/source/checks.py": ["tests/test_checks_mutants.py", "tests/test_checks.py", "tests/test_parse_stage.py"],
    "publish/release/dist.py": ["tests/test_release_units.py"],
    "publish/release/verify.py": ["tests/test_release_units.py"],
    "publish/editions/html.py": EDITIONS,
    "publish/editions/docx_reference.py": EDITIONS,
    "publish/editions/docx_package.py": EDITIONS,
    "publish/editions/pdf.py": [*EDITIONS, "tests/test_pipeline_units.py"],
    "publish/editions/pdf_structure.py": EDITIONS,
}


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


def config(module, tests, folder):
    command = f"{sys.executable} -m pytest -x -q -p no:cacheprovider {' '.join(tests)}"
    text = (f'[cosmic-ray]\nmodule-path = "{module}"\ntimeout = 240.0\nexcluded-modules = []\n'
            f'test-command = "{command}"\n\n[cosmic-ray.distributor]\nname = "local"\n')
    path = folder / f"{module.replace('/', '_')}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def mutate_module(cosmic_ray, module, folder):
    """Every mutant of `module`, run against its tests in `folder`: [{operator, line, outcome, diff}]."""
    settings = config(module, PLAN[module], folder)
    session = settings.with_suffix(".sqlite")
    session.unlink(missing_ok=True)
    for step in (["init", settings, session], ["baseline", settings], ["exec", settings, session]):
        process = subprocess.run([cosmic_ray, *map(str, step)], cwd=folder, capture_output=True, text=True)
        if process.returncode != 0:
            raise SystemExit(f"cosmic-ray {step[0]} failed for {module} (do its tests pass?):\n{process.stderr[-3000:]}")
    dump = subprocess.run([cosmic_ray, "dump", str(session)], cwd=folder, capture_output=True, text=True, check=True)
    mutants = []
    for line in dump.stdout.splitlines():
        item, result = json.loads(line)
        mutation = item["mutations"][0]
        mutants.append({"module": module, "operator": mutation["operator_name"], "occurrence": mutation["occurrence"],
                        "line": mutation["start_pos"][0], "outcome": (result or {}).get("test_outcome"),
                        "diff": (result or {}).get("diff", "")})
    return mutants


def run(modules, workers):
    cosmic_ray = tool_environment()
    with tempfile.TemporaryDirectory(prefix="publish-mutation-") as temporary:
        folders = []
        for number in range(workers):
            folder = Path(temporary) / f"copy-{number}"
            copy_project(folder)
            folders.append(folder)
        queues = [modules[number::workers] for number in range(workers)]

        def work(number):
            return [mutant for module in queues[number] for mutant in mutate_module(cosmic_ray, module, folders[number])]

        with ThreadPoolExecutor(max_workers=workers) as pool:
            return [mutant for part in pool.map(work, range(workers)) for mutant in part]


def score_table(mutants):
    lines = ["| module | mutants | killed | survived | score |", "| --- | --- | --- | --- | --- |"]
    for module in dict.fromkeys(mutant["module"] for mutant in mutants):
        own = [mutant for mutant in mutants if mutant["module"] == module]
        killed = sum(mutant["outcome"] == "killed" for mutant in own)
        survived = sum(mutant["outcome"] == "survived" for mutant in own)
        lines.append(f"| `{module}` | {len(own)} | {killed} | {survived} | {killed / max(killed + survived, 1):.0%} |")
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", help="modules to mutate (default: every module of the plan)")
    parser.add_argument("--workers", type=int, default=min(os.cpu_count() or 1, 2))
    arguments = parser.parse_args()
    modules = arguments.modules or list(PLAN)
    unknown = [module for module in modules if module not in PLAN]
    if unknown:
        raise SystemExit(f"no tests are planned for {', '.join(unknown)}: add them to PLAN in {Path(__file__).name}")
    started = time.time()
    mutants = run(sorted(modules, key=lambda module: -len(PLAN[module])), arguments.workers)
    (HERE / "latest.json").write_text(json.dumps(mutants, indent=1) + "\n", encoding="utf-8")
    table = score_table(mutants)
    took = f"{len(mutants)} mutants in {(time.time() - started) / 60:.0f} minutes"
    (HERE / "latest.md").write_text(f"Mutation score per module (cosmic-ray 8.7.0; {took}).\n\n{table}", encoding="utf-8")
    print(table + took)


if __name__ == "__main__":
    main()
