"""Stage 1: read, check, transform and cite a publication unit, once.

    read (pandoc: Markdown -> JSON AST, and the source map)
      -> checks (on that same read; errors stop here, before anything is written)
      -> transforms (publish.source.transforms, in their declared order)
      -> citations (publish.source.citations: pandoc's citeproc, on the transformed document)
      -> .work/document.json, metadata.json, sources.json (and references.json, what citeproc read)

Every edition reads those files and only renders; every decision (settings,
resolved paths, link policy, How to cite) is made here and recorded there.
"""

import json
import sys
from concurrent.futures import ThreadPoolExecutor

from publish import atomic
from publish.document import stringify
from publish.house_style import load_house_style
from publish.source.checks import ChecksFailed, check_unit
from publish.source.citations import cite
from publish.source.furniture import meta_blocks
from publish.source.how_to_cite import how_to_cite
from publish.source.metadata import edition_timestamp, w3c_time
from publish.source.revision import SourceRevision
from publish.source.transforms import Context, transform


def attached_sources(source, checked):
    """The texts the archival PDF carries: the Markdown as read, and each bibliography file."""
    files = [{"name": source.index.name, "text": source.text}]
    files += [{"name": bibliography.path.name, "text": bibliography.path.read_text(encoding="utf-8")}
              for bibliography in checked.bibliographies if bibliography.path != source.index]
    return files


def parse_publication(publication, revision=SourceRevision()):
    """Write the cited document and the metadata that the editions share.

    `revision` is the git commit the sources come from (see revision.py).
    """
    source, checked = check_unit(publication)
    if checked.errors:
        raise ChecksFailed(checked.findings)  # the pre-flight's errors stop the build before anything is written
    for warning in checked.findings:
        print(warning, file=sys.stderr)  # the build goes on, and says what the editions leave out or change
    metadata = dict(checked.metadata)
    metadata["revision"] = revision.revision
    metadata["timestamp"] = edition_timestamp(metadata, revision.time)
    metadata["modified"] = w3c_time(metadata["timestamp"])  # the editions' modification date
    references = checked.references
    atomic.write_text(publication.references, json.dumps(references, ensure_ascii=False, indent=2, sort_keys=True))
    metadata["summary"] = stringify(meta_blocks(source.document["meta"].get("abstract")))
    document = transform(source.document, Context(source, checked, metadata, load_house_style()))
    with ThreadPoolExecutor(max_workers=2) as pool:  # How to cite and the citations, side by side
        citing = pool.submit(how_to_cite, metadata, [checked.csl, *checked.other_styles], publication.index)
        document = cite(document, metadata, checked.csl, publication.references, publication.index)
        metadata["how_to_cite"] = citing.result()
    atomic.write_text(publication.document, json.dumps(document, ensure_ascii=False, sort_keys=True))
    atomic.write_text(publication.metadata, json.dumps(metadata, ensure_ascii=False, indent=2, sort_keys=True))
    atomic.write_text(publication.sources, json.dumps(attached_sources(source, checked), ensure_ascii=False, indent=2))
