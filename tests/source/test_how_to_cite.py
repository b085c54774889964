"""'How to cite this publication': citeproc-py against pandoc's citeproc, style by style.

Where the two engines agree, the pipeline uses citeproc-py. Where a style uses
a CSL feature citeproc-py 0.11 lacks (publish.source.how_to_cite.CITEPROC_PY_GAPS),
they disagree, and the pipeline uses pandoc's rendering, which is the correct
one: Chicago 18th (§14.72) and APA 7 name authors as the style's `name`
element says, and citeproc-py ignores `initialize="false"`, so it abbreviates
given names even where the style keeps them whole ('Malejacq, R.' instead of
Chicago's 'Malejacq, Romain.')."""

import json
import re
import shutil

import pytest
import yaml
from checking import VALID, where
from projects import ROOT, SLUG, commit_all, copy_project, inside, run_doit

from publish.model.publication import publication_item
from publish.paths import Publication
from publish.source.how_to_cite import (
    citeproc_py_gaps,
    csl_locale,
    how_to_cite,
    render,
    render_with_citeproc_py,
    render_with_pandoc,
    style_title,
)
from publish.source.metadata import metadata_from, validated
from publish.source.settings import read_settings
from publish.source.styles import resolve_csl, styles_folder


FULLER = {"publisher": "An Institute", "series": "Policy Briefs", "url": "https://example.org/brief", "doi": ""}


@pytest.fixture(scope="module")
def metadata():
    import os

    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        return metadata_from(read_settings(Publication(SLUG)), Publication(SLUG))
    finally:
        os.chdir(cwd)


def styles(metadata):
    names = [metadata["csl"], *metadata["how_to_cite_styles"]]
    return [resolve_csl(name, Publication(SLUG), "series.yaml") for name in names]


def plain(html):
    """The text a reader sees: tags dropped (engines mark italics and links differently)."""
    return " ".join(re.sub(r"<[^>]+>", "", html).split())


@pytest.mark.parametrize("extra", [{}, FULLER], ids=["the brief", "with publisher, series and address"])
def test_engines_agree_or_the_pipeline_takes_the_correct_one(metadata, extra):
    data = {**metadata, **extra}
    item = data["citation_item"] = publication_item(data)
    for path, entry in zip(styles(metadata), how_to_cite(data, styles(metadata))):
        by_python, by_pandoc = render_with_citeproc_py(item, path, "en"), render_with_pandoc(item, path, "en")
        if citeproc_py_gaps(path):
            assert plain(entry["html"]) == plain(by_pandoc), path.stem
            if plain(by_python) != plain(by_pandoc):  # the documented difference, and only it
                assert plain(by_pandoc).startswith("Malejacq, Romain.")
                assert plain(by_pandoc).replace("Malejacq, Romain.", "Malejacq, R.", 1) == plain(by_python)
        else:
            assert plain(entry["html"]) == plain(by_python) == plain(by_pandoc), path.stem


def test_house_style_apa_and_harvard_in_that_order(metadata):
    entries = how_to_cite(metadata, styles(metadata))
    assert [entry["style"] for entry in entries] == ["chicago-notes-bibliography", "apa", "harvard-cite-them-right"]
    chicago, apa, harvard = (plain(entry["html"]) for entry in entries)
    title = "Engaging with the Taliban: From Leverage and Isolation to Piecemeal Pragmatism"
    assert chicago.startswith("Malejacq, Romain.") and title in chicago and chicago.endswith("2024.")
    assert apa.startswith("Malejacq, R. (2024).") and title in apa
    assert harvard.startswith("Malejacq, R. (2024)") and title in harvard
    assert all("<em>" in entry["html"] for entry in entries)  # the title in italics


def test_how_to_cite_uses_the_house_style_and_only_known_facts():
    metadata = {**validated(dict(VALID), where), "subtitle": "A Subtitle"}
    item = metadata["citation_item"] = publication_item(metadata)
    assert item["type"] == "report" and item["title"] == "T: A Subtitle"
    assert item["author"] == [{"family": "Author", "given": "A."}]
    assert "publisher" not in item and "URL" not in item  # unknown, so left out, never guessed
    [entry] = how_to_cite(metadata, [styles_folder() / "chicago-notes-bibliography.csl"])
    assert entry["html"] == "Author, A. <em>T: A Subtitle</em>. 2024."
    assert entry["title"] == "Chicago Manual of Style 18th edition (notes and bibliography)"


