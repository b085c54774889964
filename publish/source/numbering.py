"""A series that numbers its publications (`numbering: auto` in source/series.yaml): a publication that
gives no `number` of its own takes the number after the publication before it in order of date (then of
folder name), decided when the publications are read; `doit new` numbers a new one after the highest
of those numbers (publish.author.new)."""

from publish.paths import publications
from publish.source.settings import read_settings, series_settings


def numbers_by_place():
    """[(slug, the number it gives or '', the number its place gives it)] of the series' original
    publications in date order, [] when the series does not number its publications. The place's number
    follows the one before: a whole number given (a series that started before it was built here, at 7)
    is counted on from; any other ('A-1') takes its place's."""
    if str(series_settings()[0].get("numbering") or "").lower() != "auto":
        return []
    dated = []
    for publication in publications():
        if not publication.lang:
            merged = read_settings(publication).merged
            dated.append((str(merged.get("date") or ""), publication.slug, str(merged.get("number") or "")))
    numbered, counter = [], 0
    for _, slug, given in sorted(dated):
        counter = int(given) if given.isdigit() else counter + 1
        numbered.append((slug, given, str(counter)))
    return numbered


def numbers_by_date():
    """{slug: its number} of every original publication that gives none, by its place in date order; {}
    when the series does not number its publications."""
    return {slug: number for slug, given, number in numbers_by_place() if not given}


def next_number():
    """The number after the highest one the series' publications have (given, or by their place), where the
    series numbers its publications; '' otherwise. A number that is not a whole one ('2026/3') is not
    counted on: the author numbers that series by hand."""
    if str(series_settings()[0].get("numbering") or "").lower() != "auto":
        return ""
    numbers = [given or number for _, given, number in numbers_by_place()]
    return str(max([int(number) for number in numbers if number.isdigit()], default=0) + 1)
