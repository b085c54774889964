"""`doit review PATH.docx [--apply] [--reviewer NAME]`: a DOCX edition that came back from review,
read against the source it was built from.

Each tracked insertion and deletion, each comment (replies included) and each untracked change
(text that differs from the edition without being tracked) is placed in the Markdown source: the
edition of the DOCX's revision is aligned with that revision's `index.md`, and the reviewed text
with the edition (publish.review.alignment). With --apply, the insertions and deletions are written
into today's `index.md` as a minimal edit; a change today's source already shows is skipped (a second
--apply changes nothing, publish.review.applied); where the source changed since the revision, only the
changes whose text is unchanged are applied, and the others are listed, with a non-zero exit.
"""

import re
import subprocess
import sys
from dataclasses import dataclass
from difflib import SequenceMatcher

from publish import atomic
from publish.errors import PublishError
from publish.options import options_after
from publish.paths import publications, review_checkout
from publish.review.alignment import Alignment, Tokens
from publish.review.applied import already_applied
from publish.review.arguments import VALUED as REVIEW_OPTIONS
from publish.review.arguments import reviewed_docx
from publish.review.reviewed_docx import PARAGRAPH_MARK, read_reviewed, recorded_edition
from publish.source.revision import UNCOMMITTED, git

PUBLICATION_PROPERTY, REVISION_PROPERTY = "Publication", "Source revision"
GENERATED_PARTS = {"bibliography": "the bibliography, which the build makes from the bibliography file",
                   "colophon": "the colophon, which the build writes"}
# A quote that opens a word opens a quotation (pandoc's smart quotes), which drops the spaces inside its ends.
MARKDOWN_SPECIAL = re.compile(r"([\\*_`\[\]<>@$^~|#]|(?<!\w)[\"'])")
# A paragraph that opens so is a list's item, a rule or a definition: "- ", "+ ", ": ", "1. ", "a) ", "(iv) ".
BLOCK_OPENING = re.compile(r"^\s*(?:[-+:]|\(?(?:\d+|[A-Za-z]|[ivxlcdm]+|[IVXLCDM]+)[.)])")


@dataclass
class Finding:
    """One line of the review: a change or a comment, and where it belongs."""

    kind: str  # insertion, deletion, untracked change, comment
    who: str
    day: str
    text: str
    stream: str
    at: int  # offset in the source of the revision (or in the edition's text, when generated)
    generated: str = ""
    edit: tuple | None = None  # (start, end, replacement) in the revision's source, when it can be applied


def named_publication(reading, path):
    """The publication a reviewed DOCX is an edition of; a one-line error if it names none here."""
    name, revision = reading.properties.get(PUBLICATION_PROPERTY, ""), reading.properties.get(REVISION_PROPERTY, "")
    known = {unit.name: unit for unit in publications()}
    if not name or not revision:
        raise PublishError("this DOCX did not come from this project's DOCX editions (it names no publication and "
                           "source revision in its document properties): review a DOCX that `doit` built here", path)
    if name not in known:
        raise PublishError(f"this DOCX is an edition of '{name}', which is not a publication here "
                           "(no source/" + name.split(".")[0] + "/): review it in the project it came from", path)
    return known[name]


def reviewed_against(reading, path):
    """(publication, the Markdown the DOCX was built from, the edition as built, what it was built from): from
    the DOCX's own record of them, else from the repository's history at the revision it names."""
    publication = named_publication(reading, path)
    revision = reading.properties.get(REVISION_PROPERTY, "")
    recorded = recorded_edition(reading)
    if recorded is not None:
        return publication, *recorded, f"revision {revision} (by the record it carries)"
    _, commit, uncommitted = identify(reading, path)
    built = f"revision {commit[:12]}" + (" with changes not committed then (compared with the commit)" if uncommitted else "")
    return publication, source_at(publication, commit), edition_of(publication, commit), built


def identify(reading, path):
    """The publication and the commit a reviewed DOCX was made from; a one-line error if unknown."""
    publication = named_publication(reading, path)
    revision = reading.properties.get(REVISION_PROPERTY, "")
    commit = revision.removesuffix(UNCOMMITTED).strip()
    full = (git("rev-parse", "--verify", "--quiet", f"{commit}^{{commit}}") or "").strip()
    if not full:
        raise PublishError(f"this DOCX was built from source revision {commit}, which this repository no longer has "
                           "(rewritten history, or another clone): fetch that commit, or review by hand", path)
    return publication, full, revision.endswith(UNCOMMITTED)


