"""The print edition as a typesetter would check it: fonts, notes, pages, navigation, metadata, tags."""

import io
import re
import tomllib

import pdfplumber
import pikepdf
import pytest
from brief_text import find_run, words
from fontTools.ttLib import TTFont
from projects import ROOT, SLUG, copy_project, left_in_temporary_folder, run_doit
from readers import SOFT_HYPHEN_BREAK, embedded_fonts, margin_mm, pdf_pages_text, structure

HOUSE = tomllib.loads((ROOT / "styles" / "house.toml").read_text(encoding="utf-8"))
MM = 72 / 25.4
SECTIONS = ["Flawed assumption(s) and (lack of) leverage", "Towards pragmatic, piecemeal engagement"]


def family_and_style(font):
    names = font["name"]
    return names.getDebugName(1), names.getDebugName(2)


def shipped_fonts():
    return {family_and_style(TTFont(path)) for path in (ROOT / "styles" / "fonts").glob("*.ttf")}


@pytest.fixture(scope="module")
def pdf(editions):
    with pikepdf.open(editions["pdf"]) as document:
        yield document


@pytest.fixture(scope="module")
def pages(editions):
    with pdfplumber.open(editions["pdf"]) as document:
        yield document.pages


@pytest.fixture(scope="module")
def variants(built_copy):
    project = built_copy("variants")
    run_doit(project, "pdfa", "press")
    folder = project / "build" / SLUG
    return {name: folder / f"{SLUG}-{name}.pdf" for name in ("pdfa", "press")}


def test_only_the_shipped_fonts_embedded_and_subset(editions):
    fonts = embedded_fonts(editions["pdf"])
    assert fonts
    shipped = shipped_fonts()
    for name, program in fonts.items():
        assert program is not None, f"{name} is not embedded"
        assert re.match(r"/[A-Z]{6}\+", name), f"{name} is not a subset"
        assert family_and_style(TTFont(io.BytesIO(program))) in shipped, f"{name} is not a shipped font"


def test_the_fonts_carry_every_glyph_the_brief_uses(editions):
    text = "".join(pdf_pages_text(editions["pdf"]))
    for sample in ("vis-à-vis", "Sinirlioğlu", "Afghanistan’s", "‘like-minded countries’", "“forward-looking"):
        assert sample in text


def test_each_note_on_the_page_of_its_call_numbered_continuously(editions):
    pages = pdf_pages_text(editions["pdf"])
    calls = {"regime.1": "1. This logic", "West.2": "2. This argument", "status.3": "3. The Taliban", "sectors.4": "4. In his"}
    for call, note in calls.items():
        [page] = [number for number, text in enumerate(pages) if call in text]
        assert note in pages[page], f"note {note[0]} is not on page {page + 1} with its call"


def test_note_calls_are_superscript_and_notes_smaller_under_a_rule(pages):
    body_size = float(HOUSE["sizes"]["body"].removesuffix("pt"))
    note_size = float(HOUSE["sizes"]["note"].removesuffix("pt"))
    chars = pages[0].chars
    call_at = next(i for i, c in enumerate(chars) if c["text"] == "1" and c["size"] < 0.8 * body_size)
    before, call = chars[call_at - 1], chars[call_at]
    assert before["text"] == "." and call["bottom"] < before["bottom"] - 1, "note call is not raised"
    marker = min((c for c in chars if c["text"] == "1" and abs(c["size"] - note_size) < 0.1), key=lambda c: c["top"])
    rules = [r for r in pages[0].lines + pages[0].rects if 0 < marker["top"] - r["top"] < 20 and r["width"] > 50]
    assert rules, "no rule above the notes"


def words_in_band(page, top, bottom):
    return [w["text"] for w in page.extract_words() if top <= w["top"] and w["bottom"] <= bottom]


def test_page_numbers_and_running_heads_from_page_two(pages):
    top = margin_mm("top") * MM
    for number, page in enumerate(pages, start=1):
        foot = words_in_band(page, page.height - margin_mm("bottom") * MM, page.height)
        head = words_in_band(page, 0, top)
        if number == 1:
            assert foot == [] and head == []
        else:
            assert foot == [str(number)], f"page {number}: {foot}"
            assert head == words("Engaging with the Taliban") + ["Romain", "Malejacq"], f"page {number}: {head}"


