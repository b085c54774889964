"""Read the front matter and the series settings once, validate them, merge them.

The result is a plain dict that every edition reads from `metadata.json`.
"""

import os
import re
import sys
from datetime import datetime, timezone

import yaml

from publish.errors import PublishError
from publish.layout import SERIES_SETTINGS

REQUIRED = ("title", "author", "lang", "date")
PAPER_SIZES = ("a4", "letter")
DATE_FORM = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
LANGUAGE_FORM = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


def read_text(path):
    """A source file's text; a file that is not UTF-8 is the author's to fix."""
    try:
        return path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise PublishError("file not found", path) from None
    except UnicodeDecodeError as error:
        line = path.read_bytes()[: error.start].count(b"\n") + 1
        raise PublishError("not valid UTF-8 text; save the file as UTF-8", path, line) from None


def split_front_matter(text, path):
    """The YAML between the opening `---` and the closing `---` or `...`."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        raise PublishError("no front matter: start the file with a line '---', the YAML metadata, then '---'", path, 1)
    for number, line in enumerate(lines[1:], start=2):
        if line.strip() in ("---", "..."):
            return "\n".join(lines[1 : number - 1])
    raise PublishError("the front matter is not closed: add a line '---' after the metadata", path, 1)


def load_yaml(text, path, first_line=1):
    """A YAML mapping; syntax errors point at their line in the file."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + first_line if mark else first_line
        column = mark.column + 1 if mark else None
        problem = getattr(error, "problem", None) or str(error)
        raise PublishError(f"YAML error: {problem}", path, line, column) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise PublishError("expected YAML keys and values (a mapping)", path, first_line)
    return data


def read_front_matter(index):
    return load_yaml(split_front_matter(read_text(index), index), index, first_line=2)


def read_series_settings():
    return load_yaml(read_text(SERIES_SETTINGS), SERIES_SETTINGS)


def text_list(value, key, path):
    """A string or a list of strings, as a list."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return list(value)
    raise PublishError(f"'{key}' must be text or a list of texts", path)


def normalise_author(entry, path):
    """An author as {name, position, affiliation: [lines]}, from text or a mapping."""
    if isinstance(entry, str):
        entry = {"name": entry}
    if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"].strip():
        raise PublishError("each author needs a 'name' (text)", path)
    return {
        "name": entry["name"],
        "position": entry.get("position") or "",
        "affiliation": text_list(entry.get("affiliation"), "affiliation", path),
    }


def validate(merged, path):
    """Check the merged metadata and return it in the plain form the editions use."""
    missing = [key for key in REQUIRED if not merged.get(key)]
    if missing:
        raise PublishError(f"front matter lacks {', '.join(missing)}: add {'them' if len(missing) > 1 else 'it'}", path, 1)
    date = str(merged["date"])
    if not DATE_FORM.match(date):
        raise PublishError(f"date '{date}' is not YYYY, YYYY-MM or YYYY-MM-DD: write only what is known, e.g. '2024'", path)
    lang = str(merged["lang"])
    if not LANGUAGE_FORM.match(lang):
        raise PublishError(f"lang '{lang}' is not a language tag such as 'en' or 'en-GB'", path)
    papersize = str(merged.get("papersize", "a4")).lower()
    if papersize not in PAPER_SIZES:
        raise PublishError(f"papersize '{papersize}' is not one of {', '.join(PAPER_SIZES)}", path)
    authors = merged["author"] if isinstance(merged["author"], list) else [merged["author"]]
    title = str(merged["title"])
    return {
        "title": title,
        "subtitle": str(merged.get("subtitle") or ""),
        "short_title": str(merged.get("short-title") or title),
        "authors": [normalise_author(entry, path) for entry in authors],
        "date": date,
        "year": date[:4],
        "lang": lang,
        "keywords": text_list(merged.get("keywords"), "keywords", path),
        "description": str(merged.get("description") or ""),
        "publisher": str(merged.get("publisher") or ""),
        "license": str(merged.get("license") or ""),
        "url": str(merged.get("url") or ""),
        "doi": str(merged.get("doi") or ""),
        "series": str(merged.get("series") or ""),
        "papersize": papersize,
        "csl": str(merged.get("csl") or ""),
        "bibliography": text_list(merged.get("bibliography"), "bibliography", path),
        "reference_section_title": str(merged.get("reference-section-title") or ""),
    }


def publication_metadata(publication):
    """The series settings overridden by the publication's front matter, validated."""
    merged = {**read_series_settings(), **read_front_matter(publication.index)}
    metadata = validate(merged, publication.index)
    metadata["slug"] = publication.slug
    for key in ("publisher", "series"):
        if not metadata[key]:
            print(f"{SERIES_SETTINGS}: warning: '{key}' is not set; the editions leave it out", file=sys.stderr)
    return metadata


def edition_timestamp(metadata):
    """Seconds since 1970 for dates inside the editions: SOURCE_DATE_EPOCH if set, else the publication date.

    Never the build time, so identical inputs give identical bytes.
    """
    if os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        return int(os.environ["SOURCE_DATE_EPOCH"])
    parts = [int(part) for part in metadata["date"].split("-")] + [1, 1]
    return int(datetime(parts[0], parts[1], parts[2], tzinfo=timezone.utc).timestamp())
