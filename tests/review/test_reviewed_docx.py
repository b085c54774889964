"""Reading a reviewed DOCX's text (publish/review/reviewed_docx.py): what the edition added for layout is
not the author's text."""

import io
import struct
import zipfile

import pytest
from lxml import etree

from publish.editions.docx_review_record import SOURCE, review_record_parts
from publish.errors import PublishError
from publish.ooxml import W14
from publish.pandoc import run_pandoc
from publish.review.reviewed_docx import read_reviewed, recorded_edition, run_text
from reviewing import FOOTNOTES, WordReview, w

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def run(xml):
    return etree.fromstring(f'<w:r xmlns:w="{W}">{xml}</w:r>')


def test_a_runs_text_leaves_out_the_isolates_set_around_a_word_of_the_other_script():
    """A Latin note in a Persian DOCX has its Persian words isolated (publish.editions.docx_directions);
    compared with its source, the isolates would read as a change the reviewer never made."""
    assert run_text(run("<w:t>10 \u2067دسامبر\u2069 1948,</w:t>")) == "10 دسامبر 1948,"
    assert run_text(run("<w:delText>\u2066UN\u2069</w:delText><w:tab/>")) == "UN "



# A DOCX as the edition writes one (pandoc's DOCX writer, the bibliography's entries in their style, the
# colophon after its bookmark, the review record the edition carries), reviewed as Word writes a review.
EDITION_SOURCE = """---
Publication: sample.en
Source revision: 0123456789ab
---

# Findings {#aims-and-findings}

The mode of engagement has not achieved anything.[^one] See the [report](https://example.org/) for details.[^two]

| Province | Schools |
|----------|--------:|
| Herat    | 12      |

: Schools by province

The figures come from the provincial offices, which report every term; the ministry compiles them once a year
and publishes them.

::: {custom-style="Bibliography"}
Author, A. 2020. A book.
:::

Further reading:

::: {custom-style="Bibliography"}
Bauthor, B. 2021. Another book.
:::

::: {#colophon-heading}
Made by the house.
:::

[^one]: A note with two paragraphs.

    Its second paragraph.

[^two]: Another note.
"""
EDITION_BODY = ("Findings\n\nThe mode of engagement has not achieved anything. See the report for details.\n\n"
                "Schools by province\n\nProvince\n\nSchools\n\nHerat\n\n12\n\nThe figures come from the provincial "
                "offices, which report every term; the ministry compiles them once a year and publishes them.\n\n"
                "Author, A. 2020. A book.\n\n"
                "Further reading:\n\nBauthor, B. 2021. Another book.\n\nMade by the house.")
EDITION_NOTES = " A note with two paragraphs.\n\nIts second paragraph.\n\n Another note."  # a space after the mark
ANA, BEN, DAY = "Ana Reviewer", "Ben Reviewer", "2026-11-28T10:00:00Z"
TEXT_BOX = ('<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:v="urn:schemas-microsoft-'
            'com:vml"><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>Boxed words</w:t></w:r></w:p>'
            '</w:txbxContent></v:textbox></v:shape></w:pict></w:r>')


@pytest.fixture(scope="module")
def edition():
    """The edition's DOCX, as bytes, with its review record in a part Word has numbered anew."""
    docx = run_pandoc(["--from=markdown", "--to=docx", "--output=-"], EDITION_SOURCE.encode("utf-8"))
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        members = {info.filename: package.read(info) for info in package.infolist()}
    added = review_record_parts(members, EDITION_SOURCE)
    added["customXml/item3.xml"] = added.pop("customXml/item1.xml")
    return packed({**members, **added})


def packed(members):
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as package:
        for name, data in members.items():
            package.writestr(name, data)
    return output.getvalue()


