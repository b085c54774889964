"""The documents the fuzz test starts from, and the one shape every generated case has.

A case is a publication folder (every file's bytes) and the unit whose parse is run in it (its
index.md, or a translation's index.<lang>.md), with the list of what was done to it. It starts from a
real document of this repository (the example publications, the brief, the translations fixture),
with the files beside it (bibliographies, images), and the mutations (fuzzing/mutations.py,
fuzzing/bibliographies.py) change its bytes.
"""

import re
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIBLIOGRAPHY_SUFFIXES = (".json", ".bib", ".bibtex", ".yaml", ".yml")
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)


@dataclass(frozen=True)
class Document:
    """A publication folder as a case writes it, and the unit whose parse the case runs."""

    seed: str  # the real document it starts from, as a path in the repository
    files: tuple  # ((file name, bytes), ...), in name order
    index: str = "index.md"  # the unit's text: index.md, or a translation's index.<lang>.md
    history: tuple = ()  # what was done to it, in order, in words

    def __repr__(self):
        return f"Document({self.seed}: {'; '.join(self.history) or 'as written'})"

    @property
    def lang(self):
        """The unit's language: '' for the original, 'fr' for index.fr.md."""
        return self.index[len("index."):-len(".md")] if self.index != "index.md" else ""

    @property
    def bibliographies(self):
        return [name for name, _ in self.files if name.endswith(BIBLIOGRAPHY_SUFFIXES)]

    def file(self, name):
        return dict(self.files)[name]

    def text(self, name=None):
        """A file's text, bytes that are not UTF-8 kept as lone surrogates (surrogateescape), so that
        a mutation of the text writes them back as they were."""
        return self.file(name or self.index).decode("utf-8", "surrogateescape")

    def with_file(self, name, data, done):
        """This document with `name` holding `data` (bytes, or text as `text` gives it), and `done` said."""
        if isinstance(data, str):
            data = data.encode("utf-8", "surrogateescape")
        return replace(self, files=tuple(sorted({**dict(self.files), name: data}.items())),
                       history=(*self.history, done))

    def with_text(self, text, done):
        return self.with_file(self.index, text, done)


def seed_documents():
    """One document a unit of each real publication: the example publications (the institute's too), the
    publications in source/, and the translations fixture (its original and each translation)."""
    texts = [*ROOT.glob("examples/*/index.md"), *ROOT.glob("examples/institute/source/*/index.md"),
             *ROOT.glob("source/*/index.md"), *ROOT.glob("tests/fixtures/**/index*.md")]
    return [seed_document(path) for path in sorted(texts)]


def seed_document(index):
    """The document of the unit whose text is `index`, with every file of its folder."""
    files = tuple(sorted((path.name, path.read_bytes()) for path in index.parent.iterdir()
                         if path.is_file() and not path.name.startswith(".")))
    return Document(index.relative_to(ROOT).as_posix(), files, index.name)


def splice_texts():
    """Texts whose pieces a case may paste into another: every seed's, and the brief as it reached the
    project (tests/fixtures/original.txt, plain text from the author's PDF)."""
    return [document.text() for document in SEEDS] + [(ROOT / "tests/fixtures/original.txt").read_text(encoding="utf-8")]


def front_matter_span(text):
    """(start, end) of the YAML between the front matter's fences, or None when the text has none."""
    match = FRONT_MATTER.match(text)
    return match.span(1) if match else None


def body_start(text):
    """Where the text after the front matter begins (0 when there is no front matter)."""
    match = FRONT_MATTER.match(text)
    return match.end() if match else 0


def paragraph_starts(text):
    """Offsets in the body where a block may begin: its start, after each blank line, and its end."""
    start = body_start(text)
    return sorted({start, len(text), *(match.end() for match in re.finditer(r"\n[ \t]*\n", text) if match.end() > start)})


SEEDS = seed_documents()
SPLICE_TEXTS = splice_texts()
