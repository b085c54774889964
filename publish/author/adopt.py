"""`doit adopt PATH [--slug SLUG]`: a document written elsewhere brought into source/<slug>/.

PATH is a Word draft (publish.author.adopt_docx), a Markdown file (`.md`, `.qmd`, `.Rmd`, `.txt`)
or a folder of chapters, joined in the
order the folder's `_quarto.yml` gives (a Quarto book's `chapters`, or `render`), else in the order
of their file names. The body is copied as written, never edited; the front matter is the first
chapter's (or the folder's `metadata.yaml`), with only what this project reads differently brought
to its keys (publish.author.adopted_front_matter). The images and bibliographies the text names are
copied beside it. Every step is printed; the last lines are what `doit check` says.
"""

import re
import shutil
from pathlib import Path

import yaml

from publish import atomic
from publish.author.adopt_docx import draft_as_markdown, refuse_review_marks
from publish.author.adopted_front_matter import adopted_front_matter, document_language
from publish.author.new import unused_publication
from publish.document import iterate
from publish.errors import PublishError
from publish.options import options_after
from publish.pandoc import read_markdown
from publish.source.files import read_text

TEXT_SUFFIXES = {".md", ".markdown", ".qmd", ".rmd", ".txt"}
NOT_CHAPTERS = {"readme", "license", "licence", "changelog", "contributing", "code_of_conduct", "citation"}
ANOTHER_NAME = "adopt it under another name with --slug"
GENERIC_STEMS = {"index", "paper", "main", "manuscript", "article", "draft", "document", "text", "readme", "_index"}
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)


def natural_key(path):
    return [int(part) if part.isdigit() else part.lower() for part in re.split(r"(\d+)", path.name)]


def quarto_order(folder):
    """The chapters a folder's _quarto.yml lists (a book's, parts' included, or the files it renders)."""
    config = folder / "_quarto.yml"
    if not config.is_file():
        return None
    try:
        settings = yaml.safe_load(read_text(config)) or {}
    except yaml.YAMLError as error:
        raise PublishError(f"not valid YAML ({getattr(error, 'problem', error)}): fix it, then adopt again", config) \
            from None
    listed = (settings.get("book") or {}).get("chapters") or (settings.get("project") or {}).get("render") or []
    names = []
    for entry in listed:
        if isinstance(entry, dict):  # a part: {part: "...", chapters: [...]}
            names += [name for name in [entry.get("part")] + list(entry.get("chapters") or []) if isinstance(name, str)]
        elif isinstance(entry, str):
            names.append(entry)
    files = [folder / name for name in names if Path(name).suffix.lower() in TEXT_SUFFIXES]
    return [path for path in files if path.is_file()] or None


def chapters_of(origin):
    """(the files that make the document, in order; how that order was found)."""
    if origin.is_file():
        if origin.suffix.lower() not in TEXT_SUFFIXES:
            raise PublishError(f"{origin}: doit adopt reads a Word draft (.docx), Markdown "
                               f"({', '.join(sorted(TEXT_SUFFIXES))}) or a folder of it")
        return [origin], f"read {origin}"
    if not origin.is_dir():
        raise PublishError(f"{origin}: no such file or folder")
    listed = quarto_order(origin)
    if listed:
        return listed, f"read {len(listed)} chapters of {origin} in the order its _quarto.yml gives"
    texts = sorted((path for path in origin.iterdir() if path.is_file() and path.suffix.lower() in TEXT_SUFFIXES),
                   key=natural_key)
    chapters = [path for path in texts if path.stem.lower() not in NOT_CHAPTERS] or texts
    if not chapters:
        raise PublishError(f"{origin}/ holds no Markdown file to adopt")
    how = "the order of their file names" if len(chapters) > 1 else "its only text"
    return chapters, f"read {', '.join(path.name for path in chapters)} from {origin} ({how})"


def split(text):
    """(the YAML of a leading front matter, or None; the rest, exactly as written)."""
    match = FRONT_MATTER.match(text)
    return (match.group(1) or "", text[match.end():]) if match else (None, text)


def joined(chapters, steps):
    """(front matter YAML, body) of the chapters: the first one's front matter (or the folder's
    metadata.yaml), and every body, in order, a blank line between."""
    front, bodies = None, []
    for number, path in enumerate(chapters):
        own, body = split(read_text(path))
        if own is not None and number == 0:
            front = own
        elif own is not None:
            keys = ", ".join(sorted((yaml.safe_load(own) or {}).keys())) or "empty"
            steps.append(f"left out the front matter of {path.name} ({keys}): the first chapter's is the publication's")
        bodies.append(body.strip("\n"))
    for name in ("metadata.yaml", "metadata.yml", "_metadata.yml"):
        folder_metadata = chapters[0].parent / name
        if front is None and folder_metadata.is_file():
            front = read_text(folder_metadata)
            steps.append(f"took the front matter from {folder_metadata}")
    return front or "", "\n\n".join(bodies) + "\n"