def test_text_stays_inside_the_margins(pages):
    for page in pages:
        left, right = margin_mm("inner") * MM - 1, page.width - margin_mm("outer") * MM + 1
        for char in page.chars:
            assert left <= char["x0"] and char["x1"] <= right, f"{char['text']!r} at x={char['x0']:.0f}"
            assert 8 * MM <= char["top"] and char["bottom"] <= page.height - 8 * MM


def test_a4_by_default(pages):
    assert (round(pages[0].width), round(pages[0].height)) == (595, 842)


def test_hyphenated_in_the_documents_language(editions, pdf):
    assert str(pdf.Root.Lang) == "en"
    assert SOFT_HYPHEN_BREAK in "".join(pdf_pages_text(editions["pdf"]))


def test_bookmarks_name_the_sections_not_the_title(pdf):
    with pdf.open_outline() as outline:
        titles = [item.title for item in outline.root]
    assert titles[:2] == SECTIONS
    assert not any(title.startswith("Engaging with the Taliban") for title in titles)


def test_links_go_only_to_web_or_mail_addresses(pdf):
    for page in pdf.pages:
        for annotation in page.obj.get("/Annots", []):
            action = annotation.get("/A")
            if action is not None and action.get("/S") == "/URI":
                assert str(action["/URI"]).startswith(("https://", "http://", "mailto:")), action["/URI"]
            else:
                assert annotation.get("/Dest") is not None or action is not None


def test_metadata_in_info_and_xmp_dated_from_the_publication(pdf):
    info = pdf.docinfo
    assert str(info["/Title"]) == "Engaging with the Taliban: From Leverage and Isolation to Piecemeal Pragmatism"
    assert str(info["/Author"]) == "Romain Malejacq"
    assert str(info["/Subject"]) == "From Leverage and Isolation to Piecemeal Pragmatism"
    assert "Taliban" in str(info["/Keywords"])
    assert str(info["/CreationDate"]) == "D:2024"  # the publication's year, never the build time
    xmp = pdf.open_metadata()
    assert xmp["dc:title"] == str(info["/Title"])
    assert xmp["dc:creator"] == ["Romain Malejacq"]
    assert xmp["dc:language"] == {"en"}
    assert "Taliban" in xmp["pdf:Keywords"]


def test_tagged_pdf_ua_with_language_and_title_shown(pdf):
    assert "/StructTreeRoot" in pdf.Root
    assert pdf.Root.MarkInfo.Marked
    assert pdf.Root.ViewerPreferences.DisplayDocTitle
    assert str(pdf.Root.Lang) == "en"
    assert pdf.open_metadata()["pdfuaid:part"] == "1"


def test_colophon_says_how_to_cite(editions):
    """The colophon follows the text: it starts on the page where the bibliography ends (kept whole, it
    went alone to a page of its own), and runs on to the next if it must."""
    pages = pdf_pages_text(editions["pdf"])
    [start] = [number for number, text in enumerate(pages) if "About this publication" in text]
    assert "Swedlund, Haley" in pages[start] and start >= len(pages) - 2
    last = "\n".join(pages[start:])
    assert "How to cite this publication" in last
    citation = last.split("How to cite this publication", 1)[1]
    assert find_run(words("Malejacq, Romain. Engaging with the Taliban"), words(citation)) >= 0
    assert "2024" in citation and "Edition" in citation


def test_archival_variant_carries_its_sources(variants):
    with pikepdf.open(variants["pdfa"]) as pdf:
        attached = {name: file.get_file().read_bytes() for name, file in pdf.attachments.items()}
        assert pdf.open_metadata()["pdfaid:part"] == "3"
        assert pdf.open_metadata()["pdfaid:conformance"] == "A"  # PDF/A-3a: tagged, like the PDF/UA edition
        assert "/StructTreeRoot" in pdf.Root and pdf.Root.MarkInfo.Marked
    source = ROOT / "source" / SLUG
    assert attached == {"index.md": (source / "index.md").read_bytes(),
                        "references.json": (source / "references.json").read_bytes()}