def as_word_saves_it(review):
    """Word's own ways: the colophon heading's bookmark inside its paragraph, a content control and a smart tag
    around runs, a text box anchored in a paragraph."""
    body = review.parts["word/document.xml"]
    bookmark = next(mark for mark in body.iter(w("bookmarkStart")) if mark.get(w("name")) == "colophon-heading")
    paragraph = bookmark.getnext()
    paragraph.find(w("pPr")).addnext(bookmark)
    for text, wrappers in (("Schools by province", ("sdt", "sdtContent")), ("See the", ("smartTag",))):
        run = review.text_element(text).getparent()
        outer = inner = etree.Element(w(wrappers[0]))
        for name in wrappers[1:]:
            inner = etree.SubElement(inner, w(name))
        run.addprevious(outer)
        inner.append(run)
    review.text_element("Findings").getparent().addnext(etree.fromstring(TEXT_BOX))


def reviewed(edition, tmp_path):
    """The edition reviewed by two reviewers: changes in the body, a table cell, the bibliography and a note, a
    paragraph added, a comment answered, a word moved, and one change whose author Word did not record."""
    review = WordReview(edition)
    as_word_saves_it(review)
    review.replace("anything", "little", ANA, DAY)
    review.replace("12", "14", BEN, DAY)
    review.insert_after("Author, A.", " and C. Author", ANA, DAY)
    review.insert_after("Another book.", " Reprinted.", BEN, DAY)
    review.insert_paragraph_after("for details", "A new paragraph.", ANA, DAY)
    review.replace("two", "three", ANA, DAY, part=FOOTNOTES)
    review.comment("Herat", "Which year?", BEN, DAY, replies=[(ANA, DAY, "2025.")])
    review.replace("report", "", "", DAY)
    moved = review.split("mode", "word/document.xml")
    moved.getparent().replace(moved, move := review.marked("moveFrom", BEN, DAY))
    move.append(moved)
    moved.find(w("t")).tag = w("delText")
    members = WordReview(review.save()).members
    comments = etree.fromstring(members["word/comments.xml"])  # the question in two paragraphs, the last one answered
    question = next(comment for comment in comments.iter(w("comment")) if "Which year?" in "".join(comment.itertext()))
    question.insert(0, etree.fromstring(etree.tostring(question.find(w("p")))))
    question[0].set(f"{{{W14}}}paraId", "0000ABCD")
    question[0].find(f"{w('r')}/{w('t')}").text = "Is it right?"
    members["word/comments.xml"] = etree.tostring(comments)
    path = tmp_path / "reviewed.docx"
    path.write_bytes(packed(members))
    return path


def accepted(stream):
    return "".join(piece.text for piece in stream.pieces if not piece.change or piece.change.kind == "insertion")


def test_rejecting_every_change_gives_the_edition_back_and_accepting_them_the_reviewed_text(edition, tmp_path):
    unreviewed, path = tmp_path / "edition.docx", reviewed(edition, tmp_path)
    unreviewed.write_bytes(edition)
    reading = read_reviewed(path)
    assert read_reviewed(unreviewed).body.original() == reading.body.original() == EDITION_BODY
    assert reading.notes.original() == EDITION_NOTES
    assert accepted(reading.body) == EDITION_BODY.replace("anything", "little").replace(
        "for details.", "for details.\n\nA new paragraph.").replace("12", "14").replace("the report", "the ").replace(
        "The mode", "The ").replace("Author, A.", "Author, A. and C. Author").replace(
        "Another book.", "Another book. Reprinted.")
    assert accepted(reading.notes) == EDITION_NOTES.replace("two", "three")