def slug_for(origin, title):
    """The folder name: the file's or folder's name, or the title's words when that name says nothing."""
    for name in (origin.stem if origin.is_file() else origin.name, origin.parent.name if origin.is_file() else ""):
        if name and name.lower() not in GENERIC_STEMS:
            break
    else:
        name = str(title or "")
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:60].strip("-")
    if not slug:
        raise PublishError("no slug can be made from the name or the title: give one with --slug my-paper")
    return slug


def local_paths(body, front):
    """Every local file the text names: its images (from pandoc's parse), bibliographies and style."""
    document = read_markdown(body)
    named = [element["c"][2][0] for element in iterate(document["blocks"]) if element["t"] == "Image"]
    for key in ("bibliography", "csl"):
        value = front.get(key)
        named += [value] if isinstance(value, str) else [item for item in value or [] if isinstance(item, str)]
    return [name for name in dict.fromkeys(named) if not re.match(r"^[a-z][a-z0-9+.-]*:|^/|^#", name)]


def copy_named(names, origin_folder, target, steps):
    for name in names:
        source, destination = origin_folder / name, target / name
        if not source.is_file():
            steps.append(f"'{name}' is named but not found at {source}: doit check will report it")
            continue
        if destination.resolve().is_relative_to(target.resolve()):
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination)
            steps.append(f"copied {name}")
        else:
            steps.append(f"'{name}' lies outside the text's folder: copy it beside index.md and name it there")


def adopt(paths=(), slug=""):
    """`doit adopt PATH [--slug SLUG]`."""
    paths, given = options_after(paths, valued=("--slug",))
    slug = given.get("--slug", slug)
    if len(paths) != 1:
        raise PublishError("give one file or folder: doit adopt path/to/paper.md [--slug my-paper]")
    origin = Path(paths[0]).expanduser()
    if origin.suffix.lower() == ".docx" and origin.is_file():
        return adopt_draft(origin, slug)
    chapters, how = chapters_of(origin)
    steps = [how]
    front_text, body = joined(chapters, steps)
    front_text, front = adopted_front_matter(front_text, chapters[0], steps)
    publication = unused_publication(slug or slug_for(origin, front.get("title")), ANOTHER_NAME)

    def write():
        copy_named(local_paths(body, front), chapters[0].parent, publication.folder, steps)
        atomic.write_text(publication.index, f"---\n{front_text}---\n\n{body}")

    into_new_folder(publication, write)
    steps.append(f"wrote {publication.index}: the text as written, {body.count(chr(10))} lines")
    for step in steps:
        print(f"adopt: {step}")
    report_checks(publication)


def into_new_folder(publication, write):
    """Make the publication's folder and write into it (what `write` returns); a failure leaves no
    half-adopted folder."""
    publication.folder.mkdir(parents=True)
    try:
        return write()
    except BaseException:
        shutil.rmtree(publication.folder)
        raise


def adopt_draft(origin, slug):
    """`doit adopt draft.docx`: the Word draft as Markdown (publish.author.adopt_docx)."""
    steps = [f"read {origin}"]
    publication = unused_publication(slug or slug_for(origin, ""), ANOTHER_NAME)
    try:
        refuse_review_marks(origin, steps)
    except PublishError:
        for step in steps:
            print(f"adopt: {step}")
        raise
    def write():
        front_text, body = draft_as_markdown(origin, publication.folder, document_language({}, []), steps)
        atomic.write_text(publication.index, f"---\n{front_text}---\n\n{body}")
        return body

    body = into_new_folder(publication, write)
    steps.append(f"wrote {publication.index}: the draft's text as pandoc reads it, {body.count(chr(10))} lines")
    for step in steps:
        print(f"adopt: {step}")
    report_checks(publication)


def report_checks(publication):
    """What `doit check` says of the adopted publication; its errors are the author's next steps, so
    adopting has still succeeded."""
    from publish.source.preflight import run_checks

    try:
        run_checks([publication])
    except PublishError as error:
        print(f"adopt: {publication.folder}/ is adopted; doit check says {error.message}: fix what it lists")
