"""What a reviewed DOCX says: its text as the edition had it and as the reviewers want it, with each
tracked change and comment, as Word, LibreOffice and Google Docs write them (WordprocessingML's
w:ins, w:del, w:moveFrom/w:moveTo, a paragraph mark inserted or deleted, w:comment anchored by
w:commentRangeStart, replies threaded by the comments-extended part).

The text is read as two streams, the body and the footnotes, each a list of pieces: a run of text
that is unchanged, inserted or deleted, and the mark between two paragraphs (written as a blank
line, so that a stream aligns with the Markdown it came from). Parts the build generates (the
bibliography, the colophon) are flagged, so that a change there is reported as not in the source.
"""

import re
import zipfile
from dataclasses import dataclass, field

from lxml import etree

from publish.editions.docx_review_record import SOURCE, record_entries
from publish.errors import PublishError
from publish.ooxml import CUSTOM, W14, W15, w

PARAGRAPH_MARK = "\n\n"
# The generated parts of our DOCX edition: the bibliography's entries, in pandoc's style for them, and
# everything from the colophon's heading on (its bookmark, from templates/partials/colophon.html.j2).
BIBLIOGRAPHY_STYLE, COLOPHON_BOOKMARK = "Bibliography", "colophon-heading"
MOST_UNPACKED = 200 * 1024 * 1024  # a bigger DOCX is not a brief: refuse rather than fill the memory
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
CUSTOM_XML_ITEM = re.compile(r"customXml/item\d+\.xml")  # Word may number our record's part anew


@dataclass(frozen=True)
class Change:
    kind: str  # 'insertion' or 'deletion'
    author: str
    date: str  # as Word wrote it: '2026-11-28T10:00:00Z', or ''
    number: str  # its w:id

    @property
    def day(self):
        return self.date[:10]


@dataclass
class Piece:
    text: str
    change: Change | None = None
    generated: str = ""  # the generated part it belongs to ('bibliography', 'colophon'), or ''


@dataclass
class Comment:
    number: str
    author: str
    date: str
    text: str
    parent: str = ""  # the w:id of the comment this one answers


@dataclass
class Stream:
    """The body or the notes: pieces in order, and where each comment is anchored (the index of the
    piece before which its range starts)."""

    name: str
    pieces: list = field(default_factory=list)
    anchors: dict = field(default_factory=dict)
    calls: list = field(default_factory=list)  # the body: the piece index at each note call, in order
    notes: list = field(default_factory=list)  # the notes: the piece index where each note starts, in order

    def offset_of(self, piece_index):
        offsets = self.original_offsets()
        return offsets[piece_index] if piece_index < len(offsets) else len(self.original())

    def original(self):
        """The text with every tracked change rejected: what the edition said (for tracked changes)."""
        return "".join(piece.text for piece in self.pieces if not piece.change or piece.change.kind == "deletion")

    def original_offsets(self):
        """The offset in original() where each piece starts (an insertion: where it is inserted)."""
        offsets, at = [], 0
        for piece in self.pieces:
            offsets.append(at)
            if not piece.change or piece.change.kind == "deletion":
                at += len(piece.text)
        return offsets

    def generated_ranges(self):
        """(start, end, part) in original() of the parts the build generates."""
        ranges = []
        for piece, start in zip(self.pieces, self.original_offsets()):
            if not piece.generated:
                continue
            end = start + (len(piece.text) if not piece.change or piece.change.kind == "deletion" else 0)
            if ranges and ranges[-1][2] == piece.generated and ranges[-1][1] >= start:
                ranges[-1] = (ranges[-1][0], max(ranges[-1][1], end), piece.generated)
            else:
                ranges.append((start, end, piece.generated))
        return ranges


@dataclass
class Reading:
    properties: dict  # the custom document properties, by name
    body: Stream
    notes: Stream
    comments: list
    record: dict | None = None  # the edition's record of its source and parts (publish.editions.docx_review_record)

    def reviewers(self):
        """The names of everyone who tracked a change or wrote a comment, in the order they first appear."""
        names = [piece.change.author for stream in (self.body, self.notes) for piece in stream.pieces if piece.change]
        return list(dict.fromkeys([*names, *(comment.author for comment in self.comments)]))


