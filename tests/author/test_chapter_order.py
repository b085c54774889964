"""The order of a folder's chapters (publish/author/chapter_order.py), read as the tool each folder
was written for reads it: a Makefile's file list, a pandoc defaults file, a Jekyll site's navigation,
else the file names. (Quarto's _quarto.yml is tested through `doit adopt` in test_adopt.py.)"""

import pytest

from publish.author.chapter_order import chapter_order
from publish.errors import PublishError


def folder_of(tmp_path, files):
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def names(order, folder):
    return [str(path.relative_to(folder)) for path in order.chapters]


def test_a_makefile_with_variables_and_a_wildcard_gives_its_order(tmp_path):
    # the shape of the widely copied thesis Makefile: a folder variable made of CURDIR, a quoted wildcard
    folder = folder_of(tmp_path, {
        "Makefile": 'BASEDIR=$(CURDIR)\nINPUTDIR=$(BASEDIR)/source\n\npdf:\n\tpandoc "$(INPUTDIR)"/*.md \\\n'
                    '\t-o thesis.pdf --metadata-file=$(INPUTDIR)/metadata.yml\n',
        "source/10_conclusion.md": "# Conclusion\n", "source/2_methods.md": "# Methods\n",
        "source/1_intro.md": "# Intro\n", "source/metadata.yml": "title: A Thesis\n", "README.md": "# How\n"})
    order = chapter_order(folder)
    assert names(order, folder) == ["source/1_intro.md", "source/2_methods.md", "source/10_conclusion.md"]
    assert order.how == "in the order its Makefile names them"
    assert order.metadata == folder / "source" / "metadata.yml"


def test_a_makefile_listing_files_gives_their_order_not_the_names(tmp_path):
    folder = folder_of(tmp_path, {
        "Makefile": "# the chapters\nCHAPTERS = intro.md results.md\nCHAPTERS += appendix.md\n"
                    "paper.pdf: $(CHAPTERS)\n\tpandoc meta.yaml $(CHAPTERS) -o $@\n",
        "appendix.md": "A\n", "intro.md": "I\n", "results.md": "R\n", "meta.yaml": "title: T\n",
        "references.yaml": "references: []\n"})
    order = chapter_order(folder)
    assert names(order, folder) == ["intro.md", "results.md", "appendix.md"]
    assert order.metadata == folder / "meta.yaml"


def test_a_pandoc_defaults_file_gives_its_input_files(tmp_path):
    folder = folder_of(tmp_path, {
        "defaults.yaml": "input-files:\n  - text/b.md\n  - text/a.md\nmetadata-file: text/meta.yml\n",
        "text/a.md": "A\n", "text/b.md": "B\n", "text/meta.yml": "title: T\n"})
    order = chapter_order(folder)
    assert names(order, folder) == ["text/b.md", "text/a.md"] and order.metadata == folder / "text" / "meta.yml"


def test_a_jekyll_site_is_read_in_the_order_of_its_navigation(tmp_path):
    folder = folder_of(tmp_path, {
        "_config.yml": "title: A memo\n",
        "_data/navigation.yml": "main:\n  - title: Home\n    url: /\n  - title: Memo\n    children:\n"
                                "      - title: Policy\n        url: \"{{ '/policy/' | relative_url }}\"\n"
                                "      - title: Background\n        url: /background.html\n",
        "index.md": "---\nlayout: home\n---\nHome\n", "background.md": "---\ntitle: Background\n---\nB\n",
        "policy-memo.md": "---\ntitle: Policy\npermalink: /policy/\n---\nP\n", "404.md": "Lost\n",
        "_posts/2020-01-01-news.md": "News\n"})
    order = chapter_order(folder)
    assert names(order, folder) == ["index.md", "policy-memo.md", "background.md"]
    assert order.how == "in the order its _data/navigation.yml lists them"


def test_a_just_the_docs_site_is_read_in_nav_order_children_after_their_parent(tmp_path):
    folder = folder_of(tmp_path, {
        "_config.yml": "theme: just-the-docs\n",
        "index.md": "---\ntitle: Home\nnav_order: 1\n---\n", "b.md": "---\ntitle: Part B\nnav_order: 3\n---\n",
        "a.md": "---\ntitle: Part A\nnav_order: 2\n---\n",
        "a2.md": "---\ntitle: A two\nparent: Part A\nnav_order: 2\n---\n",
        "a1.md": "---\ntitle: A one\nparent: Part A\nnav_order: 1\n---\n"})
    assert names(chapter_order(folder), folder) == ["index.md", "a.md", "a1.md", "a2.md", "b.md"]


def test_a_minima_site_is_read_in_the_order_of_its_header_pages(tmp_path):
    folder = folder_of(tmp_path, {"_config.yml": "header_pages:\n  - second.md\n  - first.md\n",
                                  "first.md": "1\n", "second.md": "2\n"})
    assert names(chapter_order(folder), folder) == ["second.md", "first.md"]


def test_without_an_order_the_names_give_it_and_a_lone_folder_of_chapters_is_read(tmp_path):
    folder = folder_of(tmp_path, {"chapters/10-end.md": "E\n", "chapters/9-middle.md": "M\n", "images/a.png": ""})
    order = chapter_order(folder)
    assert names(order, folder) == ["chapters/9-middle.md", "chapters/10-end.md"]
    assert order.how == "in the order of their file names"


def test_a_folder_of_no_text_is_one_line(tmp_path):
    with pytest.raises(PublishError, match="holds no Markdown file to adopt"):
        chapter_order(folder_of(tmp_path, {"notes.pdf": ""}))


def test_an_order_file_that_is_not_yaml_is_one_line_at_its_name(tmp_path):
    folder = folder_of(tmp_path, {"_quarto.yml": "book: [\n", "a.md": "A\n"})
    with pytest.raises(PublishError, match="not valid YAML") as raised:
        chapter_order(folder)
    assert raised.value.path == folder / "_quarto.yml"


def test_a_jekyll_site_listing_its_pages_in_config_navigation_is_read_in_that_order(tmp_path):
    # the shape of the federal source code policy's site: text and url in _config.yml, pages with permalinks
    folder = folder_of(tmp_path, {
        "_config.yml": "exclude:\n- README.md\nnavigation:\n- text: Introduction\n  url: /\n"
                       "- text: 2 - Scope\n  url: /Scope/\n- text: 7 - Implementation\n  url: /Implementation\n",
        "README.md": "# How to run the site\n", "pages/introduction.md": "---\npermalink: /\n---\nIntro\n",
        "pages/implementation.md": "---\npermalink: /Implementation/\n---\nLast\n",
        "pages/scope.md": "---\npermalink: /Scope/\n---\nScope\n"})
    order = chapter_order(folder)
    assert names(order, folder) == ["pages/introduction.md", "pages/scope.md", "pages/implementation.md"]
    assert order.how == "in the order its _config.yml's navigation lists them"