@pytest.mark.parametrize("variant", ["pdfa", "press"])
def test_every_variant_is_tagged_and_carries_xmp_metadata(variants, variant):
    with pikepdf.open(variants[variant]) as pdf:
        assert "/StructTreeRoot" in pdf.Root and str(pdf.Root.Lang) == "en"
        xmp = pdf.open_metadata()
        assert xmp["dc:title"] == "Engaging with the Taliban: From Leverage and Isolation to Piecemeal Pragmatism"
        assert xmp["dc:creator"] == ["Romain Malejacq"] and xmp["dc:language"] == {"en"}


def test_press_variant_has_bleed_and_crop_marks_outside_it(variants):
    with pikepdf.open(variants["press"]) as pdf:
        page = pdf.pages[0].obj
        media, bleed_box, trim = ([float(v) for v in box] for box in (page.MediaBox, page.BleedBox, page.TrimBox))
    bleed = 3 * MM
    assert bleed_box == pytest.approx([trim[0] - bleed, trim[1] - bleed, trim[2] + bleed, trim[3] + bleed], abs=0.1)
    assert media[0] < bleed_box[0] - 5 * MM and media[2] > bleed_box[2] + 5 * MM  # room for the marks round it
    with pdfplumber.open(variants["press"]) as pdf:  # its x is the PDF's; its y is the PDF's less the media's
        lines = [(line["x0"], line["y0"] + media[1], line["x1"], line["y1"] + media[1]) for line in pdf.pages[0].lines]
    marks = [line for line in lines if line[2] <= bleed_box[0] or line[0] >= bleed_box[2]
             or line[3] <= bleed_box[1] or line[1] >= bleed_box[3]]
    crossing = [line for line in lines if line not in marks and not (
        bleed_box[0] < line[0] and line[2] < bleed_box[2] and bleed_box[1] < line[1] and line[3] < bleed_box[3])]
    assert len(marks) >= 8 and not crossing, "crop marks inside the bleed, where the trim may show them"


def test_letter_paper_from_the_series_settings(tmp_path):
    project = copy_project(tmp_path)
    series = project / "source" / "series.yaml"
    series.write_text(series.read_text(encoding="utf-8").replace("papersize: a4", "papersize: letter"), encoding="utf-8")
    run_doit(project, f"pdf:{SLUG}", f"docx:{SLUG}")
    with pdfplumber.open(project / "build" / SLUG / f"{SLUG}.pdf") as pdf:
        assert (round(pdf.pages[0].width), round(pdf.pages[0].height)) == (612, 792)
    assert "Since the Taliban military victory" in pdf_pages_text(project / "build" / SLUG / f"{SLUG}.pdf")[0]
    import zipfile

    from lxml import etree

    with zipfile.ZipFile(project / "build" / SLUG / f"{SLUG}.docx") as docx:
        document = etree.fromstring(docx.read("word/document.xml"))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    size = document.find(f"{w}body/{w}sectPr/{w}pgSz")
    assert (size.get(f"{w}w"), size.get(f"{w}h")) == ("12240", "15840")  # the DOCX's page is Letter too


LONG_NOTE = " ".join(f"Sentence {number} of a long note, which runs on and on about leverage and engagement."
                     for number in range(1, 61))


def test_a_long_note_splits_across_pages_and_the_next_note_keeps_its_number(tmp_path):
    project = copy_project(tmp_path)
    folder = project / "source" / SLUG
    filler = "\n\n".join(["Body text that fills the page with words about policy and engagement. " * 12] * 3)
    with open(folder / "index.md", "a", encoding="utf-8") as text:
        text.write(f"\n{filler} Here is a call.[^long] And after it, another call.[^short]\n\n"
                   f"[^long]: {LONG_NOTE}\n\n[^short]: A short note after the long one.\n")
    run_doit(project, f"pdf:{SLUG}")
    pages = pdf_pages_text(project / "build" / SLUG / f"{SLUG}.pdf")
    [call_page] = [number for number, text in enumerate(pages) if "Here is a call.5" in text]
    assert "5. Sentence 1 of a long note" in pages[call_page], "the note does not start under its call"
    assert "Sentence 60 of a long note" in pages[call_page + 1], "the note does not go on on the next page"
    note = " ".join(" ".join(text.split()) for text in pages[call_page:call_page + 2])
    positions = [note.find(f"Sentence {number} of") for number in range(1, 61)]
    assert -1 not in positions and positions == sorted(positions), "words of the note are lost or out of order"
    assert any("6. A short note after the long one." in text for text in pages)


