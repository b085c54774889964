"""A publication and its translations (tests/fixtures/translations: the Universal Declaration of Human
Rights in English, French and Persian): each language's own editions, right to left where the script
is, with the pipeline's words in the language, and editions that know each other.

No single module: the editions stage, read back from the editions of each language."""

import re
import shutil
import subprocess
import unicodedata
import zipfile

import lxml.html
import pdfplumber
import pikepdf
import pytest
from clients import epubcheck_messages, in_browser, libreoffice_pdf, nu_errors, open_xml_report
from lxml import etree
from projects import ROOT, commit_all, copy_project, executed_tasks, run_doit
from readers import epub_pages

from publish.house_style import load_house_style

SLUG = "udhr"


FIXTURE = ROOT / "tests" / "fixtures" / "translations" / SLUG


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


ARABIC = re.compile("[\u0600-\u06ff]")


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A git checkout whose one publication is the declaration, in three languages, built."""
    project = copy_project(tmp_path_factory.mktemp("translations"))
    for folder in (project / "source").iterdir():
        if folder.is_dir():
            shutil.rmtree(folder)
    shutil.copytree(FIXTURE, project / "source" / SLUG)
    commit_all(project)
    run_doit(project)
    return project


def edition(project, lang, extension):
    return project / "build" / SLUG / (f"{SLUG}.{lang}.{extension}" if lang else f"{SLUG}.{extension}")


def paragraphs(path):
    """The body's paragraphs of a source file, as a reader reads them: headings, markup and notes left out."""
    text = path.read_text(encoding="utf-8").split("\n---\n", 1)[1]
    return [re.sub(r"\[\^\w+\]", "", block).strip() for block in text.split("\n\n")
            if block.strip() and not block.strip().startswith(("#", "[^"))]


def letters(text):
    """The letters of a text in order: what reading order is about (spaces, punctuation, vowel and
    hamza marks and joiners left out, as a PDF may draw them apart from their letter)."""
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c).startswith("L"))


def letters_in_reading_order(path):
    """The letters of a PDF in reading order: its lines top to bottom, a line with Arabic script read
    from right to left (pdfplumber gives each word's characters as drawn, left to right)."""
    found = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            lines = []
            for word in sorted(page.extract_words(), key=lambda word: word["top"]):
                if lines and abs(word["top"] - lines[-1][0]["top"]) < 6:  # a note's call sits a little higher
                    lines[-1].append(word)
                else:
                    lines.append([word])
            for line in lines:
                if any(ARABIC.search(word["text"]) for word in line):
                    found += [word["text"][::-1] for word in sorted(line, key=lambda word: -word["x1"])]
                else:
                    found += [word["text"] for word in sorted(line, key=lambda word: word["x0"])]
    return letters(" ".join(found))


def pdf_text(path):
    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def test_each_language_has_its_own_editions(project):
    for lang in ("", "fa", "fr"):
        for extension in ("pdf", "docx", "html", "epub"):
            assert edition(project, lang, extension).is_file(), edition(project, lang, extension)
    listed = run_doit(project, "list", "--all").stdout
    assert all(f"{kind}:{SLUG}.fa" in listed for kind in ("parse", "html", "pdf", "docx", "epub"))


def test_the_persian_pdf_reads_right_to_left_in_logical_order_in_the_arabic_script_font(project):
    path = edition(project, "fa", "pdf")
    extracted = letters_in_reading_order(path)
    assert letters("اعلامیه جهانی حقوق بشر") in extracted
    for paragraph in paragraphs(FIXTURE / "index.fa.md")[:-1]:  # the last, the note, is the citation, in English
        assert letters(paragraph) in extracted  # every letter, in reading order
    with pikepdf.open(path) as pdf:
        assert str(pdf.Root.Lang) == "fa"
        fonts = {str(font.BaseFont).split("+")[-1] for page in pdf.pages for font in page.Resources.Font.values()}
    assert {"Noto-Naskh-Arabic", "Noto-Naskh-Arabic-Bold"} <= fonts
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        words = page.extract_words()
        persian = [w for w in words if ARABIC.search(w["text"])]
        # right to left: the lines start at the right margin and the page's text stays inside it
        binding = float(load_house_style()["page"]["margin-inner"].removesuffix("mm")) * 72 / 25.4  # on the right
        assert max(w["x1"] for w in persian) > page.width - binding - 4 and min(w["x0"] for w in words) > 60
        assert max(w["x1"] for w in words) < page.width - 60


