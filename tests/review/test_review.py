"""`doit review`: DOCX editions reviewed in LibreOffice (driven through UNO, change recording on) and
written as Word writes tracked changes and comments come back to the Markdown they were built from."""

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from projects import GIT_IDENTITY, ROOT, SLUG, commit_all, copy_project, run_doit
from publish.review.alignment import Tokens
from publish.review.reviewed_docx import read_reviewed
from reviewing import FOOTNOTES, WordReview

SAMPLE = "review-sample"
SAMPLE_INDEX = """---
title: "A sample for review"
author: "Test Author"
date: 2026-03-15
lang: en
---

# Findings

| Province | Schools open |
|----------|-------------:|
| Herat    | 12           |
| Balkh    | 7            |

: Schools by province

See the [report](https://example.org/report) for details.
"""
PARTS = "review-parts"
PARTS_INDEX = """---
title: "Risks in every part"
author: "Test Author"
date: 2026-03-15
lang: en
---

# Risks by region

| Region | Drought | Floods |
|--------|---------|--------|
| North  | Medium  | Low    |
| South  | High    | Medium |
| East   | Medium  | Medium |

: Risks by region and hazard {#tbl-risks}

- Wells are the first line of defence
- Dykes come second

Each region reports twice a year.[^twice]

[^twice]: The reports are kept by the ministry.
"""
ADA, BO = "Ada Editor", "Bo Director"
FINDING = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<column>\d+): (?P<kind>insertion|deletion|comment|untracked change): "
                     r"(?:\[(?P<who>[^,]+), (?P<day>[\d-]+)\] )?(?P<text>.*)$")


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A git checkout with the brief and a small publication with a table, their DOCX editions built."""
    project = copy_project(tmp_path_factory.mktemp("review"))
    (project / "source" / SAMPLE).mkdir()
    (project / "source" / SAMPLE / "index.md").write_text(SAMPLE_INDEX, encoding="utf-8")
    (project / "source" / PARTS).mkdir()
    (project / "source" / PARTS / "index.md").write_text(PARTS_INDEX, encoding="utf-8")
    commit_all(project)
    run_doit(project, f"docx:{SLUG}", f"docx:{SAMPLE}", f"docx:{PARTS}")
    return project


@pytest.fixture
def clean(project):
    """The project as committed, after each test that edits its source."""
    yield project
    subprocess.run(["git", "checkout", "-q", "--", "source"], cwd=project, check=True)
    subprocess.run(["git", "clean", "-qfd", "source"], cwd=project, check=True)
    run_doit(project, f"docx:{SLUG}", f"docx:{SAMPLE}", f"docx:{PARTS}")  # the editions of the commit, for the next test


def edition(project, slug=SLUG):
    return (project / "build" / slug / f"{slug}.docx").read_bytes()


def findings(output):
    return [match.groupdict() for match in map(FINDING.match, output.splitlines()) if match]


def at(project, finding):
    """The source text from a finding's line and column on."""
    lines = (project / finding["path"]).read_text(encoding="utf-8").splitlines()
    return lines[int(finding["line"]) - 1][int(finding["column"]) - 1:]


def before(project, finding):
    lines = (project / finding["path"]).read_text(encoding="utf-8").splitlines()
    return lines[int(finding["line"]) - 1][:int(finding["column"]) - 1]


