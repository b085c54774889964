"""The house fonts inside the DOCX, embedded the way Word embeds them, so that Word and LibreOffice
on a machine without them still set the brief in them.

Office Open XML (ECMA-376 Part 1, 17.8.1) keeps each embedded face as an "obfuscated" font part:
the font file with its first 32 bytes XORed with a GUID, the font key, that the font table names
beside the part. Each face is cut down (publish.editions.font_subsets) to Latin, its common
punctuation and every character the document uses, so that an editor can still type in it, at a
fraction of its size.
The key is derived from the subset's bytes, so the same inputs give the same DOCX.
"""

import hashlib
import re
import uuid

from lxml import etree

from publish.editions.font_subsets import subset
from publish.ooxml import CONTENT_TYPES, PACKAGE_RELS, RELATIONSHIP_TYPE, R, w, xml_bytes
from publish.paths import STYLES

OBFUSCATED_FONT = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
FONT_TABLE, FONT_TABLE_RELS, SETTINGS = "word/fontTable.xml", "word/_rels/fontTable.xml.rels", "word/settings.xml"
# The faces Word embeds for a family, and the face of the house style each comes from.
EMBEDDED_FACES = (("embedRegular", "regular"), ("embedBold", "bold"), ("embedItalic", "italic"),
                  ("embedBoldItalic", "bold-italic"))
FAMILIES = {"body": "roman", "heading": "swiss", "code": "modern", "arabic": "roman"}
ARABIC_LETTERS = re.compile("[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff]")
# What an editor may type without leaving the font: Latin, Latin-1 and Latin Extended-A, general punctuation;
# in a font that serves a script (house.toml's `script`), that script's block too (script_characters).
TYPABLE = "".join(chr(code) for ranges in ((0x20, 0x7F), (0xA0, 0x180), (0x2010, 0x2030), (0x20AC, 0x20AD))
                  for code in range(*ranges))
# Typed with the letters of a script that joins or runs right to left: the zero-width non-joiner and joiner
# (Persian's half-space), the left-to-right and right-to-left marks.
JOINERS_AND_MARKS = "\u200c\u200d\u200e\u200f"


def font_key(data):
    """A GUID for a font part, derived from its bytes."""
    return "{" + str(uuid.UUID(bytes=hashlib.sha256(data).digest()[:16])).upper() + "}"


def obfuscated(data, key):
    """The font with its first 32 bytes XORed with the key's 16 bytes, taken in reverse order (17.8.1)."""
    key_bytes = bytes.fromhex(key.strip("{}").replace("-", ""))[::-1]
    head = bytes(byte ^ key_bytes[index % 16] for index, byte in enumerate(data[:32]))
    return head + data[32:]


def document_characters(parts):
    """Every character the text of the DOCX uses (body, notes, header and footer)."""
    characters = set(TYPABLE)
    for name, data in parts.items():
        if name.startswith("word/") and name.endswith(".xml"):
            root = etree.fromstring(data)
            for text in root.iter(w("t")):
                characters.update(text.text or "")
    return "".join(sorted(characters))


def script_characters(font):
    """The characters of the Unicode block named after the script a font serves (house.toml's `script`:
    "Arabic" is U+0600 to U+06FF) that the font has, with the joiners and marks: every letter, digit and
    sign of Persian, Pashto, Urdu and Arabic, so that an editor can type any word of them in the house font."""
    if "script" not in font:
        return ""
    import uharfbuzz
    from fontTools import unicodedata

    codes = uharfbuzz.Face(uharfbuzz.Blob((STYLES / font["regular"]).read_bytes())).unicodes
    block = "".join(chr(code) for code in sorted(codes) if unicodedata.block(chr(code)) == font["script"])
    return block + JOINERS_AND_MARKS