def source_at(publication, commit):
    text = git("show", f"{commit}:{publication.index.as_posix()}")
    if text is None:
        raise PublishError(f"revision {commit[:12]} has no {publication.index.as_posix()}: the DOCX cannot be placed "
                           "in its source", publication.index)
    return text


def edition_of(publication, commit):
    """The DOCX edition of `commit`, unchanged: today's, if it was built from that very commit, else
    one built from the commit's files (git archive) in build/.work/review/<commit>/, kept for next time."""
    current = publication.artifact("docx")
    if current.exists():
        reading = read_reviewed(current)
        if reading.properties.get(REVISION_PROPERTY) == commit[:12]:
            return reading
    checkout = review_checkout(commit)
    built = checkout / publication.artifact("docx")
    if not built.exists():
        unpack(commit, checkout)
        process = subprocess.run([sys.executable, "-m", "doit", "-f", "dodo.py", publication.task("docx")],
                                 cwd=checkout, capture_output=True, text=True)
        if process.returncode != 0 or not built.exists():
            last = (process.stdout + process.stderr).strip().splitlines()[-1:] or ["no output"]
            raise PublishError(f"cannot rebuild the DOCX edition of revision {commit[:12]} to compare with ({last[0]})",
                               publication.index)
    return read_reviewed(built)


def unpack(commit, folder):
    import io
    import tarfile

    archive = subprocess.run(["git", "archive", "--format=tar", commit], capture_output=True, check=True).stdout
    folder.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")


class Placement:
    """One stream (body or notes) of the reviewed DOCX placed in the revision's source, through the edition."""

    def __init__(self, reviewed, edition, source_tokens, body=None):
        self.reviewed, self.edition = reviewed, edition
        self.original = reviewed.original()
        self.edition_text = edition.original()
        self.to_edition = Alignment(self.original, self.edition_text)
        self.to_source = Alignment(self.to_edition.b, source_tokens)
        self.generated = edition.generated_ranges()
        self.body = body  # the notes' placement asks the body's where a note is called

    def part_at(self, edition_offset):
        return next((part for start, end, part in self.generated if start <= edition_offset < max(end, start + 1)), "")

    def at(self, offset):
        """Where an editor should look in the source for the reviewed text's `offset`: in a note that a
        citation makes (none of its words are in the source), the citation's place, where the note is called."""
        return self.at_edition(self.to_edition.nearest(offset))

    def at_edition(self, edition_offset):
        if self.body is not None:
            starts = [self.edition.offset_of(index) for index in self.edition.notes] + [len(self.edition_text)]
            number = next((n for n in range(len(starts) - 1) if starts[n] <= edition_offset < starts[n + 1]), None)
            made_by_citation = number is not None and not self.to_source.matched_in(starts[number], starts[number + 1])
            if made_by_citation and number < len(self.body.edition.calls):
                call = self.body.edition.offset_of(self.body.edition.calls[number])
                return self.body.to_source.nearest(call)
        return self.to_source.nearest(edition_offset)

    def edit(self, start, end, text):
        """(start, end, text) in the source for the reviewed text's [start, end) replaced by `text`; or None."""
        if start == end:
            point = self.to_edition.insertion_point(start)
            point = None if point is None else self.to_source.insertion_point(point)
            return None if point is None else (point, point, text)
        first, last = self.to_edition.exact(start, "start"), self.to_edition.exact(end, "end")
        if first is None or last is None:
            return None
        return self.edition_edit(first, last, text)

    def edition_edit(self, start, end, text):
        if start == end:
            point = self.to_source.insertion_point(start)
            return None if point is None else (point, point, text)
        span = self.to_source.deletion(start, end)
        return None if span is None else (*span, text)


def tracked_groups(stream):
    """Runs of adjacent pieces of one kind of change by one reviewer at one time: [(change, [piece indexes])]."""
    groups = []
    for index, piece in enumerate(stream.pieces):
        change = piece.change
        if change is None:
            continue
        same = (change.kind, change.author, change.date)
        if groups and groups[-1][1][-1] == index - 1 and groups[-1][2] == same:
            groups[-1][1].append(index)
        else:
            groups.append((change, [index], same))
    return [(change, indexes) for change, indexes, _ in groups]


def markdown_text(text, stream):
    """Text a reviewer typed, as Markdown that reads back as that text: markup characters escaped,
    paragraph marks as blank lines (indented inside a note, which goes on in indented paragraphs)."""
    escaped = MARKDOWN_SPECIAL.sub(r"\\\1", text)
    escaped = PARAGRAPH_MARK.join(BLOCK_OPENING.sub(lambda opening: f"{opening[0][:-1]}\\{opening[0][-1]}", paragraph)
                                  for paragraph in escaped.split(PARAGRAPH_MARK))
    return escaped.replace(PARAGRAPH_MARK, "\n\n    " if stream == "notes" else "\n\n")


