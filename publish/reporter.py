"""What `doit` prints: one line per task that ran, with its time; quiet about what was
up to date; each failure in full once, where it happens, and the failed tasks named in the summary
(doit's own reporter prints each failure a second time, whole, at the end).

    0.31 s  parse:engaging-with-the-taliban
    0.98 s  pdf:engaging-with-the-taliban
  3 tasks run, 5 up to date, 1.4 s

A command that runs until it is stopped (`doit serve`, marked `"meta": {"command": True}`) says
itself what it does: no time line, no summary, its failure once.

`doit -r json` (or any other -r) still gives doit's own reporters.
"""

import time

from doit.exceptions import UnmetDependency
from doit.reporter import ConsoleReporter

from publish.findings import plural


class PublishReporter(ConsoleReporter):
    desc = "one line per task run, with its time, and a summary"

    def __init__(self, outstream, options):
        super().__init__(outstream, options)
        self.started = {}
        self.ran = 0
        self.up_to_date = 0
        self.not_run = 0
        self.failed = []
        self.commands = 0  # commands run, which the summary leaves out
        self.clock = time.perf_counter()

    @staticmethod
    def counts(task):
        """Group tasks (a stage for every publication) have no action of their own."""
        return bool(task.actions) and not task.name.startswith("_")

    @staticmethod
    def is_command(task):
        """A command a user runs and stops (doit serve), whose time is not a build's: it reports itself."""
        return bool((task.meta or {}).get("command"))

    def execute_task(self, task):
        if self.counts(task):
            self.started[task.name] = time.perf_counter()

    def add_success(self, task):
        if self.is_command(task):
            self.commands += 1
        elif self.counts(task):
            self.ran += 1
            took = time.perf_counter() - self.started.pop(task.name, time.perf_counter())
            self.write(f"  {took:5.2f} s  {task.name}\n")

    def add_failure(self, task, fail):
        if isinstance(fail, UnmetDependency):
            self.not_run += self.counts(task)  # a task it needs failed: that failure is the news
            return
        if self.is_command(task):
            self.commands += 1
            self.write(fail.get_msg().strip() + "\n")  # its one line, once
            return
        self.failed.append(task.name)
        self.write(f"  FAILED  {task.name}\n{fail.get_msg().strip()}\n")

    def skip_uptodate(self, task):
        self.up_to_date += self.counts(task)

    def skip_ignore(self, task):
        pass

    def complete_run(self):
        if self.commands and not (self.ran or self.up_to_date or self.not_run or self.failed or self.runtime_errors):
            return  # a command alone: what it printed is the whole story
        summary = f"  {plural(self.ran, 'task')} run, {self.up_to_date} up to date"
        if self.not_run:
            summary += f", {self.not_run} not run (a task they need failed)"
        self.write(f"{summary}, {time.perf_counter() - self.clock:.1f} s\n")
        if self.failed:  # named, not printed again: each failure was printed in full when it happened
            self.write(f"  {plural(len(self.failed), 'task')} FAILED: {', '.join(self.failed)}\n")
        if self.runtime_errors:
            self.write("Execution aborted.\n" + "\n".join(self.runtime_errors) + "\n")
