"""Citations rendered by pandoc's citeproc (publish/source/citations.py), its last run remembered in the
process: a run reused is the run citeproc would make, whatever the kind of style and wherever the
edit."""

import json

import pytest

import publish.pandoc
from publish.pandoc import run_pandoc
from publish.source.citations import LAST_RUN, cite


NOTES_AND_QUOTES = """\
A first citation [@a, 12].

Plain words in a paragraph with a note.[^plain]

"A quotation" of the kind a note moves into [@b]. Words that an edit changes.

[^plain]: A note of the author's, with no citation.

Another mention [@a].

A paragraph after the last citation.

The last paragraph, words that an edit changes.
"""


REFERENCES = [{"id": "a", "type": "book", "title": "A Book", "author": [{"family": "Author", "given": "Ann"}],
               "issued": {"date-parts": [[2020]]}},
              {"id": "b", "type": "article-journal", "title": "An Article", "container-title": "A Journal",
               "author": [{"family": "Writer", "given": "Bo"}], "issued": {"date-parts": [[2021]]}}]


@pytest.mark.parametrize("style", ["chicago-notes-bibliography", "apa", "ieee"])
@pytest.mark.parametrize("old, new, reused", [
    ("Words that", "Sentences that", False),  # a paragraph that cites
    ("Plain words", "Other plain words", True),
    ("Plain words", "[Plain words]{.csl-note}", False),  # a span of citeproc's own class, which it makes a note
    ("with no citation.", "with no citation at all.", True),  # the note
    ("with a note.[^plain]", "with two notes.[^other][^plain]\n\n[^other]: More.", False),  # later notes renumbered
    ("The last paragraph, words", "The last paragraph, sentences", False),  # the last block, where refs may go
    ("after the last citation.", "after the last citation [@b].", False),  # a citation where there was none
])
def test_a_run_reused_is_the_run_citeproc_would_make(tmp_path, style, old, new, reused, monkeypatch):
    """Whatever the kind of style and wherever the edit, the output is what a fresh run writes."""
    from publish.source import citations
    from publish.source.styles import bundled_style
    references = tmp_path / "references.json"
    references.write_text(json.dumps(REFERENCES), encoding="utf-8")
    metadata, csl = {"lang": "en-US", "reference_section_title": "References"}, bundled_style(style, None)

    def read(markdown):
        return json.loads(run_pandoc(["--from=markdown", "--to=json"], markdown.encode("utf-8")))

    runs = []
    monkeypatch.setattr(citations, "convert_document",
                        lambda *arguments, **options: runs.append(1) or publish.pandoc.convert_document(*arguments, **options))
    LAST_RUN.forget()
    cite(read(NOTES_AND_QUOTES), metadata, csl, references, tmp_path)
    edited = read(NOTES_AND_QUOTES.replace(old, new))
    remembered = cite(edited, metadata, csl, references, tmp_path)
    LAST_RUN.forget()
    assert remembered == cite(edited, metadata, csl, references, tmp_path)
    assert len(runs) == (2 if reused else 3)


def test_a_last_heading_with_nothing_under_it_is_the_bibliographys_as_pandoc_reads_it(write):
    """The author's own "References" ends the text (Quarto's and pandoc's way): the bibliography is
    under it, unnumbered, and no second heading (the series' "Bibliography") is added."""
    from checking import FRONT

    from publish.document import iterate, stringify
    from publish.paths import Publication
    from publish.source.parse import parse_publication

    front = FRONT.replace("lang: en\n", "lang: en\nnumber-sections: true\n")
    assert write("# Method {#sec-method}\n\nAs shown [@smith2020; @jones2021], see @sec-method.\n\n# References\n", front=front) == []
    parse_publication(Publication("brief"))
    document = json.loads(Publication("brief").document.read_text(encoding="utf-8"))
    headings = [stringify(element).replace("\u00a0", " ") for element in iterate(document["blocks"])
                if element["t"] == "Header"]
    assert headings == ["1 Method", "References"]
    assert document["blocks"][-2]["t"] == "Header" and document["blocks"][-1]["c"][0][0] == "refs"
    assert len(document["blocks"][-1]["c"][1]) == 2  # both works, under the author's heading
