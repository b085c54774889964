"""The preview's builder: one worker process that `doit serve` keeps warm and that rebuilds after
each save, the HTML edition first.

It runs doit in its own process (no fresh interpreter a build), with WeasyPrint, the templates
and the house fonts loaded once. After a save it builds the HTML edition and puts it in the site
(the page can reload), then, unless another save came in meanwhile, the PDF and the DOCX (put in the
site too), then everything else `doit site` makes (the EPUB, the citation files, the index), these
in workers forked from it, which start warm. A publication that fails does not keep the others from
being built. Each phase is reported to the server as {"phase": "page", "print" or "all", "error": text
or "", "took": seconds}.
"""

import contextlib
import importlib
import io
import os
import signal
import time

from publish.caches import forget_before_warm_rebuild
from publish.editions.weasyprint_loading import load_weasyprint
from publish.model.editions import EDITIONS
from publish.tasks import process_count

WARM_MODULES = ("pikepdf", "publish.source.parse", *dict.fromkeys(edition.module for edition in EDITIONS),
                "publish.release.site")
WEB_PAGE = next(edition.task for edition in EDITIONS if edition.web_page)
PREVIEWED = [edition for edition in EDITIONS if edition.previewed and edition.default]
WORKERS = ["--process", str(process_count([]))]
# The web page first, then the editions an author checks next (the PDF, the DOCX), then the rest, these
# two in parallel, in processes forked from this warm one (doit serve itself builds in-process); after
# each of the first two, their files are put in the site the preview serves.
PHASES = (("page", [WEB_PAGE]),
          ("print", [*WORKERS, *(edition.task for edition in PREVIEWED)]),
          ("all", [*WORKERS, "site"]))
SITE_FIRST = {"page": (WEB_PAGE,),
              "print": tuple(artifact.kind for edition in PREVIEWED for artifact in edition.artifacts)}
PHASE_WORDS = {"page": "the web page",  # what the server says each phase rebuilt
               "print": " and ".join(f"the {edition.artifacts[0].label}" for edition in PREVIEWED),
               "all": "the other editions and the site"}


def run_doit(arguments):
    """(exit status, output) of doit run in this process with `arguments`."""
    from doit.doit_cmd import DoitMain

    from publish.paths import CACHE

    report = CACHE / "preview-report.txt"  # doit's reporter writes to a file named on its command line
    report.parent.mkdir(parents=True, exist_ok=True)
    output = io.StringIO()
    with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
        try:
            status = DoitMain().run(["--output-file", str(report), *arguments])
        except SystemExit as stop:  # a mistake in the settings ends doit's reading of the tasks (publish.graph_errors)
            return stop.code, output.getvalue()
    return status, output.getvalue() + report.read_text(encoding="utf-8")


def error_lines(output):
    """The lines of doit's output that say what went wrong."""
    lines = [line for line in output.splitlines() if ": error: " in line or line.startswith("error:")]
    return "\n".join(dict.fromkeys(lines)) or output.strip()[-2000:]  # each once, in order


def copy_into_site(kinds):
    """Each unit's files of `kinds` into the site, so that the page can reload, and link to the PDF and
    the DOCX just built, before the rest is built."""
    from publish.paths import publications
    from publish.release.site import copy_site_files

    for publication in publications():
        copy_site_files(publication, kinds=kinds)


def prime_layout():
    """Lay out one publication's PDF in this process, without writing it: the processes that later
    builds fork start with the house fonts, the hyphenation patterns and WeasyPrint's caches loaded
    (a third less time for their PDFs)."""
    from publish.editions.pdf import VARIANTS, render_pdf
    from publish.paths import publications

    built = [unit for unit in publications() if unit.document.is_file()]
    if built:
        try:
            render_pdf(built[0], VARIANTS["pdf"])
        except Exception:
            pass  # only a head start: the builds themselves report what is wrong


def build_once(connection):
    """Build the phases in order, reporting each; start again from the HTML edition when a newer save
    comes in between phases. Return whether the last phase built without an error."""
    phase, status = 0, 1
    while phase < len(PHASES):
        name, arguments = PHASES[phase]
        forget_before_warm_rebuild()  # what a cache holds of the watched files may have changed
        started = time.perf_counter()
        try:
            status, output = run_doit(arguments)
        except Exception as error:  # the worker must outlive a build that breaks doit itself
            status, output = 1, f"error: the build stopped: {type(error).__name__}: {error}"
        if status == 0 and name in SITE_FIRST:
            copy_into_site(SITE_FIRST[name])
        connection.send({"phase": name, "error": "" if status == 0 else error_lines(output),
                         "took": time.perf_counter() - started})
        phase = 0 if drain(connection) else phase + 1
    return status == 0


def drain(connection):
    """Take every request waiting; whether there was one."""
    waiting = False
    while connection.poll():
        connection.recv()
        waiting = True
    return waiting


def warm_up():
    """Import what the editions use, once: the processes each build forks for them start warm (WeasyPrint
    as the editions load it)."""
    load_weasyprint()
    for module in WARM_MODULES:
        importlib.import_module(module)


def serve_builds(connection):
    """The worker's loop: a build for each request, until the server's end of the pipe closes."""
    os.setpgid(0, 0)  # a process group of its own, with the workers its builds fork: the server ends them all at once
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle: it ends this worker
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the server's handler, inherited by the fork
    warm_up()
    primed = False
    try:
        while True:
            connection.recv()
            drain(connection)
            if build_once(connection) and not primed:
                prime_layout()
                primed = True
    except (EOFError, BrokenPipeError):
        return  # the server has gone
