"""Read the front matter and the series settings once, validate them, merge them.

The result is a plain dict that every edition reads from `metadata.json`.
"""

import os
import re
from dataclasses import dataclass
from datetime import datetime, timezone

import yaml

from publish.errors import PublishError
from publish.paths import SERIES_SETTINGS, Publication, publications
from publish.source.files import read_text

REQUIRED = ("title", "author", "lang", "date")
# Languages written right to left (their base tags): Arabic, Persian and Dari, Pashto, Urdu, Sindhi,
# Uyghur, Central Kurdish, Hebrew, Yiddish, Dhivehi, Syriac.
RIGHT_TO_LEFT = {"ar", "fa", "prs", "ps", "pbu", "pbt", "ur", "sd", "ug", "ckb", "he", "yi", "dv", "syr"}
DATE_WORDS = ("today", "last-modified")  # Quarto's: the date of the source's last commit, here
PAPER_SIZES = ("a4", "letter")
DEFAULT_CITE_STYLES = ["apa", "harvard-cite-them-right"]
# The HTML edition's Content-Security-Policy: no script, nothing from the network.
DEFAULT_HTML_POLICY = ("default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:; "
                       "base-uri 'none'; form-action 'none'")
DATE_FORM = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
LANGUAGE_FORM = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
TOP_LEVEL_KEY = re.compile(r"^([A-Za-z][\w-]*)\s*:")


def split_front_matter(text, path):
    """The YAML between the opening `---` and the closing `---` or `...`."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        raise PublishError("no front matter: start the file with a line '---', the YAML metadata, then '---'", path, 1)
    for number, line in enumerate(lines[1:], start=2):
        if line.strip() in ("---", "..."):
            return "\n".join(lines[1 : number - 1])
    raise PublishError("the front matter is not closed: add a line '---' after the metadata", path, 1)


def yaml_hint(problem, text, mark):
    """What to do about a YAML mistake an author makes often."""
    line = text.splitlines()[mark.line] if mark and mark.line < len(text.splitlines()) else ""
    if "\t" in problem or line[:len(line) - len(line.lstrip())].count("\t"):
        return ": indent with spaces, not tabs"
    if "mapping values are not allowed" in problem:
        key = line.split(":", 1)[0].strip()
        return f": a value with a colon in it needs quotes, as in {key}: \"{line.split(':', 1)[1].strip()}\""
    if "found undefined alias" in problem or "expected alphabetic or numeric character" in problem:
        return ": a value that starts with * or & needs quotes"
    return ""


def load_yaml(text, path, first_line=1):
    """A YAML mapping; syntax errors point at their line in the file."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + first_line if mark else first_line
        column = mark.column + 1 if mark else None
        problem = getattr(error, "problem", None) or str(error)
        raise PublishError(f"YAML error: {problem}{yaml_hint(problem, text, mark)}", path, line, column) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise PublishError("expected YAML keys and values (a mapping)", path, first_line)
    return data


def text_list(value, key, where):
    """A string or a list of strings, as a list."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return list(value)
    raise PublishError(f"'{key}' must be text or a list of texts", *where(key))


ORCID_FORM = re.compile(r"^(?:https?://orcid\.org/)?(\d{4}-\d{4}-\d{4}-\d{3}[\dX])$")


def orcid_check_digit(digits):
    """The check digit of an ORCID iD's first fifteen digits (ISO 7064 11,2)."""
    total = 0
    for digit in digits:
        total = (total + int(digit)) * 2
    result = (12 - total % 11) % 11
    return "X" if result == 10 else str(result)


def orcid_problem(value):
    """What is wrong with an ORCID iD as written, or None."""
    match = ORCID_FORM.match(str(value).strip())
    if not match:
        return f"orcid '{value}' is not an ORCID iD: write its sixteen digits as 0000-0002-1825-0097"
    digits = match.group(1).replace("-", "")
    if orcid_check_digit(digits[:15]) != digits[15]:
        return f"orcid '{value}' is not a valid ORCID iD (its check digit does not match): copy it again from orcid.org"
    return None


def author_name(entry):
    """An author's name: text, or Quarto's {given, family} (or {literal})."""
    name = entry.get("name")
    if isinstance(name, dict):
        name = name.get("literal") or " ".join(str(name[part]) for part in ("given", "family") if name.get(part))
    return name


