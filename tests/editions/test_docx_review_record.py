"""The DOCX edition's record of what it was built from (publish/editions/docx_review_record.py): written
into the package, read back, and refused when damaged or too large to be a brief's."""

import base64
import zlib

from lxml import etree

from publish.editions.docx_review_record import SOURCE, record_entries, record_xml, review_record_parts

TYPES = b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
RELS = b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>'


def test_the_record_gives_back_the_source_and_the_parts_byte_for_byte():
    source = "---\ntitle: A form\x0cfeed and “quotes”\n---\n\nText.\n"  # a character XML cannot carry
    parts = {"word/document.xml": b"<w:document/>", "word/footnotes.xml": b"<w:footnotes/>",
             "[Content_Types].xml": TYPES, "word/_rels/document.xml.rels": RELS}
    added = review_record_parts(parts, source)
    entries = record_entries(etree.fromstring(added["customXml/item1.xml"]))
    assert entries == {SOURCE: source.encode("utf-8"), "word/document.xml": b"<w:document/>",
                       "word/footnotes.xml": b"<w:footnotes/>"}
    assert b'Target="../customXml/item1.xml"' in added["word/_rels/document.xml.rels"]
    assert b"customXmlProperties+xml" in added["[Content_Types].xml"]
    assert review_record_parts(parts, source) == added  # the same inputs, the same bytes


def test_a_damaged_or_oversized_record_is_no_record():
    assert record_entries(etree.fromstring(b"<other/>")) is None
    damaged = etree.fromstring(record_xml("text", {}))
    damaged[0].text = "not base64 at all!"
    assert record_entries(damaged) is None
    bomb = etree.fromstring(record_xml("text", {}))
    deflater, megabyte = zlib.compressobj(9), b"\0" * 1024 * 1024
    deflated = b"".join(deflater.compress(megabyte) for _ in range(201)) + deflater.flush()
    bomb[0].text = base64.b64encode(deflated).decode("ascii")  # 200 KB that would unpack to 201 MB
    assert record_entries(bomb) is None
    assert record_entries(etree.fromstring(record_xml("fine", {}))) == {SOURCE: b"fine"}
