"""What every edition reads: the parsed document, and only the metadata it declares it reads.

Each edition names the metadata keys it uses (READS); its task reruns when
those change and only then (publish.tasks), and `load_inputs` hands it those
keys and no others, so an edition cannot use a fact its task does not watch.
"""

import json

from publish.document import load

FACTS = ("title", "subtitle", "short_title", "authors", "affiliations", "date", "date_display", "year", "lang", "keywords",
         "description", "summary", "publisher", "series", "license", "url", "doi", "slug", "dir", "languages", "translators")
COLOPHON = ("how_to_cite", "revision", "modified")
READS = {
    "html": (*FACTS, *COLOPHON, "html_policy"),
    "pdf": (*FACTS, *COLOPHON, "papersize"),
    "pdfa": (*FACTS, *COLOPHON, "papersize", "timestamp"),
    "press": (*FACTS, *COLOPHON, "papersize"),
    "docx": (*FACTS, *COLOPHON, "papersize", "timestamp", "publication"),
    "cite": ("title", "subtitle", "authors", "date", "lang", "keywords", "publisher", "series", "url", "doi", "slug"),
    "dist": (*FACTS, "revision", "timestamp", "release_requires_strict_check"),
    # the series' site: what its index, author pages and feed show of a publication (publish.release.site)
    "site": ("title", "subtitle", "authors", "date", "date_display", "year", "lang", "dir", "summary", "description",
             "series", "slug", "publication", "languages", "url", "site_url"),
}


def load_metadata(publication, kind):
    """The metadata keys that `kind` reads, and no others."""
    metadata = json.loads(publication.metadata.read_text(encoding="utf-8"))
    return {key: metadata[key] for key in READS[kind]}


def load_inputs(publication, kind):
    """(document, metadata) as the parse stage wrote them, the metadata cut to what `kind` reads."""
    return load(publication.document), load_metadata(publication, kind)


def load_sources(publication):
    """[{name, text}] of the files the archival PDF carries, as the parse read them."""
    return json.loads(publication.sources.read_text(encoding="utf-8"))