def subtree_text(node):
    return node.get("text", "")


def test_the_structure_tree_reads_as_the_brief(editions):
    tree = structure(editions["pdf"])
    headings = [(kind, node) for _, kind, _, node in tree if kind in ("H1", "H2", "H3")]
    assert [kind for kind, _ in headings][:3] == ["H1", "H2", "H2"]
    notes = [node for _, kind, _, node in tree if kind == "Note"]
    assert len(notes) == 4  # each footnote a Note, not NonStruct
    with pikepdf.open(editions["pdf"]) as pdf:
        ids = [str(element.ID) for element in _struct_elements(pdf.Root.StructTreeRoot.K) if element.S == "/Note"]
        assert ids == [f"note-{number}" for number in range(1, 5)]
        links = [element for element in _struct_elements(pdf.Root.StructTreeRoot.K) if element.S == "/Link"]
        assert links and all(_link_annotation(link).get("/Contents") for link in links)  # alternate text for each link
    body = " ".join(text for _, kind, text, _ in tree if kind == "Span")
    positions = [body.find(start) for start in ("Since the Taliban military", "Victorious rebels", "The original consensus",
                                                 "There is a very strong moral")]
    assert -1 not in positions and positions == sorted(positions), "paragraphs out of reading order"


def _struct_elements(node):
    if isinstance(node, pikepdf.Array):
        for child in node:
            yield from _struct_elements(child)
    elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
        yield node
        yield from _struct_elements(node.get("/K", pikepdf.Array()))


