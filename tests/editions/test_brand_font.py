"""The example institute's heading font (examples/institute/brand/fonts/, named by its _brand.yml) in its
editions, read back from the built files: the PDF's headings set in it, the web page carrying it as WOFF2
subsets that its headings use, the DOCX embedding it the way Word does and naming it in its heading
styles; and a changed font file rebuilding every edition (and the site's index) with it."""

import base64
import io
import re
import shutil
import subprocess
import tomllib
import zipfile

import pdfplumber
import pytest
import tinycss2
import yaml
from docx import Document
from fontTools.ttLib import TTFont
from lxml import etree, html
from projects import ROOT, copy_built, executed_tasks, run_doit
from readers import embedded_fonts

SLUG = "water-security-in-the-sahel"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
HOUSE_FONTS = tomllib.loads((ROOT / "styles" / "house.toml").read_text(encoding="utf-8"))["fonts"]
BODY = HOUSE_FONTS["body"]["family"]  # the institute keeps the house serif for its text


def built(project, extension):
    return project / "build" / SLUG / f"{SLUG}.{extension}"


def family(data):
    """The family a font (TrueType or WOFF2 bytes) names itself by."""
    return TTFont(io.BytesIO(data))["name"].getDebugName(1)


@pytest.fixture(scope="module")
def brand_font(institute_project):
    """The headings' family and its files ({(style, weight): path}), as _brand.yml declares them."""
    typography = yaml.safe_load((institute_project / "_brand.yml").read_text(encoding="utf-8"))["typography"]
    [font] = [font for font in typography["fonts"] if font["family"] == typography["headings"]]
    files = {(entry["style"], entry["weight"]): institute_project / entry["path"] for entry in font["files"]}
    return font["family"], files


def pdf_fonts_of_words(path):
    """{word: its font's name} of every page, each word where it first stands."""
    with pdfplumber.open(path) as pdf:
        words = [word for page in pdf.pages for word in page.extract_words(extra_attrs=["fontname"])]
    return {word["text"]: word["fontname"] for word in reversed(words)}


def test_the_pdfs_headings_are_set_in_the_brand_font_from_its_file(institute_project, brand_font):
    name, _ = brand_font
    # a copy on the system would stand in, unseen, for a brand font the PDF failed to load from its file
    assert subprocess.run(["fc-list", f":family={name}"], capture_output=True, text=True).stdout.strip() == "", \
        f"this test needs a machine without {name} installed"
    font_of = pdf_fonts_of_words(built(institute_project, "pdf"))
    hyphenated = name.replace(" ", "-")  # WeasyPrint names a font 'ABCDEF+Andika-New-Basic-Bold'
    for heading in ("Water", "Summary", "Recommendations"):  # the title, the summary's title, a section heading
        assert hyphenated in font_of[heading], (heading, font_of[heading])
    for text in ("Taoudeni", "farmers"):
        assert hyphenated not in font_of[text] and BODY.replace(" ", "-") in font_of[text], (text, font_of[text])
    programs = {font: family(program) for font, program in embedded_fonts(built(institute_project, "pdf")).items()}
    assert name in programs.values()
    house = {font["family"] for font in HOUSE_FONTS.values()}
    assert set(programs.values()) <= house | {name}, programs  # no system font stood in for a missing one


def declarations(tokens):
    """{property: its value as CSS text} of a rule's block."""
    return {item.lower_name: tinycss2.serialize(item.value).strip()
            for item in tinycss2.parse_declaration_list(tokens, skip_comments=True, skip_whitespace=True)
            if item.type == "declaration"}


def page_style(path):
    """[(selector or '@font-face', {property: value})] of the web page's style sheet, read by tinycss2."""
    css = html.fromstring(path.read_bytes()).xpath("string(//style)")
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return [("@font-face" if rule.type == "at-rule" else tinycss2.serialize(rule.prelude).strip(),
             declarations(rule.content)) for rule in rules
            if rule.type == "qualified-rule" or (rule.type == "at-rule" and rule.lower_at_keyword == "font-face")]


