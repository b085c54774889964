"""Reviewed copies of a DOCX edition, written as Word writes them with Track Changes on: w:del and
w:ins runs, a paragraph mark marked as inserted, comments anchored by w:commentRangeStart with their
replies threaded in the comments-extended part; and text changed with Track Changes off."""

import io
import itertools
import zipfile

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
DOCUMENT, FOOTNOTES, COMMENTS, EXTENDED = "word/document.xml", "word/footnotes.xml", "word/comments.xml", "word/commentsExtended.xml"
RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def w(tag):
    return f"{{{W}}}{tag}"


class WordReview:
    """A DOCX being reviewed: each method records one change as Word would."""

    def __init__(self, docx):
        with zipfile.ZipFile(io.BytesIO(docx)) as package:
            self.members = {info.filename: package.read(info) for info in package.infolist()}
        self.parts = {name: etree.fromstring(self.members[name]) for name in (DOCUMENT, FOOTNOTES) if name in self.members}
        self.numbers = itertools.count(9000)
        self.comments = []  # (number, author, date, text, parent number)

    def text_element(self, text, part=DOCUMENT):
        found = [t for t in self.parts[part].iter(w("t")) if text in (t.text or "")]
        assert found, f"{text!r} is not in one run of {part}"
        return found[0]

    def split(self, text, part):
        """The run holding `text`, cut into (before, the text, after) runs; returns the middle run."""
        t = self.text_element(text, part)
        run = t.getparent()
        before, _, after = t.text.partition(text)
        pieces = []
        for piece in (before, text, after):
            copy = etree.fromstring(etree.tostring(run))
            copy.find(w("t")).text = piece
            pieces.append(copy)
        parent, index = run.getparent(), run.getparent().index(run)
        parent.remove(run)
        for piece in [piece for piece in pieces if piece.find(w("t")).text]:  # an empty 'before' took a place
            parent.insert(index, piece)
            index += 1
        return pieces[1]

    def marked(self, kind, author, date):
        return etree.Element(w(kind), {w("id"): str(next(self.numbers)), w("author"): author, w("date"): date})

    def replace(self, old, new, author, date, part=DOCUMENT):
        """`old` struck through and `new` inserted after it (a deletion when `new` is empty)."""
        run = self.split(old, part)
        parent, index = run.getparent(), run.getparent().index(run)
        deletion = self.marked("del", author, date)
        parent.replace(run, deletion)
        deletion.append(run)
        run.find(w("t")).tag = w("delText")
        if new:
            inserted = etree.fromstring(etree.tostring(run))
            inserted.find(w("delText")).tag = w("t")
            inserted.find(w("t")).text = new
            insertion = self.marked("ins", author, date)
            insertion.append(inserted)
            parent.insert(index + 1, insertion)

    def insert_after(self, anchor, new, author, date, part=DOCUMENT):
        run = self.split(anchor, part)
        inserted = etree.fromstring(etree.tostring(run))
        inserted.find(w("t")).text = new
        insertion = self.marked("ins", author, date)
        insertion.append(inserted)
        run.addnext(insertion)

    def insert_paragraph_after(self, anchor, new, author, date):
        """A new paragraph after the one holding `anchor`: that paragraph's mark is the inserted one."""
        paragraph = next(p for p in self.parts[DOCUMENT].iter(w("p")) if anchor in "".join(p.itertext()))
        properties = paragraph.find(w("pPr"))
        added = etree.Element(w("p"))
        if properties is not None:
            added.append(etree.fromstring(etree.tostring(properties)))
        else:
            properties = etree.SubElement(paragraph, w("pPr"))
            paragraph.insert(0, properties)
        mark = properties.find(w("rPr")) if properties.find(w("rPr")) is not None else etree.SubElement(properties, w("rPr"))
        mark.append(self.marked("ins", author, date))
        insertion = self.marked("ins", author, date)
        run = etree.SubElement(insertion, w("r"))
        etree.SubElement(run, w("t"), {XML_SPACE: "preserve"}).text = new
        added.append(insertion)
        paragraph.addnext(added)

    def untracked(self, old, new, part=DOCUMENT):
        """Text changed with Track Changes off: nothing marks it."""
        t = self.text_element(old, part)
        t.text = t.text.replace(old, new, 1)

    def comment(self, text, said, author, date, part=DOCUMENT, replies=()):
        """A comment on `text`, and replies to it [(author, date, text)], anchored together."""
        run = self.split(text, part)
        numbers = [str(next(self.numbers)) for _ in range(1 + len(replies))]
        for number in numbers:
            run.addprevious(etree.Element(w("commentRangeStart"), {w("id"): number}))
        after = run
        for number in numbers:
            end = etree.Element(w("commentRangeEnd"), {w("id"): number})
            after.addnext(end)
            reference = etree.Element(w("r"))
            etree.SubElement(reference, w("commentReference"), {w("id"): number})
            end.addnext(reference)
            after = reference
        self.comments.append((numbers[0], author, date, said, None))
        for number, (who, when, reply) in zip(numbers[1:], replies):
            self.comments.append((number, who, when, reply, numbers[0]))

    def comment_parts(self):
        root = etree.Element(w("comments"), nsmap={"w": W, "w14": W14})
        extended = etree.Element(f"{{{W15}}}commentsEx", nsmap={"w15": W15})
        paragraph_ids = {}
        for number, author, date, text, parent in self.comments:
            comment = etree.SubElement(root, w("comment"), {w("id"): number, w("author"): author, w("date"): date})
            paragraph_ids[number] = f"{int(number):08X}"
            p = etree.SubElement(comment, w("p"), {f"{{{W14}}}paraId": paragraph_ids[number]})
            etree.SubElement(etree.SubElement(p, w("r")), w("t")).text = text
            entry = etree.SubElement(extended, f"{{{W15}}}commentEx", {f"{{{W15}}}paraId": paragraph_ids[number],
                                                                       f"{{{W15}}}done": "0"})
            if parent:
                entry.set(f"{{{W15}}}paraIdParent", paragraph_ids[parent])
        return {COMMENTS: etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True),
                EXTENDED: etree.tostring(extended, xml_declaration=True, encoding="UTF-8", standalone=True)}

    def save(self):
        members = dict(self.members)
        for name, root in self.parts.items():
            members[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        if self.comments:
            members.update(self.comment_parts())
            types = etree.fromstring(members["[Content_Types].xml"])
            for name, kind in ((COMMENTS, "comments"), (EXTENDED, "commentsExtended")):
                etree.SubElement(types, f"{{{TYPES}}}Override", PartName=f"/{name}",
                                 ContentType=f"application/vnd.openxmlformats-officedocument.wordprocessingml.{kind}+xml")
            members["[Content_Types].xml"] = etree.tostring(types, xml_declaration=True, encoding="UTF-8", standalone=True)
            rels = etree.fromstring(members["word/_rels/document.xml.rels"])
            for number, (name, kind) in enumerate(((COMMENTS, f"{RELATIONSHIP}/comments"),
                                                   (EXTENDED, "http://schemas.microsoft.com/office/2011/relationships/commentsExtended"))):
                etree.SubElement(rels, f"{{{PACKAGE_RELS}}}Relationship", Id=f"rIdReview{number}", Type=kind,
                                 Target=name.removeprefix("word/"))
            members["word/_rels/document.xml.rels"] = etree.tostring(rels, xml_declaration=True, encoding="UTF-8", standalone=True)
        output = io.BytesIO()
        with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as package:
            for name, data in members.items():
                package.writestr(name, data)
        return output.getvalue()
