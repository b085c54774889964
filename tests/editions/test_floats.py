"""Figures and tables that float (publish/editions/floats.py): a figure too tall for the rest of its page
goes to the next one and the text after it moves up, instead of leaving the foot of the page empty;
read back from a built PDF."""

import pdfplumber
from projects import SLUG, copy_project, run_doit

TALL = ('<svg xmlns="http://www.w3.org/2000/svg" width="400" height="880" viewBox="0 0 400 880">'
        '<rect width="400" height="880" fill="#1f4e79"/></svg>')
FILLER = ("The committee met again in the spring, and its members read the drafts of each chapter aloud, "
          "line by line, before they voted on the text as a whole. ")


def test_a_figure_that_does_not_fit_leaves_no_void_and_the_text_keeps_its_order(tmp_path):
    project = copy_project(tmp_path)
    folder = project / "source" / SLUG
    (folder / "tall.svg").write_text(TALL, encoding="utf-8")
    before = "\n\n".join(f"Before {number}. " + FILLER * 3 for number in range(1, 5))
    after = "\n\n".join(f"After {number}. " + FILLER * 2 for number in range(1, 7))
    with open(folder / "index.md", "a", encoding="utf-8") as text:
        text.write(f"\n## Floating\n\n{before}\n\n![A tall chart](tall.svg){{#fig-tall width=60%}}\n\n{after}\n")
    run_doit(project, f"pdf:{SLUG}")
    with pdfplumber.open(project / "build" / SLUG / f"{SLUG}.pdf") as pdf:
        pages = [(page, page.extract_text() or "") for page in pdf.pages]
        [(figure_page, _)] = [(page, text) for page, text in pages if "A tall chart" in text]
        index = pdf.pages.index(figure_page)
        previous = pdf.pages[index - 1]
        bottom_rule = min([line["top"] for line in previous.lines if line["top"] > previous.height / 2]
                          + [previous.height - 26 * 72 / 25.4])  # the notes' rule, or the foot of the text
        text_bottom = max(char["bottom"] for char in previous.chars if char["size"] > 9)
        assert (bottom_rule - text_bottom) / (bottom_rule - 24 * 72 / 25.4) < 0.25  # no void above the notes
    text = " ".join(" ".join(page_text.split()) for _, page_text in pages)
    order = [text.find(f"Before {number}.") for number in range(1, 5)] + [text.find(f"After {number}.")
                                                                           for number in range(1, 7)]
    assert -1 not in order and order == sorted(order)  # the text in the order it was written