def test_how_to_cite_names_publisher_place_series_number_and_doi_and_an_organisation_as_written(metadata):
    """What a reader needs to find the publication again, in every style the series lists; an organisation as
    author is never inverted as a person ('Assembly, U. N. G.')."""
    data = {**metadata, "authors": [{"name": "United Nations General Assembly", "organization": True}],
            "publisher": "An Institute", "publisher_place": "The Hague", "series": "Policy Briefs", "number": "12",
            "doi": "10.5555/12345", "url": "https://example.org/brief/"}
    data["citation_item"] = publication_item(data)
    chicago, apa, harvard = (plain(entry["html"]) for entry in how_to_cite(data, styles(metadata)))
    for text in (chicago, apa, harvard):
        assert text.startswith("United Nations General Assembly") and "Assembly, U" not in text
        assert "An Institute" in text and "https://doi.org/10.5555/12345" in text
    assert "Policy Briefs 12" in chicago and "(Policy Briefs 12)" in apa and "The Hague: An Institute" in harvard


# The languages the house publishes in: English, and each language locale/ has a catalogue for.
HOUSE_LANGUAGES = ["en", *sorted(path.stem for path in (ROOT / "locale").glob("*.po"))]
# Three authors, a version and an address: what the styles join or label with words of the language
# ('and', 'Version', 'Available at').
WORDED = {**FULLER, "authors": [{"name": "Ann Smith"}, {"name": "Bo Jones"}, {"name": "Cy Khan"}], "version": "2",
          "publisher_place": "Kabul"}


def rendered(item, paths, lang, folder):
    """The item in each style in `lang`, rendered with `folder` as the working folder: its build/.cache/ is the
    cache, as a build's is."""
    folder.mkdir(exist_ok=True)
    with inside(folder):
        return [render(item, path, lang) for path in paths]


def test_the_cache_gives_each_language_its_own_rendering(metadata, tmp_path):
    """Rendered in English first, the same item in each house language is that language's rendering, the one
    an empty cache gives: never the English one the cache already holds."""
    item, paths = publication_item({**metadata, **WORDED}), styles(metadata)
    cold = {lang: rendered(item, paths, lang, tmp_path / lang) for lang in HOUSE_LANGUAGES}
    assert len({tuple(renderings) for renderings in cold.values()}) >= 3  # the languages' words differ here
    warm = tmp_path / "warm"
    rendered(item, paths, "en", warm)
    for lang in HOUSE_LANGUAGES:
        assert rendered(item, paths, lang, warm) == cold[lang], lang


UDHR = "udhr"


@pytest.fixture(scope="module")
def translated(tmp_path_factory):
    """A project in a series with an address, whose one publication is the declaration in English and Persian
    (tests/fixtures/translations) and in French as `doit new --translation-of` starts a translation (the
    original's title and text, `lang: fr`): parsed, the English first."""
    project = copy_project(tmp_path_factory.mktemp("how-to-cite"))
    shutil.rmtree(project / "source" / SLUG)
    shutil.copytree(ROOT / "tests" / "fixtures" / "translations" / UDHR, project / "source" / UDHR,
                    ignore=shutil.ignore_patterns("index.fr.md"))
    settings = project / "source" / "series.yaml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace('site-url: ""', 'site-url: "https://example.org/p/"'), encoding="utf-8")
    commit_all(project)
    run_doit(project, "new", "--translation-of", UDHR, "--lang", "fr")
    run_doit(project, f"parse:{UDHR}")
    run_doit(project, "parse")
    return project


def parsed_metadata(project, lang=""):
    folder = project / "build" / UDHR / ".work"
    return json.loads(((folder / lang if lang else folder) / "metadata.json").read_text(encoding="utf-8"))


