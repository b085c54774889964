"""Where things are: every path the pipeline uses is built here.

Paths are relative to the project folder (doit runs there) and written with
forward slashes, because doit compares dependencies as strings.
"""

from dataclasses import dataclass
from pathlib import Path

SOURCE = Path("source")
BUILD = Path("build")
TEMPLATES = Path("templates")
STYLES = Path("styles")
SERIES_SETTINGS = SOURCE / "series.yaml"
HOUSE_STYLE = STYLES / "house.toml"
PRINT_CSS = STYLES / "print.css"
WEB_CSS = STYLES / "web.css"
FONTS = STYLES / "fonts"
SHARED_WORK = BUILD / ".work"
REFERENCE_DOCX = SHARED_WORK / "reference.docx"
DOIT_STATE = BUILD / ".doit.sqlite"


@dataclass(frozen=True)
class Publication:
    """One publication: `source/<slug>/index.md` and the files beside it."""

    slug: str

    @property
    def folder(self):
        return SOURCE / self.slug

    @property
    def index(self):
        return self.folder / "index.md"

    @property
    def build_folder(self):
        return BUILD / self.slug

    @property
    def work_folder(self):
        return self.build_folder / ".work"

    @property
    def document(self):
        """The parsed, cited pandoc document every edition reads."""
        return self.work_folder / "document.json"

    @property
    def metadata(self):
        """The validated metadata every edition reads."""
        return self.work_folder / "metadata.json"

    def edition(self, extension, variant=""):
        """build/<slug>/<slug>.<extension>, or <slug>-<variant>.<extension> for a variant."""
        name = f"{self.slug}-{variant}" if variant else self.slug
        return self.build_folder / f"{name}.{extension}"

    def source_files(self):
        """Every file in the publication's folder: text, bibliography, assets."""
        return sorted(p for p in self.folder.rglob("*") if p.is_file() and not p.name.startswith("."))


def publications():
    """Every folder under source/ (but hidden ones), in name order: each is a publication,
    and the checks say so when one lacks its index.md."""
    return [Publication(folder.name) for folder in sorted(SOURCE.iterdir())
            if folder.is_dir() and not folder.name.startswith((".", "_"))]


def as_dep(path):
    """A path as doit should see it: relative, forward slashes."""
    return Path(path).as_posix()
