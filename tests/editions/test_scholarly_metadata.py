"""The dates a web page gives machines (publish.editions.scholarly_metadata): every date of its JSON-LD and
of its citation and Dublin Core meta tags is the front matter's date in ISO 8601 (a year, a year and month,
or a day, as the front matter gives it), in every built web page; never the date as the page prints it
("November 28, 2026"), which no reference manager or search engine reads.

The Highwire Press tags (citation_*) write the ISO 8601 date with slashes, the form Google Scholar's
guidelines give ("2026/11/28"), which the project has always written; the JSON-LD and Dublin Core ones
write it with hyphens."""

import datetime
import json
import re
import subprocess

import lxml.html
import pytest
import yaml

ISO_DATE = re.compile(r"\d{4}(-\d\d(-\d\d)?)?")
DATE_WORDS = ("today", "last-modified")  # the day of the publication folder's last commit
PAGE_NAME = re.compile(r"(?P<slug>[a-z0-9-]+)(\.(?P<lang>[A-Za-z0-9-]+))?\.html")


def web_pages(project):
    """[(slug, lang, path)] of every built web edition of a project: build/<slug>/<slug>[.<lang>].html."""
    found = []
    for path in sorted((project / "build").glob("*/*.html")):
        match = PAGE_NAME.fullmatch(path.name)
        if match and match["slug"] == path.parent.name:
            found.append((match["slug"], match["lang"] or "", path))
    return found


def front_matter(path):
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---", 2)[1]) or {}


def last_commit_day(project, slug):
    seconds = subprocess.run(["git", "log", "-1", "--format=%ct", "--", f"source/{slug}"], cwd=project,
                             capture_output=True, text=True, check=True).stdout.strip()
    return datetime.datetime.fromtimestamp(int(seconds), datetime.timezone.utc).date().isoformat()


def source_date(project, slug, lang):
    """The date the publication's front matter gives (a translation's own, else its original's), in ISO 8601."""
    folder = project / "source" / slug
    given = front_matter(folder / f"index.{lang}.md").get("date") if lang else None
    if given is None:
        given = front_matter(folder / "index.md")["date"]
    if str(given) in DATE_WORDS:
        return last_commit_day(project, slug)
    return given.isoformat() if isinstance(given, datetime.date) else str(given)


def json_ld_dates(page):
    """[(property, value)] of every date property of the page's JSON-LD, at any depth."""
    found = []

    def walk(value):
        if isinstance(value, dict):
            for key, item in value.items():
                if "date" in key.lower():
                    found.append((f"JSON-LD {key}", item))
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for script in page.xpath("//script[@type='application/ld+json']"):
        walk(json.loads(script.text))
    return found


def meta_dates(page):
    """[(name, content)] of every meta tag whose name or property is a date or a time."""
    return [(name, meta.get("content")) for meta in page.xpath("//head/meta")
            for name in [meta.get("name") or meta.get("property") or ""]
            if re.search(r"date|time", name, re.IGNORECASE)]


def is_iso_date(text):
    if not ISO_DATE.fullmatch(text):
        return False
    year, month, day = [int(part) for part in text.split("-")] + [1] * (2 - text.count("-"))
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


def as_iso(name, value):
    """The ISO 8601 text of a date property: a Highwire tag's slashes read as hyphens."""
    return value.replace("/", "-") if name.startswith("citation_") else value


@pytest.fixture(scope="module")
def pages(examples_project, built_project, institute_project):
    """(project, slug, lang, parsed page) of every web edition the shared builds made: the brief (a year), the
    examples (days, one written 'today') and the institute's papers."""
    return [(project, slug, lang, lxml.html.parse(str(path)).getroot())
            for project in (built_project, examples_project, institute_project)
            for slug, lang, path in web_pages(project)]


def test_the_pages_cover_every_precision_of_date(pages):
    """What the property below is checked on: a year, a day, a date written as a word."""
    dates = {source_date(project, slug, lang) for project, slug, lang, _ in pages}
    assert {len(date) for date in dates} >= {4, 10}
    assert any(str(front_matter(project / "source" / slug / "index.md")["date"]) in DATE_WORDS
               for project, slug, _, _ in pages)


