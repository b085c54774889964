"""Where things are: the one registry of every path the pipeline reads or writes.

A publication unit is a publication in one language: `Publication(slug)` is
the original (`source/<slug>/index.md`), `Publication(slug, "fa")` its
translation (`source/<slug>/index.fa.md`). Every input and output path of a
unit comes from here; an artifact's file name and the task that makes it, from
the table of editions (publish.model.editions).

Paths are relative to the project folder (doit runs there) and written with
forward slashes, because doit compares dependencies as strings.
"""

import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from publish.caches import cached
from publish.errors import PublishError
from publish.model.editions import ARTIFACTS, EDITION_OF, EDITIONS

SOURCE = Path("source")
BUILD = Path("build")
TEMPLATES = Path("templates")
STYLES = Path("styles")
LOCALE = Path("locale")
SERIES_SETTINGS = SOURCE / "series.yaml"
HOUSE_STYLE = STYLES / "house.toml"
BRAND_FILE = Path("_brand.yml")  # the institute's brand (brand.yml), unless series.yaml names another
PRINT_CSS = STYLES / "print.css"
WEB_CSS = STYLES / "web.css"
FONTS = STYLES / "fonts"
SHARED_WORK = BUILD / ".work"
REFERENCE_DOCX = SHARED_WORK / "reference.docx"
CACHE = BUILD / ".cache"
DIST = BUILD / "dist"
SITE = BUILD / "site"
DOIT_STATE = BUILD / ".doit.sqlite"
LOCK_FILE = Path("requirements.lock")

SLUG_FORM = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
PLAIN_PATH = re.compile(r"(?!\.(?:/|$))[^/]+(?:/(?!\.(?:/|$))[^/]+)*")  # as pathlib writes a relative path
TRANSLATION_INDEX = re.compile(r"^index\.([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\.md$")


@dataclass(frozen=True, order=True)
class Publication:
    """One publication unit: `slug`, and `lang` for a translation ("" for the original). Its paths are made
    once, with the unit (a catalogue's task creation made them 300,000 times)."""

    slug: str
    lang: str = ""
    folder: Path = field(init=False, compare=False, repr=False)
    index: Path = field(init=False, compare=False, repr=False)
    build_folder: Path = field(init=False, compare=False, repr=False)
    work_folder: Path = field(init=False, compare=False, repr=False)
    document: Path = field(init=False, compare=False, repr=False)  # the parsed, transformed, cited document
    metadata: Path = field(init=False, compare=False, repr=False)  # validated metadata, the parse's decisions
    sources: Path = field(init=False, compare=False, repr=False)  # the texts the archival PDF carries, as parsed
    references: Path = field(init=False, compare=False, repr=False)  # every entry it may cite, CSL-JSON
    findings: Path = field(init=False, compare=False, repr=False)  # the pre-flight's warnings, for a strict release
    artifacts: dict = field(init=False, compare=False, repr=False)  # {kind: path}, as they are asked for

    def __post_init__(self):
        folder, build_folder = SOURCE / self.slug, BUILD / self.slug
        work_folder = build_folder / ".work" / self.lang if self.lang else build_folder / ".work"
        paths = {"folder": folder, "index": folder / (f"index.{self.lang}.md" if self.lang else "index.md"),
                 "build_folder": build_folder, "work_folder": work_folder, "artifacts": {}}
        paths |= {part: work_folder / f"{part}.json" for part in ("document", "metadata", "sources", "references",
                                                                   "findings")}
        for name, value in paths.items():
            object.__setattr__(self, name, value)  # frozen: set once, here

    @property
    def name(self):
        """The unit's name in task names and file names: 'slug', or 'slug.fa' for a translation."""
        return f"{self.slug}.{self.lang}" if self.lang else self.slug

    @property
    def work_files(self):
        return [self.document, self.metadata, self.sources, self.references, self.findings]

    def artifact_name(self, kind):
        """The file name of one artifact, as the table of editions (publish.model.editions) names it."""
        return ARTIFACTS[kind].file_name(self.slug, self.lang)

    def artifact(self, kind):
        if kind not in self.artifacts:
            self.artifacts[kind] = self.build_folder / self.artifact_name(kind)
        return self.artifacts[kind]

    def task(self, kind):
        """The doit task that makes an artifact kind (or runs a stage) for this unit: 'pdf:<slug>'."""
        basename = EDITION_OF[kind].task if kind in EDITION_OF else kind
        return f"{basename}:{self.name}"

    def kinds_kept_fresh(self):
        """The artifacts plain `doit` keeps fresh for this unit: every edition built by default, and each
        one built on request that is in build/ already (the PDF/A, say)."""
        return [artifact.kind for edition in EDITIONS for artifact in edition.artifacts
                if edition.default or self.artifact(artifact.kind).is_file()]

    def source_files(self):
        """Every file in the publication's folder: texts, bibliographies, assets (shared by its translations)."""
        return sorted(Path(path) for path in files_under(str(self.folder)))

    def reads(self, path):
        """Whether this unit reads the file at `path` (relative to the project): a file of its folder but
        the texts of the other translations (a translation reads the original, whose front matter it
        starts from, and its own text)."""
        path = Path(path)
        if self.folder not in path.parents:
            return False
        other_text = path.parent == self.folder and TRANSLATION_INDEX.match(path.name) and path.name != self.index.name
        return not other_text

    def read_files(self):
        """The files of the folder this unit reads (see `reads`)."""
        return [path for path in self.source_files() if self.reads(path)]


