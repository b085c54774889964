"""`doit adopt` (publish/author/adopt.py, adopted_front_matter.py): a file or a folder of chapters
brought into source/<slug>/, the body as written, the front matter brought to this project's keys,
the files it names copied, every step said, then what `doit check` says. Real documents adopted
and built are in tests/test_real_documents.py."""

import shutil
from pathlib import Path

import pytest

from publish.author.adopt import adopt
from publish.errors import PublishError

DOCUMENTS = Path(__file__).parent.parent / "documents"


@pytest.fixture
def project(write):
    """A scratch project (the `write` fixture's, the working folder) with no publication in it yet."""
    write("")
    shutil.rmtree("source/brief")
    return Path(".")


def body_of(text):
    return text.split("\n---\n", 1)[1]


def test_a_joss_paper_is_adopted_its_text_as_written(project, tmp_path, capsys):
    elsewhere = shutil.copytree(DOCUMENTS / "joss-bayeso", tmp_path / "bayeso")
    adopt([str(elsewhere / "paper.md")])
    printed = capsys.readouterr().out.splitlines()
    written = Path("source/bayeso/index.md").read_text(encoding="utf-8")
    original = (elsewhere / "paper.md").read_text(encoding="utf-8")
    assert body_of(written).strip("\n") == body_of(original).strip("\n")  # not a character of the text changed
    assert "\ndate: 2022-12-06  # as written: 6 December 2022\n" in written
    assert Path("source/bayeso/paper.bib").read_bytes() == (elsewhere / "paper.bib").read_bytes()
    assert "adopt: the date '6 December 2022' is written 2022-12-06 (read as en writes dates)" in printed
    assert "adopt: copied paper.bib" in printed
    missing = "adopt: 'figures/bo_step_global_local_ei.png' is named but not found"
    assert any(line.startswith(missing) for line in printed)
    assert any("error: image 'figures/bo_step_global_local_ei.png' not found" in line for line in printed)
    assert printed[-1].startswith("adopt: source/bayeso/ is adopted; doit check says pre-flight failed")


def test_a_quarto_book_is_joined_in_its_order(project, tmp_path, capsys):
    book = tmp_path / "book"
    book.mkdir()
    (book / "_quarto.yml").write_text("book:\n  chapters:\n    - index.qmd\n    - part: Methods\n      chapters:\n"
                                      "        - methods.qmd\n    - intro.qmd\n", encoding="utf-8")
    (book / "index.qmd").write_text("---\ntitle: A Book\ndate: 2024\n---\n\n# Preface\n\nFirst.\n", encoding="utf-8")
    (book / "methods.qmd").write_text("---\ntitle: Methods\n---\n\n# Methods\n\nSecond.\n", encoding="utf-8")
    (book / "intro.qmd").write_text("# Introduction\n\nThird.\n", encoding="utf-8")
    (book / "references.bib").write_text("@book{a, title={A}, author={B, C}, year={2020}}\n", encoding="utf-8")
    adopt([str(book)], slug="a-book")
    written = Path("source/a-book/index.md").read_text(encoding="utf-8")
    assert body_of(written) == "\n# Preface\n\nFirst.\n\n# Methods\n\nSecond.\n\n# Introduction\n\nThird.\n"
    assert 'bibliography: "references.bib"' in written and Path("source/a-book/references.bib").is_file()
    printed = capsys.readouterr().out
    assert "in the order its _quarto.yml gives: index.qmd, methods.qmd, intro.qmd\n" in printed
    assert ("adopt: left out the front matter of methods.qmd (title): the first chapter's is the publication's"
            in printed)


def test_a_folder_of_chapters_is_joined_in_the_order_of_their_names(project, tmp_path, capsys):
    folder = tmp_path / "chapters"
    folder.mkdir()
    for name, text in (("10-end.md", "End."), ("2-method.md", "Method."), ("1-intro.md", "---\ntitle: T\n---\nIntro."),
                       ("README.md", "How to build.")):
        (folder / name).write_text(text + "\n", encoding="utf-8")
    adopt([str(folder), "--slug", "chapters"])
    assert body_of(Path("source/chapters/index.md").read_text(encoding="utf-8")) == "\nIntro.\n\nMethod.\n\nEnd.\n"
    assert "in the order of their file names: 1-intro.md, 2-method.md, 10-end.md\n" in capsys.readouterr().out


