"""`doit adopt draft.docx` (publish/author/adopt_docx.py): a Word draft with citation fields becomes
Markdown with `[@key]` citations and a CSL-JSON bibliography whose PDF cites the same works; a
draft still holding comments or tracked changes is refused, each listed, and nothing is written.
The drafts are pandoc's own test files (tests/documents/README.md)."""

import json
from pathlib import Path

import pytest
from projects import copy_project, run_doit
from readers import pdf_pages_text

from publish.author.adopt import adopt
from publish.errors import PublishError

DRAFTS = Path(__file__).parent.parent / "documents" / "pandoc-docx"


@pytest.fixture
def project(write):
    write("")
    return Path(".")


@pytest.mark.parametrize("draft, citations, keys", [
    ("zotero_citations", ["[@109]", "[@6; @109]", "[prefix @10, 2 suffix]"], {"6", "10", "109"}),
    ("mendeley_citations", ["[prefix @ITEM-1, 123 suffix]", "[@ITEM-1; @ITEM-2]"], {"ITEM-1", "ITEM-2"}),
])
def test_citation_fields_become_citations_and_their_data_the_bibliography(project, capsys, draft, citations, keys):
    adopt([str(DRAFTS / f"{draft}.docx")], slug="draft")
    text = Path("source/draft/index.md").read_text(encoding="utf-8")
    assert all(citation in text for citation in citations) and "bibliography: references.json" in text
    entries = json.loads(Path("source/draft/references.json").read_text(encoding="utf-8"))
    assert {str(entry["id"]) for entry in entries} == keys
    printed = capsys.readouterr().out
    assert f"adopt: wrote references.json: {len(keys)} entries, from the draft's citation fields" in printed
    assert "adopt: the draft's properties give no title: add one to the front matter" in printed


@pytest.mark.parametrize("draft, listed", [
    ("comments", "adopt: a comment by Jesse Rosenthal: 'I left a comment.'"),
    ("track_changes_insertion", "adopt: an insertion by "),
])
def test_a_draft_with_review_marks_is_refused_each_listed(project, capsys, draft, listed):
    with pytest.raises(PublishError, match="accept or reject each change and resolve each comment in Word"):
        adopt([str(DRAFTS / f"{draft}.docx")], slug="draft")
    assert any(line.startswith(listed) for line in capsys.readouterr().out.splitlines())
    assert not Path("source/draft").exists()


def test_the_adopted_draft_prints_the_works_it_cites(tmp_path):
    project = copy_project(tmp_path / "project")
    adopted = run_doit(project, "adopt", str(DRAFTS / "zotero_citations.docx"), "--slug", "draft")
    assert "adopt: wrote source/draft/index.md" in adopted.stdout
    index = project / "source" / "draft" / "index.md"
    # what adopting asked for: the draft's properties name no title, author, date or language
    index.write_text(index.read_text(encoding="utf-8").replace(
        "---\n", "---\ntitle: A draft\nauthor: A. Author\ndate: 2024\nlang: en\n", 1), encoding="utf-8")
    run_doit(project, "pdf:draft")
    pdf = " ".join(" ".join(pdf_pages_text(project / "build" / "draft" / "draft.pdf")).split())
    entries = json.loads((project / "source" / "draft" / "references.json").read_text(encoding="utf-8"))
    for entry in entries:  # each in the bibliography and in a note (the house style title-cases titles)
        assert pdf.count(entry["author"][0]["family"]) >= 2, entry["id"]
        assert pdf.lower().count(" ".join(entry["title"].split()[:5]).lower()) >= 2, entry["id"]
    assert "@" not in pdf and "Reference list Bibliography" not in pdf
    assert pdf.count("Reference list") == 1  # the draft's own heading titles the bibliography
