"""The publication itself as a CSL item (type report): what How to cite renders, what the
citation files and the HTML's citation metadata say. Only what the metadata says goes in."""


def csl_name(author):
    """A CSL name: the given names, then the family name (the last word)."""
    if author.get("family"):
        return {"family": author["family"], "given": author.get("given", "")}
    given, _, family = author["name"].rpartition(" ")
    return {"family": family, "given": given} if given else {"literal": family}


def publication_item(metadata):
    """The publication as a CSL-JSON item of type report; only what the metadata says."""
    title = f"{metadata['title']}: {metadata['subtitle']}" if metadata["subtitle"] else metadata["title"]
    item = {
        "id": "self",
        "type": "report",
        "title": title,
        "author": [csl_name(author) for author in metadata["authors"]],
        "issued": {"date-parts": [[int(part) for part in metadata["date"].split("-")]]},
    }
    optional = {"publisher": metadata["publisher"], "collection-title": metadata["series"],
                "URL": metadata["url"], "DOI": metadata["doi"]}
    item.update({key: value for key, value in optional.items() if value})
    return item