def test_a_thesis_built_by_a_makefile_takes_its_order_metadata_and_figures(project, tmp_path, capsys):
    thesis = tmp_path / "thesis"
    (thesis / "source" / "figures").mkdir(parents=True)
    (thesis / "Makefile").write_text('INPUTDIR=$(CURDIR)/source\nBIBFILE=$(INPUTDIR)/references.bib\npdf:\n'
                                     '\tpandoc "$(INPUTDIR)"/*.md --metadata-file=$(INPUTDIR)/metadata.yml '
                                     '--bibliography="$(BIBFILE)" --number-sections -o thesis.pdf\n',
                                     encoding="utf-8")
    # written between --- lines, as the usual thesis template writes it (pandoc reads it so)
    (thesis / "source" / "metadata.yml").write_text("---\ntitle: On Water\ndate: March 2019\n---\n",
                                                    encoding="utf-8")
    (thesis / "source" / "references.bib").write_text("@book{a, title={A}, author={B, C}, year={2020}}\n",
                                                      encoding="utf-8")
    (thesis / "source" / "01_intro.md").write_text("# Intro {#sec:intro}\n\n![A well](source/figures/well.png)\n",
                                                   encoding="utf-8")
    (thesis / "source" / "02_end.md").write_text("# End\n\nSee @sec:intro.\n", encoding="utf-8")
    (thesis / "source" / "figures" / "well.png").write_bytes(b"\x89PNG")
    adopt([str(thesis)])
    written = Path("source/thesis/index.md").read_text(encoding="utf-8")
    assert written.startswith("---\ntitle: On Water\ndate: 2019-03  # as written: March 2019\n"
                              'bibliography: ["source/references.bib"]\nnumber-sections: true\n---\n')
    assert Path("source/thesis/source/references.bib").is_file()
    assert body_of(written) == ("\n# Intro {#sec:intro}\n\n![A well](source/figures/well.png)\n\n"
                                "# End\n\nSee @sec:intro.\n")
    assert Path("source/thesis/source/figures/well.png").read_bytes() == b"\x89PNG"
    printed = capsys.readouterr().out
    assert "in the order its Makefile names them: source/01_intro.md, source/02_end.md\n" in printed
    assert f"adopt: took the front matter from {thesis / 'source' / 'metadata.yml'}\n" in printed


def test_a_bibliography_kept_outside_the_texts_folder_is_copied_beside_it_and_named_so(project, tmp_path, capsys):
    (tmp_path / "thesis" / "text").mkdir(parents=True)
    (tmp_path / "thesis" / "shared.json").write_text('[{"id": "a", "type": "book", "title": "A"}]', encoding="utf-8")
    paper = tmp_path / "thesis" / "text" / "paper.md"
    paper.write_text('---\ntitle: T\nbibliography: "../shared.json"\n---\n\nAs shown [@a].\n', encoding="utf-8")
    adopt([str(paper), "--slug", "outside"])
    written = Path("source/outside/index.md").read_text(encoding="utf-8")
    assert 'bibliography: "shared.json"\n' in written and Path("source/outside/shared.json").is_file()
    assert "adopt: '../shared.json' lies outside the text's folder: copied beside index.md as shared.json" in \
        capsys.readouterr().out


@pytest.mark.parametrize("arguments, message", [
    ([], "give one file or folder"),
    (["nowhere/paper.md"], "nowhere/paper.md: no such file or folder"),
    (["draft.pdf"], r"doit adopt reads a Word draft \(.docx\), Markdown"),
    (["broken.docx", "--slug", "broken"], "pandoc failed: "),
])
def test_what_cannot_be_adopted_is_one_line_and_leaves_nothing(project, arguments, message):
    Path("draft.pdf").write_bytes(b"%PDF-1.7")
    Path("broken.docx").write_bytes(b"PK not a zip")
    with pytest.raises(PublishError, match=message) as refused:
        adopt(arguments)
    assert "\n" not in str(refused.value) and not Path("source/broken").exists()


def test_a_taken_slug_is_refused_and_nothing_is_written(project, tmp_path):
    (tmp_path / "memo.md").write_text("---\ntitle: Memo\n---\n\nText.\n", encoding="utf-8")
    adopt([str(tmp_path / "memo.md")])
    before = Path("source/memo/index.md").read_bytes()
    (tmp_path / "memo.md").write_text("---\ntitle: Other\n---\n\nOther.\n", encoding="utf-8")
    with pytest.raises(PublishError, match="source/memo/ exists already"):
        adopt([str(tmp_path / "memo.md")])
    assert Path("source/memo/index.md").read_bytes() == before


def test_a_text_that_is_not_utf8_is_one_line_and_leaves_nothing(project, tmp_path):
    (tmp_path / "latin.md").write_bytes("---\ntitle: Caf\xe9\n---\n\nCaf\xe9.\n".encode("latin-1"))
    with pytest.raises(PublishError, match="not valid UTF-8 text; save the file as UTF-8"):
        adopt([str(tmp_path / "latin.md")])
    assert not Path("source/latin").exists()


def test_a_front_matter_that_is_not_yaml_is_one_line_at_its_file(project, tmp_path):
    (tmp_path / "memo.md").write_text("---\ntitle: [unclosed\n---\n\nText.\n", encoding="utf-8")
    with pytest.raises(PublishError) as refused:
        adopt([str(tmp_path / "memo.md")])
    assert str(refused.value).startswith(f"{tmp_path / 'memo.md'}: error: its front matter is not valid YAML")
    assert not Path("source/memo").exists()


def test_a_folder_of_the_same_name_in_another_case_is_taken_too(project, tmp_path):
    (tmp_path / "memo.md").write_text("---\ntitle: Memo\n---\n\nText.\n", encoding="utf-8")
    Path("source/MEMO").mkdir()
    with pytest.raises(PublishError, match="source/MEMO/ exists already: adopt it under another name with --slug"):
        adopt([str(tmp_path / "memo.md")])
    assert not Path("source/memo").exists()