def word_diff(project):
    """The words git sees removed and added in the source."""
    diff = subprocess.run(["git", "diff", "--word-diff=porcelain", "--", "source"], cwd=project, capture_output=True,
                          text=True, check=True).stdout
    return [line for line in diff.splitlines() if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def authored_words(docx, accepted):
    """The words of a DOCX's body and notes that come from the source (not the bibliography or colophon)."""
    reading = read_reviewed(docx)
    words = {}
    for name in ("body", "notes"):
        stream = getattr(reading, name)
        kept = [piece for piece in stream.pieces if not piece.generated and (
            not piece.change or (piece.change.kind == "insertion") == accepted)]
        words[name] = [key for key in Tokens.of("".join(piece.text for piece in kept)).keys if key.strip()]
    return words


def review_in_libreoffice(docx, steps, folder):
    soffice = shutil.which("soffice")
    assert soffice and Path("/usr/bin/python3").exists(), "LibreOffice with python3-uno is needed for this test"
    source, target, plan = folder / "edition.docx", folder / "reviewed.docx", folder / "steps.json"
    source.write_bytes(docx)
    plan.write_text(json.dumps(steps), encoding="utf-8")
    script = ROOT / "tests" / "libreoffice_review.py"
    process = subprocess.run(["/usr/bin/python3", script, source, target, plan], capture_output=True, text=True, timeout=300)
    assert process.returncode == 0, process.stderr
    return target


def test_a_review_made_in_libreoffice_is_placed_applied_and_rebuilt(clean, tmp_path):
    project = clean
    reviewed = review_in_libreoffice(edition(project), [
        {"reviewer": ADA, "replace": "achieved anything", "with": "achieved little"},  # a changed word
        {"reviewer": ADA, "replace": " However, they do not perceive it as a benefit to be gained through negotiations.",
         "with": ""},  # a deleted sentence
        {"reviewer": BO, "paragraph_after": "maintained a low-capacity state.", "text": "A new paragraph from the director."},
        {"reviewer": BO, "replace": "is indicative of this", "with": "shows this"},  # inside a footnote
        {"reviewer": ADA, "replace": "has now largely", "with": "has now mostly"},  # next to the link [eroded](#)
    ], tmp_path)
    result = run_doit(project, "review", str(reviewed))
    found = findings(result.stdout)
    assert f"an edition of {SLUG}, built from revision" in result.stdout
    assert [(f["kind"], f["who"], f["text"]) for f in found] == [
        ("deletion", ADA, "achieved anything"), ("insertion", ADA, "achieved little"),
        ("insertion", BO, "\u00b6 A new paragraph from the director."),
        ("deletion", ADA, "However, they do not perceive it as a benefit to be gained through negotiations."),
        ("deletion", ADA, "has now largely"), ("insertion", ADA, "has now mostly"),
        ("deletion", BO, "is indicative of this"), ("insertion", BO, "shows this")]
    assert all(f["path"] == f"source/{SLUG}/index.md" and re.fullmatch(r"\d{4}-\d\d-\d\d", f["day"]) for f in found)
    for finding in found:
        if finding["kind"] == "deletion":  # each deletion points at the words it deletes
            assert at(project, finding).startswith(finding["text"]), finding
    assert before(project, found[1]).endswith("achieved anything")
    assert before(project, found[2]).endswith("maintained a low-capacity state.")
    assert at(project, found[4]).startswith("has now largely [eroded](#)")
    assert at(project, found[6]).startswith("is indicative of this.") and before(project, found[6]).startswith("[^doha-talks]:")

    applied = run_doit(project, "review", str(reviewed), "--apply")
    assert f"source/{SLUG}/index.md: applied 8 changes" in applied.stdout
    assert word_diff(project) == [
        "-anything.", "+little.", "+A new paragraph from the director.",
        "-However, they do not perceive it as a benefit to be gained through negotiations.",
        "-largely", "+mostly", "-is indicative of", "+shows"]
    text = (project / "source" / SLUG / "index.md").read_text(encoding="utf-8")
    assert "state.\n\nA new paragraph from the director.\n\n" in text and "[eroded](#)" in text

    run_doit(project, f"docx:{SLUG}")
    assert authored_words(project / "build" / SLUG / f"{SLUG}.docx", accepted=False) == authored_words(reviewed, accepted=True)


def test_changes_in_a_heading_a_table_cell_a_caption_a_list_item_and_a_note_apply_exactly(clean, tmp_path):
    """A table's cells stand above its caption in Word and below it in Markdown; a word the table repeats
    ('Medium') was placed but never applied ("its text in the source has changed")."""
    project = clean
    reviewed = review_in_libreoffice(edition(project, PARTS), [
        {"reviewer": ADA, "replace": "Risks by region", "with": "Hazards by region"},  # the heading
        {"reviewer": ADA, "replace": "Medium", "with": "Moderate"},  # the first of four equal cells
        {"reviewer": ADA, "replace": "and hazard", "with": "and kind of hazard"},  # the table's caption
        {"reviewer": BO, "replace": "Dykes come second", "with": "Dykes come next"},  # a list item
        {"reviewer": BO, "replace": "kept by the ministry", "with": "kept by the water ministry"},  # the note
        {"reviewer": BO, "replace": "twice a year", "with": "every half year"},  # a paragraph
    ], tmp_path)
    applied = run_doit(project, "review", str(reviewed), "--apply")
    assert f"source/{PARTS}/index.md: applied 12 changes" in applied.stdout, applied.stdout
    assert word_diff(project) == ["-Risks", "+Hazards", "-Medium", "+Moderate", "+kind of", "-second", "+next",
                                  "-twice a", "+every half", "+water"]
    text = (project / "source" / PARTS / "index.md").read_text(encoding="utf-8")
    assert "| North  | Moderate  | Low    |" in text and text.count("Medium") == 3


def test_word_changes_comments_and_replies_are_placed_in_every_part(clean, tmp_path):
    project = clean
    review = WordReview(edition(project))
    review.replace("Engaging with the Taliban", "Engaging the Taliban", ADA, "2026-11-20T09:00:00Z")  # the title block
    review.replace("Flawed assumption(s)", "Flawed assumptions", ADA, "2026-11-20T09:01:00Z")  # a heading
    review.comment("Romain Malejacq and Niels Terpstra", "Cite the 2024 book too?", BO, "2026-11-21T10:00:00Z",
                   part=FOOTNOTES, replies=[(ADA, "2026-11-22T08:30:00Z", "No: the article is enough.")])  # on a citation
    review.insert_after("This argument is further developed", " at length", BO, "2026-11-21T10:05:00Z", part=FOOTNOTES)
    review.replace("Why International Leverage Has Failed", "Why Leverage Failed", BO, "2026-11-21T10:10:00Z")  # bibliography
    path = tmp_path / "reviewed.docx"
    path.write_bytes(review.save())

    result = run_doit(project, "review", str(path))
    found = findings(result.stdout)
    by_text = {f["text"]: f for f in found}
    assert at(project, by_text["Engaging with the Taliban"]).startswith('Engaging with the Taliban"')  # in the front matter
    assert before(project, by_text["Engaging with the Taliban"]) == 'title: "'
    assert at(project, by_text["Flawed assumption(s)"]).startswith("Flawed assumption(s)")
    assert before(project, by_text["Flawed assumption(s)"]) == "# "
    comment, reply = by_text["Cite the 2024 book too?"], by_text[f"(reply to {BO}) No: the article is enough."]
    assert (comment["kind"], comment["who"], comment["day"], reply["who"]) == ("comment", BO, "2026-11-21", ADA)
    assert at(project, comment).startswith("@malejacq2023leverage") and (comment["line"], comment["column"]) == (reply["line"], reply["column"])
    assert before(project, by_text["at length"]).endswith("This argument is further developed")
    generated = [line for line in result.stdout.splitlines() if "Why International Leverage Has Failed" in line]
    assert len(generated) == 1 and generated[0].startswith(f"{path}: deletion: [{BO}, 2026-11-21]")
    assert generated[0].endswith("(in the bibliography, which the build makes from the bibliography file: not in the source)")

    misspelt = run_doit(project, "review", str(path), "--apply", "--reviewer", "Ada Edtor", check=False)
    assert misspelt.returncode != 0 and "Traceback" not in misspelt.stdout + misspelt.stderr
    assert f'no change or comment by "Ada Edtor" in this DOCX; the reviewers in it: "{ADA}", "{BO}"' in misspelt.stdout
    assert word_diff(project) == []
    only_ada = run_doit(project, "review", str(path), "--apply", "--reviewer", ADA)
    assert "applied 4 changes" in only_ada.stdout and BO not in only_ada.stdout.split("applied")[1]
    assert word_diff(project) == ["-with", "-assumption(s)", "+assumptions"]
    subprocess.run(["git", "checkout", "-q", "--", "source"], cwd=project, check=True)

    everyone = run_doit(project, "review", str(path), "--apply", check=False)
    assert everyone.returncode != 0  # the bibliography's change cannot be made in index.md
    assert "not applied (not in the source): deletion: [Bo Director, 2026-11-21] Why International Leverage Has Failed" in everyone.stdout
    assert word_diff(project) == ["-with", "-assumption(s)", "+assumptions", "+at length"]


def test_a_table_cell_and_a_link_are_placed_and_a_change_made_with_tracking_off_is_found(clean, tmp_path):
    project = clean
    review = WordReview(edition(project, SAMPLE))
    review.replace("Balkh", "Balkh province", ADA, "2026-11-23T11:00:00Z")
    review.untracked("for details", "for all the details")  # Track Changes off
    path = tmp_path / "reviewed.docx"
    path.write_bytes(review.save())
    result = run_doit(project, "review", str(path), "--apply")
    found = findings(result.stdout)
    assert [(f["kind"], f["text"]) for f in found] == [
        ("deletion", "Balkh"), ("insertion", "Balkh province"), ("untracked change", "inserted \u201call the\u201d")]
    assert at(project, found[0]).startswith("Balkh province ")  # applied, in the table row
    assert word_diff(project) == ["+province", "+all the"]
    text = (project / "source" / SAMPLE / "index.md").read_text(encoding="utf-8")
    assert "See the [report](https://example.org/report) for all the details." in text


def test_a_second_apply_of_the_same_review_changes_nothing(clean, tmp_path):
    """The second --apply of a review reported 'applied 3 changes' and wrote 'rises as UNas UN reporting':
    the insertions went in again while their deletions, whose text was gone, were refused."""
    project = clean
    review = WordReview(edition(project))
    review.replace("achieved anything", "achieved little", ADA, "2026-11-20T09:00:00Z")  # a replaced word
    review.insert_paragraph_after("maintained a low-capacity state.", "A new paragraph from the director.", BO,
                                  "2026-11-21T10:00:00Z")
    review.replace(" However, they do not perceive it as a benefit to be gained through negotiations.", "", ADA,
                   "2026-11-20T09:02:00Z")  # a deleted sentence
    review.untracked("Victorious rebels", "Victorious insurgents")  # with Track Changes off
    path = tmp_path / "reviewed.docx"
    path.write_bytes(review.save())
    index = project / "source" / SLUG / "index.md"
    first = run_doit(project, "review", str(path), "--apply")
    assert "applied 5 changes" in first.stdout
    once = index.read_text(encoding="utf-8")
    assert once.count("A new paragraph from the director.") == 1 and "Victorious insurgents" in once
    for committed in (False, True):  # applied again at once, and after the author committed the first apply
        if committed:
            subprocess.run(["git", "commit", "-qam", "The review applied"], cwd=project, check=True,
                           env={**os.environ, **GIT_IDENTITY})
        again = run_doit(project, "review", str(path), "--apply")
        assert "applied 0 changes; 5 already applied, skipped" in again.stdout, again.stdout
        assert again.stdout.count(": already applied: ") == 5
        assert index.read_text(encoding="utf-8") == once
    subprocess.run(["git", "reset", "-q", "--hard", "HEAD~1"], cwd=project, check=True)


def test_a_docx_built_from_an_uncommitted_draft_is_reviewed_with_no_false_change(clean, tmp_path):
    """A DOCX built before its publication was ever committed could not be reviewed ("revision ... has no
    source/my-brief/index.md"); one built with an uncommitted edit reported the author's own edit as the
    reviewer's untracked change, and the colophon's "with uncommitted changes" as an inserted paragraph.
    The DOCX now carries its source and itself as built, and is reviewed against that."""
    project = clean
    draft = project / "source" / "draft"
    draft.mkdir()
    (draft / "index.md").write_text(SAMPLE_INDEX.replace("A sample for review", "A draft never committed"),
                                    encoding="utf-8")
    index = project / "source" / SLUG / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("achieved anything", "achieved nothing"),
                     encoding="utf-8")  # the author's own edit, not committed
    run_doit(project, f"docx:{SLUG}", "docx:draft")
    for slug, old, new in ((SLUG, "Victorious rebels", "Victorious insurgents"), ("draft", "Balkh", "Kunduz")):
        review = WordReview(edition(project, slug))
        review.replace(old, new, ADA, "2026-11-20T09:00:00Z")
        path = tmp_path / f"{slug}-reviewed.docx"
        path.write_bytes(review.save())
        result = run_doit(project, "review", str(path), "--apply")
        assert "(by the record it carries)" in result.stdout
        assert [(f["kind"], f["text"]) for f in findings(result.stdout)] == [("deletion", old), ("insertion", new)]
        assert "untracked change" not in result.stdout and "applied 2 changes" in result.stdout
    assert "achieved nothing" in index.read_text(encoding="utf-8")  # the author's edit kept
    assert "Victorious insurgents" in index.read_text(encoding="utf-8")
    assert "| Kunduz    | 7            |" in (draft / "index.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("record", ["carried", "dropped"])
def test_changes_are_applied_where_the_source_has_not_changed_since(clean, tmp_path, record):
    """By the record the DOCX carries, or, when an editor's program dropped it, by the revision it names: the
    DOCX of that revision rebuilt from the repository's history, today's source having moved on."""
    project = clean
    review = WordReview(edition(project))
    review.replace("achieved anything", "achieved little", ADA, "2026-11-20T09:00:00Z")
    review.replace("Victorious rebels", "Victorious insurgents", ADA, "2026-11-20T09:01:00Z")
    if record == "dropped":
        del review.members["customXml/item1.xml"]
    path = tmp_path / "reviewed.docx"
    path.write_bytes(review.save())
    index = project / "source" / SLUG / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("Victorious rebels value", "Victorious rebels prize"),
                     encoding="utf-8")
    subprocess.run(["git", "commit", "-qam", "The author goes on writing"], cwd=project, check=True,
                   env={**os.environ, **GIT_IDENTITY})
    try:
        if record == "dropped":  # today's DOCX is of the new commit: the reviewed one's is rebuilt from history
            run_doit(project, f"docx:{SLUG}")
        result = run_doit(project, "review", str(path), "--apply", check=False)
        assert result.returncode != 0 and "Traceback" not in result.stdout + result.stderr
        assert ("(by the record it carries)" in result.stdout) == (record == "carried")
        assert "has changed since" in result.stdout
        assert "not applied (its text in the source has changed or is not plain text): deletion: [Ada Editor, 2026-11-20] Victorious rebels" \
            in result.stdout
        text = index.read_text(encoding="utf-8")
        assert "achieved little." in text and "Victorious rebels prize" in text  # the newer text is kept
    finally:
        subprocess.run(["git", "reset", "-q", "--hard", "HEAD~1"], cwd=project, check=True)


