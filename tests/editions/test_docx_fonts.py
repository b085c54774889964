"""The house fonts embedded in the DOCX (publish.editions.docx_fonts), read back as Word reads them: each
obfuscated font part (.odttf) de-obfuscated with the font key the font table names beside it, as ECMA-376
Part 1 (17.8.1) says, and opened with fontTools.

Whatever a document's own text, each embedded face keeps every character of every language the house
publishes in (English and each language locale/ has a catalogue for) that is written in the face's script
(a house font with a `script` serves that script, the others Latin), as far as the house font has it: so
that an editor can type any word of those languages in the house font. A language's characters: for Latin,
ASCII, Latin-1 Supplement and Latin Extended-A at least; for every language, its catalogue's words
(locale/<lang>.po), its dates' words and digits and the letters of its own names of languages and countries
(CLDR's, from Babel)."""

import io
import shutil
import tomllib
import unicodedata
import zipfile

import pytest
from babel import Locale
from babel.core import get_global
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from fontTools import unicodedata as font_unicodedata
from fontTools.ttLib import TTFont
from lxml import etree
from projects import ROOT, SLUG, commit_all, copy_project, run_doit

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
UDHR = "udhr"
LATIN_FLOOR = {chr(code) for code in [*range(0x20, 0x7F), *range(0xA0, 0x180)]}
# Word's font table names each embedded face by one of these; the house style's face it is.
FACES = {"embedRegular": "regular", "embedBold": "bold", "embedItalic": "italic", "embedBoldItalic": "bold-italic"}
WITH_CODE = """---
title: "Typing in the house fonts"
author: "Test Author"
date: 2026-03-15
lang: en
---

A paragraph with `code` in it.
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """The declaration in English, French and Persian (tests/fixtures/translations) and a text with code, as
    DOCX editions: between them every house face Word embeds (the Arabic one only where the text has Arabic
    letters, the code one only where it has code)."""
    project = copy_project(tmp_path_factory.mktemp("docx-fonts"))
    shutil.rmtree(project / "source" / SLUG)
    shutil.copytree(ROOT / "tests" / "fixtures" / "translations" / UDHR, project / "source" / UDHR)
    (project / "source" / "with-code").mkdir()
    (project / "source" / "with-code" / "index.md").write_text(WITH_CODE, encoding="utf-8")
    commit_all(project)
    run_doit(project, "docx")
    return project


def house_languages(project):
    return ["en", *sorted(path.stem for path in (project / "locale").glob("*.po"))]


def script_of(lang):
    """The ISO 15924 code of the script a language is written in (CLDR's likely subtags): 'Latn', 'Arab'."""
    return get_global("likely_subtags")[lang].split("_")[1]


def catalogue_text(project, lang):
    """The words the pipeline writes in the language: its catalogue's translations (English's are the msgids)."""
    path = project / "locale" / f"{(lang if lang != 'en' else 'fr')}.po"
    with open(path, "rb") as stream:
        messages = [message for message in read_po(stream) if message.id]
    return "".join((message.id if lang == "en" else message.string) for message in messages)


def date_words(locale):
    return "".join(name for kind in ("months", "days") for context in locale._data[kind].values()
                   for width in context.values() for name in width.values())


def language_characters(project, lang):
    """Every character of a language the house publishes in (see the module's doc)."""
    locale, script = Locale.parse(lang), script_of(lang)
    names = "".join([*locale.languages.values(), *locale.territories.values()])
    characters = set(catalogue_text(project, lang) + date_words(locale) + format_decimal(1234567890, locale=lang))
    characters |= {c for c in names if font_unicodedata.script(c) == script}
    characters |= LATIN_FLOOR if script == "Latn" else set()
    return {c for c in characters if unicodedata.category(c) != "Cc"}


def face_script(font):
    """The script a house font serves: its `script` (house.toml), else Latin."""
    return font_unicodedata.script_code(font["script"]) if "script" in font else "Latn"


def deobfuscated(data, key):
    """An embedded font part as the font it is: its first 32 bytes XORed with the GUID's 16 bytes, the GUID
    read as hex digits and its bytes taken in reverse order (ECMA-376 Part 1, 17.8.1)."""
    guid = bytes.fromhex(key.strip("{}").replace("-", ""))[::-1]
    return bytes(byte ^ guid[index % 16] for index, byte in enumerate(data[:32])) + data[32:]


def embedded_faces(docx):
    """[(family, face, TTFont)] of every font part of a DOCX, read through its font table."""
    with zipfile.ZipFile(docx) as package:
        table = etree.fromstring(package.read("word/fontTable.xml"))
        targets = {rel.get("Id"): rel.get("Target")
                   for rel in etree.fromstring(package.read("word/_rels/fontTable.xml.rels"))}
        found = []
        for font in table.iter(f"{W}font"):
            for embed in (child for child in font if etree.QName(child).localname in FACES):
                data = package.read(f"word/{targets[embed.get(f'{R}id')]}")
                ttf = TTFont(io.BytesIO(deobfuscated(data, embed.get(f"{W}fontKey"))))
                found.append((font.get(f"{W}name"), FACES[etree.QName(embed).localname], ttf))
    return found


def characters(font):
    return set(map(chr, font.getBestCmap()))


@pytest.fixture(scope="module")
def faces(project):
    """(DOCX name, house font, face, its subset's characters, the whole house font's characters) of every
    face embedded in the project's DOCX editions."""
    house = tomllib.loads((project / "styles" / "house.toml").read_text(encoding="utf-8"))
    by_family = {font["family"]: font for font in house["fonts"].values()}
    found = []
    editions = [path for path in sorted((project / "build").glob("*/*.docx")) if path.name.startswith(path.parent.name)]
    assert len(editions) == 4
    for docx in editions:
        for family, face, subset in embedded_faces(docx):
            font = by_family[family]
            assert subset["name"].getDebugName(1) == family  # the part is the house font it is named as
            whole = TTFont(project / "styles" / font[face])
            found.append((docx.name, font, face, characters(subset), characters(whole)))
    return found


def test_every_kind_of_house_face_is_embedded_somewhere(faces):
    """What the property below is checked on: the Latin text faces, the code face and the Arabic-script face."""
    embedded = {(font["family"], face) for _, font, face, _, _ in faces}
    assert {("Noto Serif", "regular"), ("Noto Serif", "bold-italic"), ("Noto Sans", "bold"),
            ("Noto Sans Mono", "regular"), ("Noto Naskh Arabic", "regular"), ("Noto Naskh Arabic", "bold")} <= embedded


def test_each_embedded_face_keeps_every_character_of_the_house_languages_in_its_script(project, faces):
    needed = {}
    for lang in house_languages(project):
        needed.setdefault(script_of(lang), set()).update(language_characters(project, lang))
    assert {"Latn", "Arab"} <= set(needed)
    for docx, font, face, subset, whole in faces:
        missing = sorted((needed[face_script(font)] & whole) - subset)
        assert not missing, f"{docx}: {font['family']} {face} lacks {''.join(missing)!r} " \
                            f"({', '.join(f'U+{ord(c):04X}' for c in missing[:12])})"


WORD_MAIN = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def test_the_embedding_setting_stands_where_the_schema_puts_it_once():
    from publish.editions.docx_fonts import with_embedding_setting

    def children(settings):
        return [etree.QName(child).localname for child in etree.fromstring(with_embedding_setting(settings))]

    settings = f'<w:settings xmlns:w="{WORD_MAIN}"><w:zoom w:percent="100"/><w:proofState/><w:defaultTabStop/></w:settings>'
    assert children(settings) == ["zoom", "embedTrueTypeFonts", "proofState", "defaultTabStop"]
    assert children(with_embedding_setting(settings)) == ["zoom", "embedTrueTypeFonts", "proofState", "defaultTabStop"]
    assert children(f'<w:settings xmlns:w="{WORD_MAIN}"><w:proofState/></w:settings>') == ["embedTrueTypeFonts", "proofState"]
    view = f'<w:settings xmlns:w="{WORD_MAIN}"><w:writeProtection/><w:view/><w:zoom/><w:printFormsData/><w:x/></w:settings>'
    assert children(view)[-2:] == ["embedTrueTypeFonts", "x"]


def test_the_font_parts_content_type_is_declared_once():
    from publish.editions.docx_fonts import with_font_content_type

    types = ('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/></Types>')
    once = with_font_content_type(types.encode())
    twice = with_font_content_type(once)
    extensions = [default.get("Extension") for default in etree.fromstring(twice)]
    assert extensions == ["odttf", "xml", "png"] and once == twice


def test_the_font_table_names_each_family_once_fixed_pitch_for_code():
    from publish.editions.docx_fonts import font_table

    table = (f'<w:fonts xmlns:w="{WORD_MAIN}"><w:font w:name="Noto Serif"><w:pitch w:val="variable"/></w:font>'
             '<w:font w:name="Cambria"/></w:fonts>')
    fonts = [("Noto Serif", "roman", [("embedRegular", "fonts/font1.odttf", "{KEY}", b"")]),
             ("Noto Sans Mono", "modern", [("embedRegular", "fonts/font2.odttf", "{KEY2}", b"")])]
    root = etree.fromstring(font_table(table.encode(), fonts)[0])
    pitch = {font.get(f"{{{WORD_MAIN}}}name"): font.find(f"{{{WORD_MAIN}}}pitch").get(f"{{{WORD_MAIN}}}val")
             for font in root if font.find(f"{{{WORD_MAIN}}}pitch") is not None}
    assert [font.get(f"{{{WORD_MAIN}}}name") for font in root] == ["Cambria", "Noto Serif", "Noto Sans Mono"]
    assert pitch == {"Noto Serif": "variable", "Noto Sans Mono": "fixed"}


def test_each_role_is_embedded_when_the_text_needs_it_and_only_then():
    from publish.editions.docx_fonts import embedded_fonts

    house = tomllib.loads((ROOT / "styles" / "house.toml").read_text(encoding="utf-8"))
    family = {role: house["fonts"][role]["family"] for role in house["fonts"]}

    def families(characters, uses_code):
        return [name for name, _, _ in embedded_fonts(house, characters, uses_code)]

    assert families("Plain words", False) == [family["body"], family["heading"]]
    assert families("Plain words", True) == [family["body"], family["heading"], family["code"]]
    if "arabic" in family:
        assert family["arabic"] in families("Plain words and \u0633\u0644\u0627\u0645", False)
