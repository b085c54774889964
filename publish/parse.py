"""Stage 1: parse the Markdown and resolve its citations, once per publication.

pandoc (with its own citeproc) turns `index.md` into a pandoc JSON document;
every edition reads that document and the validated metadata beside it.
"""

import json
from concurrent.futures import ThreadPoolExecutor

from publish import atomic
from publish.checks import guard_build
from publish.citations import resolve_bibliographies, resolve_csl
from publish.document import unwrap_placeholder_links
from publish.how_to_cite import how_to_cite
from publish.images import embed_images
from publish.layout import SERIES_SETTINGS
from publish.metadata import edition_timestamp, publication_metadata
from publish.pandoc import run_pandoc
from publish.revision import SourceRevision


def pandoc_arguments(publication, metadata, csl):
    arguments = ["--from=markdown", "--to=json", "--citeproc", f"--csl={csl}"]
    for bibliography in resolve_bibliographies(metadata["bibliography"], publication, publication.index):
        arguments.append(f"--bibliography={bibliography}")
    arguments.append(f"--metadata=lang:{metadata['lang']}")
    if metadata["reference_section_title"]:
        arguments.append(f"--metadata=reference-section-title:{metadata['reference_section_title']}")
    arguments.append(publication.index)
    return arguments


def parse_publication(publication, revision=SourceRevision()):
    """Write the cited document and the metadata that the editions share.

    `revision` is the git commit the sources come from (see revision.py).
    """
    guard_build(publication)  # the pre-flight's errors stop the build before anything is written
    metadata = publication_metadata(publication)
    csl = resolve_csl(metadata["csl"], publication, publication.index)
    other_styles = [resolve_csl(name, publication, SERIES_SETTINGS) for name in metadata["how_to_cite_styles"]]
    metadata["revision"] = revision.revision
    metadata["timestamp"] = edition_timestamp(metadata, revision.time)
    with ThreadPoolExecutor(max_workers=2) as pool:  # two pandoc processes side by side
        citing = pool.submit(how_to_cite, metadata, [csl, *other_styles], publication.index)
        output = run_pandoc(pandoc_arguments(publication, metadata, csl), context=publication.index)
        metadata["how_to_cite"] = citing.result()
    document = embed_images(unwrap_placeholder_links(json.loads(output)), publication)
    atomic.write_text(publication.document, json.dumps(document, ensure_ascii=False, sort_keys=True))
    atomic.write_text(publication.metadata, json.dumps(metadata, ensure_ascii=False, indent=2, sort_keys=True))
