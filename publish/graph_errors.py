"""A mistake doit meets while it reads the task graph (a PUBLISH_SHARD that is not k/n, a series.yaml that
is not YAML) ends doit with the mistake's one line: doit prints the whole traceback of any exception raised
while dodo.py is read or its tasks are declared.

dodo.py calls `let_a_mistake_in_the_task_graph_end_doit` first, and reads its own settings through
`in_one_line`.
"""

import doit.loader

from publish.errors import ending_in_one_line

BEFORE_ANY_TASK = 3  # doit's own exit status for an error before any task runs


def in_one_line(function):
    """`function`, which ends doit with a PublishError's one line and status 3 instead of raising it."""
    return ending_in_one_line(function, BEFORE_ANY_TASK)


def let_a_mistake_in_the_task_graph_end_doit():
    """Make doit's reading of the task creators end in one line on a mistake (once a process: the
    preview's builder runs doit many times in one)."""
    if not getattr(doit.loader.load_tasks, "ends_in_one_line", False):
        doit.loader.load_tasks = in_one_line(doit.loader.load_tasks)
