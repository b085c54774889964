"""The publication's own BibTeX file (publish.editions.citation_files), read back by a real BibTeX reader
(pandoc's, as CSL JSON): whatever special character of BibTeX (& % $ # _ { } ~ ^ \\) a title, a subtitle, an
author's name, the publisher or the series holds, anywhere in a word, the file reads back as the front matter
and the series settings wrote it: same characters, same capitals, an organisation one literal name.

pandoc's BibTeX reader forgives a bare & # or _, which LaTeX, which typesets a BibTeX field's value, refuses
("Misplaced alignment tab character &"); pandoc's LaTeX reader, reading the file, names each one it meets.

One publication for each special character, built once (`doit cite`)."""

import json
import re
import shutil
from pathlib import Path

import pypandoc
import pytest
import yaml
from projects import SLUG, commit_all, copy_project, run_doit

BIBTEX_SPECIALS = "&%$#_{}~^\\"


# Where a title holds the character: alone, before a word, inside one, doubled, after one, before a digit.
TITLE_PLACES = ("{c} Trade", "{c}Lead", "Mid{c}Word", "Double {c}{c}", "End{c}", "Page {c}1")


def in_title(character):
    """The character in each place in a title; but a backslash before a letter in a title, which is Markdown,
    starts a LaTeX command (publish.source.raw_latex), not text, so it is left out of those places."""
    places = [place for place in TITLE_PLACES if not (character == "\\" and re.search(r"\{c\}[A-Za-z]", place))]
    return ", ".join(place.format(c=character) for place in places)


def values_with(character):
    """Front-matter values holding `character`: in the title and subtitle in every place, and in names (a
    name is not Markdown); with capitals a BibTeX style would lower unless protected, and an organisation
    whose name has 'and' in it."""
    c = character
    return {"title": f"Aid in Kabul {c}", "subtitle": in_title(c),
            "author": [{"name": f"Ann{c}Marie O{c}Neill"}, {"name": f"Bo Smith{c}"},
                       {"name": f"Centre {c} Institute for Aid and Trade", "organization": True}]}


SERIES = {"publisher": "Research " + " ".join(BIBTEX_SPECIALS) + " Press", "series": "Briefs on Aid & Trade #5"}


def slug_of(index):
    return f"bibtex-special-{index}"


def write_publication(project, slug, values):
    folder = project / "source" / slug
    folder.mkdir()
    front_matter = {**values, "date": "2025-03-04", "lang": "en"}
    (folder / "index.md").write_text(f"---\n{json.dumps(front_matter, ensure_ascii=False)}\n---\n\nA paragraph.\n",
                                     encoding="utf-8")


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A project whose publications are one a special character, its citation files written."""
    project = copy_project(tmp_path_factory.mktemp("citation-files"))
    shutil.rmtree(project / "source" / SLUG)
    settings = project / "source" / "series.yaml"
    text = settings.read_text(encoding="utf-8")
    for key, value in SERIES.items():
        assert f'{key}: ""' in text
        text = text.replace(f'{key}: ""', f"{key}: {json.dumps(value)}")
    settings.write_text(text, encoding="utf-8")
    for index, character in enumerate(BIBTEX_SPECIALS):
        write_publication(project, slug_of(index), values_with(character))
    commit_all(project)
    run_doit(project, "cite")
    return project


def read_back(path):
    """The one entry of a .bib file as pandoc's BibTeX reader reads it, in CSL JSON."""
    [entry] = json.loads(pypandoc.convert_file(str(path), "csljson", format="bibtex"))
    return entry


def unescaped_in_latex(path, log):
    """What pandoc's LaTeX reader, reading the file as LaTeX, finds unescaped ('&' at line 3 column 26)."""
    pypandoc.convert_file(str(path), "plain", format="latex", extra_args=[f"--log={log}"])
    return [message["pretty"] for message in json.loads(log.read_text(encoding="utf-8") or "[]")
            if message["type"] == "ParsingUnescaped"]


def as_written(name):
    """A CSL name of the file read back, as the front matter writes a name."""
    return name.get("literal") or f"{name['given']} {name['family']}"


@pytest.mark.parametrize("index", range(len(BIBTEX_SPECIALS)), ids=list(BIBTEX_SPECIALS))
def test_the_bibtex_file_reads_back_as_the_front_matter_wrote_it(project, index):
    slug = slug_of(index)
    source = yaml.safe_load((project / "source" / slug / "index.md").read_text(encoding="utf-8").split("---")[1])
    entry = read_back(project / "build" / slug / f"{slug}.bib")
    assert entry["type"] == "report"
    assert entry["title"] == f"{source['title']}: {source['subtitle']}"
    assert [as_written(name) for name in entry["author"]] == [author["name"] for author in source["author"]]
    assert "literal" in entry["author"][2]  # the organisation is one name, not inverted, not cut at 'and'
    assert entry["publisher"] == SERIES["publisher"] and entry["collection-title"] == SERIES["series"]