def _link_annotation(link):
    [reference] = [kid for kid in link.K if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR"]
    return reference.Obj


def test_running_heads_and_page_numbers_are_artifacts_and_everything_else_is_tagged(editions):
    with pdfplumber.open(editions["pdf"]) as document:
        for number, page in enumerate(document.pages, start=1):
            untagged = "".join(char["text"] for char in page.chars if char.get("mcid") is None)
            expected = "" if number == 1 else f"Engaging with the TalibanRomain Malejacq{number}"
            assert untagged == expected, f"page {number}"


def test_an_open_pdf_ua_checker_finds_nothing(editions):
    """pdfua checks a machine-checkable subset of PDF/UA-1 (about 15 % of its rules): a second
    opinion on the tagging, not veraPDF, and no claim of conformance."""
    import json
    import subprocess
    import sys
    from pathlib import Path

    checker = Path(sys.executable).parent / "pdfua"
    process = subprocess.run([str(checker), "check", "--format", "json", str(editions["pdf"])], capture_output=True, text=True)
    report = json.loads(process.stdout)
    assert report["findings"] == [] and report["summary"]["rules_run"] >= 10, report


def test_a_pdf_build_leaves_nothing_in_the_temporary_folder(built_copy, tmp_path):
    """WeasyPrint keeps the house fonts in a folder of its own while it sets the pages, removed only when
    its configuration is garbage-collected: each build used to leave one in /tmp."""
    assert left_in_temporary_folder(built_copy("temporary"), "pdf", tmp_path / "tmp") == []


def test_a_cross_references_label_word_is_never_hyphenated(tmp_path):
    """'Fig-/ure 5' across two lines is a reference a reader has to piece together: the word stays whole."""
    project = copy_project(tmp_path)
    sentence = ("Compare the estimates of @eq-mean with the distributions of @fig-chart and @eq-mean again, "
                "notwithstanding their characteristically heterogeneous denominators; ")
    paragraph = " ".join("so " * (number % 11) + sentence for number in range(60))  # each line broken elsewhere
    with open(project / "source" / SLUG / "index.md", "a", encoding="utf-8") as text:
        text.write(f"\n$$m = x$$ {{#eq-mean}}\n\n![A chart](chart.svg){{#fig-chart}}\n\n{paragraph}\n")
    (project / "source" / SLUG / "chart.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20"/></svg>',
        encoding="utf-8")
    run_doit(project, f"pdf:{SLUG}")
    lines = [line.strip() for page in pdf_pages_text(project / "build" / SLUG / f"{SLUG}.pdf")
             for line in page.splitlines()]
    hyphenated = [line for line in lines if line.endswith(("-", "\u2010", "\u00ad"))]
    assert hyphenated  # the paragraph is hyphenated (so the test sees a line end inside a word)
    assert not [line for line in hyphenated if re.search(r"\b(Fig|Fi|Figu|Equa|Equ|Equati|E|Eq)[-\u2010\u00ad]$",
                                                         line)]


def test_the_measure_is_a_comfortable_line_of_60_to_80_characters(editions):
    """95 to 100 characters a line (the text block as wide as A4 less 24 mm margins) tire the eye; a
    typesetter sets 60 to 75."""
    from collections import Counter

    with pdfplumber.open(editions["pdf"]) as pdf:
        chars = [(number, char) for number, page in enumerate(pdf.pages) for char in page.chars
                 if char["fontname"].endswith("Noto-Serif")]
    body = Counter(round(char["size"], 1) for _, char in chars).most_common(1)[0][0]  # the text's size
    lines = {}
    for number, char in chars:
        if round(char["size"], 1) == body:
            lines.setdefault((number, round(char["top"])), []).append(char["text"])
    lengths = [len("".join(line)) for line in lines.values() if len(line) > 40]  # full lines of text
    lengths.sort()
    assert len(lengths) > 40 and 60 <= lengths[len(lengths) // 2] <= 75 and lengths[-1] <= 80, lengths


def test_english_without_a_region_is_hyphenated_as_american_english(tmp_path):
    """'en' alone took pyphen's British patterns ('unpreced-ented', 'exclus-ively'); a passage marked en-GB
    keeps them."""
    project = copy_project(tmp_path)
    passage = " ".join("so " * (number % 9) + "unprecedented exclusively humanitarian" for number in range(80))
    with open(project / "source" / SLUG / "index.md", "a", encoding="utf-8") as text:
        text.write(f"\n## American passage\n\n{passage}\n\n## British passage\n\n::: {{lang=en-GB}}\n{passage}\n:::\n")
    run_doit(project, f"pdf:{SLUG}")
    text = "\n".join(pdf_pages_text(project / "build" / SLUG / f"{SLUG}.pdf"))
    american, british = text.split("American passage", 1)[1].split("British passage", 1)

    def breaks(part):
        return {line.split()[-1] for line in part.splitlines() if line.rstrip().endswith("\u2010")}

    assert {"unprece\u2010", "exclu\u2010", "humani\u2010"} & breaks(american)
    assert not {"unpreced\u2010", "exclus\u2010", "humanit\u2010"} & breaks(american)
    assert {"unpreced\u2010", "exclus\u2010", "humanit\u2010"} & breaks(british)


def test_a_note_that_is_a_citation_is_set_in_the_texts_colour(examples_project):
    """Chicago's notes link each citation to its bibliography entry: the whole note was in the link colour."""
    path = examples_project / "build" / "from-plain-pandoc" / "from-plain-pandoc.pdf"
    with pdfplumber.open(path) as pdf:
        chars = [char for page in pdf.pages for char in page.chars]
    words = "".join(char["text"] for char in chars)
    start = words.index("Patashnik,BibTeXing") if "Patashnik,BibTeXing" in words else words.index("Patashnik")
    colours = {tuple(round(value, 2) for value in char["non_stroking_color"]) for char in chars[start:start + 20]}
    assert len(colours) == 1 and max(next(iter(colours))) < 0.2  # dark text, not the accent blue
