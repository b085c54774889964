"""The declarations every stage derives from: the table of editions and the schema of the front
matter (publish/model/), and the README's tables written from them."""

import re
from pathlib import Path

import pytest

from publish.model import editions, front_matter, manual

ROOT = Path(__file__).resolve().parent.parent
# Where the stages after the parse read metadata.json: the editions, the release, the review, the templates.
READERS = [*(ROOT / "publish" / folder for folder in ("editions", "release", "review", "author")), ROOT / "templates"]


def source_texts(folders, suffixes=(".py", ".j2")):
    return {path: path.read_text(encoding="utf-8") for folder in folders for path in folder.rglob("*")
            if path.suffix in suffixes}


def test_the_readme_tables_are_written_from_the_declarations(monkeypatch):
    monkeypatch.chdir(ROOT)
    assert manual.main(["--check"]) == 0, "run: .venv/bin/python -m publish.model.manual"
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    for edition in editions.EDITIONS:
        assert f"| `{edition.task}:<slug>` | {edition.about}: `{edition.files}` |" in text
    for key in front_matter.KEYS:
        assert f"`{key.name}`" in text


def test_every_fact_written_to_metadata_json_is_read_by_a_later_stage():
    """Nothing is written that no stage reads: each fact is read by name by an edition, the release, the
    review or a template (or, for what a translation is compared with, by the parse of a translation)."""
    texts = "\n".join(source_texts(READERS).values())
    parse = (ROOT / "publish" / "source" / "parse.py").read_text(encoding="utf-8")
    for name in front_matter.written_facts():
        patterns = [f'["{name}"]', f"meta.{name}", f"item.{name}", f'"{name}"']
        found = any(pattern in texts for pattern in patterns) or (name == "contents" and '["contents"]' in parse)
        assert found, f"metadata.json's '{name}' is read by no stage"


@pytest.mark.parametrize("stage", [edition.task for edition in editions.EDITIONS])
def test_each_edition_reads_only_facts_that_are_written(stage):
    assert set(front_matter.facts_read_by(stage)) <= set(front_matter.written_facts())
    assert {"lang", "slug"} <= set(front_matter.facts_read_by(stage))


def test_the_paged_editions_read_the_paper_size_and_the_web_page_its_policy():
    assert [edition.task for edition in editions.EDITIONS if "papersize" in front_matter.facts_read_by(edition.task)] == [
        edition.task for edition in editions.EDITIONS if edition.paged]
    assert [edition.task for edition in editions.EDITIONS if "html_policy" in front_matter.facts_read_by(edition.task)] \
        == ["html"]


def test_each_file_name_pattern_default_and_namespace_is_written_in_one_place():
    """grep finds each edition's file name suffix, each default of the front matter and each OOXML namespace
    in one module of the package: the table of editions, the schema, publish/ooxml.py."""
    texts = source_texts([ROOT / "publish"], suffixes=(".py",))
    declared = {ROOT / "publish/model/editions.py": [f'"{artifact.suffix}"' for artifact in editions.ARTIFACTS.values()
                                                     if artifact.suffix],
                ROOT / "publish/model/front_matter.py": [f'"{default}"' for default in
                                                         ("Summary", "harvard-cite-them-right")],
                ROOT / "publish/ooxml.py": sorted(set(re.findall(r'"http://schemas\.openxmlformats\.org[^"{]+',
                                                                  texts[ROOT / "publish/ooxml.py"])))}
    for home, needles in declared.items():
        for needle in needles:  # as written in code: in double quotes
            places = [path.relative_to(ROOT) for path, text in texts.items() if needle in text]
            assert places == [home.relative_to(ROOT)], f"{needle} is written in {places}"


def test_an_edition_names_its_files_as_a_reader_sees_them():
    cite = editions.BY_TASK["cite"]
    assert cite.files == "build/<slug>/<slug>.ris, .bib, .json"
    assert editions.BY_TASK["pdfa"].doc.endswith(": build/<slug>/<slug>-pdfa.pdf.")
    assert editions.ARTIFACTS["pdfa"].file_name("brief", "fa") == "brief-pdfa.fa.pdf"


def test_the_web_page_links_the_other_editions_but_itself():
    assert [artifact.kind for artifact in editions.downloads()] == ["pdf", "docx", "epub"]
    assert [artifact.kind for artifact in editions.artifacts(linked="citation")] == ["ris", "bib", "json"]
