"""A date as people write it, read in the document's language: "6 December 2022", "December 6,
2022", "January 2015", "20. Juli 2025", "8/6/2017" (month first in American English, day first in
British English and most others, as the language's own short date says). The month names and the
short-date order are Babel's (CLDR's); English month names are read in every language, as
authors often write them. What cannot be read is said, never guessed.
"""

import datetime
import re

from babel import Locale, UnknownLocaleError
from babel.dates import parse_date

ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})(?:\.|st|nd|rd|th|er)?\s+([^\W\d_]+)\.?,?\s+(\d{4})$")
MONTH_DAY_YEAR = re.compile(r"^([^\W\d_]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$")
MONTH_YEAR = re.compile(r"^([^\W\d_]+)\.?,?\s+(\d{4})$")
NUMERIC = re.compile(r"^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$")


def locale_of(lang):
    try:
        return Locale.parse((lang or "en").replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def month_numbers(lang):
    """{month name or abbreviation, lower-cased: its number} in the language and in English."""
    names = {}
    for locale in (Locale.parse("en"), locale_of(lang)):
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                names.update({name.lower().rstrip("."): number
                              for number, name in locale.months[context][width].items()})
    return names


def iso(year, month=None, day=None):
    """The date as YYYY[-MM[-DD]], or None when there is no such day (31 February)."""
    try:
        datetime.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None
    parts = [f"{int(year):04d}", *([f"{int(month):02d}"] if month else []), *([f"{int(day):02d}"] if day else [])]
    return "-".join(parts)


def read_date(text, lang="en"):
    """YYYY, YYYY-MM or YYYY-MM-DD for a date as written, or None when it cannot be read for sure."""
    written = " ".join(str(text).split())
    if ISO.match(written):
        return written
    months = month_numbers(lang)
    if match := DAY_MONTH_YEAR.match(written):
        day, month, year = match.groups()
        return iso(year, months[month.lower()], day) if month.lower() in months else None
    if match := MONTH_DAY_YEAR.match(written):
        month, day, year = match.groups()
        return iso(year, months[month.lower()], day) if month.lower() in months else None
    if match := MONTH_YEAR.match(written):
        month, year = match.groups()
        return iso(year, months[month.lower()]) if month.lower() in months else None
    if NUMERIC.match(written):
        try:
            return parse_date(written, locale=locale_of(lang)).isoformat()
        except (ValueError, IndexError):
            return None
    return None
