"""A case run through the parse as its doit task runs it, and what its end must be.

In a copy of the project, the case's folder becomes source/fuzz/ and the parse task's own action
(publish.tasks.run_step on the parse's entry point, as `doit parse:fuzz` calls it) runs in this
process. Its end must be one of two:

- True: the outputs (build/fuzz/.work/*.json) written, each whole JSON; what it printed (its
  warnings), one finding a line, each naming a file;
- a TaskFailed: its message one finding a line, each naming a file (what doit prints to the author),
  and the outputs left as the last good run of the unit wrote them, or absent: never a file of a run
  that failed.

Anything else (an exception that escapes run_step, which doit would print as a traceback) is a bug.
"""

import contextlib
import io
import json
import os
import re
import shutil
import time
import traceback
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from doit.exceptions import TaskFailed
from projects import inside

FUZZ_SLUG = "fuzz"
FINDING_LINE = re.compile(r"^(?P<path>[^\s:][^:]*?)(?::\d+){0,2}: (?:error|warning): \S")


@dataclass
class Outcome:
    """How one case ended, and what in that end breaks the property."""

    document: object
    result: object  # True, a TaskFailed, or the exception that escaped
    printed: str
    seconds: float
    problems: list = field(default_factory=list)

    @property
    def ending(self):
        """'built', 'refused' or 'traceback'."""
        return "built" if self.result is True else "refused" if isinstance(self.result, TaskFailed) else "traceback"

    def report(self):
        said = self.result.message if isinstance(self.result, TaskFailed) else self.result
        return "\n".join([repr(self.document), f"ended: {self.ending} in {self.seconds:.2f} s",
                          *(f"  {problem}" for problem in self.problems), f"  it said: {str(said)[:2000]}"])


def write_folder(document, project):
    """The case's folder as source/fuzz/ of `project`: every file it holds, and nothing else."""
    folder = project / "source" / FUZZ_SLUG
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for name, data in document.files:
        (folder / name).write_bytes(data)


def parse_step(project):
    """The action `doit parse:<unit>` runs: (run_step, the step's name), read from the task graph."""
    from publish.tasks import parse_tasks

    with inside(project):
        task = next(task for task in parse_tasks() if task.get("actions"))
    action, (step, *_) = task["actions"][0]
    return action, step


class ParseBench:
    """A copy of the project in which each case is parsed as its task parses it, and the outputs the
    last good parse of each unit wrote, which a failed parse must leave as they were. pandoc may take
    `time_limit` seconds to read a case (PUBLISH_PANDOC_TIME_LIMIT), not the minute an author gets."""

    def __init__(self, project, time_limit=3):
        self.project, self.time_limit = Path(project), time_limit
        self.action, self.step = parse_step(self.project)
        self.good = {}  # unit name -> {output path: bytes}
        self.good_from = {}  # unit name -> the document of its last good parse

    def run(self, document, time_limit=None):
        from publish.paths import Publication

        write_folder(document, self.project)
        unit = Publication(FUZZ_SLUG, document.lang)
        with inside(self.project), time_limit_set(time_limit or self.time_limit):
            start = time.monotonic()
            result, printed = self.parse(unit)
            outcome = Outcome(document, result, printed, time.monotonic() - start)
            outcome.problems = judged(unit, result, printed, self.good.get(unit.name), self.project)
            if result is True:
                self.good[unit.name] = {path: path.read_bytes() for path in unit.work_files}
                self.good_from[unit.name] = document
        return outcome

    def parse(self, unit):
        """(What the parse task's action returned, or the exception that escaped it; what it printed)."""
        from publish.caches import forget_before_warm_rebuild
        from publish.source.revision import SourceRevision

        forget_before_warm_rebuild()  # as `doit serve` does before each rebuild in its warm process
        printed = io.StringIO()
        with contextlib.redirect_stderr(printed), contextlib.redirect_stdout(printed), warnings.catch_warnings():
            warnings.simplefilter("default")  # a Python warning is printed, as under doit, not raised
            try:
                result = self.action(self.step, unit, SourceRevision())
            except Exception as escaped:  # noqa: BLE001 (what doit would print as a traceback)
                result = escaped
        return result, printed.getvalue()


@contextlib.contextmanager
def time_limit_set(seconds):
    """PUBLISH_PANDOC_TIME_LIMIT set to `seconds` for a block, as it was after."""
    before = os.environ.get("PUBLISH_PANDOC_TIME_LIMIT")
    os.environ["PUBLISH_PANDOC_TIME_LIMIT"] = str(seconds)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("PUBLISH_PANDOC_TIME_LIMIT")
        else:
            os.environ["PUBLISH_PANDOC_TIME_LIMIT"] = before


def judged(unit, result, printed, good_outputs, project):
    """What breaks the property in one case's end (nothing, when it ended as it must)."""
    if isinstance(result, Exception):
        return ["an exception escaped the task: " + "".join(traceback.format_exception(result)[-6:])]
    problems = lines_not_naming_a_file(printed, project, "printed")
    if result is True:
        return problems + unreadable_outputs(unit)
    if not isinstance(result, TaskFailed):
        return problems + [f"the task's action returned {result!r}, neither True nor a TaskFailed"]
    if not result.message.strip():
        problems.append("the failure says nothing")
    return problems + lines_not_naming_a_file(result.message, project, "said") + left_behind(unit, good_outputs)


def lines_not_naming_a_file(text, project, how):
    """Each line of `text` that is not one finding naming a file of the project (`path:line:col: error: ...`)."""
    problems = []
    if text.removesuffix("\n").split("\n") != text.splitlines() and text.strip():
        problems.append(f"{how} a line broken by a character other than a newline: {text[:300]!r}")
    for line in text.splitlines():
        match = FINDING_LINE.match(line)
        if not match or not exists(project / match["path"]):
            problems.append(f"{how} a line that is not a finding naming a file: {line[:300]!r}")
    return problems


def exists(path):
    try:
        return path.exists()
    except OSError:  # a name too long to be a file's
        return False


def unreadable_outputs(unit):
    """Outputs of a good parse that are not whole JSON, or hold a character no edition can (lxml refuses it)."""
    from publish.document import texts
    from publish.source.files import UNHOLDABLE

    problems = []
    for path in unit.work_files:
        try:
            found = UNHOLDABLE.search("\n".join(texts(json.loads(path.read_bytes().decode("utf-8")))))
        except (OSError, ValueError) as error:
            problems.append(f"{path} is not whole JSON after a good run: {error}")
            continue
        if found and path != unit.sources:  # the sources are the texts as written, for the archival PDF
            problems.append(f"{path} holds U+{ord(found[0]):04X}, which no edition can hold")
    return problems


def left_behind(unit, good_outputs):
    """Outputs a failed parse wrote: each must be the last good run's bytes, or absent."""
    problems = []
    for path in unit.work_files:
        if not path.exists():
            continue
        if good_outputs is None:
            problems.append(f"{path} was written by a failed parse (no good run before it)")
        elif path.read_bytes() != good_outputs[path]:
            problems.append(f"{path} differs from the last good run's after a failed parse ({whole_json(path)})")
    return problems


def whole_json(path):
    try:
        json.loads(path.read_bytes().decode("utf-8"))
    except ValueError:
        return "and is not whole JSON"
    return "whole JSON, but of the failed run"
