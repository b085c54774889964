"""What every edition reads: the parsed document, and only the metadata the schema says it reads.

The schema of the front matter (publish.model.front_matter) names the stages that read each fact;
an edition's task reruns when those change and only then (publish.tasks), and `load_inputs` hands
it those facts and no others, so an edition cannot use a fact its task does not watch.
"""

import json

from publish.document import load
from publish.model.front_matter import facts_read_by


def load_metadata(publication, stage):
    """The facts of metadata.json that `stage` reads, and no others."""
    metadata = json.loads(publication.metadata.read_text(encoding="utf-8"))
    return {key: metadata[key] for key in facts_read_by(stage)}


def load_inputs(publication, kind):
    """(document, metadata) as the parse stage wrote them, the metadata cut to what `kind` reads."""
    return load(publication.document), load_metadata(publication, kind)


def load_sources(publication):
    """[{name, text}] of the files the archival PDF carries, as the parse read them."""
    return json.loads(publication.sources.read_text(encoding="utf-8"))
