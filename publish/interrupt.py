"""What Ctrl-C does to a build: it ends it at once, with one line instead of a traceback.

doit's own process is set up here (dodo.py calls `let_an_interrupted_build_exit`); its workers
are forked from it and stop with it. Every file is written atomically (publish.atomic) and doit
records the tasks that finished before it exits, so the next `doit` builds only the rest.
"""

import multiprocessing
import sys

from doit.runner import MRunner

INTERRUPTED = "interrupted: the editions built so far are kept; run doit again to build the rest"


def let_an_interrupted_build_exit():
    """Make an interrupted build exit, and say so in one line."""
    MRunner.Queue = staticmethod(queue_not_joined_at_exit)
    sys.excepthook = one_line_for_an_interrupt


def queue_not_joined_at_exit():
    """A queue for doit's workers that this process does not wait on when it exits. The feeder
    thread of a multiprocessing queue, interrupted at the wrong moment, never hears that the queue
    closed, and joining it at exit hangs the build for ever (once in about a hundred interrupts).
    Nothing is lost by not waiting: by then doit has stopped its workers."""
    queue = multiprocessing.Queue()
    queue.cancel_join_thread()  # this process only: a forked worker's copy starts afresh
    return queue


def one_line_for_an_interrupt(kind, value, traceback):
    if issubclass(kind, KeyboardInterrupt):
        print(INTERRUPTED, file=sys.stderr, flush=True)
    else:
        sys.__excepthook__(kind, value, traceback)
