"""Citations and the bibliography, rendered by pandoc's citeproc; its last run remembered in the process.

Citeproc costs 0.12-0.15 s a run however small the document (its own set-up), and in `doit
serve` most saves change words in a paragraph that holds no citation. Citeproc passes such a
block through untouched: it rewrites only citations, the inline lists and notes that hold them,
spans of its own classes (csl-note, csl-quoted), the Div#refs it fills and, with no Div#refs,
the document's last heading (Text.Pandoc.Citeproc). So when the only blocks that changed since
the last run are of that kind, the last run's output with those blocks swapped in is exactly
what citeproc would write, and citeproc does not run. Anything else runs it.
"""

import json
import re
from pathlib import Path

from publish.caches import Remembered
from publish.document import iterate
from publish.errors import PublishError
from publish.pandoc import convert_document
from publish.source.crossrefs import is_crossref

# The last run: (what it read, document in, document out), under the index path it was for; one
# entry (a preview rebuilds the publication being edited; a build parses each publication once).
LAST_RUN = Remembered("publish.source.citations.LAST_RUN", survives_warm_rebuild=True,
                      holds="citeproc's last run, reused only when everything it read is unchanged")


def citeproc_arguments(metadata, csl, references):
    arguments = ["--citeproc", f"--csl={csl}", f"--bibliography={references}", f"--metadata=lang:{metadata['lang']}"]
    if metadata["reference_section_title"]:
        arguments.append(f"--metadata=reference-section-title:{metadata['reference_section_title']}")
    return arguments


def untouched_by_citeproc(block):
    """Whether citeproc would pass this block through as it is (see the module's comment)."""
    for element in iterate(block):
        kind = element["t"]
        if kind == "Cite":
            return False
        if kind in ("Span", "Div"):
            identifier, classes, _ = element["c"][0]
            if any(name.startswith("csl-") for name in classes) or identifier == "refs" or identifier.endswith("__refs"):
                return False
    return True


def headings_shape(block):
    """The level and attributes of each heading in a block: citeproc's sections (and their
    reset-citation-positions) are made from them."""
    return [element["c"][:2] for element in iterate(block) if element["t"] == "Header"]


def reusable_output(last, dependencies, document):
    """The last run's output, with the blocks changed since swapped in, if citeproc would have left
    every changed block as it is; else None."""
    if last is None or last[0] != dependencies:
        return None
    _, before, output = last
    blocks, old_blocks, old_output = document["blocks"], before["blocks"], output["blocks"]
    if {**document, "blocks": None} != {**before, "blocks": None} or len(blocks) != len(old_blocks):
        return None
    reused = list(old_output)
    for index, (block, old_block) in enumerate(zip(blocks, old_blocks)):
        if block == old_block:
            continue
        if (index == len(blocks) - 1 or old_output[index] != old_block or headings_shape(block) != headings_shape(old_block)
                or not untouched_by_citeproc(block) or not untouched_by_citeproc(old_block)):
            return None
        reused[index] = block
    return {**output, "blocks": reused}


def what_citeproc_reads(arguments, meta, csl, references_file):
    """Everything a run reads besides the document, to compare runs by; None where it would also
    read a file not named here (an abbreviations file, a dependent style's parent)."""
    style = Path(csl).read_bytes()
    if "citation-abbreviations" in meta or b"independent-parent" in style:
        return None
    return arguments, style, Path(references_file).read_bytes()


def cite(document, metadata, csl, references_file, context):
    """The document with its citations and bibliography rendered by pandoc's citeproc, which reads
    every entry from the one file the bibliography loader wrote (never the author's files again)."""
    meta = {key: value for key, value in document["meta"].items() if key not in ("references", "bibliography")}
    document = {**document, "meta": meta}
    arguments = citeproc_arguments(metadata, csl, references_file)
    reads = what_citeproc_reads(arguments, meta, csl, references_file)
    last = LAST_RUN.recall(str(context))
    output = reusable_output(last, reads, document) if reads is not None else None
    if output is None:
        output = json.loads(convert_document(document, "json", arguments, context=context))
    LAST_RUN.remember(str(context) if reads is not None else None, (reads, document, output))
    return output


# pandoc names the file it was given (the merged entries) and the entry by its number in it (aeson's path)
UNREADABLE_ENTRY = re.compile(r"Error reading bibliography file .*?:\s*Error in \$\[(\d+)\][^:]*:\s*(.+)", re.DOTALL)


def unreadable_entry(error, entries):
    """citeproc's failure to read one of the merged entries (`entries`, bibliography.Entry of each, in order),
    said at that entry in the author's file; any other failure as it was."""
    match = UNREADABLE_ENTRY.search(error.detail)
    if not match or int(match[1]) >= len(entries):
        return error
    entry, reason = entries[int(match[1])], match[2].strip().splitlines()[0]
    return PublishError(f"entry '{entry.key}' cannot be read by pandoc's citeproc ({reason}): give each of its fields "
                        "text or a whole number, not a list, an object, null, true or false, or a fraction",
                        entry.path, entry.line, entry.column)


def needs_bibliography_place(document):
    """Whether citeproc will print a bibliography (the text or `nocite` cites a work; a cross-reference is
    no citation) and the document has no Div#refs to say where: citeproc then puts it at the very end."""
    blocks = document["blocks"]
    cites = any(element["t"] == "Cite" and not all(is_crossref(c["citationId"]) for c in element["c"][0])
                for element in iterate([blocks, document.get("meta", {}).get("nocite", {})]))
    return cites and not any(element["t"] == "Div" and element["c"][0][0] == "refs" for element in iterate(blocks))


def bibliography_under_last_heading(document):
    """A document that cites and ends with a heading that has nothing under it (the author's
    "References", as pandoc's citeproc and Quarto read it) gets its bibliography there, in place: a
    Div#refs after that heading, which is then unnumbered, as citeproc makes it. Decided when the
    source is read, so no edition adds a second heading and no section number counts it."""
    blocks = document["blocks"]
    if needs_bibliography_place(document) and blocks and blocks[-1]["t"] == "Header":
        classes = blocks[-1]["c"][1][1]
        classes += [] if "unnumbered" in classes else ["unnumbered"]
        blocks.append({"t": "Div", "c": [["refs", [], []], []]})
