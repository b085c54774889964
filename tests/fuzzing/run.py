"""The fuzz test at scale: thousands of damaged documents through the parse, and a sample through doit.

    .venv/bin/python tests/fuzzing/run.py --cases 2000             # 8 to 13 minutes on 2 shared cores
    .venv/bin/python tests/fuzzing/run.py --cases 500 --seed 7     # the same seed draws the same cases again

Each case is parsed in this process as its doit task parses it (tests/fuzzing/parse_runs.py), and every
`--every`-th case is also checked and built by doit in subprocesses, `doit check` and `doit html`
(tests/fuzzing/doit_runs.py), each in its own copy of the project in a temporary folder. A case that
breaks the property is printed with what broke it, and its folder kept in build/fuzz-cases/<number>/
(with case.txt, what was done to it and what broke): copy it to source/<slug>/ to see it for oneself.
The exit status is 1 when any case broke it.
"""

import argparse
import hashlib
import random
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from fuzzing.cases import cases  # noqa: E402 (importable once the lines above put tests/ on the path)
from fuzzing.doit_runs import BuildBench  # noqa: E402
from fuzzing.parse_runs import ParseBench  # noqa: E402
from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402
from projects import copy_project  # noqa: E402

KEPT = ROOT / "build" / "fuzz-cases"


@dataclass
class Tally:
    endings: dict = field(default_factory=dict)  # 'built', 'refused', 'traceback' -> count
    different: set = field(default_factory=set)  # digests of the different documents drawn
    by_doit: int = 0
    broken: list = field(default_factory=list)  # (number, document, problems)
    slowest: tuple = (0.0, None)
    start: float = field(default_factory=time.monotonic)

    @property
    def count(self):
        return sum(self.endings.values())

    def add(self, outcome, problems):
        self.endings[outcome.ending] = self.endings.get(outcome.ending, 0) + 1
        self.different.add(hashlib.sha256(repr((outcome.document.index, outcome.document.files)).encode()).hexdigest())
        self.slowest = max(self.slowest, (outcome.seconds, outcome.document), key=lambda pair: pair[0])
        if problems:
            self.broken.append((self.count, outcome.document, problems))

    def line(self, by_doit):
        return (f"{self.count} cases ({len(self.different)} different) in {time.monotonic() - self.start:.0f} s: "
                f"{self.endings.get('built', 0)} built, {self.endings.get('refused', 0)} refused with findings, "
                f"{self.endings.get('traceback', 0)} tracebacks; {self.by_doit} also through doit check and doit html "
                f"({by_doit['built']} built, {by_doit['refused']} refused); {len(self.broken)} broke the property")


def options():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=2000, help="how many cases to draw (default 2000)")
    parser.add_argument("--seed", type=int, default=None, help="Hypothesis's seed (default: a new one, printed)")
    parser.add_argument("--every", type=int, default=20, help="every n-th case through doit too (default 20)")
    parser.add_argument("--time-limit", type=float, default=3, help="seconds pandoc may take to read a case")
    chosen = parser.parse_args()
    chosen.seed = random.randrange(2**32) if chosen.seed is None else chosen.seed
    return chosen


def kept(number, document, problems):
    """The case's folder in build/fuzz-cases/<number>/, with case.txt saying what it is and what broke."""
    folder = KEPT / str(number)
    folder.mkdir(parents=True)
    for name, data in document.files:
        (folder / name).write_bytes(data)
    (folder / "case.txt").write_text("\n".join([repr(document), f"the unit's text: {document.index}", *problems, ""]),
                                     encoding="utf-8", errors="backslashreplace")
    return folder


def explore(chosen, parse_bench, build_bench):
    """Draw `chosen.cases` cases, run each, and tally them; a case that breaks the property is printed and kept."""
    tally = Tally()

    @seed(chosen.seed)
    @settings(max_examples=chosen.cases, database=None, deadline=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(cases())
    def one_case(document):
        outcome, by_doit = parse_bench.run(document), []
        if (tally.count + 1) % chosen.every == 0:
            by_doit = [f"doit: {problem}" for problem in build_bench.run(document)]
            tally.by_doit += 1
        problems = outcome.problems + by_doit
        tally.add(outcome, problems)
        if problems:
            print(f"case {tally.count} broke the property (kept in {kept(tally.count, document, problems)}):\n"
                  + outcome.report() + "".join(f"\n  {problem}" for problem in by_doit), flush=True)
        if tally.count % 100 == 0:
            print(tally.line(build_bench.endings), flush=True)

    one_case()
    return tally


def main():
    chosen = options()
    print(f"seed {chosen.seed} (--seed {chosen.seed} draws these cases again)", flush=True)
    shutil.rmtree(KEPT, ignore_errors=True)
    with tempfile.TemporaryDirectory(prefix="publish-fuzz-") as folder:
        parse_bench = ParseBench(copy_project(Path(folder) / "parse"), chosen.time_limit)
        build_bench = BuildBench(copy_project(Path(folder) / "doit"), chosen.time_limit)
        tally = explore(chosen, parse_bench, build_bench)
    print(tally.line(build_bench.endings))
    print(f"slowest case: {tally.slowest[0]:.1f} s, {tally.slowest[1]!r}")
    return 1 if tally.broken else 0


if __name__ == "__main__":
    sys.exit(main())
