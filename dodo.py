"""The task graph of the publishing pipeline. Run `doit list` to see it, `doit` to build.

Tasks only are declared here; every action is a function in the `publish` package.
"""

import sys

from publish import command_tasks, tasks
from publish.graph_errors import in_one_line, let_a_mistake_in_the_task_graph_end_doit
from publish.interrupt import let_an_interrupted_build_exit
from publish.paths import DOIT_STATE
from publish.reporter import PublishReporter

let_a_mistake_in_the_task_graph_end_doit()  # a bad PUBLISH_SHARD or series.yaml: one line, not a traceback

DOIT_CONFIG = {
    "dep_file": DOIT_STATE.as_posix(),
    "backend": "sqlite3",  # transactional: a build killed at any moment leaves a readable state
    "default_tasks": in_one_line(tasks.default_tasks)(sys.argv[1:]),  # the editions, any PDF variant built (clean: the site)
    "verbosity": 1,
    "reporter": PublishReporter,
    "continue": True,  # one broken publication does not stop the others from building
    # Editions build in parallel, one process a core (up to four); `doit -n 1` builds one at a time.
    # `doit serve` runs in doit's own process, so that ending it ends the server too.
    "num_process": tasks.process_count(sys.argv[1:]),
    "par_type": "process",
}

DOIT_STATE.parent.mkdir(exist_ok=True)
let_an_interrupted_build_exit()


def task_check():
    return command_tasks.check_task()


def task_parse():
    yield from tasks.parse_tasks()


def task_editions():
    """Every edition of publish.model.editions, a task group each: html, pdf, pdfa, press, docx, cite, ..."""
    yield from tasks.edition_tasks()


def task_dist():
    return command_tasks.dist_task(sys.argv[1:])  # the slugs named, whose editions alone it builds


def task_verify():
    return command_tasks.verify_task()


def task_serve():
    return command_tasks.serve_task()


def task_site():
    yield from tasks.site_tasks()


def task_site_index():
    return tasks.site_index_task()


def task_review():
    return command_tasks.review_task()


def task_new():
    return command_tasks.new_task()


def task_adopt():
    return command_tasks.adopt_task()


def task_docx_reference():
    return tasks.docx_reference_task()

