"""Downloadable citations of the publication itself: RIS, BibTeX and CSL-JSON in build/<slug>/.

All three come from the one CSL item that "How to cite this publication" uses.
"""

import json
import re

from publish import atomic
from publish.editions.inputs import load_metadata
from publish.model.editions import BY_TASK

BIBTEX_SPECIAL = re.compile(r"[\\{}&%$#_^~]")
# Written as LaTeX's text commands, not with a backslash before them: \~ and \^ are accents, \\ a line break.
SPELLED_OUT = {"\\": r"\textbackslash{}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def date_parts(item):
    return item["issued"]["date-parts"][0]


def name_text(name, order="family, given"):
    if "literal" in name:
        return name["literal"]
    return f"{name['family']}, {name['given']}" if order == "family, given" else f"{name['given']} {name['family']}"


def ris(item, metadata):
    """RIS, type RPRT (report); lines end with CRLF as the format asks."""
    lines = [("TY", "RPRT"), ("TI", item["title"])]
    lines += [("AU", name_text(name)) for name in item["author"]]
    parts = date_parts(item)
    lines.append(("PY", str(parts[0])))
    if len(parts) > 1:
        lines.append(("DA", "/".join(f"{part:02d}" if i else str(part) for i, part in enumerate(parts))))
    lines += [("LA", metadata["lang"])] + [("KW", keyword) for keyword in metadata["keywords"]]
    optional = [("PB", item.get("publisher")), ("T3", item.get("collection-title")), ("UR", item.get("URL")),
                ("DO", item.get("DOI"))]
    lines += [(tag, value) for tag, value in optional if value]
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {value}\r\n" for tag, value in lines)


def bibtex_escape(text):
    return BIBTEX_SPECIAL.sub(lambda special: SPELLED_OUT.get(special[0], "\\" + special[0]), text)


def bibtex_protected(text):
    """Text in braces, whose capitals a BibTeX style keeps (else it lowers a title's: 'Engaging with the
    taliban'), and an organisation's name that BibTeX reads as one name, never inverted or cut at an 'and'."""
    return f"{{{bibtex_escape(text)}}}"


def bibtex_name(name):
    return bibtex_protected(name["literal"]) if "literal" in name else bibtex_escape(name_text(name))


def citation_key(item, metadata):
    first = item["author"][0]
    family = first.get("family") or first.get("literal", "anonymous")
    return re.sub(r"[^a-z0-9]", "", family.lower()) + str(date_parts(item)[0]) + re.sub(r"[^a-z0-9]", "", metadata["slug"].split("-")[0])


def bibtex(item, metadata):
    """A @techreport entry; the institution only when the publisher is known."""
    fields = [("author", " and ".join(bibtex_name(name) for name in item["author"])),
              ("title", bibtex_protected(item["title"])), ("year", str(date_parts(item)[0])),
              ("language", bibtex_escape(metadata["lang"]))]
    if metadata["keywords"]:
        fields.append(("keywords", bibtex_escape(", ".join(metadata["keywords"]))))
    optional = [("institution", item.get("publisher"), bibtex_escape),
                ("series", item.get("collection-title"), bibtex_protected),
                ("url", item.get("URL"), bibtex_escape), ("doi", item.get("DOI"), bibtex_escape)]
    fields += [(name, written(value)) for name, value, written in optional if value]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@techreport{{{citation_key(item, metadata)},\n{body}\n}}\n"


def csl_json(item, metadata):
    return json.dumps([{**item, "id": metadata["slug"]}], ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def build_citation_files(publication):
    metadata = load_metadata(publication, "cite")
    item = metadata["citation_item"]
    writers = {"ris": ris, "bib": bibtex, "json": csl_json}
    for kind in (artifact.kind for artifact in BY_TASK["cite"].artifacts):
        atomic.write_text(publication.artifact(kind), writers[kind](item, metadata))