def read_parts(path):
    """The XML parts a review needs, by name; a file that is not a DOCX is a one-line error."""
    try:
        with zipfile.ZipFile(path) as package:
            if sum(info.file_size for info in package.infolist()) > MOST_UNPACKED:
                raise PublishError("this DOCX unpacks to more than 200 MB: it cannot be a reviewed edition", path)
            names = set(package.namelist())
            if "word/document.xml" not in names:
                raise PublishError("this is a zip file but not a Word document (no word/document.xml)", path)
            wanted = ["word/document.xml", "word/footnotes.xml", "word/comments.xml", "word/commentsExtended.xml",
                      "docProps/custom.xml", *sorted(name for name in names if CUSTOM_XML_ITEM.fullmatch(name))]
            return {name: etree.fromstring(package.read(name), PARSER) for name in wanted if name in names}
    except (zipfile.BadZipFile, OSError, etree.XMLSyntaxError) as error:
        raise PublishError(f"cannot read it as a Word document ({error}): is it a .docx saved by Word, "
                           "LibreOffice or Google Docs?", path) from None


def custom_properties(root):
    if root is None:
        return {}
    return {prop.get("name"): "".join(prop.itertext()).strip() for prop in root.iter(f"{{{CUSTOM}}}property")}


def change_of(element):
    kind = "insertion" if etree.QName(element).localname in ("ins", "moveTo") else "deletion"
    return Change(kind, element.get(w("author"), "") or "unknown reviewer", element.get(w("date"), ""),
                  element.get(w("id"), ""))


# The directional isolates the DOCX edition sets around a word of the other script (publish.bidi): layout,
# not the author's text.
ISOLATES = str.maketrans("", "", "\u2066\u2067\u2068\u2069")


def run_text(run):
    """A run's text: its w:t or (deleted) w:delText, tabs and breaks as spaces, without directional isolates;
    note calls, field instructions and drawings say nothing."""
    parts = []
    for child in run:
        name = etree.QName(child).localname
        if name in ("t", "delText"):
            parts.append((child.text or "").translate(ISOLATES))
        elif name in ("tab", "br", "cr"):
            parts.append(" ")
        elif name == "noBreakHyphen":
            parts.append("\u2011")
    return "".join(parts)


class StreamWriter:
    """Fills a stream from paragraphs in document order."""

    def __init__(self, stream):
        self.stream = stream
        self.generated = ""
        self.open_mark = None  # the mark ending the last paragraph, written when another paragraph follows

    def add(self, text, change):
        if text:
            self.stream.pieces.append(Piece(text, change, self.generated))

    def inline(self, element, change):
        for child in element:
            name = etree.QName(child).localname
            if name in ("ins", "del", "moveTo", "moveFrom"):
                self.inline(child, change_of(child))
            elif name == "r":
                if child.find(w("footnoteReference")) is not None:
                    self.stream.calls.append(len(self.stream.pieces))
                self.add(run_text(child), change)
            elif name == "commentRangeStart":
                self.stream.anchors.setdefault(child.get(w("id")), len(self.stream.pieces))
            elif name in ("hyperlink", "smartTag", "sdt", "sdtContent", "fldSimple", "customXml"):
                self.inline(child, change)

    def bookmark(self, name):
        if name == COLOPHON_BOOKMARK:
            self.generated = "colophon"  # to the end of the body

    def paragraph(self, p):
        if self.open_mark is not None:
            self.add(PARAGRAPH_MARK, self.open_mark or None)
        for bookmark in p.iter(w("bookmarkStart")):  # a heading's bookmark starts its part before its text
            self.bookmark(bookmark.get(w("name"), ""))
        style = p.find(f"{w('pPr')}/{w('pStyle')}")
        entry = style is not None and style.get(w("val")) == BIBLIOGRAPHY_STYLE
        if self.generated != "colophon":
            self.generated = "bibliography" if entry else ""
        self.inline(p, None)
        mark = p.find(f"{w('pPr')}/{w('rPr')}")
        marked = next((c for c in mark if etree.QName(c).localname in ("ins", "del")), None) if mark is not None else None
        self.open_mark = change_of(marked) if marked is not None else False

    def start_part(self):
        """A new note: its paragraphs follow the last note's after a paragraph mark."""
        self.generated = ""
        self.stream.notes.append(len(self.stream.pieces) + (1 if self.open_mark is not None else 0))