def test_each_change_is_read_with_its_kind_author_and_day(edition, tmp_path):
    reading = read_reviewed(reviewed(edition, tmp_path))
    changes = [(piece.text, piece.change.kind, piece.change.author, piece.change.day)
               for stream in (reading.body, reading.notes) for piece in stream.pieces if piece.change]
    assert changes == [("mode", "deletion", BEN, DAY[:10]), ("anything", "deletion", ANA, DAY[:10]),
                       ("little", "insertion", ANA, DAY[:10]), ("report", "deletion", "unknown reviewer", DAY[:10]),
                       ("\n\n", "insertion", ANA, DAY[:10]), ("A new paragraph.", "insertion", ANA, DAY[:10]),
                       ("12", "deletion", BEN, DAY[:10]), ("14", "insertion", BEN, DAY[:10]),
                       (" and C. Author", "insertion", ANA, DAY[:10]), (" Reprinted.", "insertion", BEN, DAY[:10]),
                       ("two", "deletion", ANA, DAY[:10]), ("three", "insertion", ANA, DAY[:10])]
    assert reading.reviewers() == [BEN, ANA, "unknown reviewer"]
    numbers = [piece.change.number for piece in reading.body.pieces if piece.change]
    assert all(number.isdigit() for number in numbers) and len(set(numbers)) == len(numbers)  # each its w:id


def test_the_bibliography_and_the_colophon_are_the_generated_parts(edition, tmp_path):
    """Wherever the colophon's bookmark stands (pandoc's between paragraphs, Word's inside its heading), with words
    inserted into an entry and after one, past the first 256 characters; a bookmark whose name sorts before the
    colophon's is no colophon."""
    unreviewed = tmp_path / "edition.docx"
    unreviewed.write_bytes(edition)
    entry, later, colophon = "Author, A. 2020. A book.", "Bauthor, B. 2021. Another book.", "Made by the house."
    mark = "\n\n"  # the paragraph mark after a generated paragraph goes with it, before a bookmark between them
    for reading, parts in ((read_reviewed(reviewed(edition, tmp_path)), [entry + mark, later + mark, colophon]),
                           (read_reviewed(unreviewed), [entry + mark, later, mark + colophon])):
        original = reading.body.original()
        assert reading.body.generated_ranges()[0][0] > 256  # past the integers Python keeps one object of
        assert [(original[start:end], part) for start, end, part in reading.body.generated_ranges()] == list(
            zip(parts, ("bibliography", "bibliography", "colophon")))
        assert not any(piece.generated for piece in reading.notes.pieces)


def test_note_calls_note_starts_and_comment_anchors_are_pieces_of_their_streams(edition, tmp_path):
    reading = read_reviewed(reviewed(edition, tmp_path))
    body, notes = reading.body, reading.notes
    assert [body.original()[:body.offset_of(call)][-9:] for call in body.calls] == ["anything.", " details."]
    assert [notes.original()[notes.offset_of(start):][:8] for start in notes.notes] == [" A note ", " Another"]
    assert notes.offset_of(len(notes.pieces)) == len(EDITION_NOTES)
    said = {comment.text: comment for comment in reading.comments}
    question, answer = said["Is it right? Which year?"], said["2025."]
    assert (question.author, question.date, question.parent, answer.author, answer.parent) == (
        BEN, DAY, "", ANA, question.number)
    assert {number: body.pieces[index].text for number, index in body.anchors.items()} == {
        question.number: "Herat", answer.number: "Herat"}


def test_a_note_left_with_no_paragraph_starts_at_the_end_of_the_notes(edition, tmp_path):
    review = WordReview(edition)
    last = list(review.parts[FOOTNOTES].iter(w("footnote")))[-1]
    for paragraph in last.findall(w("p")):
        last.remove(paragraph)
    path = tmp_path / "emptied.docx"
    path.write_bytes(review.save())
    notes = read_reviewed(path).notes
    assert notes.original() == EDITION_NOTES.split("\n\n Another")[0]
    assert [notes.offset_of(start) for start in notes.notes] == [0, len(notes.original())]


def test_the_record_the_edition_carries_gives_its_source_and_its_reading_as_built(edition, tmp_path):
    reading = read_reviewed(reviewed(edition, tmp_path))
    assert reading.properties == {"Publication": "sample.en", "Source revision": "0123456789ab"}
    source, built = recorded_edition(reading)
    assert source == EDITION_SOURCE
    assert (built.body.original(), built.notes.original(), built.comments) == (EDITION_BODY, EDITION_NOTES, [])
    assert not any(piece.change for piece in built.body.pieces)
    record = reading.record
    for damaged in ({**record, "word/document.xml": b"<not xml"}, {SOURCE: record[SOURCE]}):
        reading.record = damaged
        assert recorded_edition(reading) is None


