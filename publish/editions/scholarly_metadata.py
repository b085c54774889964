"""Metadata that reference managers and search engines read from the HTML edition:
Highwire Press (Google Scholar, Zotero), Dublin Core, Open Graph, schema.org JSON-LD and COinS.

Only what the publication's metadata says goes in; unknown facts (a publisher
not yet named, an address) are left out, never guessed.
"""

import json
from urllib.parse import urlencode

from publish.model.editions import downloads


def edition_url(metadata, name):
    """The address of another edition's file: beside the page, or under the publication's `url` if set."""
    return f"{metadata['url'].rstrip('/')}/{name}" if metadata["url"] else name


def canonical_address(metadata):
    """The page's own address, absolute, for <link rel="canonical">: the publication's `url` (its
    `<site-url><slug>/` on the series' site), or for a translation its page beside it; '' when the
    address is not known (no site-url, no url) or not absolute: never one made up."""
    if not metadata["url"].startswith(("https://", "http://")):
        return ""
    page = next(edition for edition in metadata["languages"] if edition["current"])
    return metadata["url"] if page["original"] else edition_url(metadata, page["html"])


def highwire_tags(metadata, links):
    tags = [("citation_title", metadata["full_title"])]
    for author in metadata["authors"]:
        tags.append(("citation_author", author["name"]))
        tags.extend(("citation_author_institution", line) for line in author["affiliation"])
        if author["orcid"]:
            tags.append(("citation_author_orcid", f"https://orcid.org/{author['orcid']}"))
    tags.append(("citation_publication_date", metadata["date"].replace("-", "/")))
    tags.append(("citation_language", metadata["lang"]))
    tags.extend(("citation_keywords", keyword) for keyword in metadata["keywords"])
    tags.append(("citation_pdf_url", links["pdf"]))
    if metadata["summary"]:
        tags.append(("citation_abstract", metadata["summary"]))
    if metadata["publisher"]:
        tags.append(("citation_technical_report_institution", metadata["publisher"]))
        tags.append(("citation_publisher", metadata["publisher"]))
    optional = [("citation_doi", metadata["doi"]), ("citation_series_title", metadata["series"]),
                ("citation_technical_report_number", metadata["number"]), ("citation_issn", metadata["issn"]),
                ("citation_isbn", metadata["isbn"])]
    return tags + [(name, value) for name, value in optional if value]


def dublin_core_tags(metadata):
    tags = [("DC.title", metadata["full_title"])]
    tags.extend(("DC.creator", author["name"]) for author in metadata["authors"])
    tags += [("DC.date", metadata["date"]), ("DC.language", metadata["lang"]), ("DC.type", "Text")]
    if metadata["summary"]:
        tags.append(("DC.description", metadata["summary"]))
    tags.extend(("DC.subject", keyword) for keyword in metadata["keywords"])
    optional = [("DC.publisher", metadata["publisher"]), ("DC.rights", metadata["license"]),
                ("DC.identifier", f"https://doi.org/{metadata['doi']}" if metadata["doi"] else "")]
    return tags + [(name, value) for name, value in optional if value]


def open_graph_tags(metadata):
    tags = [("og:type", "article"), ("og:title", metadata["full_title"]), ("og:locale", metadata["lang"].replace("-", "_"))]
    if metadata["description"] or metadata["summary"] or metadata["subtitle"]:
        tags.append(("og:description", metadata["description"] or metadata["summary"] or metadata["subtitle"]))
    if metadata["url"]:
        tags.append(("og:url", metadata["url"]))
    if metadata["series"]:
        tags.append(("og:site_name", metadata["series"]))
    return tags


def person(author):
    entry = {"@type": "Organization" if author.get("organization") else "Person", "name": author["name"]}
    if author["position"]:
        entry["jobTitle"] = author["position"]
    if author["affiliation"]:
        entry["affiliation"] = [{"@type": "Organization", "name": line} for line in author["affiliation"]]
    same = [f"https://orcid.org/{author['orcid']}"] if author["orcid"] else []
    same += [author["url"]] if author["url"].startswith(("https://", "http://")) else []
    if same:
        entry["sameAs"] = same
    return entry


def identifier_values(metadata):
    """The publication's identifiers as schema.org PropertyValues: its DOI and ISBN."""
    found = []
    if metadata["doi"]:
        found.append({"@type": "PropertyValue", "propertyID": "DOI", "value": metadata["doi"],
                      "url": f"https://doi.org/{metadata['doi']}"})
    if metadata["isbn"]:
        found.append({"@type": "PropertyValue", "propertyID": "ISBN", "value": metadata["isbn"]})
    return found


def json_ld(metadata, links):
    """schema.org Report as JSON-LD, safe to place inside a <script> element."""
    data = {
        "@context": "https://schema.org",
        "@type": "Report",
        "name": metadata["full_title"],
        "headline": metadata["title"],
        "author": [person(author) for author in metadata["authors"]],
        "datePublished": metadata["date"],
        "inLanguage": metadata["lang"],
        "keywords": metadata["keywords"],
        "encoding": [{"@type": "MediaObject", "encodingFormat": artifact.media_type, "contentUrl": links[artifact.kind]}
                     for artifact in downloads()],
    }
    if metadata["subtitle"]:
        data["alternativeHeadline"] = metadata["subtitle"]
    if metadata["description"] or metadata["summary"]:
        data["description"] = metadata["description"] or metadata["summary"]
    if metadata["summary"]:
        data["abstract"] = metadata["summary"]
    if metadata["publisher"]:
        data["publisher"] = {"@type": "Organization", "name": metadata["publisher"]}
    if metadata["series"]:
        data["isPartOf"] = {"@type": "CreativeWorkSeries", "name": metadata["series"],
                            **({"issn": metadata["issn"]} if metadata["issn"] else {})}
    if metadata["number"]:
        data["position"] = metadata["number"]
    identifiers = identifier_values(metadata)
    if identifiers:
        data["identifier"] = identifiers
    if metadata["license"]:
        data["license"] = metadata["license_url"] or metadata["license"]
    if metadata["url"]:
        data["url"] = metadata["url"]
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)
    return text.replace("</", "<\\/")  # nothing in the data can close the <script> element


def coins(metadata):
    """An OpenURL ContextObject (COinS) of genre 'report', which Zotero reads as a report."""
    item = metadata["citation_item"]
    fields = [("ctx_ver", "Z39.88-2004"), ("rft_val_fmt", "info:ofi/fmt:kev:mtx:book"), ("rft.genre", "report"),
              ("rft.btitle", item["title"]), ("rft.date", metadata["date"]), ("rft.language", metadata["lang"])]
    first, *others = item["author"]
    if "family" in first:
        fields += [("rft.aulast", first["family"]), ("rft.aufirst", first["given"])]
    else:
        fields.append(("rft.au", first["literal"]))
    fields.extend(("rft.au", author["name"]) for author in metadata["authors"][1:])
    if metadata["publisher"]:
        fields.append(("rft.pub", metadata["publisher"]))
    return urlencode(fields)