def test_every_machine_readable_date_is_the_front_matters_in_iso_8601(pages):
    for project, slug, lang, page in pages:
        expected = source_date(project, slug, lang)
        found = json_ld_dates(page) + meta_dates(page)
        names = {name for name, _ in found}
        assert {"JSON-LD datePublished", "citation_publication_date", "DC.date"} <= names, (slug, names)
        for name, value in found:
            assert isinstance(value, str) and is_iso_date(as_iso(name, value)), f"{slug} {lang}: {name} is {value!r}"
            assert as_iso(name, value) == expected, f"{slug} {lang}: {name} is {value!r}, the front matter {expected}"


def described(**given):
    """Front matter facts as the parse records them, every optional one empty unless given."""
    author = {"name": "Ann Example", "affiliation": [], "orcid": "", "position": "", "url": "", "organization": False}
    metadata = {"full_title": "T: S", "title": "T", "subtitle": "", "authors": [author], "date": "2026-03-15",
                "lang": "en", "keywords": [], "description": "", "summary": "", "publisher": "", "series": "",
                "issn": "", "number": "", "doi": "", "isbn": "", "license": "", "license_url": "", "url": ""}
    for key, value in given.items():
        (author if key in author and key != "url" else metadata)[key] = value  # "url": the publication's
    return metadata


def machine_read(metadata):
    from publish.editions.scholarly_metadata import downloads, highwire_tags, json_ld, open_graph_tags

    links = {artifact.kind: f"https://e.org/x.{artifact.kind}" for artifact in downloads()}
    return json.loads(json_ld(metadata, links)), dict(open_graph_tags(metadata)), highwire_tags(metadata, links)


def test_what_the_front_matter_leaves_out_no_machine_reads_and_what_it_gives_each_reads():
    data, graph, highwire = machine_read(described())
    assert not {"description", "abstract", "identifier", "license"} & data.keys() and "og:description" not in graph
    assert not any(name == "citation_author_orcid" for name, _ in highwire)
    data, graph, highwire = machine_read(described(orcid="0000-0002-1825-0097", summary="What it found.",
                                                   doi="10.1234/x", license="CC BY 4.0", subtitle="S"))
    assert ("citation_author_orcid", "https://orcid.org/0000-0002-1825-0097") in highwire
    assert data["description"] == data["abstract"] == graph["og:description"] == "What it found."
    assert data["identifier"] == [{"@type": "PropertyValue", "propertyID": "DOI", "value": "10.1234/x",
                                   "url": "https://doi.org/10.1234/x"}]
    assert data["license"] == "CC BY 4.0"
    data, graph, _ = machine_read(described(description="For the index.", summary="What it found.", subtitle="S",
                                            license="CC BY 4.0", license_url="https://creativecommons.org/licenses/by/4.0/"))
    assert data["description"] == graph["og:description"] == "For the index." and data["abstract"] == "What it found."
    assert data["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert machine_read(described(subtitle="S"))[1]["og:description"] == "S"


def test_each_fact_given_is_in_the_json_ld_and_none_left_out_is():
    keys = {"alternativeHeadline", "publisher", "isPartOf", "position", "url"}
    data, graph, _ = machine_read(described())
    assert not keys & data.keys() and not {"og:url", "og:site_name"} & graph.keys()
    assert data["author"] == [{"@type": "Person", "name": "Ann Example"}]
    data, graph, _ = machine_read(described(subtitle="S", publisher="Institute", series="Briefs", issn="1234-5678",
                                            number="7", url="https://e.org/t/", affiliation=["Institute"],
                                            orcid="0000-0002-1825-0097"))
    assert {key: data[key] for key in keys} == {
        "alternativeHeadline": "S", "publisher": {"@type": "Organization", "name": "Institute"},
        "isPartOf": {"@type": "CreativeWorkSeries", "name": "Briefs", "issn": "1234-5678"}, "position": "7",
        "url": "https://e.org/t/"}
    assert graph["og:url"] == "https://e.org/t/" and graph["og:site_name"] == "Briefs"
    assert data["author"][0]["affiliation"] == [{"@type": "Organization", "name": "Institute"}]
    assert data["author"][0]["sameAs"] == ["https://orcid.org/0000-0002-1825-0097"]