def test_the_running_heads_of_a_right_to_left_pdf_swap_sides(project):
    with pdfplumber.open(edition(project, "fa", "pdf")) as pdf:
        page = pdf.pages[1]
        top = [w for w in page.extract_words() if w["top"] < 60]
        title = [w for w in top if ARABIC.search(w["text"])]
        authors = [w for w in top if "Assembly" in w["text"]]
        assert title and authors and min(w["x0"] for w in title) > max(w["x1"] for w in authors)


def test_the_persian_pdf_writes_its_numbers_in_persian_digits(project):
    """Folios, note numbers and the date on page 1 in ۰–۹, as a Persian reader expects them."""
    with pdfplumber.open(edition(project, "fa", "pdf")) as pdf:
        page = pdf.pages[1]
        folio = [w["text"] for w in page.extract_words() if w["top"] > page.height - 60]
        first = pdf.pages[0].extract_text()
        calls = [char["text"] for char in pdf.pages[0].chars if char["size"] < 7 and char["text"].strip()]
    assert folio == ["۲"]
    assert [line for line in first.splitlines() if {"۱۰", "۱۹۴۸"} <= set(line.split())]  # the date (seen right to left)
    assert calls and all("۰" <= call <= "۹" for call in calls)


def test_the_persian_pdfs_colophon_reads_label_then_value_from_the_right(project):
    """WeasyPrint's grid did not mirror the colophon's two columns: labels at the far left, values at the
    right a measure away."""
    with pdfplumber.open(edition(project, "fa", "pdf")) as pdf:
        page = pdf.pages[-1]
        words = page.extract_words()
    # 'Edition', the colophon's last label but one (pdfplumber gives its letters right to left)
    label = [word for word in words if word["text"] in ("شیاریو", "ویرایش") and word["top"] > 80][-1]
    value = [word for word in words if abs(word["top"] - label["top"]) < 2 and word["x1"] <= label["x0"]]
    assert label["x1"] > page.width * 0.6  # the label at the right, where the line starts
    assert value and label["x0"] - max(word["x1"] for word in value) < 30 * 72 / 25.4  # its value beside it


def test_mixed_directions_read_in_order_in_the_persian_pdf(project):
    """In the Latin citation of a Persian note, the Persian month dragged the year before it ('10 1948
    دسامبر'); in How to cite, the Latin author's name came after the year. Each run is now isolated."""
    with pdfplumber.open(edition(project, "fa", "pdf")) as pdf:
        words = [word for page in pdf.pages for word in page.extract_words()]
    line = sorted((word for word in words if abs(word["top"] - next(
        w for w in words if w["text"] == "Rights,”")["top"]) < 5), key=lambda word: word["x0"])
    texts = [word["text"] for word in line]
    assert texts.index("10") + 2 == texts.index("1948,") and ARABIC.search(texts[texts.index("10") + 1])
    def apa_line(word):  # How to cite in APA: 'Assembly.' and '(1948).' on one line (pdfplumber mirrors brackets)
        same = [other for other in words if abs(other["top"] - word["top"]) < 5]
        return same if any("1948" in other["text"] and "(" in other["text"] for other in same) else None

    apa = sorted(next(line for word in words if word["text"].strip(".") == "Assembly" and (line := apa_line(word))),
                 key=lambda word: word["x0"])
    order = [word["text"].strip(".") for word in apa]  # from the left: the title, the year, the author
    year = next(index for index, text in enumerate(order) if "1948" in text)
    assert 0 < year < order.index("Assembly") and ARABIC.search(" ".join(order[:year]))  # read from the right


def test_the_persian_web_page_sets_no_slanted_fake_italic(project):
    """Noto Naskh Arabic has no italic: a Persian title in emphasis (a citation's) was slanted by the browser."""
    style = lxml.html.parse(str(edition(project, "fa", "html"))).getroot().xpath("string(//style)")
    rule = re.search(r"\nhtml \{([^}]*)\}", style)
    assert rule and "font-synthesis: weight;" in rule.group(1)  # bold may be made, italic never


