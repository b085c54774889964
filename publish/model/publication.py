"""The publication as every edition shows it, made once by the parse from the validated front
matter: its full title, its CSL item (what How to cite renders, what the citation files and the
web page's citation metadata say) and its dates in every form the editions need. The editions
read the results from metadata.json; nothing here is decided again by them.
"""

from datetime import datetime, timezone


def full_title(title, subtitle):
    """'Title: Subtitle', or the title alone."""
    return f"{title}: {subtitle}" if subtitle else title


def csl_name(author):
    """A CSL name: the given names, then the family name (the last word); an organisation's as written,
    never inverted ("United Nations General Assembly", not "Assembly, U. N. G.")."""
    if author.get("organization"):
        return {"literal": author["name"]}
    if author.get("family"):
        return {"family": author["family"], "given": author.get("given", "")}
    given, _, family = author["name"].rpartition(" ")
    return {"family": family, "given": given} if given else {"literal": family}


def publication_item(facts):
    """The publication as a CSL-JSON item of type report; only what its facts say."""
    item = {
        "id": "self",
        "type": "report",
        "title": full_title(facts["title"], facts["subtitle"]),
        "author": [csl_name(author) for author in facts["authors"]],
        "issued": {"date-parts": [[int(part) for part in facts["date"].split("-")]]},
    }
    optional = {"publisher": facts["publisher"], "publisher-place": facts["publisher_place"],
                "collection-title": facts["series"], "collection-number": facts["number"], "ISSN": facts["issn"],
                "ISBN": facts["isbn"], "version": facts["version"], "URL": facts["url"], "DOI": facts["doi"]}
    item.update({key: value for key, value in optional.items() if value})
    return item


def date_timestamp(date):
    """The start of a YYYY, YYYY-MM or YYYY-MM-DD date, in seconds since 1970 (UTC)."""
    parts = [int(part) for part in date.split("-")] + [1, 1]
    return int(datetime(parts[0], parts[1], parts[2], tzinfo=timezone.utc).timestamp())


def w3c_time(timestamp):
    """A moment as W3C-DTF in UTC: '2024-06-01T12:00:00Z'."""
    return datetime.fromtimestamp(timestamp, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def long_date(date, lang):
    """A full date as the language writes it ('March 15, 2026' in English, '15 mars 2026' in French);
    a year, or a year and a month, as given."""
    if len(date) != 10:
        return date
    from babel.core import UnknownLocaleError
    from babel.dates import format_date

    from publish.labels import local_digits

    try:
        written = format_date(datetime.strptime(date, "%Y-%m-%d").date(), format="long", locale=lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return date
    return local_digits(written, lang)  # Babel writes the month's name, not the language's digits


def running_authors(authors, lang):
    """The authors as a running head names them: one or two by name, three or more as the first's name
    and "et al." (nine names ran over two lines of the head, into the short title)."""
    from publish.labels import Labels

    names = [author["name"] for author in authors]
    return ", ".join(names) if len(names) <= 2 else f"{names[0]} {Labels(lang).word('et al.')}"