def author_affiliations(entry, affiliations, where):
    """An author's affiliations as lines of text, from any of the shapes authors write: text, a list
    of texts, Quarto's objects ({name} or {ref: id}), or JOSS's numbers ('1, 2') of the front
    matter's `affiliations` list."""
    value = entry.get("affiliation", entry.get("affiliations"))
    if value is None:
        return []
    values = value if isinstance(value, list) else [value]
    lines = []
    for item in values:
        if isinstance(item, dict):
            reference = item.get("ref", item.get("id"))
            line = item.get("name") or affiliations.get(str(reference), "")
            lines.append(line)
        elif isinstance(item, int) or (isinstance(item, str) and item.replace(",", " ").split() and
                                       all(part.isdigit() for part in item.replace(",", " ").split())):
            lines += [affiliations.get(part, "") for part in str(item).replace(",", " ").split()]
        elif isinstance(item, str):
            lines.append(affiliations.get(item, item))
        else:
            raise PublishError("an author's affiliation must be text, a list, or {name: ...}", *where("author"))
    return [line for line in lines if line]


def shared_affiliation_names(merged):
    """{id or index: name} of the front matter's own `affiliations` list (Quarto, JOSS)."""
    names = {}
    for number, item in enumerate(merged.get("affiliations") or [], start=1):
        if isinstance(item, dict) and item.get("name"):
            for key in (item.get("id"), item.get("index"), number):
                if key is not None:
                    names.setdefault(str(key), str(item["name"]))
    return names


def normalise_author(entry, where, affiliations=None):
    """An author as {name, position, affiliation: [lines], orcid, email, url}, from text or a mapping
    (the bio, Markdown, is read from pandoc's parse of the front matter by the parse stage)."""
    if isinstance(entry, str):
        entry = {"name": entry}
    if not isinstance(entry, dict) or not isinstance(author_name(entry), str) or not author_name(entry).strip():
        raise PublishError("each author needs a 'name' (text)", *where("author"))
    orcid = str(entry.get("orcid") or "").strip()
    if orcid and (problem := orcid_problem(orcid)):
        raise PublishError(problem, *where("author"))
    return {
        "name": author_name(entry),
        "position": entry.get("position") or entry.get("role") or "",
        "affiliation": author_affiliations(entry, affiliations or {}, where),
        "orcid": ORCID_FORM.match(orcid).group(1) if orcid else "",
        "email": str(entry.get("email") or "").strip(),
        "url": str(entry.get("url") or "").strip(),
    }


