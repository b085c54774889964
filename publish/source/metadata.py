"""The metadata of a publication unit, decided once from its settings by the schema
(publish.model.front_matter): each key's value normalised, the facts derived from them, and the
problems that stop the build, each at the line where its key was set.
"""

import os
from datetime import datetime, timezone

from publish.findings import Finding
from publish.model import front_matter, publication
from publish.model.authors import shared_affiliations
from publish.model.front_matter import KEYS
from publish.model.licences import licence_facts
from publish.model.values import DATE_WORDS
from publish.paths import SERIES_SETTINGS, publications
from publish.source.numbering import numbers_by_date
from publish.source.settings import read_settings, series_settings


def raw_value(merged, key):
    """A key's value as YAML read it (under its name or an alias), or its default when it is not set."""
    value = next((merged[name] for name in (key.name, *key.aliases) if merged.get(name) not in (None, "")), None)
    return front_matter.default_of(key.name) if value is None else value


def problems(merged, where):
    """Every problem of the merged settings, as PublishErrors pointing at the key's line: a required key
    missing, a value the schema's check refuses (a date, a language tag, a paper size), or one its
    normaliser cannot read (an author without a name, an ORCID iD that is not one). All of them at once,
    each key read alone, so that an author sees every one in one run."""
    from publish.errors import PublishError

    found = []
    for key in KEYS:
        value = raw_value(merged, key)
        if key.required and not value:
            found.append(PublishError(f"'{key.name}' is missing: add it to the front matter", *where(key.name)))
        elif key.problem and value not in (None, "") and (problem := key.problem(str(value), key.name)):
            found.append(PublishError(problem, *where(key.name)))
        elif key.normalise is not None:
            try:
                key.normalise(value, merged, where, key.name)
            except PublishError as error:
                found.append(error)
    return found


def normalised_value(merged, where, key):
    """One key's value as the schema normalises it."""
    return key.normalise(raw_value(merged, key), merged, where, key.name)


def normalised(merged, where):
    """{name: value} of every key the schema normalises, in which `problems` found nothing wrong: under its
    fact's name when later stages read it, else under its own (csl, how-to-cite-styles...), for the parse."""
    return {key.fact or key.name.replace("-", "_"): normalised_value(merged, where, key)
            for key in KEYS if key.normalise is not None}


def validated(merged, where):
    """The values of the merged settings, and the facts derived from them alone; the first problem
    `problems` finds is raised instead."""
    found = problems(merged, where)
    if found:
        raise found[0]
    values = normalised(merged, where)
    values["short_title"] = values["short_title"] or values["title"]
    date = values["date"]
    values.update({
        "full_title": publication.full_title(values["title"], values["subtitle"]),
        "affiliations": shared_affiliations(values["authors"]),
        "date_display": publication.long_date(date, values["lang"]),
        "year": date[:4],
        "published": publication.w3c_time(publication.date_timestamp(date)),
        "running_authors": publication.running_authors(values["authors"], values["lang"]),
        "copyright_holder": values["copyright_holder"] or values["publisher"],
        **licence_facts(values["license"]),
    })
    return values


def metadata_from(settings, unit, day_of_last_change=None):
    """The unit's values and the facts derived from them (publish.model.front_matter.FACTS); a date written
    as 'today' or 'last-modified' is `day_of_last_change`, the day of the publication's last change
    (resolved_date), read here if not given."""
    merged = settings.merged
    if str(merged.get("date")) in DATE_WORDS:
        merged = {**merged, "date": day_of_last_change or resolved_date(unit)[0]}
    metadata = validated(merged, settings.where)
    if not metadata["number"]:  # a series that numbers its publications by date (numbering: auto)
        metadata["number"] = numbers_by_date().get(unit.slug, "")
    if not metadata["url"] and metadata["site_url"]:  # its address on the series' site (doit site)
        metadata["url"] = f"{metadata['site_url'].rstrip('/')}/{unit.slug}/"
    metadata.update({
        "slug": unit.slug,
        "publication": unit.name,  # the unit, which a reviewed DOCX names (doit review)
        "languages": languages(unit, metadata["lang"]),
        "citation_item": publication.publication_item(metadata),
    })
    return metadata


def languages(unit, lang):
    """The publication in each of its languages, the original first: [{lang, name, html, current, original}],
    for the language switcher, the alternate links and the colophon."""
    from publish.labels import language_name

    found = []
    for other in (candidate for candidate in publications() if candidate.slug == unit.slug):
        tag = lang if other == unit else other.lang or str(read_settings(other).merged.get("lang") or "")
        found.append({"lang": tag, "name": language_name(tag), "html": other.artifact_name("html"),
                      "current": other == unit, "original": not other.lang})
    return found


def resolved_date(unit):
    """(YYYY-MM-DD, how it is known: see publish.source.revision.last_change) of the unit's last change."""
    from publish.source.revision import last_change

    moment, known_from = last_change(unit.folder)
    return datetime.fromtimestamp(moment, timezone.utc).strftime("%Y-%m-%d"), known_from


def series_findings():
    """What the series settings leave unknown (the schema's reminders): the editions omit it until it is filled in."""
    series, origins = series_settings()
    if "series.missing" in (series.get("quiet") or []):
        return []
    return [Finding(str(SERIES_SETTINGS), origins.get(key.name, (SERIES_SETTINGS, 1))[1], 1, "series.missing",
                    f"'{key.name}' {key.reminder}") for key in KEYS if key.reminder and not series.get(key.name)]


def edition_timestamp(date, commit_time=None):
    """The one moment recorded inside the editions' files (zip entry times, modification dates):
    SOURCE_DATE_EPOCH if set, else the time of the last commit of the inputs, else the
    publication's date. Never the build time, so identical inputs give identical bytes.
    """
    if os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        return int(os.environ["SOURCE_DATE_EPOCH"])
    return commit_time if commit_time is not None else publication.date_timestamp(date)