def shown(text):
    return " ".join(text.replace(PARAGRAPH_MARK, " \u00b6 ").split())


def tracked_findings(placement, stream, accept):
    findings = []
    offsets = stream.original_offsets()
    for change, indexes in tracked_groups(stream):
        text = "".join(stream.pieces[index].text for index in indexes)
        start = offsets[indexes[0]]
        end = start + len(text) if change.kind == "deletion" else start
        edition_at = placement.to_edition.nearest(start)
        # a new paragraph belongs to the part of the one it follows, not to the generated part after that one
        opens_paragraph = change.kind == "insertion" and text.startswith(PARAGRAPH_MARK) and edition_at > 0
        generated = stream.pieces[indexes[0]].generated or placement.part_at(edition_at - opens_paragraph)
        replacement = markdown_text(text, stream.name) if change.kind == "insertion" else ""
        edit = None if generated or not accept(change) else placement.edit(start, end, replacement)
        shown_from = start + len(text) - len(text.lstrip()) if change.kind == "deletion" else start  # its first word
        findings.append(Finding(change.kind, change.author, change.day, shown(text), stream.name,
                                placement.at(shown_from), generated, edit))
    return findings


def untracked_findings(placement, stream):
    """Text the reviewed DOCX shows differently from the edition, with no change tracked."""
    edition, original = placement.to_edition.b, placement.to_edition.a
    findings = []
    matcher = SequenceMatcher(None, edition.keys, original.keys, autojunk=False)
    for operation, e1, e2, o1, o2 in matcher.get_opcodes():
        if operation == "equal":
            continue
        start = edition.starts[e1] if e1 < len(edition.starts) else len(edition.text)
        end = edition.ends[e2 - 1] if e2 > e1 else start
        new = original.text[original.starts[o1]:original.ends[o2 - 1]] if o2 > o1 else ""
        old = edition.text[start:end]
        if old.split() == new.split() and old.strip() == new.strip():
            continue  # only spacing differs
        generated = placement.part_at(start)
        edit = None if generated else placement.edition_edit(start, end, markdown_text(new, stream.name))
        text = (f"inserted \u201c{shown(new)}\u201d" if not old.strip() else f"deleted \u201c{shown(old)}\u201d"
                if not new.strip() else f"\u201c{shown(old)}\u201d \u2192 \u201c{shown(new)}\u201d")
        findings.append(Finding("untracked change", "", "", text, stream.name,
                                placement.at_edition(start), generated, edit))
    return findings


def comment_findings(reading, placements):
    """Each comment at its anchor; a reply next to the comment it answers."""
    by_number = {comment.number: comment for comment in reading.comments}
    anchored = {}
    for stream, placement in ((reading.body, placements["body"]), (reading.notes, placements["notes"])):
        offsets = stream.original_offsets() + [len(placement.original)]
        for number, piece_index in stream.anchors.items():
            anchored[number] = (stream.name, placement.at(offsets[piece_index]),
                                placement.part_at(placement.to_edition.nearest(offsets[piece_index])))
    findings = []
    for comment in reading.comments:
        root = comment
        while root.parent and root.parent in by_number and root.parent != root.number:
            root = by_number[root.parent]
        stream, at, generated = anchored.get(comment.number) or anchored.get(root.number) or ("body", 0, "")
        answered = by_number.get(comment.parent)
        text = f"(reply to {answered.author}) {comment.text}" if answered else comment.text
        findings.append(Finding("comment", comment.author, comment.date[:10], text, stream, at, generated))
    return findings


def line_and_column(text, offset):
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


class Today:
    """Today's source, and where a place in the revision's source stands in it."""

    def __init__(self, then, now):
        self.then, self.now = then, now
        self.alignment = None if then == now else Alignment(then, now)

    def place(self, offset):
        return offset if self.alignment is None else self.alignment.nearest(offset)

    def edit(self, start, end, text):
        """The edit in today's source, when the text it touches and a word either side of it are unchanged."""
        if self.alignment is None:
            return start, end, text
        then, now, pairs = self.alignment.a, self.alignment.b, self.alignment.pairs
        count = len(then.starts)
        first = then.at(start) if start < len(then.text) else count
        last = then.at(end) if end < len(then.text) else count - 1
        span = range(max(first - 1, 0), min(last + 1, count - 1) + 1)
        unchanged = all(index in pairs and then.token(index) == now.token(pairs[index]) for index in span) and \
            all(pairs[index + 1] == pairs[index] + 1 for index in span[:-1])
        if not span or not unchanged:
            return None
        shift = now.starts[pairs[span[0]]] - then.starts[span[0]]
        return start + shift, end + shift, text


