"""Stage 1: read, decide, check, transform and cite a publication unit, once.

    read (pandoc: Markdown -> JSON AST, and the source map; dialects settled)
      -> decisions (metadata by the schema, styles, bibliographies, images, numbers by element)
      -> checks (pure, on that same read and those decisions; errors stop here, before anything is written)
      -> transforms (publish.source.transforms, in their declared order)
      -> citations (publish.source.citations: pandoc's citeproc, on the transformed document)
      -> .work/document.json, metadata.json, sources.json, references.json, findings.json

Every edition reads those files and only renders; every decision (settings, resolved paths,
link policy, How to cite) is made here and recorded there. Printing what was found is the
command line's (publish.source.preflight).
"""

import json
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict

from publish import atomic
from publish.brand import brand_fact, read_brand
from publish.document import stringify
from publish.errors import PublishError
from publish.house_style import load_house_style
from publish.model.front_matter import written_facts
from publish.model.publication import w3c_time
from publish.paths import Publication
from publish.source.checks import check, folder_findings, translation_findings
from publish.source.citations import cite, unreadable_entry
from publish.source.decisions import decide, finding_from
from publish.source.elements import ElementIndex
from publish.source.furniture import meta_blocks
from publish.source.how_to_cite import how_to_cite
from publish.source.metadata import edition_timestamp, series_findings
from publish.source.read import read_source
from publish.source.revision import SourceRevision
from publish.source.transforms import Context, transform


class ChecksFailed(PublishError):
    """The errors that stop the build, one finding a line, as `doit check` prints them."""

    def __init__(self, findings):
        self.findings = [f for f in findings if f.severity == "error"]
        super().__init__("\n".join(str(f) for f in self.findings))

    def __str__(self):
        return self.message


def recorded_contents(publication):
    """What the original of a translation has (its parse recorded it), or None before it is parsed."""
    original = Publication(publication.slug)
    if not publication.lang or not original.metadata.is_file():
        return None
    return json.loads(original.metadata.read_text(encoding="utf-8")).get("contents")  # None: an older parse's


def examined(publication, original_contents=None):
    """(Source or None, Decisions or None, every finding, sorted) of one unit: its folder, its one read,
    what the parse decides, the checks, and, for a translation, what it lacks of its original."""
    problems_with_folder = folder_findings(publication)
    if problems_with_folder:
        return None, None, problems_with_folder
    try:
        source = read_source(publication)
    except PublishError as error:
        return None, None, [finding_from(error, "source.unreadable")]
    index = ElementIndex(source.document)
    decisions = decide(source, index)
    brand = read_brand()
    findings = decisions.findings + check(source, decisions, index) + (brand.findings if brand else [])
    if original_contents is not None:
        findings += translation_findings(source, decisions.contents, original_contents)
    return source, decisions, sorted({finding for finding in findings if finding.code not in decisions.quiet})


def attached_sources(source, decisions):
    """The texts the archival PDF carries: the Markdown as read, and each bibliography file."""
    files = [{"name": source.index.name, "text": source.text}]
    files += [{"name": bibliography.path.name, "text": bibliography.path.read_text(encoding="utf-8")}
              for bibliography in decisions.bibliographies if bibliography.path != source.index]
    return files


def facts_of_the_build(metadata, source, decisions, revision):
    """The facts the parse adds to the decided metadata: the revision, the editions' one moment, the summary."""
    timestamp = edition_timestamp(metadata["date"], revision.time)
    return {"revision": revision.revision, "timestamp": timestamp, "modified": w3c_time(timestamp),
            "summary": stringify(meta_blocks(source.document["meta"].get("abstract"))), "contents": decisions.contents,
            "brand": brand_fact(read_brand())}


def cited_document(publication, source, decisions, metadata, references):
    """The transformed, cited document (citeproc reads the merged entries from the file `references`), and
    How to cite rendered beside it."""
    document = transform(source.document, Context(source, decisions, metadata, load_house_style()))
    with ThreadPoolExecutor(max_workers=2) as pool:  # How to cite and the citations, side by side
        citing = pool.submit(how_to_cite, metadata, [decisions.csl, *decisions.other_styles], publication.index)
        try:
            document = cite(document, metadata, decisions.csl, references, publication.index)
        except PublishError as error:
            entries = [entry for bibliography in decisions.bibliographies for entry in bibliography.entries]
            raise unreadable_entry(error, entries) from None
        metadata["how_to_cite"] = citing.result()
    return document


def as_json(value, indent=2, sort_keys=True):
    return json.dumps(value, ensure_ascii=False, indent=indent, sort_keys=sort_keys).encode("utf-8")


@contextmanager
def staged_references(publication, references):
    """The merged entries, in a file of their own for citeproc to read while the parse may still fail (the
    output references.json is written with the others, when none can fail any more)."""
    staged = publication.work_folder / ".references.citeproc.json"
    atomic.write_bytes(staged, as_json(references))
    try:
        yield staged
    finally:
        staged.unlink(missing_ok=True)


def parse_publication(publication, revision=SourceRevision()):
    """Write the cited document and the metadata that the editions share; return the warnings found.
    Every output is made before any is written: a parse that fails leaves the last good run's as they were.

    `revision` is the git commit the sources come from (see revision.py).
    """
    source, decisions, findings = examined(publication, recorded_contents(publication))
    if any(finding.severity == "error" for finding in findings):
        raise ChecksFailed(findings)  # the pre-flight's errors stop the build before anything is written
    metadata = {**decisions.metadata, **facts_of_the_build(decisions.metadata, source, decisions, revision)}
    with staged_references(publication, decisions.references) as references:
        document = cited_document(publication, source, decisions, metadata, references)
    outputs = {publication.references: as_json(decisions.references),
               publication.document: as_json(document, indent=None),
               publication.metadata: as_json({name: metadata[name] for name in written_facts()}),
               publication.sources: as_json(attached_sources(source, decisions), sort_keys=False),
               publication.findings: as_json([asdict(finding) for finding in findings + series_findings()])}
    for path, data in outputs.items():
        atomic.write_bytes(path, data)
    return findings
