"""The DOI deposit files of a release: what an institute sends Crossref (`<slug>-crossref.xml`, a
report-paper in Crossref's deposit schema 5.4.0) and DataCite (`<slug>-datacite.json`, a DataCite
Metadata Schema 4 record as its REST API reads it) to register the DOI its editions print.

Written only for a publication with a DOI, and only from what its metadata says: a missing fact a
deposit needs stops the release with the keys to set; no value is made up.
"""

import hashlib
import json
from datetime import datetime, timezone

from lxml import etree

from publish.errors import PublishError
from publish.model.publication import csl_name
from publish.paths import SERIES_SETTINGS, Publication

CROSSREF_VERSION = "5.4.0"
CROSSREF = f"http://www.crossref.org/schema/{CROSSREF_VERSION}"
CROSSREF_SCHEMA_URL = f"https://www.crossref.org/schemas/crossref{CROSSREF_VERSION}.xsd"
JATS = "http://www.ncbi.nlm.nih.gov/JATS1"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
DATACITE_SCHEMA = "http://datacite.org/schema/kernel-4"
# What a deposit needs beyond the DOI: (fact, key to set, where to set it).
REQUIRED = (("publisher", "publisher", SERIES_SETTINGS), ("depositor_name", "depositor-name", SERIES_SETTINGS),
            ("depositor_email", "depositor-email", SERIES_SETTINGS),
            ("url", "url", "the front matter (or 'site-url' in source/series.yaml)"))


def deposit_files(publication, metadata, version):
    """({file name: bytes}, a line to print or "") of a publication's deposit files."""
    if not metadata["doi"]:
        return {}, f"{publication.name}: no DOI, so no Crossref or DataCite deposit was written"
    if inherited_doi(publication, metadata):
        return {}, f"{publication.name}: its DOI is its original's, so its deposit is the original's"
    missing = missing_keys(metadata)
    if missing:
        raise PublishError(f"no Crossref deposit can be written for DOI {metadata['doi']}: set {missing}",
                           SERIES_SETTINGS if "series.yaml" in missing else publication.index)
    name = publication.name
    return {f"{name}-crossref.xml": crossref_deposit(name, metadata, version),
            f"{name}-datacite.json": datacite_record(metadata)}, ""


def missing_keys(metadata):
    """'a' and 'b' in <where>, 'c' in <elsewhere>: the keys a deposit needs that are not set, or ""."""
    places = {}
    for fact, key, where in REQUIRED:
        if not metadata[fact]:
            places.setdefault(str(where), []).append(f"'{key}'")
    return ", ".join(f"{' and '.join(keys)} in {where}" for where, keys in places.items())


def inherited_doi(publication, metadata):
    """Whether a translation carries its original's DOI (a translation inherits the original's front
    matter): the DOI then names the original, whose bundle deposits it."""
    if not publication.lang:
        return False
    original = json.loads(Publication(publication.slug).metadata.read_text(encoding="utf-8"))
    return original.get("doi") == metadata["doi"]


def batch_head(name, metadata, version):
    """Crossref's <head>: the batch id and timestamp come from the release (its unit, version and fixed
    moment), so the same release gives the same bytes; a later commit gives a later timestamp."""
    moment = datetime.fromtimestamp(metadata["timestamp"], timezone.utc).strftime("%Y%m%d%H%M%S")
    batch = f"{name}-{version}-{moment}"
    if len(batch) > 100:  # Crossref's limit
        batch = f"{name[:40]}-{hashlib.sha256(batch.encode()).hexdigest()[:32]}"
    head = element("head")
    add(head, "doi_batch_id", batch)
    add(head, "timestamp", moment)
    depositor = add(head, "depositor")
    add(depositor, "depositor_name", metadata["depositor_name"])
    add(depositor, "email_address", metadata["depositor_email"])
    add(head, "registrant", metadata["publisher"])
    return head


def crossref_deposit(name, metadata, version):
    """The deposit as Crossref's schema orders it: a report-paper, in its series when the series has an
    ISSN (Crossref's series_metadata requires one)."""
    root = element("doi_batch", nsmap={None: CROSSREF, "jats": JATS, "xsi": XSI})
    root.set("version", CROSSREF_VERSION)
    root.set(f"{{{XSI}}}schemaLocation", f"{CROSSREF} {CROSSREF_SCHEMA_URL}")
    root.append(batch_head(name, metadata, version))
    report = add(add(root, "body"), "report-paper")
    in_series = bool(metadata["series"] and metadata["issn"])
    paper = add(report, "report-paper_series_metadata" if in_series else "report-paper_metadata")
    if language(metadata["lang"]):
        paper.set("language", language(metadata["lang"]))
    if in_series:
        paper.append(series_metadata(metadata))
    paper.append(contributors(metadata))
    paper.append(titles(metadata))
    if metadata["summary"]:
        abstract = add(paper, f"{{{JATS}}}abstract")
        for paragraph in metadata["summary"].split("\n\n"):
            add(abstract, f"{{{JATS}}}p", paragraph.strip())
    paper.append(publication_date(metadata["date"]))
    if metadata["isbn"]:
        add(paper, "isbn", metadata["isbn"])
    publisher = add(paper, "publisher")
    add(publisher, "publisher_name", metadata["publisher"])
    if metadata["publisher_place"]:
        add(publisher, "publisher_place", metadata["publisher_place"])
    doi_data = add(paper, "doi_data")
    add(doi_data, "doi", metadata["doi"])
    add(doi_data, "resource", metadata["url"])
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def series_metadata(metadata):
    series = element("series_metadata")
    add(add(series, "titles"), "title", metadata["series"])
    add(series, "issn", metadata["issn"])
    if metadata["number"]:
        add(series, "series_number", metadata["number"])
    return series


