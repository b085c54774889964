"""'How to cite this publication': the publication's own metadata as a CSL item, in the house style.

The entry is rendered by pandoc's citeproc, the engine that renders the
citations in the text, so the colophon and the notes follow the style alike.
"""

import json
import re

from publish.pandoc import run_pandoc

ENTRY = re.compile(r'<div id="ref-self"[^>]*>(.*?)</div>', re.DOTALL)


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


def how_to_cite(metadata, csl_path, context=None):
    """The bibliography entry of the publication itself, as an HTML fragment."""
    front_matter = {"references": [publication_item(metadata)], "nocite": "@self", "lang": metadata["lang"]}
    markdown = f"---\n{json.dumps(front_matter, ensure_ascii=False)}\n---\n"
    arguments = ["--from=markdown", "--to=html5", "--citeproc", f"--csl={csl_path}", "--wrap=none"]
    html = run_pandoc(arguments, markdown.encode("utf-8"), context=context).decode("utf-8")
    entry = ENTRY.search(html)
    return entry.group(1).strip() if entry else ""