def series_styles(project):
    settings = yaml.safe_load((project / "source" / "series.yaml").read_text(encoding="utf-8"))
    names = [settings["csl"], *settings["how-to-cite-styles"]]
    return [resolve_csl(name, Publication(UDHR), "series.yaml") for name in names]


@pytest.mark.parametrize("lang", ["fr", "fa"])
def test_a_translation_cites_itself_in_its_own_language(translated, lang, tmp_path):
    """Each translation's How to cite, built after the original's, is the one its language gives with an empty
    cache; the French, whose title is still the original's, is not the English one."""
    metadata = parsed_metadata(translated, lang)
    shutil.copytree(translated / "locale", tmp_path / "locale")  # the catalogues, and no cache
    with inside(tmp_path):
        expected = how_to_cite(metadata, series_styles(translated))
    assert metadata["how_to_cite"] == expected
    if metadata["citation_item"] == parsed_metadata(translated)["citation_item"]:
        assert metadata["how_to_cite"] != parsed_metadata(translated)["how_to_cite"]


def self_item(title, family="Smith"):
    return {"id": "self", "type": "report", "title": title, "author": [{"family": family, "given": "Ann"}],
            "issued": {"date-parts": [[2025]]}}


def test_a_title_beyond_the_basic_plane_renders_whole_in_pandoc():
    """pandoc reads the item as YAML, whose escapes cannot write a character past U+FFFF as two halves."""
    chicago = styles_folder() / "chicago-notes-bibliography.csl"
    rendered = render_with_pandoc(self_item("Sets 𝔸 and 𝔹 in کابل"), chicago, "en")
    assert "Sets 𝔸 and 𝔹 in کابل" in plain(rendered)


def test_citeproc_py_renders_the_items_markup_characters_as_text():
    """citeproc-py writes the item's text into its HTML as it is: the pipeline escapes it, in every field."""
    from lxml import html as lxml_html

    rendered = render_with_citeproc_py(self_item("Aid & Trade <b>2025</b>", "Smith & Sons <i>"),
                                       styles_folder() / "apa.csl", "en")
    tree = lxml_html.fragment_fromstring(rendered, create_parent="div")
    assert "Aid & Trade <b>2025</b>" in tree.text_content() and "Smith & Sons <i>" in tree.text_content()
    assert tree.find(".//b") is None and tree.find(".//i") is None


@pytest.mark.parametrize("lang, locale", [("en", "en-US"), ("de", "de-DE"), ("en-GB", "en-GB"), ("fa-IR", "fa-IR"),
                                          ("ps", "ps-PS")])
def test_a_language_names_its_csl_locale_a_bare_tag_its_primary_dialect(lang, locale):
    assert csl_locale(lang) == locale


def test_a_style_without_a_title_is_named_by_its_file(tmp_path):
    csl = (styles_folder() / "apa.csl").read_text(encoding="utf-8")
    untitled, empty = tmp_path / "untitled-style.csl", tmp_path / "empty-title.csl"
    untitled.write_text(re.sub(r"<title>.*?</title>", "", csl, count=1), encoding="utf-8")
    empty.write_text(re.sub(r"<title>.*?</title>", "<title></title>", csl, count=1), encoding="utf-8")
    assert (style_title(untitled), style_title(empty)) == ("untitled-style", "empty-title")
    assert style_title(styles_folder() / "apa.csl") != "apa"


def test_no_style_is_no_entry(metadata):
    assert how_to_cite(metadata, []) == []


def test_a_style_the_csl_schema_refuses_in_a_detail_renders_without_a_warning(tmp_path):
    """An author's own style with an attribute the schema does not know: citeproc-py renders it the same, and
    checking it against the schema would only warn (an error, where warnings are errors) and take time."""
    csl = (styles_folder() / "apa.csl").read_text(encoding="utf-8")
    own = tmp_path / "own.csl"
    own.write_text(csl.replace("<style ", '<style data-house="1" ', 1), encoding="utf-8")
    assert plain(render_with_citeproc_py(self_item("A Title"), own, "en")) == plain(
        render_with_citeproc_py(self_item("A Title"), styles_folder() / "apa.csl", "en"))
