"""The front matter of an adopted document, brought to what this project reads, each change said
(publish.author.adopt). Only two things are ever changed, each on its own line, the rest of the
author's YAML kept as written (comments, order, keys of other tools, which `doit check` lists):

- a date written as people write it ("6 December 2022", "20. Juli 2025", "8/6/2017") becomes
  YYYY-MM-DD, read in the document's language (publish.author.written_dates), the words as
  written kept in a comment beside it; a date that cannot be read for sure is left and said;
- with no `bibliography`, the one bibliography file beside the text (BibTeX, or CSL-JSON) is named.

What is missing (a language, a title) is said, never made up.
"""

import json
import re
from datetime import date as Date

import yaml

from publish.author.written_dates import read_date
from publish.errors import PublishError
from publish.model.values import DATE_WORDS
from publish.source.settings import series_settings

BIBLIOGRAPHY_SUFFIXES = (".bib", ".bibtex", ".json")


def parsed(front_text, path=None):
    try:
        front = yaml.safe_load(front_text) if front_text.strip() else {}
    except yaml.YAMLError as error:
        raise PublishError(f"its front matter is not valid YAML ({getattr(error, 'problem', error)}): fix it "
                           "where it was written, then adopt it again", path) from None
    if not isinstance(front, dict):
        raise PublishError("its front matter is not YAML keys and values: fix it, then adopt it again", path)
    return front


def document_language(front, steps):
    lang = front.get("lang")
    if lang:
        return str(lang)
    series_lang = series_settings()[0].get("lang")
    if series_lang:
        steps.append(f"no lang in its front matter: the series' ({series_lang}) applies")
        return str(series_lang)
    steps.append("no lang in its front matter or the series: add one (lang: en, say); doit check asks for it")
    return "en"


def with_date(front_text, front, lang, steps):
    """The front matter with a date as people write it made YYYY[-MM[-DD]]."""
    written = front.get("date")
    if written is None or isinstance(written, (Date, int)) or str(written).strip().lower() in DATE_WORDS:
        return front_text
    read = read_date(written, lang)
    line = re.search(r"^date:[ \t]*(.*)$", front_text, re.MULTILINE)
    if read is None or line is None:
        steps.append(f"the date '{written}' cannot be read for sure: write it as YYYY-MM-DD (only what is known)")
        return front_text
    if read == str(written).strip():
        return front_text
    steps.append(f"the date '{written}' is written {read} (read as {lang} writes dates)")
    comment = " ".join(str(written).split()).replace("#", "")
    return f"{front_text[:line.start()]}date: {read}  # as written: {comment}{front_text[line.end():]}"


def is_csl_json(path):
    try:
        items = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError):
        return False
    return isinstance(items, list) and all(isinstance(item, dict) and "id" in item for item in items)


def with_build_options(front_text, front, given, steps):
    """The front matter with what the folder's build gives pandoc on its command line (`given`: a
    Makefile's --bibliography, --csl, --number-sections), each where the front matter says nothing."""
    for key, value in given.items():
        if key not in front:
            steps.append(f"{key}: {json.dumps(value)}, as the folder's build gives it to pandoc")
            front_text = f"{front_text.rstrip(chr(10))}\n{key}: {json.dumps(value)}\n"
    return front_text


def with_bibliography(front_text, front, folder, steps):
    """The front matter naming the one bibliography file beside the text, when it names none."""
    if front.get("bibliography"):
        return front_text
    found = sorted(path.name for path in folder.iterdir() if path.is_file() and path.suffix.lower() in
                   BIBLIOGRAPHY_SUFFIXES and (path.suffix.lower() != ".json" or is_csl_json(path)))
    if len(found) != 1:
        if found:
            steps.append(f"no bibliography named, and {len(found)} beside the text ({', '.join(found)}): name the "
                         "ones it cites with bibliography: [...]")
        return front_text
    steps.append(f"no bibliography named: named {found[0]}, the one beside the text")
    return f"{front_text.rstrip(chr(10))}\nbibliography: {json.dumps(found[0])}\n"


def front_matter_files(front):
    """The files the front matter names, as written: its bibliographies and its citation style."""
    named = []
    for key in ("bibliography", "csl"):
        value = front.get(key)
        named += [value] if isinstance(value, str) else [item for item in value or [] if isinstance(item, str)]
    return named


def files_outside(front, folder):
    """{value as written: the file} of the front matter's bibliographies and style named by a path that
    leaves the text's folder (`../references.bib`), where that file is."""
    outside = {}
    for value in front_matter_files(front):
        path = (folder / value).resolve()
        if not re.match(r"^[a-z][a-z0-9+.-]*:", value) and not path.is_relative_to(folder.resolve()) and path.is_file():
            outside[value] = path
    return outside


def with_files_beside(front_text, front, folder, steps):
    """(the front matter naming each bibliography or style kept outside the text's folder by its own name,
    beside index.md, where adopting copies it; {that name: the file})."""
    moved = {}
    for written, path in files_outside(front, folder).items():
        if path.name in moved:
            steps.append(f"'{written}' has the name of another file named: copy it beside index.md by hand")
            continue
        moved[path.name] = path
        front_text = front_text.replace(written, path.name, 1)
        steps.append(f"'{written}' lies outside the text's folder: copied beside index.md as {path.name}, and "
                     "the front matter names it so")
    return front_text, moved


def adopted_front_matter(front_text, path, folder, steps, given=None):
    """(the front matter's YAML as adopted, its values, {name: file} of the files it names that adopting
    copies from outside the text's folder), as written in `path`, of a text in `folder`; `given`: what
    the folder's build gives pandoc's command line (publish.author.chapter_order)."""
    front = parsed(front_text, path)
    front_text = with_build_options(front_text, front, given or {}, steps)
    front = parsed(front_text, path)
    if not front.get("title"):
        steps.append("no title in its front matter: add one; doit check asks for it")
    lang = document_language(front, steps)
    front_text = with_date(front_text, front, lang, steps)
    front_text = with_bibliography(front_text, front, folder, steps)
    front_text, moved = with_files_beside(front_text, parsed(front_text, path), folder, steps)
    front_text = front_text if front_text.endswith("\n") or not front_text else front_text + "\n"
    return front_text, parsed(front_text), moved