def faces_inside(style, name):
    """{(style, weight): font bytes} of the @font-face rules of family `name`, each a data: URL of WOFF2."""
    faces = {}
    for selector, rule in style:
        if selector == "@font-face" and rule["font-family"] == f'"{name}"':
            url = re.fullmatch(r'url\("([^"]+)"\)', rule["src"]).group(1)
            assert url.startswith("data:font/woff2;base64,"), url[:40]
            faces[(rule["font-style"], rule["font-weight"])] = base64.b64decode(url.split(",", 1)[1])
    return faces


def test_the_web_pages_headings_use_the_brand_font_carried_inside_it(institute_project, brand_font):
    name, _ = brand_font
    style = page_style(built(institute_project, "html"))
    faces = faces_inside(style, name)
    assert {("normal", "400"), ("italic", "400"), ("normal", "700")} <= faces.keys()
    assert all(subset[:4] == b"wOF2" and family(subset) == name for subset in faces.values())
    custom = next(rule for selector, rule in style if selector == ":root")
    assert custom["--font-heading"].startswith(f'"{name}",')
    headings = [rule for selector, rule in style if {"h1", "h2"} <= {part.strip() for part in selector.split(",")}]
    assert [rule["font-family"] for rule in headings if "font-family" in rule] == ["var(--font-heading)"]


def deobfuscated(data, key):
    """An embedded font part as the font file it hides (ECMA-376 Part 1, 17.8.1: its first 32 bytes were
    XORed with the font key's 16 bytes, taken in reverse order)."""
    key_bytes = bytes.fromhex(key.strip("{}").replace("-", ""))[::-1]
    return bytes(byte ^ key_bytes[index % 16] for index, byte in enumerate(data[:32])) + data[32:]


def embedded_in_docx(path, name):
    """{face (Regular, Bold, ...): the family its font names itself by} of what the DOCX's font table
    embeds under `name`, each font part read back through its relationship and key."""
    with zipfile.ZipFile(path) as package:
        parts = {part: package.read(part) for part in package.namelist()}
    targets = {item.get("Id"): item.get("Target") for item in etree.fromstring(parts["word/_rels/fontTable.xml.rels"])}
    [entry] = [font for font in etree.fromstring(parts["word/fontTable.xml"]) if font.get(f"{W}name") == name]
    return {embed.tag.removeprefix(f"{W}embed"): family(deobfuscated(parts[f"word/{targets[embed.get(f'{R}id')]}"],
                                                                     embed.get(f"{W}fontKey")))
            for embed in entry if embed.tag.startswith(f"{W}embed")}


def test_the_docx_embeds_the_brand_font_and_its_heading_styles_name_it(institute_project, brand_font):
    name, _ = brand_font
    path = built(institute_project, "docx")
    assert embedded_in_docx(path, name) == {"Regular": name, "Bold": name, "Italic": name}
    styles = Document(str(path)).styles
    for heading in ("Title", "Subtitle", "Heading 1", "Heading 2"):
        assert styles[heading].font.name == name, heading
    assert styles["Normal"].font.name == BODY


def test_a_changed_brand_font_file_rebuilds_the_editions_and_the_sites_index(institute_project, brand_font, tmp_path):
    name, files = brand_font
    project = copy_built(institute_project, tmp_path / "project")
    run_doit(project, "site_index")
    bold = project / files[("normal", 700)].relative_to(institute_project)
    shutil.copyfile(ROOT / "styles" / "fonts" / "NotoSans-Bold.ttf", bold)  # another bold under the brand's file name
    ran = executed_tasks(project, "html", "pdf", "docx")
    assert {f"{task}:{SLUG}" for task in ("html", "pdf", "docx")} <= set(ran), ran
    run_doit(project, "site_index")
    # each carries the new file's font under the brand's family, the site's index too
    programs = embedded_fonts(built(project, "pdf"))
    assert family(programs[f"/{pdf_fonts_of_words(built(project, 'pdf'))['Recommendations']}"]) == "Noto Sans"
    for page in (built(project, "html"), project / "build" / "site" / "index.html"):
        assert family(faces_inside(page_style(page), name)[("normal", "700")]) == "Noto Sans", page
    assert embedded_in_docx(built(project, "docx"), name)["Bold"] == "Noto Sans"