def paragraphs(root):
    """Every paragraph in document order, those in table cells included (not text boxes')."""
    return [p for p in root.iter(w("p")) if not any(etree.QName(a).localname == "txbxContent" for a in p.iterancestors())]


def body_stream(document):
    """The body's paragraphs, and the bookmarks between them (pandoc writes a section's there)."""
    stream = Stream("body")
    writer = StreamWriter(stream)
    inside = set(paragraphs(document.find(w("body"))))
    for element in document.find(w("body")).iter(w("p"), w("bookmarkStart")):
        if element in inside:
            writer.paragraph(element)
        elif element.tag == w("bookmarkStart") and element.getparent().tag != w("p"):
            writer.bookmark(element.get(w("name"), ""))
    return stream


def notes_stream(footnotes):
    """The footnotes, in the order of their numbers, one after another."""
    stream = Stream("notes")
    if footnotes is None:
        return stream
    writer = StreamWriter(stream)
    for note in footnotes.iter(w("footnote")):
        if note.get(w("type")) in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        writer.start_part()
        for p in paragraphs(note):
            writer.paragraph(p)
    return stream


def comments_of(comments, extended):
    """The comments with their replies' parents (through the paragraph ids of comments-extended)."""
    if comments is None:
        return []
    parents_by_paragraph = {}
    if extended is not None:
        for entry in extended.iter(f"{{{W15}}}commentEx"):
            parents_by_paragraph[entry.get(f"{{{W15}}}paraId")] = entry.get(f"{{{W15}}}paraIdParent", "")
    found, comment_of_paragraph = [], {}
    for element in comments.iter(w("comment")):
        number = element.get(w("id"))
        texts = [run_text_of(p) for p in element.iter(w("p"))]
        last = list(element.iter(w("p")))
        if last:
            comment_of_paragraph[last[-1].get(f"{{{W14}}}paraId")] = number
        found.append((element, Comment(number, element.get(w("author"), "") or "unknown reviewer",
                                       element.get(w("date"), ""), " ".join(t for t in texts if t))))
    for element, comment in found:
        paragraphs_ = list(element.iter(w("p")))
        parent_paragraph = parents_by_paragraph.get(paragraphs_[-1].get(f"{{{W14}}}paraId")) if paragraphs_ else None
        comment.parent = comment_of_paragraph.get(parent_paragraph, "") if parent_paragraph else ""
    return [comment for _, comment in found]


def run_text_of(p):
    return "".join(run_text(run) for run in p.iter(w("r"))).strip()


def reading_of(parts, record=None):
    return Reading(custom_properties(parts.get("docProps/custom.xml")), body_stream(parts["word/document.xml"]),
                   notes_stream(parts.get("word/footnotes.xml")),
                   comments_of(parts.get("word/comments.xml"), parts.get("word/commentsExtended.xml")), record)


def read_reviewed(path):
    """The reviewed DOCX's text, changes and comments, and the record of what it was built from, if it kept it."""
    parts = read_parts(path)
    records = (record_entries(root) for name, root in parts.items() if CUSTOM_XML_ITEM.fullmatch(name))
    return reading_of(parts, next((record for record in records if record), None))


def recorded_edition(reading):
    """The edition as it was built, from its record: (its Markdown source, its Reading), or None."""
    record = reading.record or {}
    if SOURCE not in record or "word/document.xml" not in record:
        return None
    try:
        parts = {name: etree.fromstring(data, PARSER) for name, data in record.items() if name != SOURCE}
    except etree.XMLSyntaxError:
        return None
    return record[SOURCE].decode("utf-8"), reading_of({**parts, "docProps/custom.xml": None})