def publication_folders():
    """Every folder under source/ (but hidden ones), in name order: each is a publication,
    and the checks say so when one lacks its index.md."""
    with os.scandir(SOURCE) as entries:  # each entry knows whether it is a folder: no stat for each of a catalogue's
        names = sorted(entry.name for entry in entries if entry.is_dir() and not entry.name.startswith((".", "_")))
    return [SOURCE / name for name in names]


def shard_folders(folders, shard):
    """The folders of shard 'k/n' (the k-th of n, from 1): every n-th folder in name order, so that the
    shards of a CI matrix share the catalogue out, each publication (with its translations) in one."""
    try:
        number, count = (int(part) for part in shard.split("/"))
    except ValueError:
        number, count = 0, 0
    if not 1 <= number <= count:
        raise PublishError(f"PUBLISH_SHARD must be k/n, the k-th of n shards, k from 1 to n (such as 2/4), not "
                           f"{shard!r}: set it so, or unset it to build every publication")
    return folders[number - 1::count]


def publications():
    """Every publication unit: each folder's original, then its translations (index.<lang>.md); only
    those of one shard when PUBLISH_SHARD=k/n is set (a CI matrix job, see README "The series on the web").
    Read again only when a folder of source/ changed (a file added, removed or renamed in it): each kind
    of task asks, and a catalogue's folders were listed ten times over."""
    folders = publication_folders()
    if os.environ.get("PUBLISH_SHARD"):
        folders = shard_folders(folders, os.environ["PUBLISH_SHARD"])
    stamps = tuple((folder.name, os.stat(folder).st_mtime_ns) for folder in folders)
    # a folder changed in the last seconds may change again within the clock's step, its time the same
    recent = time.time_ns() - 2_000_000_000
    fresh = any(changed > recent for _, changed in stamps)
    return list(units_of.__wrapped__(None, stamps) if fresh else units_of(os.getcwd(), stamps))


@cached(survives_warm_rebuild=False, holds="the publications of source/'s folders as they stood")
def units_of(project, stamps):
    """The units of the folders (name, time last changed) of source/ in `project` (the cache's key only)."""
    units = []
    for name, _ in stamps:
        units.append(Publication(name))
        translations = (TRANSLATION_INDEX.match(entry) for entry in sorted(os.listdir(SOURCE / name)))
        units.extend(Publication(name, match.group(1)) for match in translations if match)
    return tuple(units)


def inside(path, folder):
    """Whether `path`, links resolved, lies inside `folder`."""
    return Path(path).resolve().is_relative_to(Path(folder).resolve())


def names_a_file(path):
    """Whether there is a file at `path` (an author's name for one): a name no file can have, too long for the
    file system, is no file, not an OSError (which the build would report as the machine's fault)."""
    try:
        return Path(path).is_file()
    except OSError:
        return False


def files_under(folder):
    """The files under `folder` (a link to a file included, a linked folder not entered: as Path.rglob goes), but
    those whose names start with a dot; by each entry's own type, with no stat for each of a catalogue's files."""
    found = []
    try:
        entries = os.scandir(folder)
    except (FileNotFoundError, NotADirectoryError):  # a folder gone: no files, as rglob found none
        return found
    with entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                found += files_under(entry.path)
            elif entry.is_file() and not entry.name.startswith("."):
                found.append(entry.path)
    return found


def as_dep(path):
    """A path as doit should see it: relative, forward slashes (made from its text: a Path made anew for
    each dependency of each task was a third of a catalogue's task creation)."""
    if isinstance(path, str) and not PLAIN_PATH.fullmatch(path):
        return Path(path).as_posix()  # a name as written ('./a', 'a//b') made plain
    return str(path) if os.sep == "/" else Path(path).as_posix()


def review_checkout(commit):
    """Where `doit review` unpacks and builds an earlier revision, to compare a reviewed DOCX with its edition."""
    return SHARED_WORK / "review" / commit
