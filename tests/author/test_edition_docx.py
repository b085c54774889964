"""A DOCX edition built here, adopted (publish/author/edition_docx.py through `doit adopt`): what the
build added is left out so the next build does not print it twice (the title block becomes the front
matter, the colophon is dropped), the text is the source's; an edition whose source is still here is
refused with the command that brings its edits back (`doit review`)."""

import json
from pathlib import Path

import pypandoc
import pytest
import yaml
from projects import ROOT, SLUG

from publish.author.adopt import adopt
from publish.author.edition_docx import authors_of
from publish.document import stringify
from publish.errors import PublishError


@pytest.fixture
def project(write):
    write("")
    return Path(".")


def blocks_of(markdown):
    return json.loads(pypandoc.convert_text(markdown, "json", format="markdown"))["blocks"]


def test_an_edition_adopted_is_its_source_text_with_the_front_matter_its_title_block_gave(project, editions, capsys):
    adopt([str(editions["docx"]), "--slug", "again"])
    front_text, body = Path("source/again/index.md").read_text(encoding="utf-8")[4:].split("\n---\n", 1)
    source_text = (ROOT / "source" / SLUG / "index.md").read_text(encoding="utf-8")
    source_front, source_body = source_text[4:].split("\n---\n", 1)
    front, source = yaml.safe_load(front_text), yaml.safe_load(source_front)
    assert {key: front[key] for key in ("title", "subtitle", "author", "lang")} == \
        {key: source[key] for key in ("title", "subtitle", "author", "lang")}
    assert str(front["date"]) == str(source["date"])
    adopted, written = blocks_of(body), blocks_of(source_body)
    assert stringify(adopted[0]) == stringify(written[0])  # the text begins where the source does
    headings = [stringify(block["c"][2]) for block in adopted if block["t"] == "Header"]
    assert headings == [stringify(block["c"][2]) for block in written if block["t"] == "Header"] + ["Bibliography"]
    assert "About this publication" not in body and "How to cite" not in body and "Radboud" not in body
    assert body.count("[^") == source_body.count("[^")  # every note, called once and given once
    assert "adopt: it is an edition built from source/engaging-with-the-taliban/" in capsys.readouterr().out


def test_an_edition_whose_source_is_here_is_refused_with_the_way_back(project, editions):
    Path("source", SLUG).mkdir()
    with pytest.raises(PublishError, match=f"this is the DOCX edition of source/{SLUG}/, built here: bring its "
                                           "edits and tracked changes back with doit review"):
        adopt([str(editions["docx"])])
    assert sorted(path.name for path in Path("source").iterdir() if path.is_dir()) == ["brief", SLUG]


def test_several_authors_take_the_affiliations_their_marks_number():
    lines = [("Title", "T", ""), ("Author", "A. One", "1"), ("Author Position", "Fellow", ""),
             ("Author", "B. Two", "1,2"), ("Affiliation", "North Institute", "1"), ("Affiliation", "South Lab", "2"),
             ("Date", "2024", "")]
    assert authors_of(lines) == [{"name": "A. One", "position": "Fellow", "affiliation": ["North Institute"]},
                                 {"name": "B. Two", "affiliation": ["North Institute", "South Lab"]}]
    shared = [("Author", "A", ""), ("Author", "B", ""), ("Affiliation", "One House", "")]
    assert authors_of(shared) == [{"name": "A", "affiliation": ["One House"]},
                                  {"name": "B", "affiliation": ["One House"]}]