def review(paths=(), apply=False, reviewer=""):
    """Print each change and comment of a reviewed DOCX at its place in the source; with `apply`,
    write the changes into the source."""
    paths, given = options_after(paths, flags=("--apply",), valued=REVIEW_OPTIONS)
    apply, reviewer = given.get("--apply", apply), given.get("--reviewer", reviewer)
    path = reviewed_docx(paths)
    reading = read_reviewed(path)
    if reviewer and reviewer not in reading.reviewers():
        present = ", ".join(f'"{name}"' for name in reading.reviewers()) or "nobody: it has no tracked change or comment"
        raise PublishError(f'no change or comment by "{reviewer}" in this DOCX; the reviewers in it: {present}', path)
    publication, then, edition, built = reviewed_against(reading, path)
    now = publication.index.read_text(encoding="utf-8")
    print(f"{path}: an edition of {publication.name}, built from {built}"
          + ("" if then == now else f"; {publication.index.as_posix()} has changed since"))
    accept = (lambda change: change.author == reviewer) if reviewer else (lambda change: True)
    source_tokens = Tokens.of(then)
    body = Placement(reading.body, edition.body, source_tokens)
    placements = {"body": body, "notes": Placement(reading.notes, edition.notes, source_tokens, body)}
    findings = []
    for name, placement in placements.items():
        stream = getattr(reading, name)
        findings += tracked_findings(placement, stream, accept)
        if not reviewer:
            findings += untracked_findings(placement, stream)
    findings += comment_findings(reading, placements)
    today = Today(then, now)
    report(findings, publication, path, today, reviewer)
    if apply:
        apply_edits(findings, publication, today, reviewer)


def chosen(finding, reviewer):
    return finding.kind != "comment" and (not reviewer or finding.who == reviewer)


def report(findings, publication, path, today, reviewer):
    placed = []
    for order, finding in enumerate(findings):
        if reviewer and finding.who != reviewer:
            continue
        who = f"[{finding.who}, {finding.day}] " if finding.who else ""
        if finding.generated:
            placed.append(((1, 0, 0, order), f"{path}: {finding.kind}: {who}{finding.text} "
                                             f"(in {GENERATED_PARTS[finding.generated]}: not in the source)"))
            continue
        line, column = line_and_column(today.now, today.place(finding.at))
        placed.append(((0, line, column, order), f"{publication.index.as_posix()}:{line}:{column}: {finding.kind}: {who}{finding.text}"))
    for _, line in sorted(placed):
        print(line)
    if not placed:
        print(f"{path}: no tracked change, comment or untracked change")


def apply_edits(findings, publication, today, reviewer):
    wanted = [finding for finding in findings if chosen(finding, reviewer)]
    done = already_applied([(finding.edit, finding) for finding in wanted if finding.edit], today)
    edits, refused = [], []
    for finding in wanted:
        if any(finding is applied for applied in done):
            continue
        edit = finding.edit and today.edit(*finding.edit)
        (edits.append((edit, finding)) if edit else refused.append(finding))
    edits.sort(key=lambda pair: (pair[0][0], pair[0][1]))  # stable: insertions at one point keep their order
    kept, pieces, cursor = [], [], 0
    for edit, finding in edits:
        start, stop, replacement = edit
        if start < cursor:  # overlaps an edit already made
            refused.append(finding)
            continue
        pieces += [today.now[cursor:start], replacement]
        cursor = stop
        kept.append(finding)
    text = "".join(pieces) + today.now[cursor:]
    if kept:
        atomic.write_text(publication.index, text)
    print(f"{publication.index.as_posix()}: applied {len(kept)} change{'s' if len(kept) != 1 else ''}"
          + (f"; {len(done)} already applied, skipped" if done else ""))
    for finding in done:
        print(f"{publication.index.as_posix()}: already applied: {finding.kind}: [{finding.who}, {finding.day}] {finding.text}")
    if refused:
        for finding in refused:
            where = "not in the source" if finding.generated else "its text in the source has changed or is not plain text"
            print(f"{publication.index.as_posix()}: not applied ({where}): {finding.kind}: [{finding.who}, {finding.day}] {finding.text}")
        raise PublishError(f"{len(refused)} change{'s' if len(refused) != 1 else ''} could not be applied "
                           "(listed above): make them by hand", publication.index)