def contributors(metadata):
    """The authors, then the translators: an organisation as <organization>, a person by given name and
    surname as How to cite splits the name (publish.model.publication.csl_name)."""
    people = [(author, "author") for author in metadata["authors"]]
    people += [({"name": name}, "translator") for name in metadata["translators"]]
    listed = element("contributors")
    for number, (person, role) in enumerate(people):
        attributes = {"sequence": "first" if number == 0 else "additional", "contributor_role": role}
        if person.get("organization"):
            add(listed, "organization", person["name"], **attributes)
            continue
        entry = add(listed, "person_name", **attributes)
        name = csl_name(person)
        if name.get("given"):
            add(entry, "given_name", name["given"])
        add(entry, "surname", name.get("family") or name.get("literal"))
        if person.get("affiliation"):
            affiliations = add(entry, "affiliations")
            for line in person["affiliation"]:
                add(add(affiliations, "institution"), "institution_name", line)
        if person.get("orcid"):
            add(entry, "ORCID", f"https://orcid.org/{person['orcid']}")
    return listed


def titles(metadata):
    found = element("titles")
    add(found, "title", metadata["title"])
    if metadata["subtitle"]:
        add(found, "subtitle", metadata["subtitle"])
    return found


def publication_date(date):
    """YYYY, YYYY-MM or YYYY-MM-DD as Crossref orders it: month, day, year; only what the date says."""
    year, month, day = (date.split("-") + ["", ""])[:3]
    found = element("publication_date", media_type="online")
    for part, value in (("month", month), ("day", day), ("year", year)):
        if value:
            add(found, part, value)
    return found


def language(tag):
    """The language's ISO 639 code, as Crossref's `language` attribute takes it: 'en' of 'en-GB'."""
    return tag.split("-")[0].lower()


def element(tag, nsmap=None, **attributes):
    return etree.Element(tag if tag.startswith("{") else f"{{{CROSSREF}}}{tag}", attributes, nsmap=nsmap)


def add(parent, tag, text=None, **attributes):
    child = etree.SubElement(parent, tag if tag.startswith("{") else f"{{{CROSSREF}}}{tag}", attributes)
    if text is not None:
        child.text = text
    return child


def datacite_creator(author):
    """A creator: an organisation by its name; a person by family and given name, ORCID and affiliations."""
    if author.get("organization"):
        return {"name": author["name"], "nameType": "Organizational"}
    name = csl_name(author)
    family = name.get("family") or name.get("literal")
    creator = {"name": f"{family}, {name['given']}" if name.get("given") else family, "nameType": "Personal",
               "familyName": family, **({"givenName": name["given"]} if name.get("given") else {})}
    if author.get("orcid"):
        creator["nameIdentifiers"] = [{"nameIdentifier": f"https://orcid.org/{author['orcid']}",
                                       "nameIdentifierScheme": "ORCID", "schemeUri": "https://orcid.org"}]
    if author.get("affiliation"):
        creator["affiliation"] = [{"name": line} for line in author["affiliation"]]
    return creator


def datacite_record(metadata):
    """The DataCite record's attributes; what the metadata leaves empty is left out."""
    record = {
        "doi": metadata["doi"], "url": metadata["url"], "types": {"resourceTypeGeneral": "Report"},
        "creators": [datacite_creator(author) for author in metadata["authors"]],
        "titles": [{"title": metadata["title"], "lang": metadata["lang"]},
                   *([{"title": metadata["subtitle"], "titleType": "Subtitle", "lang": metadata["lang"]}]
                     if metadata["subtitle"] else [])],
        "publisher": {"name": metadata["publisher"]}, "publicationYear": metadata["date"][:4],
        "dates": [{"date": metadata["date"], "dateType": "Issued"}], "language": metadata["lang"],
        "subjects": [{"subject": keyword} for keyword in metadata["keywords"]],
        "rightsList": [{"rights": metadata["license"]}] if metadata["license"] else [],
        "descriptions": [{"description": metadata["summary"], "descriptionType": "Abstract"}]
        if metadata["summary"] else [],
        "relatedIdentifiers": [{"relatedIdentifier": metadata["issn"], "relatedIdentifierType": "ISSN",
                                "relationType": "IsPartOf", "resourceTypeGeneral": "Collection"}]
        if metadata["issn"] else [],
        "alternateIdentifiers": [{"alternateIdentifier": metadata["isbn"], "alternateIdentifierType": "ISBN"}]
        if metadata["isbn"] else [],
        "version": metadata["version"], "schemaVersion": DATACITE_SCHEMA,
    }
    kept = {key: value for key, value in record.items() if value}
    return (json.dumps(kept, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")
