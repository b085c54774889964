"""The shapes a front-matter value may take, each with its normaliser: what the schema
(publish.model.front_matter) names for each key. A normaliser takes the value as YAML gave it
(None when neither the series settings nor the front matter set it), the merged settings and
`where(key)` -> (path, line), and returns the plain value the editions read, or raises a
PublishError at the key's line.
"""

import re

from publish.errors import PublishError

DATE_WORDS = ("today", "last-modified")  # Quarto's: the date of the source's last commit, here
DATE_FORM = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
LANGUAGE_FORM = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
# Languages written right to left (their base tags): Arabic, Persian and Dari, Pashto, Urdu, Sindhi,
# Uyghur, Central Kurdish, Hebrew, Yiddish, Dhivehi, Syriac.
RIGHT_TO_LEFT = {"ar", "fa", "prs", "ps", "pbu", "pbt", "ur", "sd", "ug", "ckb", "he", "yi", "dv", "syr"}


def text(value, merged=None, where=None, key=""):
    """Text: what YAML read, as a string ('' when not set)."""
    return str(value or "")


def texts(value, merged=None, where=None, key=""):
    """A text or a list of texts, as a list."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return list(value)
    raise PublishError(f"'{key}' must be text or a list of texts", *where(key))


def names(value, merged=None, where=None, key=""):
    """A name or a list of names (YAML may read a name as a number), as texts."""
    return [str(name) for name in texts(value, merged, where, key)]


def lowered(value, merged=None, where=None, key=""):
    return str(value).lower()


def boolean(value, merged=None, where=None, key=""):
    return bool(value)


def direction(value, merged, where=None, key=""):
    """'rtl' or 'ltr': as given, else the direction of the language's script."""
    if str(value or "").lower() in ("rtl", "ltr"):
        return str(value).lower()
    return "rtl" if str(merged.get("lang") or "").split("-")[0].lower() in RIGHT_TO_LEFT else "ltr"


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


def label(value, merged, where=None, key=""):
    """A label in the publication's language (see in_language)."""
    return in_language(value, str(merged.get("lang") or ""))  # read with the other keys' problems too


def date_problem(value, key):
    if value not in DATE_WORDS and not DATE_FORM.match(value):
        return f"{key} '{value}' is not YYYY, YYYY-MM or YYYY-MM-DD: write only what is known, e.g. '2024'"
    return None


def language_problem(value, key):
    if not LANGUAGE_FORM.match(value):
        return f"{key} '{value}' is not a language tag such as 'en' or 'en-GB'"
    return None


def one_of(*choices):
    """A check that the value, lower-cased, is one of `choices`."""

    def problem(value, key):
        if value.lower() not in choices:
            return f"{key} '{value.lower()}' is not one of {', '.join(choices)}"
        return None

    return problem


def earlier_editions(value, merged, where=None, key=""):
    """The earlier editions an author lists (`earlier-editions: [{version: "1", date: 2026-03-15, note:
    "..."}]`), each with its date as the language writes it, for the colophon."""
    from publish.model.publication import long_date

    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, dict) and item.get("version") for item in value):
        raise PublishError(f"'{key}' must be a list of {{version, date, note}}", *where(key))
    found = []
    for item in value:
        date = str(item.get("date") or "")
        if date and not DATE_FORM.match(date):
            raise PublishError(f"{key}: date '{date}' is not YYYY, YYYY-MM or YYYY-MM-DD", *where(key))
        found.append({"version": str(item["version"]), "date": date, "note": str(item.get("note") or ""),
                      "date_display": long_date(date, str(merged.get("lang") or "en")) if date else ""})
    return found
