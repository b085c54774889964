"""`doit adopt PATH [--slug SLUG]`: a document written elsewhere brought into source/<slug>/.

PATH is a Word draft (publish.author.adopt_docx), a Markdown file (`.md`, `.qmd`, `.Rmd`, `.txt`)
or a folder of chapters, joined in the order the folder itself gives (its `_quarto.yml`, pandoc
defaults file, Makefile or Jekyll navigation: publish.author.chapter_order). The body is copied as
written, never edited; the front matter is the first chapter's (or the folder's metadata file), with
only what this project reads differently brought to its keys (publish.author.adopted_front_matter).
The images and bibliographies the text names are copied beside it, found as the tool it was written
for finds them (beside the folder, or beside the chapter naming them). Every step is printed; the
last lines are what `doit check` says.
"""

import re
import shutil
from pathlib import Path

import yaml

from publish import atomic
from publish.author.adopt_docx import draft_as_markdown, refuse_review_marks
from publish.author.adopted_front_matter import adopted_front_matter, front_matter_files
from publish.author.chapter_order import TEXT_SUFFIXES, Order, chapter_order, metadata_text, split
from publish.author.edition_docx import edition_properties
from publish.author.new import unused_publication
from publish.document import iterate
from publish.errors import PublishError
from publish.options import options_after
from publish.pandoc import read_markdown
from publish.paths import SOURCE
from publish.source.files import read_text

ANOTHER_NAME = "adopt it under another name with --slug"
GENERIC_STEMS = {"index", "paper", "main", "manuscript", "article", "draft", "document", "text", "readme", "_index"}
METADATA_NAMES = ("metadata.yaml", "metadata.yml", "_metadata.yml")


def chapters_of(origin):
    """The Order of the files that make the document (publish.author.chapter_order)."""
    if origin.is_file():
        if origin.suffix.lower() not in TEXT_SUFFIXES:
            raise PublishError(f"{origin}: doit adopt reads a Word draft (.docx), Markdown "
                               f"({', '.join(sorted(TEXT_SUFFIXES))}) or a folder of it")
        return Order([origin], "")
    if not origin.is_dir():
        raise PublishError(f"{origin}: no such file or folder")
    return chapter_order(origin)


def said(order, origin):
    if order.how == "":
        return f"read {origin}"
    names = ", ".join(str(path.relative_to(origin)) for path in order.chapters)
    return f"read {len(order.chapters)} text{'s' * (len(order.chapters) > 1)} of {origin}/ {order.how}: {names}"


def folder_metadata(order, origin):
    """The YAML file holding the publication's metadata when the folder keeps it apart from the text."""
    folders = dict.fromkeys([origin if origin.is_dir() else origin.parent, order.chapters[0].parent])
    named = [order.metadata] + [folder / name for folder in folders for name in METADATA_NAMES]
    return next((path for path in named if path and path.is_file()), None)


def joined(order, origin, steps):
    """(front matter YAML, the file it is in, body) of the chapters: the first one's front matter (or
    the folder's metadata file), and every body, in order, a blank line between."""
    front, front_path, bodies = None, order.chapters[0], []
    for number, path in enumerate(order.chapters):
        own, body = split(read_text(path))
        if own is not None and number == 0:
            front = own
        elif own is not None:
            keys = ", ".join(sorted(str(key) for key in (yaml.safe_load(own) or {}).keys())) or "empty"
            steps.append(f"left out the front matter of {path.name} ({keys}): the first chapter's is the publication's")
        bodies.append(body.strip("\n"))
    metadata = folder_metadata(order, origin)
    if metadata and (front is None or order.metadata):
        front, front_path = metadata_text(metadata), metadata
        steps.append(f"took the front matter from {metadata}")
    return front or "", front_path, "\n\n".join(bodies) + "\n"


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
    named += front_matter_files(front)
    return [name for name in dict.fromkeys(named) if not re.match(r"^[a-z][a-z0-9+.-]*:|^/|^#", name)]


def copy_named(names, origin_folders, target, steps, found_at=None):
    """Each file named copied to the same path beside index.md, from the first of the folders that has
    it (or from where `found_at` says)."""
    for name in names:
        source = (found_at or {}).get(name) or next((folder / name for folder in origin_folders
                                                     if (folder / name).is_file()), None)
        destination = target / name
        if source is None:
            steps.append(f"'{name}' is named but not found at {origin_folders[0] / name}: doit check will report it")
            continue
        if destination.resolve().is_relative_to(target.resolve()):
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination)
            steps.append(f"copied {name}")
        else:
            steps.append(f"'{name}' lies outside the text's folder: copy it beside index.md and name it there")


def adopt(paths=(), slug=""):
    """`doit adopt PATH [--slug SLUG]`."""
    paths, given = options_after(paths, valued={"--slug": "the slug (its folder in source/)"})
    slug = given.get("--slug", slug)
    if len(paths) != 1:
        raise PublishError("give one file or folder: doit adopt path/to/paper.md [--slug my-paper]")
    origin = Path(paths[0]).expanduser()
    if origin.suffix.lower() == ".docx" and origin.is_file():
        return adopt_draft(origin, slug)
    order = chapters_of(origin)
    steps = [said(order, origin)]
    front_text, front_path, body = joined(order, origin, steps)
    text_folder = origin if origin.is_dir() else origin.parent
    front_text, front, moved = adopted_front_matter(front_text, front_path, text_folder, steps, order.given)
    publication = unused_publication(slug or slug_for(origin, front.get("title")), ANOTHER_NAME)

    def write():
        folders = list(dict.fromkeys([text_folder] + [path.parent for path in order.chapters]))
        copy_named(local_paths(body, front), folders, publication.folder, steps, moved)
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
    built_from = edition_properties(origin.read_bytes()).get("Publication")
    if built_from and not slug and (SOURCE / built_from).is_dir():
        raise PublishError(f"this is the DOCX edition of {SOURCE / built_from}/, built here: bring its edits and "
                           f"tracked changes back with doit review {origin}; to start another publication from it, "
                           "adopt it with --slug new-name", origin)
    publication = unused_publication(slug or slug_for(origin, ""), ANOTHER_NAME)
    try:
        refuse_review_marks(origin, steps)
    except PublishError:
        for step in steps:
            print(f"adopt: {step}")
        raise

    def write():
        front_text, body = draft_as_markdown(origin, publication.folder, steps)
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
