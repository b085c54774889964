"""The task graph: what dodo.py declares, one generator per stage, the editions' from their table
(publish.model.editions).

Task creators look only at file names; the work happens in the actions, which
`run_step` imports by name so that `doit list` stays light. Every path comes
from the registry (publish.paths). A task's dependencies are complete by
construction: its file_dep holds the files its action reads that are the unit's
own (its sources, the parse's outputs), its uptodate one digest of those every
unit's task of the stage reads alike (the templates its template includes, the
styles, fonts, and the package's own modules it imports: publish.shared_inputs),
the versions of every installed tool it uses (found from its imports,
publish.code_deps) and, for an edition, the metadata facts it reads
(publish.model.front_matter).
"""

import functools
import hashlib
import importlib
import inspect
import json
import os
import re

from doit.exceptions import TaskFailed
from doit.tools import config_changed

from publish.caches import cached
from publish.clean_actions import said
from publish.code_deps import code_files, tool_versions
from publish.errors import PublishError
from publish.model.editions import EDITION_OF, EDITIONS
from publish.model.front_matter import facts_read_by
from publish.paths import (
    BRAND_FILE,
    BUILD,
    FONTS,
    HOUSE_STYLE,
    LOCALE,
    REFERENCE_DOCX,
    SERIES_SETTINGS,
    SITE,
    STYLES,
    TEMPLATES,
    WEB_CSS,
    Publication,
    as_dep,
    publications,
)
from publish.shared_inputs import split_shared
from publish.source.numbering import numbers_by_date
from publish.source.revision import source_revisions
from publish.system_check import pango_version

TEMPLATE_REFERENCE = re.compile(r"""{%-?\s*(?:extends|include|import|from)\s+["']([^"']+)["']""")


def process_count(arguments):
    """How many worker processes doit builds with: one a core (up to four); none for `doit serve`
    (doit's own process then runs it), whose server must live in the process a user stops: a worker
    would go on holding the port."""
    return 0 if "serve" in arguments else min(os.cpu_count() or 1, 4)


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


# doit asks inspect.signature of every uptodate check of every task on every run, to learn whether it takes
# (task, values): a tenth of a millisecond each, the largest part of a catalogue's no-op. Said once here.
CHECK_SIGNATURE = inspect.Signature([inspect.Parameter(name, inspect.Parameter.POSITIONAL_OR_KEYWORD)
                                     for name in ("task", "values")])


def config_unchanged(config):
    """doit's config_changed (up to date while `config` is what it was when the task last ran), its
    signature told (CHECK_SIGNATURE)."""
    check = config_changed(config)
    check.__signature__ = CHECK_SIGNATURE
    return check


class PartUnchanged:
    """An uptodate check: the task is up to date while the part of a file its action reads is unchanged.

    Evaluated when the task is about to run (after the parse wrote the metadata), so an edit
    that changes only what a task does not read (the paper size, for the HTML; a box's
    colour, for the parse) does not rebuild it. `part(path)` reads the part, as JSON values.
    """

    __signature__ = CHECK_SIGNATURE

    def __init__(self, name, path, part):
        self.name, self.path, self.part = name, as_dep(path), part

    def __call__(self, task, values):
        try:
            status = os.stat(self.path)
        except FileNotFoundError:
            return False
        # the file as it was when the part was last read (a new file each write: publish.atomic): the part
        # is as it was then, and reading it for each task of a catalogue made a no-op slow
        stamp = [status.st_ino, status.st_mtime_ns, status.st_size]
        if values.get(f"{self.name}-file") == stamp and self.name in values:
            digest = values[self.name]
        else:
            try:
                read = json.dumps(self.part(self.path), sort_keys=True, ensure_ascii=False)
            except FileNotFoundError:
                return False
            digest = hashlib.sha256(read.encode("utf-8")).hexdigest()
        task.value_savers.append(lambda: {self.name: digest, f"{self.name}-file": stamp})  # kept if it runs
        return values.get(self.name) == digest


def metadata_keys(keys):
    return functools.partial(read_metadata_keys, tuple(keys))


def read_metadata_keys(keys, path):
    metadata = json.loads(open(path, encoding="utf-8").read())
    return {key: metadata.get(key) for key in keys}


def markdown_source(path):
    """The Markdown as the parse read it: the first of its sources (an edition that reads it and not the
    bibliographies, which follow it, is not rebuilt for an entry no one cites)."""
    return json.loads(open(path, encoding="utf-8").read())[0]


def box_titles(path):
    """The part of the house style the parse reads: which fenced divs are boxes, and their titles."""
    import tomllib

    with open(path, "rb") as stream:
        return {kind: box.get("title", "") for kind, box in tomllib.load(stream).get("boxes", {}).items()}


