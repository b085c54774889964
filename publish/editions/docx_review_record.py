"""The DOCX edition's own record of what it was built from, for `doit review`: the Markdown source as the
parse read it, and the edition's body and notes as built, in a custom XML part (Word and LibreOffice keep
such parts when they save a document). A DOCX built from uncommitted sources, an old revision or another
clone is then reviewed against what it really was, not against the repository's history.

Each text is stored deflated and in base64: the source may hold characters XML cannot carry (a form feed),
and the record stays small.
"""

import base64
import zlib

from lxml import etree

from publish.ooxml import CONTENT_TYPES, PACKAGE_RELS, RELATIONSHIP_TYPE, xml_bytes

RECORD_NAMESPACE = "urn:x-publish:docx-review-record:1"
SOURCE = "source"  # the record's name for the Markdown source
RECORDED_PARTS = ("word/document.xml", "word/footnotes.xml")
RECORD_PART, RECORD_PROPERTIES_PART = "customXml/item1.xml", "customXml/itemProps1.xml"
RECORD_RELS_PART = "customXml/_rels/item1.xml.rels"
DOCUMENT_RELS_PART, CONTENT_TYPES_PART = "word/_rels/document.xml.rels", "[Content_Types].xml"
DATASTORE = "http://schemas.openxmlformats.org/officeDocument/2006/customXml"
ITEM_ID = "{6B3C1F0A-5D2E-4A7B-9C8D-1E2F3A4B5C6D}"  # one fixed id: the same inputs make the same bytes
RECORD_RELATIONSHIP = "rIdReviewRecord"
MOST_UNPACKED = 200 * 1024 * 1024


def packed(data):
    return base64.b64encode(zlib.compress(data, 9)).decode("ascii")


def unpacked(text):
    """The bytes of a packed entry; ValueError for more than MOST_UNPACKED (a bomb, not a brief)."""
    inflater = zlib.decompressobj()
    data = inflater.decompress(base64.b64decode(text), MOST_UNPACKED)
    if inflater.unconsumed_tail:
        raise ValueError("the record unpacks to more than it may")
    return data


def record_xml(source_text, parts):
    """The record: the source's text and each recorded part's bytes, by name."""
    root = etree.Element(f"{{{RECORD_NAMESPACE}}}record", nsmap={None: RECORD_NAMESPACE})
    entries = [(SOURCE, source_text.encode("utf-8"))] + [(name, parts[name]) for name in RECORDED_PARTS if name in parts]
    for name, data in entries:
        etree.SubElement(root, f"{{{RECORD_NAMESPACE}}}entry", name=name, encoding="deflate base64").text = packed(data)
    return xml_bytes(root)


def record_entries(root):
    """{name: bytes} of a record part's root, or None when the part is not our record."""
    if root is None or root.tag != f"{{{RECORD_NAMESPACE}}}record":
        return None
    try:
        return {entry.get("name"): unpacked(entry.text or "") for entry in root.iter(f"{{{RECORD_NAMESPACE}}}entry")}
    except (ValueError, zlib.error):
        return None  # damaged on the way: review then falls back on the repository's history


def item_properties():
    root = etree.Element(f"{{{DATASTORE}}}datastoreItem", {f"{{{DATASTORE}}}itemID": ITEM_ID}, nsmap={"ds": DATASTORE})
    references = etree.SubElement(root, f"{{{DATASTORE}}}schemaRefs")
    etree.SubElement(references, f"{{{DATASTORE}}}schemaRef", {f"{{{DATASTORE}}}uri": RECORD_NAMESPACE})
    return xml_bytes(root)


def relationships(*entries):
    root = etree.Element(f"{{{PACKAGE_RELS}}}Relationships", nsmap={None: PACKAGE_RELS})
    for rel_id, kind, target in entries:
        etree.SubElement(root, f"{{{PACKAGE_RELS}}}Relationship", Id=rel_id, Type=RELATIONSHIP_TYPE.format(kind=kind),
                         Target=target)
    return xml_bytes(root)


def review_record_parts(parts, source_text):
    """The parts to add or rewrite in the package `parts` (by name, bytes; the document's relationships and
    content types among them) so that it carries its review record."""
    document_rels = etree.fromstring(parts[DOCUMENT_RELS_PART])
    etree.SubElement(document_rels, f"{{{PACKAGE_RELS}}}Relationship", Id=RECORD_RELATIONSHIP,
                     Type=RELATIONSHIP_TYPE.format(kind="customXml"), Target=f"../{RECORD_PART}")
    types = etree.fromstring(parts[CONTENT_TYPES_PART])
    etree.SubElement(types, f"{{{CONTENT_TYPES}}}Override", PartName=f"/{RECORD_PROPERTIES_PART}",
                     ContentType="application/vnd.openxmlformats-officedocument.customXmlProperties+xml")
    if not any(default.get("Extension") == "xml" for default in types.iter(f"{{{CONTENT_TYPES}}}Default")):
        etree.SubElement(types, f"{{{CONTENT_TYPES}}}Default", Extension="xml", ContentType="application/xml")
    return {RECORD_PART: record_xml(source_text, parts), RECORD_PROPERTIES_PART: item_properties(),
            RECORD_RELS_PART: relationships(("rId1", "customXmlProps", "itemProps1.xml")),
            DOCUMENT_RELS_PART: xml_bytes(document_rels), CONTENT_TYPES_PART: xml_bytes(types)}