def test_the_persian_web_page_is_right_to_left_and_links_its_other_languages(project):
    page = lxml.html.parse(str(edition(project, "fa", "html"))).getroot()
    assert (page.get("lang"), page.get("dir")) == ("fa", "rtl")
    alternates = {link.get("hreflang"): link.get("href") for link in page.xpath("//head/link[@rel='alternate']")}
    assert alternates == {"en": f"{SLUG}.html", "fr": f"{SLUG}.fr.html"}
    switcher = page.xpath("//nav[@class='languages']")[0]
    assert [(a.get("hreflang"), a.text) for a in switcher.iter("a")] == [("en", "English"), ("fr", "Français")]
    assert switcher.xpath(".//*[@aria-current='page']")[0].text == "فارسی"
    assert page.xpath("//h2")[-1].text_content() == "دربارهٔ این نشریه"  # the colophon's heading, in Persian
    # a note citing an English source reads left to right inside the right-to-left page
    assert page.xpath("//aside[@role='doc-footnote']/p")[0].get("dir") == "ltr"


def test_the_persian_epub_is_right_to_left_in_the_arabic_script_font_and_valid(project):
    book = edition(project, "fa", "epub")
    with zipfile.ZipFile(book) as archive:
        opf = archive.read("EPUB/content.opf").decode("utf-8")
        fonts = {name.rsplit("/", 1)[-1] for name in archive.namelist() if name.endswith(".woff2")}
        nav = archive.read("EPUB/nav.xhtml").decode("utf-8")
    assert 'page-progression-direction="rtl"' in opf and "<dc:language>fa</dc:language>" in opf
    assert {"NotoNaskhArabic-Regular.woff2", "NotoNaskhArabic-Bold.woff2"} <= fonts
    pages = epub_pages(book)
    assert all((page.get("dir"), page.get("lang")) == ("rtl", "fa") for page in pages) and 'dir="rtl"' in nav
    text = letters(" ".join("".join(page.find("{*}body").itertext()) for page in pages))
    for paragraph in paragraphs(FIXTURE / "index.fa.md")[:-1]:
        assert letters(paragraph) in text
    assert epubcheck_messages(book) == {book: []}


def test_the_persian_web_page_passes_the_nu_checker(project):
    assert nu_errors(edition(project, "fa", "html")) == []


@pytest.fixture(scope="module")
def persian_in_browser(project, tmp_path_factory):
    return in_browser(edition(project, "fa", "html"), tmp_path_factory.mktemp("persian-screens"))


@pytest.mark.parametrize("view", ["wide", "phone", "dark"])
def test_axe_finds_no_violation_on_the_persian_page(persian_in_browser, view):
    assert persian_in_browser[view]["violations"] == []


def test_persian_sidenotes_stand_in_the_left_margin(persian_in_browser):
    wide, phone = persian_in_browser["wide"]["layout"], persian_in_browser["phone"]["layout"]
    text_left = min(p["x"] for p in wide["paragraphs"])
    assert wide["notes"] and all(note["box"]["x"] + note["box"]["width"] <= text_left for note in wide["notes"])
    assert any(font.startswith("Noto Naskh Arabic") for font in wide["fonts"])
    assert phone["scrollWidth"] <= phone["clientWidth"] == 375


def test_the_persian_docx_is_right_to_left_in_libreoffice(project, tmp_path):
    path = edition(project, "fa", "docx")
    with zipfile.ZipFile(path) as package:
        document = etree.fromstring(package.read("word/document.xml"))
        styles = package.read("word/styles.xml").decode("utf-8")
    assert document.find(f"{W}body/{W}sectPr/{W}bidi") is not None
    body = [p for p in document.iter(f"{W}p") if "".join(p.itertext()).strip()]
    assert all(p.find(f"{W}pPr/{W}bidi") is not None for p in body[:6])
    assert 'w:cs="Noto Naskh Arabic"' in styles
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice is needed: apt-get install libreoffice-writer-nogui"
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "fodt",
                    "--outdir", str(tmp_path), str(path)], capture_output=True, timeout=300, check=True)
    flat = (tmp_path / path.with_suffix(".fodt").name).read_text(encoding="utf-8")
    assert 'style:writing-mode="rl-tb"' in flat  # LibreOffice lays the paragraphs and the page out right to left
    assert "مادهٔ اول" in flat
    report = open_xml_report(path)  # a second opinion on what Word accepts
    assert report["valid"] and report["error_count"] == 0, report["errors"]