@cached(survives_warm_rebuild=True, holds="the installed tools' versions, which serve does not watch")
def stage_tools(module):
    """Versions of every tool whose bytes reach the stage's outputs: installed packages it
    imports (and what they use), and Pango where WeasyPrint lays out pages."""
    versions = tool_versions(module)
    if "weasyprint" in versions:
        versions["pango"] = pango_version()
    return versions


def deps(*groups):
    return sorted({as_dep(path) for group in groups for path in group})


def group(basename, doc):
    """The entry that lets `doit <stage>` run the stage for every publication."""
    return {"basename": basename, "name": None, "doc": doc}


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


def font_files():
    return sorted(FONTS.glob("*.ttf"))


def brand_files():
    """The brand file and the logos and fonts it names, those that are there (publish.brand): read once
    while the tasks are made (it was read again for each of a catalogue's publications), and again when
    the project, the series settings or the brand file is another."""
    stamps = tuple(path.stat().st_mtime_ns if path.is_file() else None for path in (SERIES_SETTINGS, BRAND_FILE))
    return brand_files_of(os.getcwd(), stamps)


@cached(survives_warm_rebuild=False, holds="the brand's files, which series.yaml and the brand file name")
def brand_files_of(project, stamps):
    from publish.brand import read_brand

    brand = read_brand()
    return tuple(path for path in brand.files() if path.is_file()) if brand else ()


def catalogues():
    """The label catalogues (locale/*.po), which the parse (cross-references, boxes) and the editions'
    templates (headings, the colophon's labels) read."""
    return sorted(LOCALE.glob("*.po"))


def parse_tasks():
    yield group("parse", "Read, check and cite each publication once: build/<slug>/.work/.")
    module = "publish.source.preflight"
    found = publications()
    revisions = source_revisions(found)
    numbers = numbers_by_date()
    languages = {}  # each publication's units, which its editions link to
    for unit in found:
        languages.setdefault(unit.slug, []).append(unit.name)
    shared, missing = split_shared(deps([SERIES_SETTINGS], catalogues(), brand_files(), code_files(module)))
    for publication in found:
        revision = revisions[publication]
        yield {
            "basename": "parse",
            "name": publication.name,
            "doc": f"Read, check and cite {publication.index.as_posix()}",
            "actions": [(run_step, [f"{module}:parse_and_report", publication, revision])],
            "file_dep": deps(publication.read_files(), missing,
                             # a translation is compared with what its original's parse recorded
                             [Publication(publication.slug).metadata] if publication.lang else []),
            "targets": deps(publication.work_files),
            "uptodate": [config_unchanged({"revision": revision.revision, "revision_time": revision.time,
                                           "languages": languages[publication.slug],
                                           # its number by date in a series that numbers by date (numbering: auto)
                                           "number": numbers.get(publication.slug, ""),
                                           "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", ""),
                                           "shared inputs": shared, **stage_tools(module)}),
                         PartUnchanged("boxes-read", HOUSE_STYLE, box_titles)],
            "clean": True,
        }


# The shared tasks an edition may need (publish.model.editions, `needs`), by the file each makes.
SHARED_TARGETS = {"docx_reference": REFERENCE_DOCX}


def edition_inputs(edition):
    """The files every unit's task of an edition reads besides the parse's outputs and shared outputs: its
    template and what that includes, its style sheet, the house style with its fonts and label catalogues,
    the package's modules it imports."""
    files = [*(path for template in edition.templates for path in template_deps(template)),
             *([STYLES / edition.stylesheet] if edition.stylesheet else []),
             *([STYLES / edition.masthead] if edition.masthead else []),
             *([HOUSE_STYLE, *font_files(), *catalogues(), *brand_files()] if edition.house_style else [])]
    return deps(files, code_files(edition.module))


def shared_dependencies(edition):
    """(the digest of the files every unit's task of `edition` reads alike, the files it depends on as files:
    the shared outputs, made by their own tasks, and any missing file)."""
    digest, missing = split_shared(edition_inputs(edition))
    return digest, deps(missing, [SHARED_TARGETS[name] for name in edition.needs])


