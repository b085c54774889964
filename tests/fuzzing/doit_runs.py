"""A case checked and built by doit itself, in subprocesses, as an author runs it: `doit check <unit>`,
then `doit html:<unit>`, and `doit html:<unit>` again when that failed.

What must hold: neither prints a traceback (doit prints one for an exception an action lets out); a
build that fails says so (its summary names the failed task) and leaves the web edition of the last
good build as it was, byte for byte (or none, if there never was one); a failed build is not taken
for up to date by the next `doit` (it fails again, and says so again); and a case `doit check` finds
errors in is not built.
"""

import re
from pathlib import Path

from fuzzing.parse_runs import FUZZ_SLUG, write_folder
from projects import run_doit


def said(command, process):
    return f"{command} (exit status {process.returncode}):\n{(process.stdout + process.stderr)[-3000:]}"


class BuildBench:
    """A copy of the project in which a sample of the cases is checked and built by doit, and the web
    edition of each unit's last good build, which a failed build must keep."""

    def __init__(self, project, time_limit=3):
        self.project = Path(project)
        self.environment = {"PUBLISH_PANDOC_TIME_LIMIT": str(time_limit)}
        self.good = {}  # unit name -> the bytes of its web edition, as its last good build wrote it
        self.endings = {"built": 0, "refused": 0}

    def doit(self, *arguments):
        return run_doit(self.project, *arguments, check=False, environment=self.environment)

    def run(self, document):
        """What breaks the property in `doit check` and `doit html` of one case (nothing, when none does)."""
        from publish.paths import Publication

        write_folder(document, self.project)
        unit = Publication(FUZZ_SLUG, document.lang)
        checked = self.doit("check", unit.name)
        built = self.doit(unit.task("html"))
        problems = tracebacks(f"doit check {unit.name}", checked) + tracebacks(f"doit {unit.task('html')}", built)
        edition = self.project / unit.artifact("html")
        self.endings["built" if built.returncode == 0 else "refused"] += 1
        if built.returncode == 0:
            if checked.returncode != 0:
                problems.append("doit check found errors, yet doit built it: " + said("doit check", checked))
            self.good[unit.name] = edition.read_bytes()
            return problems
        return problems + self.failure_kept(unit, built, edition)

    def failure_kept(self, unit, built, edition):
        """A failed build: said, the last good edition kept, and failed again by the next doit."""
        problems = []
        if not re.search(r"task.? FAILED: ", built.stdout + built.stderr):
            problems.append("doit failed without naming a failed task: " + said("doit html", built))
        good = self.good.get(unit.name)
        if (edition.read_bytes() if edition.exists() else None) != good:
            problems.append(f"{edition.name} is not the last good build's after a failed build")
        again = self.doit(unit.task("html"))
        if again.returncode == 0:
            problems.append("the next doit took the failed build for up to date: " + said("doit html", again))
        return problems + tracebacks("doit html, again", again)


def tracebacks(command, process):
    output = process.stdout + process.stderr
    return [f"a traceback: {said(command, process)}"] if "Traceback" in output or process.returncode > 2 else []