def test_a_latin_note_in_the_persian_docx_reads_left_to_right(project):
    """pandoc marks every paragraph and run of a right-to-left DOCX right to left, Latin ones included: the
    English citation in a note read as Persian, its '10' at the far right, its stop before the address."""
    with zipfile.ZipFile(edition(project, "fa", "docx")) as package:
        notes = etree.fromstring(package.read("word/footnotes.xml"))
    texts = {"".join(note.itertext()).strip(): note for note in notes.iter(f"{W}footnote")}
    latin = next(note for text, note in texts.items() if "Universal Declaration" in text)
    paragraph = latin.find(f"{W}p")
    assert paragraph.find(f"{W}pPr/{W}bidi") is None  # the paragraph left to right
    runs = [run for run in paragraph.iter(f"{W}r") if "Universal" in "".join(run.itertext())]
    assert runs and all(run.find(f"{W}rPr/{W}rtl") is None for run in runs)  # its Latin runs too
    [date] = [run for run in paragraph.iter(f"{W}r") if ARABIC.search("".join(run.itertext()))]
    assert "".join(date.itertext()) == "10 \u2067دسامبر\u2069 1948,"  # the month isolated in the Latin date
    assert date.find(f"{W}rPr/{W}rtl") is None
    separator = next(note for note in notes.iter(f"{W}footnote") if note.get(f"{W}type") == "separator")
    assert separator.find(f"{W}p/{W}pPr/{W}bidi") is not None


def test_a_latin_date_with_a_persian_month_reads_in_order_in_libreoffice(project, tmp_path):
    """In the Persian DOCX's Latin note and bibliography entry, the date read '10 1948 دسامبر': the run
    pandoc marked right to left carried the year before the month."""
    with pdfplumber.open(libreoffice_pdf(edition(project, "fa", "docx"), tmp_path)) as pdf:
        words = [word for page in pdf.pages for word in page.extract_words()]
    years = [word for word in words if word["text"].startswith("1948")]
    assert len(years) >= 2  # the note's and the bibliography's
    for year in years:
        line = [word for word in words if abs(word["top"] - year["top"]) < 2 and word["x1"] <= year["x0"]]
        day, month = sorted(line, key=lambda word: word["x0"])[-2:]
        assert day["text"] == "10" and ARABIC.search(month["text"]), (day["text"], month["text"])


def test_a_french_translation_speaks_french_in_every_edition(project):
    pdf, html = pdf_text(edition(project, "fr", "pdf")), lxml.html.parse(str(edition(project, "fr", "html"))).getroot()
    with zipfile.ZipFile(edition(project, "fr", "docx")) as package:
        docx = "".join(etree.fromstring(package.read("word/document.xml")).itertext())
        notes = "".join(etree.fromstring(package.read("word/footnotes.xml")).itertext())
    words = ("Bibliographie", "À propos de cette publication", "Comment citer cette publication", "10 décembre 1948")
    for text in (" ".join(pdf.split()), html.text_content(), docx):
        assert all(word in text for word in words), [word for word in words if word not in text]
    # citation terms from the CSL French locale: guillemets and the French month
    assert "« Universal Declaration of Human Rights »" in " ".join(pdf.split())
    assert "«\u00a0Universal Declaration of Human Rights\u00a0», 10 décembre 1948" in notes
    assert html.get("lang") == "fr" and html.get("dir") == "ltr"


@pytest.mark.parametrize("lang", ["fr", "fa"])
def test_the_colophon_of_a_translation_has_no_english_label(project, lang):
    """How to cite's style names were left in English ("Chicago Manual of Style 18th edition (notes and
    bibliography)") in the French and Persian colophons; French sets a space before a colon."""
    page = lxml.html.parse(str(edition(project, lang, "html"))).getroot()
    styles = [span.text_content() for span in page.iter("span") if span.get("class") == "citation-style"]
    pdf = " ".join(pdf_text(edition(project, lang, "pdf")).split())
    assert len(styles) == 3 and not [style for style in styles if "edition" in style]
    assert "Style 18th edition" not in pdf and "APA Style 7th edition" not in pdf
    if lang == "fr":
        assert styles[0] == "Chicago Manual of Style, 18e édition (notes et bibliographie)\u00a0:"


