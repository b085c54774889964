"""The commands' tasks: what `doit check`, `dist`, `verify`, `serve`, `review`, `adopt` and `new` run. Each runs
when asked (never up to date) and prints what it finds; `dist` alone depends on editions, those it releases.
"""

from publish.clean_actions import said
from publish.model.editions import artifacts
from publish.paths import DIST, publications
from publish.selection import DIST_OPTIONS, is_named, named_on_command_line
from publish.tasks import run_step


def check_task():
    return {
        "actions": [(run_step, ["publish.source.preflight:run_checks", publications()])],
        "params": [{"name": "strict", "long": "strict", "type": bool, "default": False,
                    "help": "fail on warnings too (unresolved links, uncited entries, ...)"}],
        "pos_arg": "slugs",  # doit check SLUG ...: those publications only
        "uptodate": [False],
        "verbosity": 2,
        "doc": "Pre-flight: check front matter, citations, links, images, headings and notes (SLUG ...: only those; "
               "--strict: fail on warnings).",
    }


def dist_task(arguments=()):
    """`doit dist [SLUG ...]`: it builds the released editions of the publications named (every one's when
    none is) and no other's, so that one that does not build holds back no other release."""
    named = named_on_command_line(list(arguments), "dist", **DIST_OPTIONS)
    released = [artifact.kind for artifact in artifacts(released=True)]
    units = [unit for unit in publications() if is_named(unit, named)]
    return {
        "actions": [(run_step, ["publish.release.dist:build_bundles", publications()])],
        "task_dep": list(dict.fromkeys(unit.task(kind) for unit in units for kind in released)),
        "pos_arg": "slugs",  # doit dist SLUG ...: those publications only
        "params": [{"name": "version", "long": "version", "type": str, "default": "",
                    "help": "the release's version (default: the git tag on this commit, else the commit)"},
                   {"name": "allow_uncommitted", "long": "allow-uncommitted", "type": bool, "default": False,
                    "help": "release publications whose inputs are not all committed, saying so in the manifest"}],
        "uptodate": [False],
        "verbosity": 2,
        "clean": [said(f"remove {DIST.as_posix()}/, the releases", run_step, "publish.release.dist:remove_releases")],
        "doc": "Release bundles in build/dist/: editions, citations, DOI deposits, manifest.json, SHA256SUMS, "
               "a .tar.gz (SLUG ...: only those).",
    }


def verify_task():
    return {
        "actions": [(run_step, ["publish.release.verify:verify_build", publications()])],
        "pos_arg": "slugs",  # doit verify SLUG ...: those publications only
        "uptodate": [False],
        "verbosity": 2,
        "doc": "Rebuild every artifact in build/ in a temporary copy and check it matches byte for byte, and name the "
               "files there no task makes (SLUG ...: only those publications').",
    }


def serve_task():
    return {
        "actions": [(run_step, ["publish.author.serve:serve"])],
        # the port as typed: publish.author.preview_address says what is wrong with it in one line
        "params": [{"name": "port", "long": "port", "type": str, "default": "8000", "help": "port to serve on"},
                   {"name": "host", "long": "host", "type": str, "default": "127.0.0.1",
                    "help": "address to serve on (loopback unless you mean otherwise)"}],
        "uptodate": [False],
        "verbosity": 2,
        "doc": "Preview the site (build/site/) at http://127.0.0.1:8000/, rebuilding on every edit and reloading the page.",
        "meta": {"command": True},  # it runs until stopped: its time is no build's (publish.reporter)
    }


def review_task():
    return {
        "actions": [(run_step, ["publish.review.review:review"])],
        "pos_arg": "paths",
        "params": [{"name": "apply", "long": "apply", "type": bool, "default": False,
                    "help": "write the tracked and untracked changes into the source"},
                   {"name": "reviewer", "long": "reviewer", "type": str, "default": "",
                    "help": "only this reviewer's changes (as Word names the author)"}],
        "uptodate": [False],
        "verbosity": 2,
        "doc": "Place a reviewed DOCX's changes and comments in the source: doit review reviewed.docx [--apply].",
    }


def adopt_task():
    return {
        "actions": [(run_step, ["publish.author.adopt:adopt"])],
        "pos_arg": "paths",
        "params": [{"name": "slug", "long": "slug", "type": str, "default": "",
                    "help": "the folder in source/ (default: from the file's or folder's name)"}],
        "uptodate": [False],
        "verbosity": 2,
        "doc": "Bring a document from elsewhere into source/: doit adopt path/to/paper.md (a folder of chapters, a .docx) "
               "[--slug my-paper].",
    }


def new_task():
    return {
        "actions": [(run_step, ["publish.author.new:new_publication"])],
        "params": [{"name": "slug", "long": "slug", "type": str, "default": "", "help": "folder and file name"},
                   {"name": "title", "long": "title", "type": str, "default": "", "help": "the title"},
                   {"name": "lang", "long": "lang", "type": str, "default": "", "help": "a translation's language tag"},
                   {"name": "translation_of", "long": "translation-of", "type": str, "default": "",
                    "help": "the publication a translation is of (its slug)"}],
        "uptodate": [False],
        "verbosity": 2,
        "doc": "Start a publication: doit new --slug my-brief --title \"My brief\"; or a translation of one: "
               "doit new --translation-of my-brief --lang fr.",
    }

