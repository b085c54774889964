"""What every edition reads: the parsed document and its validated metadata."""

import json

from publish.document import load


def load_metadata(publication):
    return json.loads(publication.metadata.read_text(encoding="utf-8"))


def load_inputs(publication):
    """(document, metadata) as the parse stage wrote them."""
    return load(publication.document), load_metadata(publication)