def embedded_fonts(house, characters, uses_code):
    """[(family name, Word's family class, [(embed element, part name, key, obfuscated bytes)])]."""
    fonts, number = [], 0
    for role, family_class in FAMILIES.items():
        if role == "code" and not uses_code or role not in house["fonts"]:
            continue
        if role == "arabic" and not ARABIC_LETTERS.search(characters):
            continue  # a text without Arabic letters does not need the Arabic-script font
        font = house["fonts"][role]
        faces = []
        for element, face in EMBEDDED_FACES:
            if face not in font:
                continue
            number += 1
            data = subset(STYLES / font[face], characters + script_characters(font), "docx")
            key = font_key(data)
            faces.append((element, f"fonts/font{number}.odttf", key, obfuscated(data, key)))
        fonts.append((font["family"], family_class, faces))
    return fonts


def font_table(table_xml, fonts):
    """word/fontTable.xml naming each house family with its embedded faces (pandoc's entries for
    them replaced), and its relationships part."""
    root = etree.fromstring(table_xml)
    relationships = etree.Element(f"{{{PACKAGE_RELS}}}Relationships", nsmap={None: PACKAGE_RELS})
    for family, family_class, faces in fonts:
        for old in root.findall(f"{w('font')}[@{w('name')}='{family}']"):
            root.remove(old)
        entry = etree.SubElement(root, w("font"), {w("name"): family})
        etree.SubElement(entry, w("charset"), {w("val"): "00"})
        etree.SubElement(entry, w("family"), {w("val"): family_class})
        etree.SubElement(entry, w("pitch"), {w("val"): "fixed" if family_class == "modern" else "variable"})
        for element, part, key, _ in faces:
            identifier = f"rIdFont{part.removeprefix('fonts/font').removesuffix('.odttf')}"
            etree.SubElement(entry, w(element), {f"{{{R}}}id": identifier, w("fontKey"): key})
            etree.SubElement(relationships, f"{{{PACKAGE_RELS}}}Relationship", Id=identifier, Type=RELATIONSHIP_TYPE.format(kind="font"),
                             Target=part)
    return xml_bytes(root), xml_bytes(relationships)


# The elements of Word's settings that the schema puts before embedTrueTypeFonts.
SETTINGS_BEFORE = ("writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime",
                   "doNotDisplayPageBoundaries", "displayBackgroundShape", "printPostScriptOverText",
                   "printFractionalCharacterWidth", "printFormsData")


def with_embedding_setting(settings_xml):
    """word/settings.xml saying that the document embeds its TrueType fonts, as Word's own option does,
    in the place the schema gives it."""
    root = etree.fromstring(settings_xml)
    if root.find(w("embedTrueTypeFonts")) is None:
        before = [index for index, child in enumerate(root) if etree.QName(child).localname in SETTINGS_BEFORE]
        root.insert(before[-1] + 1 if before else 0, etree.Element(w("embedTrueTypeFonts")))
    return xml_bytes(root)


def with_font_content_type(types_xml):
    root = etree.fromstring(types_xml)
    if not any(default.get("Extension") == "odttf" for default in root.iter(f"{{{CONTENT_TYPES}}}Default")):
        default = etree.Element(f"{{{CONTENT_TYPES}}}Default", Extension="odttf", ContentType=OBFUSCATED_FONT)
        root.insert(0, default)
    return xml_bytes(root)


def font_parts(parts, house, types_xml):
    """The parts that embed the house fonts: font table and its relationships, settings, content
    types, and the obfuscated font files. `parts` are the package's XML parts by name."""
    uses_code = b"SourceCode" in parts["word/document.xml"] or b"VerbatimChar" in parts["word/document.xml"]
    fonts = embedded_fonts(house, document_characters(parts), uses_code)
    table, relationships = font_table(parts[FONT_TABLE], fonts)
    written = {FONT_TABLE: table, FONT_TABLE_RELS: relationships, SETTINGS: with_embedding_setting(parts[SETTINGS]),
               "[Content_Types].xml": with_font_content_type(types_xml)}
    for _, _, faces in fonts:
        written.update({f"word/{part}": data for _, part, _, data in faces})
    return written