@pytest.mark.parametrize("index", range(len(BIBTEX_SPECIALS)), ids=list(BIBTEX_SPECIALS))
def test_every_special_character_is_escaped_as_latex_wants_it(project, index, tmp_path):
    slug = slug_of(index)
    assert unescaped_in_latex(project / "build" / slug / f"{slug}.bib", tmp_path / "log.json") == []


# The three files of one publication written in-process, from the metadata the parse decides for it.
CITED_FRONT = ('---\ntitle: "Aid in Kabul"\nauthor:\n  - name: "Ann-Marie O\'Neill"\n  - name: "Bo Smith"\n'
               'date: "{date}"\nlang: fa\nkeywords: [aid, trade]\npublisher: "Research Press"\n'
               'series: "Policy Briefs"\nurl: "https://example.org/aid"\ndoi: "10.1234/aid.5"\n---\n\nA paragraph.\n')


def citation_files(date, slug="aid-in-kabul", front=CITED_FRONT):
    """{kind: text} of the publication `slug` written in the current folder (a copy of the series settings)."""
    from publish.editions.citation_files import bibtex, csl_json, ris
    from publish.paths import Publication
    from publish.source.metadata import metadata_from
    from publish.source.settings import read_settings

    folder = Path("source") / slug
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.md").write_text(front.replace("{date}", date), encoding="utf-8")
    unit = Publication(slug)
    metadata = metadata_from(read_settings(unit), unit)
    item = metadata["citation_item"]
    return {"ris": ris(item, metadata), "bib": bibtex(item, metadata), "json": csl_json(item, metadata)}


def read_as_csl(text, reader, tmp_path):
    path = tmp_path / f"entry.{reader}"
    path.write_text(text, encoding="utf-8")
    [entry] = json.loads(pypandoc.convert_file(str(path), "csljson", format=reader))
    return entry


@pytest.mark.parametrize("date, parts", [("2025-03-04", [2025, 3, 4]), ("2024-05", [2024, 5]), ("2023", [2023])])
def test_ris_and_bibtex_read_back_with_the_authors_in_order_the_year_and_the_facts(write, tmp_path, date, parts):
    write("Text.\n")
    files = citation_files(date)
    for kind in ("ris", "bib"):
        entry = read_as_csl(files[kind], "ris" if kind == "ris" else "bibtex", tmp_path)
        names = [(name["family"].replace("\u2019", "'"), name["given"]) for name in entry["author"]]  # either apostrophe
        assert names == [("O'Neill", "Ann-Marie"), ("Smith", "Bo")]
        assert entry["issued"]["date-parts"][0][0] == parts[0] and entry["title"] == "Aid in Kabul"
        assert (entry["publisher"], entry["DOI"]) == ("Research Press", "10.1234/aid.5")
        assert sorted(entry["keyword"].split(", ")) == ["aid", "trade"]
    ris_entry = read_as_csl(files["ris"], "ris", tmp_path)
    assert [line for line in files["ris"].split("\r\n") if line.startswith("AU  - ")] == [
        f"AU  - {name['family']}, {name['given']}" for name in ris_entry["author"]]  # as RIS asks: family first
    assert (ris_entry["URL"], ris_entry["language"]) == ("https://example.org/aid", "fa")
    assert "\r\nT3  - Policy Briefs\r\n" in files["ris"]  # the series, which pandoc's RIS reader leaves out
    assert [line for line in files["ris"].split("\r\n") if line.startswith("DA  - ")] == (
        [f"DA  - {parts[0]}" + "".join(f"/{part:02d}" for part in parts[1:])] if len(parts) > 1 else [])


def test_the_bibtex_key_is_the_first_authors_family_the_year_and_the_slugs_first_word(write):
    write("Text.\n")
    assert citation_files("2025-03-04")["bib"].startswith("@techreport{oneill2025aid,\n")
    organisation = CITED_FRONT.replace('  - name: "Ann-Marie O\'Neill"\n', '  - name: "Aid & Trade Centre"\n'
                                       "    organization: true\n")
    assert citation_files("2025-03-04", "kabul-schools", organisation)["bib"].startswith(
        "@techreport{aidtradecentre2025kabul,\n")


def test_without_keywords_the_bibtex_entry_has_no_keywords_field(write, tmp_path):
    write("Text.\n")
    bib = citation_files("2025", front=CITED_FRONT.replace("keywords: [aid, trade]\n", ""))["bib"]
    assert "keyword" not in read_as_csl(bib, "bibtex", tmp_path) and "keywords" not in bib


def test_the_csl_json_file_is_the_item_under_the_slug_its_characters_written_as_themselves(write):
    write("Text.\n")
    front = CITED_FRONT.replace('"Aid in Kabul"', '"کمک در کابل"')
    written = citation_files("2025-03-04", front=front)["json"]
    [item] = json.loads(written)
    assert item["id"] == "aid-in-kabul" and item["title"] == "کمک در کابل" and "کمک در کابل" in written