def test_editing_only_the_persian_text_rebuilds_only_the_persian_editions(project):
    index = project / "source" / SLUG / "index.fa.md"
    original = index.read_text(encoding="utf-8")
    try:
        index.write_text(original.replace("# مادهٔ دوم", "# مادهٔ دوم\n\nمتن.\n", 1), encoding="utf-8")
        ran = executed_tasks(project)
        assert [name for name in ran if name.split(":")[0] in ("html", "pdf", "docx")] == \
            [f"docx:{SLUG}.fa", f"html:{SLUG}.fa", f"pdf:{SLUG}.fa"]
        assert [name for name in ran if name.startswith("parse:")] == [f"parse:{SLUG}.fa"]
    finally:
        index.write_text(original, encoding="utf-8")
        run_doit(project)


def test_a_translation_missing_a_note_and_a_citation_is_told_so(project):
    index = project / "source" / SLUG / "index.fa.md"
    original = index.read_text(encoding="utf-8")
    try:
        index.write_text(original.replace("[^source]", "", 1), encoding="utf-8")
        output = run_doit(project, "check").stdout
        assert f"source/{SLUG}/index.fa.md:7:1: warning: note 1 of the original (source/{SLUG}/index.md) has no " \
               "counterpart in this translation" in output
        assert f"the original (source/{SLUG}/index.md) cites 'udhr1948', which this translation does not" in output
    finally:
        index.write_text(original, encoding="utf-8")


def test_doit_new_starts_a_translation_from_the_original(project):
    created = project / "source" / SLUG / "index.de.md"
    try:
        run_doit(project, "new", "--translation-of", SLUG, "--lang", "de")
        text = created.read_text(encoding="utf-8")
        original = (project / "source" / SLUG / "index.md").read_text(encoding="utf-8")
        assert text == original.replace("lang: en", "lang: de")
        again = run_doit(project, "new", "--translation-of", SLUG, "--lang", "de", check=False)
        assert again.returncode != 0 and "exists already" in again.stdout + again.stderr
    finally:
        created.unlink(missing_ok=True)


RIGHTS = "\n| Article | {} |\n|---|---|\n| 1 | {} |\n\n: {} {{#tbl-rights}}\n\n{}\n"


def test_a_capitalised_cross_reference_is_the_same_and_a_translation_into_the_originals_language_refused(project):
    folder = project / "source" / SLUG
    texts = {name: (folder / name).read_text(encoding="utf-8") for name in ("index.md", "index.fr.md")}
    try:
        (folder / "index.md").write_text(texts["index.md"] + RIGHTS.format("Right", "Dignity", "Rights",
                                                                           "@tbl-rights lists one."), encoding="utf-8")
        (folder / "index.fr.md").write_text(texts["index.fr.md"] + RIGHTS.format("Droit", "Dignité", "Droits",
                                                                                 "@Tbl-rights en liste un."),
                                            encoding="utf-8")
        checked = run_doit(project, "check", f"{SLUG}.fr")
        assert "tbl-rights" not in checked.stdout and "translation" not in checked.stdout
        started = run_doit(project, "new", "--translation-of", SLUG, "--lang", "EN", check=False)
        assert started.returncode != 0 and not list(folder.glob("index.[eE][nN].md"))
        assert (f"source/{SLUG}/index.md: error: source/{SLUG}/index.md is in 'en' already: a translation is into "
                "another language (--lang fr, say)") in started.stdout
        shutil.copy(folder / "index.md", folder / "index.en.md")  # written by hand
        refused = run_doit(project, "check", check=False)
        assert refused.returncode != 0
        assert (f"source/{SLUG}/index.en.md:7:1: error: index.en.md is a translation into 'en', the language of the "
                f"original (source/{SLUG}/index.md): name it after the language it is translated into (index.fr.md, "
                "say), or remove it [translation.same-language]") in refused.stdout.splitlines()
    finally:
        for name, text in texts.items():
            (folder / name).write_text(text, encoding="utf-8")
        (folder / "index.en.md").unlink(missing_ok=True)