def declaring(docx, unpacked):
    """The DOCX with one more member, never read, whose size in the zip's directory brings the sizes its
    members declare to `unpacked` bytes (what a reader would have to unpack)."""
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        declared = sum(info.file_size for info in package.infolist())
    data = bytearray(packed({**WordReview(docx).members, "word/media/large.bin": b"x"}))
    entry = data.rindex(b"PK\x01\x02")  # the last member's entry in the central directory
    data[entry + 24:entry + 28] = struct.pack("<I", unpacked - declared)
    return bytes(data)


def test_a_docx_that_cannot_be_a_reviewed_edition_is_one_clear_error(edition, tmp_path):
    most = 200 * 1024 * 1024  # "more than 200 MB" in the error
    cases = {"gone.docx": None, "text.docx": b"not a zip", "zip.docx": packed({"mimetype": b"x"}),
             "large.docx": declaring(edition, most + 1), "bad.docx": packed({"word/document.xml": b"<w:document"})}
    said = {"gone.docx": "cannot read it as a Word document", "text.docx": "cannot read it as a Word document",
            "zip.docx": "a zip file but not a Word document", "large.docx": "unpacks to more than 200 MB",
            "bad.docx": "cannot read it as a Word document"}
    for name, data in cases.items():
        if data is not None:
            (tmp_path / name).write_bytes(data)
        with pytest.raises(PublishError, match=said[name]):
            read_reviewed(tmp_path / name)
    (tmp_path / "most.docx").write_bytes(declaring(edition, most))
    assert read_reviewed(tmp_path / "most.docx").body.original() == EDITION_BODY


def test_a_document_that_names_a_file_of_this_machine_as_an_entity_never_reads_it(edition, tmp_path):
    """An external entity (a classic hostile-XML trick): the reviewed text must not carry the file's words."""
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-WORDS", encoding="utf-8")
    with zipfile.ZipFile(io.BytesIO(edition)) as package:
        members = {info.filename: package.read(info) for info in package.infolist()}
    document = members["word/document.xml"].decode("utf-8")
    declaration, rest = document.split("?>", 1)
    doctype = f'<!DOCTYPE w:document [<!ENTITY leak SYSTEM "{secret.as_uri()}">]>'
    run_start = rest.index("<w:t")
    text_start = rest.index(">", run_start) + 1
    hostile = declaration + "?>" + doctype + rest[:text_start] + "&leak;" + rest[text_start:]
    (tmp_path / "hostile.docx").write_bytes(packed({**members, "word/document.xml": hostile.encode("utf-8")}))
    try:
        reading = read_reviewed(tmp_path / "hostile.docx")
    except PublishError:
        return  # refused whole: nothing read either
    assert "SECRET-WORDS" not in reading.body.original()


def test_a_document_nested_past_the_parsers_depth_is_refused_not_read(edition, tmp_path):
    """Thousands of levels no word processor writes: the parser's limit (no huge trees) refuses it whole."""
    with zipfile.ZipFile(io.BytesIO(edition)) as package:
        members = {info.filename: package.read(info) for info in package.infolist()}
    document = members["word/document.xml"].decode("utf-8")
    depth = 300  # 600 elements: past the 256 a parser allows without huge trees, within the 2,048 it allows with them
    nested = document.replace("<w:body>", "<w:body>" + "<w:sdt><w:sdtContent>" * depth, 1).replace(
        "</w:body>", "</w:sdtContent></w:sdt>" * depth + "</w:body>", 1)
    (tmp_path / "deep.docx").write_bytes(packed({**members, "word/document.xml": nested.encode("utf-8")}))
    with pytest.raises(PublishError, match="cannot read it as a Word document"):
        read_reviewed(tmp_path / "deep.docx")
