"""No word hyphenated across a page turn (publish/editions/page_ends.py), read back from a built PDF whose
long paragraphs of long words would otherwise end page after page in a hyphen."""

from collections import Counter

import pdfplumber
from projects import SLUG, copy_project, run_doit

from publish.editions.page_ends import HYPHEN

WORDS = ("unprecedented humanitarian internationally characteristically representatives "
         "notwithstanding administrative interdependence infrastructure")


def last_text_lines(path):
    """The last line of the text (in the body's size: not a note, not a folio) of each page but the last."""
    with pdfplumber.open(path) as pdf:
        body = Counter(round(char["size"], 1) for page in pdf.pages for char in page.chars).most_common(1)[0][0]
        lines = []
        for page in pdf.pages[:-1]:
            chars = [char for char in page.chars if round(char["size"], 1) == body]
            top = max(round(char["top"]) for char in chars)
            line = sorted((char for char in chars if round(char["top"]) == top), key=lambda char: char["x0"])
            lines.append("".join(char["text"] for char in line))
        hyphenated = sum(line.rstrip().endswith(HYPHEN) for page in pdf.pages
                         for line in (page.extract_text() or "").splitlines())
    return lines, hyphenated


def test_no_page_ends_in_the_middle_of_a_hyphenated_word(tmp_path):
    project = copy_project(tmp_path)
    paragraphs = ["so " * (number % 7) + " ".join([WORDS] * 6) for number in range(24)]
    with open(project / "source" / SLUG / "index.md", "a", encoding="utf-8") as text:
        text.write("\n" + "\n\n".join(paragraphs) + "\n")
    run_doit(project, f"pdf:{SLUG}")
    lines, hyphenated = last_text_lines(project / "build" / SLUG / f"{SLUG}.pdf")
    assert len(lines) >= 6 and hyphenated > 20  # pages enough, and words hyphenated all along them
    assert [line for line in lines if line.rstrip().endswith(HYPHEN)] == []
