"""`doit review --apply` writes what a reviewer typed into the Markdown source escaped (publish.review.review,
markdown_text), so that the next build shows it as typed: whatever ASCII punctuation a reviewer types (each
is special to Markdown somewhere: '@UNAMAnews' would become a citation, '*' emphasis, '#' a heading, '<' a
tag, '- ' or 'a) ' opening a paragraph a list, ': ' a definition), wherever in a word or a paragraph,
tracked or typed with Track Changes off, in the text or in a note, the rebuilt DOCX reads as the reviewed
one with its changes accepted: the same characters, up to the typographer's quotes, dashes and ellipsis
that the build makes of straight quotes, '--' and '...' in every text (pandoc's smart punctuation), the
reviewer's as the author's.

One review of every character, applied once and built once."""

import string
import zipfile

import pytest
from lxml import etree
from projects import commit_all, copy_project, run_doit
from reviewing import DOCUMENT, FOOTNOTES, W, WordReview

SAMPLE = "escaping-sample"
CHARACTERS = string.punctuation
REVIEWER, DAY = "Ada Editor", "2026-11-20T09:00:00Z"
PARAGRAPHS = "\n\n".join(f"Paragraph {index:02d} says something quiet here." for index in range(len(CHARACTERS)))
SAMPLE_INDEX = f"""---
title: "A sample for escaping"
author: "Test Author"
date: 2026-03-15
lang: en
---

The opening paragraph calls a note.[^one]

{PARAGRAPHS}

[^one]: A note that says little.
"""


def typed_in_a_line(c):
    """The character where a reviewer may type it inside a line: before, inside and after a word, doubled
    around one, alone, before a digit, before a name (as in 'follow @UNAMAnews'), tripled."""
    return f" {c}word mid{c}word word{c} {c}{c}pair{c}{c} {c} {c}1 follow {c}UNAMAnews {c}{c}{c}"


# How the character may open a paragraph a reviewer adds: alone, after a number, a letter or a roman number
# (perhaps in brackets), as a list's marker is written, and three times, as a rule is.
PARAGRAPH_OPENINGS = ("{c} Opens a paragraph.", "1{c} Opens a paragraph.", "a{c} Opens a paragraph.",
                      "(iv{c} Opens a paragraph.", "{c}{c}{c}")


@pytest.fixture(scope="module")
def review(tmp_path_factory):
    """(the reviewed DOCX, the DOCX built again after its changes were applied, that build's process): in each
    paragraph, one character's insertions, a word changed with tracking off and the new paragraphs it opens
    (the last character's after the text's last paragraph, before the colophon); every character in the note."""
    project = copy_project(tmp_path_factory.mktemp("review-escaping"))
    (project / "source" / SAMPLE).mkdir()
    (project / "source" / SAMPLE / "index.md").write_text(SAMPLE_INDEX, encoding="utf-8")
    commit_all(project)
    run_doit(project, f"docx:{SAMPLE}")
    edition = project / "build" / SAMPLE / f"{SAMPLE}.docx"
    reviewing = WordReview(edition.read_bytes())
    for index, c in enumerate(CHARACTERS):
        anchor = f"Paragraph {index:02d} says"
        reviewing.untracked(f"{anchor} something quiet", f"{anchor} something q{c}uiet")
        reviewing.insert_after(anchor, typed_in_a_line(c), REVIEWER, DAY)
        for opening in reversed(PARAGRAPH_OPENINGS):  # each new paragraph goes in right after the anchor's
            reviewing.insert_paragraph_after(anchor, opening.format(c=c), REVIEWER, DAY)
    reviewing.insert_after("A note that says", " " + " ".join(f"{c}n{c}" for c in CHARACTERS), REVIEWER, DAY,
                           part=FOOTNOTES)
    reviewed = tmp_path_factory.mktemp("reviewed") / "reviewed.docx"
    reviewed.write_bytes(reviewing.save())
    applied = run_doit(project, "review", str(reviewed), "--apply")
    assert "not applied" not in applied.stdout, applied.stdout
    return reviewed, edition, run_doit(project, f"docx:{SAMPLE}", check=False)


# The typographer's quotes, dashes and ellipsis, as the straight quotes, hyphens and stops they are made of.
TYPOGRAPHY = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'", "\u2013": "--",
                            "\u2014": "---", "\u2026": "..."})


def paragraphs(docx, part):
    """The text of each paragraph of a DOCX part, its tracked changes accepted (a deletion's text is w:delText),
    its typographer's quotes, dashes and ellipsis written straight."""
    with zipfile.ZipFile(docx) as package:
        root = etree.fromstring(package.read(part))
    return ["".join(t.text or "" for t in paragraph.iter(f"{{{W}}}t")).translate(TYPOGRAPHY)
            for paragraph in root.iter(f"{{{W}}}p")]


def reviewed_paragraphs(docx, part):
    """The paragraphs the reviewer changed or added, as the reviewed DOCX shows them with its changes accepted."""
    added = {opening.format(c=c) for opening in PARAGRAPH_OPENINGS for c in CHARACTERS}
    return [text for text in paragraphs(docx, part)
            if text.startswith(("Paragraph ", " A note that says")) or text in added]


@pytest.mark.parametrize("part", [DOCUMENT, FOOTNOTES], ids=["text", "note"])
def test_the_rebuilt_docx_reads_as_the_reviewer_typed_every_character(review, part):
    reviewed, rebuilt, build = review
    assert build.returncode == 0, f"the source no longer builds:\n{build.stdout}"
    expected = reviewed_paragraphs(reviewed, part)
    assert len(expected) == ((1 + len(PARAGRAPH_OPENINGS)) * len(CHARACTERS) if part == DOCUMENT else 1)
    found = paragraphs(rebuilt, part)
    missing = [text for text in expected if text not in found]
    assert not missing, "not as typed:\n" + "\n".join(missing)
