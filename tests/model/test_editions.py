"""The table of editions (publish/model/editions.py): each artifact named as a reader sees it, the web
page's links to the others; each file name pattern, front-matter default and OOXML namespace written
in one place."""

import re

from projects import ROOT, source_texts

from publish.model import editions


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