def long_date(date, lang):
    """A full date as the language writes it ('March 15, 2026' in English, '15 mars 2026' in French);
    a year, or a year and a month, as given."""
    if len(date) != 10:
        return date
    from babel.core import UnknownLocaleError
    from babel.dates import format_date

    try:
        return format_date(datetime.strptime(date, "%Y-%m-%d").date(), format="long", locale=lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return date


def shared_affiliations(authors):
    """Every affiliation once, in order, and each author's numbers in that list (for a title block that
    names an institution once however many of its authors there are)."""
    affiliations = []
    for author in authors:
        for line in author["affiliation"]:
            if line not in affiliations:
                affiliations.append(line)
    for author in authors:
        author["affiliation_numbers"] = [affiliations.index(line) + 1 for line in author["affiliation"]]
    return affiliations


def problems(merged, where):
    """Every problem of the merged metadata, as PublishErrors pointing at the key's line."""
    found = [PublishError(f"'{key}' is missing: add it to the front matter", *where(key))
             for key in REQUIRED if not merged.get(key) and not (key == "author" and merged.get("authors"))]
    date, lang = str(merged.get("date") or ""), str(merged.get("lang") or "")
    if date and not DATE_FORM.match(date) and date not in DATE_WORDS:
        found.append(PublishError(f"date '{date}' is not YYYY, YYYY-MM or YYYY-MM-DD: write only what is known, e.g. '2024'", *where("date")))
    if lang and not LANGUAGE_FORM.match(lang):
        found.append(PublishError(f"lang '{lang}' is not a language tag such as 'en' or 'en-GB'", *where("lang")))
    papersize = str(merged.get("papersize", "a4")).lower()
    if papersize not in PAPER_SIZES:
        found.append(PublishError(f"papersize '{papersize}' is not one of {', '.join(PAPER_SIZES)}", *where("papersize")))
    return found


def validate(merged, where):
    """Check the merged metadata and return it in the plain form the editions use.

    `where(key)` gives the (file, line) a key comes from, for the error messages.
    """
    found = problems(merged, where)
    if found:
        raise found[0]
    return normalised(merged, where)


def normalised(merged, where):
    """The merged metadata, which `problems` found nothing wrong with, in the plain form the editions use;
    a value of the wrong shape (an author without a name) raises a PublishError at its key."""
    authors = merged.get("author") or merged.get("authors")
    authors = authors if isinstance(authors, list) else [authors]
    title, date = str(merged["title"]), str(merged["date"])
    authors = [normalise_author(entry, where, shared_affiliation_names(merged)) for entry in authors]
    return {
        "title": title,
        "subtitle": str(merged.get("subtitle") or ""),
        "short_title": str(merged.get("short-title") or title),
        "authors": authors,
        "affiliations": shared_affiliations(authors),
        "date": date,
        "date_display": long_date(date, str(merged["lang"])),
        "year": date[:4],
        "lang": str(merged["lang"]),
        "keywords": text_list(merged.get("keywords"), "keywords", where),
        "description": str(merged.get("description") or ""),
        "publisher": str(merged.get("publisher") or ""),
        "license": str(merged.get("license") or ""),
        "url": str(merged.get("url") or ""),
        "site_url": str(merged.get("site-url") or ""),
        "doi": str(merged.get("doi") or ""),
        "series": str(merged.get("series") or ""),
        "papersize": str(merged.get("papersize", "a4")).lower(),
        "csl": str(merged.get("csl") or ""),
        "bibliography": text_list(merged.get("bibliography"), "bibliography", where),
        "reference_section_title": in_language(merged.get("reference-section-title"), str(merged["lang"])),
        "dir": direction(merged),
        "translators": [str(name) for name in text_list(merged.get("translator"), "translator", where)],
        "html_policy": str(merged.get("html-content-security-policy") or DEFAULT_HTML_POLICY),
        "release_requires_strict_check": bool(merged.get("release-requires-strict-check", False)),
        "how_to_cite_styles": text_list(merged.get("how-to-cite-styles", DEFAULT_CITE_STYLES), "how-to-cite-styles", where),
        "abstract_title": str(merged.get("abstract-title") or "Summary"),
    }


def key_lines(text, first_line):
    """The line of each top-level key in YAML text that starts at `first_line`."""
    lines = {}
    for offset, line in enumerate(text.splitlines()):
        match = TOP_LEVEL_KEY.match(line)
        if match:
            lines.setdefault(match.group(1), first_line + offset)
    return lines


@dataclass
class Settings:
    """The series settings merged with a publication's front matter (and, for a translation, the
    original's front matter under its own), and where each key was set."""

    merged: dict
    front_matter: dict  # the unit's own front matter
    origins: dict  # key -> (path, line)
    index: object

    def where(self, key):
        return self.origins.get(key, (self.index, 1))


def settings_layer(path, text, first_line):
    """(values, {key: (path, line)}) of one YAML layer."""
    values = load_yaml(text, path, first_line)
    return values, {key: (path, line) for key, line in key_lines(text, first_line).items() if key in values}


def read_settings(publication, text=None):
    """The merged settings of a unit; `text` is its index file's text if already read."""
    series, origins = settings_layer(SERIES_SETTINGS, read_text(SERIES_SETTINGS), 1)
    merged = dict(series)
    layers = [Publication(publication.slug)] if publication.lang else []
    front_matter = {}
    for unit in [*layers, publication]:
        own_text = text if unit == publication and text is not None else read_text(unit.index)
        front_matter, where = settings_layer(unit.index, split_front_matter(own_text, unit.index), 2)
        merged.update(front_matter)
        origins.update(where)
    return Settings(merged, front_matter, origins, publication.index)


def metadata_from(settings, publication):
    """The metadata of a unit, from settings in which `problems` found nothing wrong; a date
    written as 'today' or 'last-modified' is the day of the publication's last change."""
    merged = settings.merged
    if str(merged.get("date")) in DATE_WORDS:
        merged = {**merged, "date": resolved_date(publication)[0]}
    metadata = normalised(merged, settings.where)
    metadata["slug"] = publication.slug
    metadata["publication"] = publication.name  # the unit, which a reviewed DOCX names (doit review)
    metadata["languages"] = languages(publication, metadata["lang"])
    if not metadata["url"] and metadata["site_url"]:  # its address on the series' site (doit site)
        metadata["url"] = f"{metadata['site_url'].rstrip('/')}/{publication.slug}/"
    return metadata


def direction(merged):
    """'rtl' or 'ltr': the front matter's `dir`, else the direction of the language's script."""
    if str(merged.get("dir") or "").lower() in ("rtl", "ltr"):
        return str(merged["dir"]).lower()
    return "rtl" if str(merged["lang"]).split("-")[0].lower() in RIGHT_TO_LEFT else "ltr"


def in_language(value, lang):
    """A label the series settings set: one value (English, translated by the catalogue when it has it),
    or one per language ({en: Bibliography, fr: Bibliographie}), the closest tag winning."""
    from publish.labels import Labels

    if isinstance(value, dict):
        parts = lang.split("-")
        for size in range(len(parts), 0, -1):
            if "-".join(parts[:size]) in value:
                return str(value["-".join(parts[:size])])
        value = value.get("en", "")
    return Labels(lang).word(str(value)) if value else ""


def languages(publication, lang):
    """The publication in each of its languages, the original first: [{lang, name, html, current, original}],
    for the language switcher, the alternate links and the colophon."""
    from publish.labels import language_name

    units = [unit for unit in publications() if unit.slug == publication.slug]
    found = []
    for unit in units:
        tag = lang if unit == publication else unit.lang or str(read_settings(unit).merged.get("lang") or "")
        found.append({"lang": tag, "name": language_name(tag), "html": unit.artifact_name("html"),
                      "current": unit == publication, "original": not unit.lang})
    return found


def resolved_date(publication):
    """(YYYY-MM-DD, how it is known: see publish.source.revision.last_change) of the unit's last change."""
    from publish.source.revision import last_change

    moment, known_from = last_change(publication.folder)
    return datetime.fromtimestamp(moment, timezone.utc).strftime("%Y-%m-%d"), known_from


def series_findings():
    """What the series settings leave unknown: the editions omit it until it is filled in."""
    from publish.findings import Finding

    text = read_text(SERIES_SETTINGS)
    series = load_yaml(text, SERIES_SETTINGS)
    lines = key_lines(text, 1)
    return [Finding(str(SERIES_SETTINGS), lines.get(key, 1), 1, "warning",
                    f"'{key}' is empty: the editions leave the {label} out until it is filled in")
            for key, label in (("publisher", "publisher"), ("series", "series name")) if not series.get(key)] + (
        [] if series.get("site-url") else
        [Finding(str(SERIES_SETTINGS), lines.get("site-url", 1), 1, "warning",
                 "'site-url' is not set: the site (doit site) and the editions link to each other by relative "
                 "addresses, and citation_pdf_url, the feed and the sitemap are not absolute as Google Scholar "
                 "and feed readers want them")])


def date_timestamp(date):
    """The start of a YYYY, YYYY-MM or YYYY-MM-DD date, in seconds since 1970 (UTC)."""
    parts = [int(part) for part in date.split("-")] + [1, 1]
    return int(datetime(parts[0], parts[1], parts[2], tzinfo=timezone.utc).timestamp())


def w3c_time(timestamp):
    """A moment as W3C-DTF in UTC: '2024-06-01T12:00:00Z'."""
    return datetime.fromtimestamp(timestamp, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def edition_timestamp(metadata, commit_time=None):
    """The one moment recorded inside the editions' files (zip entry times, modification dates):
    SOURCE_DATE_EPOCH if set, else the time of the last commit of the inputs, else the
    publication's date. Never the build time, so identical inputs give identical bytes.
    """
    if os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        return int(os.environ["SOURCE_DATE_EPOCH"])
    return commit_time if commit_time is not None else date_timestamp(metadata["date"])