@pytest.mark.parametrize("case", ["another project", "corrupt", "revision gone", "publication gone"])
def test_a_docx_that_cannot_be_reviewed_is_one_clear_line_and_changes_nothing(project, tmp_path, case):
    path = tmp_path / "reviewed.docx"
    if case == "another project":
        import pypandoc

        pypandoc.convert_text("Some *other* text.", "docx", format="markdown", outputfile=str(path))
    elif case == "corrupt":
        path.write_bytes(edition(project)[:5000])
    elif case == "revision gone":
        review = WordReview(edition(project))
        review.members["docProps/custom.xml"] = re.sub(rb"<vt:lpwstr>[0-9a-f]{12}</vt:lpwstr>", b"<vt:lpwstr>0123456789ab</vt:lpwstr>",
                                                       review.members["docProps/custom.xml"])
        del review.members["customXml/item1.xml"]  # and an editor that dropped the DOCX's record of its source
        path.write_bytes(review.save())
    elif case == "publication gone":
        review = WordReview(edition(project))
        review.members["docProps/custom.xml"] = review.members["docProps/custom.xml"].replace(SLUG.encode(), b"gone.fr")
        path.write_bytes(review.save())
    result = run_doit(project, "review", str(path), "--apply", check=False)
    errors = [line for line in (result.stdout + result.stderr).splitlines() if ": error: " in line]
    assert result.returncode != 0 and len(set(errors)) == 1 and "Traceback" not in result.stdout + result.stderr
    expected = {"another project": "did not come from this project's DOCX editions",
                "corrupt": "cannot read it as a Word document",
                "revision gone": "built from source revision 0123456789ab, which this repository no longer has",
                "publication gone": "an edition of 'gone.fr', which is not a publication here (no source/gone/)"}[case]
    assert expected in errors[0] and errors[0].startswith(str(path))
    status = subprocess.run(["git", "status", "--porcelain", "--", "source"], cwd=project, capture_output=True, text=True)
    assert status.stdout == ""
