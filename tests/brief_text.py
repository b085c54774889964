"""What the brief says, read from the text as it reached us (tests/fixtures/original.txt).

Words are compared as sequences of word characters, so quotes, punctuation and
Markdown marks do not count, but every word and its order do.
"""

import re
from dataclasses import dataclass
from pathlib import Path

ORIGINAL = Path(__file__).parent / "fixtures" / "original.txt"
NOTE_MARKERS = "¹²³⁴⁵⁶⁷⁸⁹"
TITLE_BLOCK_PARAGRAPHS = 5

# The two works the author cites in full in notes 1 and 2: in the source they are
# citations, so the CSL style renders them and they are checked separately.
CITED_IN_FULL = (
    "Swedlund, Haley, Romain Malejacq, and Malte Lierl. \"[Foreign Aid to Afghanistan Won't Moderate the Taliban](#).\" "
    "*Foreign Policy*, October 27, 2021.",
    'Malejacq, Romain, and Niels Terpstra. "[Why International Leverage Has Failed With the Taliban](#)." '
    "*Lawfare*, July 30, 2023.",
)


def words(text):
    return re.findall(r"\w+", text)


@dataclass
class Brief:
    title_block: list  # the paragraphs above the text
    body: list  # the words of the text, headings included, in order
    notes: list  # for each note, its runs of words outside the full citations


def read_brief(path=ORIGINAL):
    paragraphs = [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    title_block, rest = paragraphs[:TITLE_BLOCK_PARAGRAPHS], paragraphs[TITLE_BLOCK_PARAGRAPHS:]
    body, notes = [], []
    for paragraph in rest:
        if paragraph[0] in NOTE_MARKERS:
            text = paragraph[1:]
            for citation in CITED_IN_FULL:
                text = text.replace(citation, "\0")
            notes.append([words(piece) for piece in text.split("\0") if words(piece)])
        else:
            body.extend(words(paragraph.translate({ord(m): " " for m in NOTE_MARKERS})))
    return Brief(title_block, body, notes)


def find_run(needle, haystack, start=0):
    """Index of `needle` as a contiguous run in `haystack` from `start`, or -1."""
    size = len(needle)
    for index in range(start, len(haystack) - size + 1):
        if haystack[index : index + size] == needle:
            return index
    return -1


def missing_runs(runs, haystack):
    """The runs that do not appear, each contiguous and all in order, in `haystack`."""
    missing, position = [], 0
    for run in runs:
        found = find_run(run, haystack, position)
        if found < 0:
            missing.append(" ".join(run))
        else:
            position = found + len(run)
    return missing


def first_difference(expected, actual):
    """Where `actual` stops following `expected`, for a readable failure message."""
    start = find_run(expected[:8], actual)
    if start < 0:
        return f"the text's first words {' '.join(expected[:8])!r} are not there"
    for offset, word in enumerate(expected):
        if start + offset >= len(actual) or actual[start + offset] != word:
            return (
                f"after {' '.join(expected[max(0, offset - 8):offset])!r} expected {word!r}, "
                f"found {' '.join(actual[start + offset:start + offset + 8])!r}"
            )
    return None