def edition_task(edition, publication, shared):
    """The artifacts an edition's task makes for one publication unit: it reads the parse's outputs the
    table says it reads, and the metadata facts the schema says it reads."""
    outputs = {"document": publication.document, "sources": publication.sources}
    read = [outputs[part] for part in edition.reads if part in outputs]
    targets = [publication.artifact(artifact.kind) for artifact in edition.artifacts]
    return {
        "basename": edition.task,
        "name": publication.name,
        "doc": f"{', '.join(path.name for path in targets)} from {publication.index.as_posix()}",
        "actions": [(run_step, [edition.renderer, publication, *edition.arguments])],
        "file_dep": deps(read, shared[1]),
        "task_dep": [] if read else [publication.task("parse")],
        "targets": deps(targets),
        "uptodate": [PartUnchanged("metadata-read", publication.metadata, metadata_keys(facts_read_by(edition.task))),
                     *([PartUnchanged("markdown-read", publication.sources, markdown_source)]
                       if "markdown" in edition.reads else []),
                     config_unchanged({"shared inputs": shared[0], **stage_tools(edition.module)})],
        "clean": True,
    }


def edition_tasks():
    """Every edition of the table (publish.model.editions), a group of tasks each: `doit pdf` runs it for
    every publication, `doit pdf:<slug>` for one."""
    units = publications()
    for edition in EDITIONS:
        yield group(edition.task, edition.doc)
        shared = shared_dependencies(edition)
        for publication in units:
            yield edition_task(edition, publication, shared)


def docx_reference_task():
    module = "publish.editions.docx_reference"
    return {
        "actions": [(run_step, [f"{module}:build_reference_docx"])],
        "file_dep": deps([HOUSE_STYLE, *brand_files()], code_files(module)),
        "targets": deps([REFERENCE_DOCX]),
        "uptodate": [config_unchanged(stage_tools(module))],
        "doc": "Generate the DOCX reference styles from the house style.",
        "clean": True,
    }


def site_tasks():
    """`doit site`: each unit's files copied into its publication's folder of the site, and the index."""
    module = "publish.release.site"
    yield {"basename": "site", "name": None, "task_dep": ["site_index"],
           # the whole folder, author pages too, which no task names as its target (doit clean, doit clean site)
           "clean": [said(f"remove {SITE.as_posix()}/", run_step, f"{module}:remove_site")],
           "doc": "Assemble the series' website in build/site/: an index, a folder a publication, a feed, a sitemap."}
    for publication in publications():
        kinds = publication.kinds_kept_fresh()
        yield {
            "basename": "site",
            "name": publication.name,
            "doc": f"{publication.name}'s editions in build/site/{publication.slug}/",
            "actions": [(run_step, [f"{module}:copy_site_files", publication])],
            "file_dep": deps([publication.artifact(kind) for kind in kinds]),
            # as text: a Path made for each of them was a third of the site's share of a catalogue's task creation
            "targets": deps([f"{SITE.as_posix()}/{publication.slug}/{name}" for name in
                             [*map(publication.artifact_name, kinds), *([] if publication.lang else ["index.html"])]]),
            "clean": True,
        }


def site_index_task():
    module = "publish.release.site"
    originals = [unit for unit in publications() if not unit.lang]
    listed = [PartUnchanged(f"listed-{unit.name}", unit.metadata, metadata_keys(facts_read_by("site"))) for unit in publications()]
    return {
        "actions": [(run_step, [f"{module}:build_site_index"])],
        "task_dep": [edition.task for edition in EDITIONS if edition.default],
        "file_dep": deps(template_deps("site/index.html.j2"), template_deps("site/author.html.j2"),
                         template_deps("site/404.html.j2"), [WEB_CSS, HOUSE_STYLE, SERIES_SETTINGS], font_files(),
                         brand_files(),  # its colours and fonts are the brand's, as the editions' are
                         catalogues(), code_files(module)),
        "targets": deps([SITE / name for name in ("index.html", "feed.xml", "sitemap.xml", "robots.txt", "404.html")]),
        # the publications' listed metadata, not their text: an edited paragraph does not rebuild the index
        # every unit, translations too: the index removes a deleted one's editions from the site
        "uptodate": [*listed, config_unchanged({"publications": [unit.name for unit in originals],
                                               "units": [unit.name for unit in publications()], **stage_tools(module)})],
        "clean": True,
        "doc": "The site's index, author pages, Atom feed, sitemap, robots.txt and 404 page, from the publications' metadata.",
    }


def default_tasks(arguments=()):
    """What plain `doit` builds: every edition built by default, and each edition built on request of a
    publication that has it already (so it never goes stale). `doit clean` (`arguments`: doit's command
    line) cleans the same and the site, which `doit site` and `doit serve` make from them."""
    names = [edition.task for edition in EDITIONS if edition.default]
    if BUILD.is_dir():
        names += [unit.task(kind) for unit in publications() for kind in unit.kinds_kept_fresh()
                  if not EDITION_OF[kind].default]
    if list(arguments[:1]) == ["clean"]:
        names.append("site")
    return list(dict.fromkeys(names))
