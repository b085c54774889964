"""Figures and tables that float (publish/editions/floats.py): a figure too tall for the rest of its page
goes to the next one and the text after it moves up, instead of leaving the foot of the page empty;
read back from a built PDF."""

import pdfplumber
from projects import SLUG, copy_project, run_doit
from readers import margin_mm

TALL = ('<svg xmlns="http://www.w3.org/2000/svg" width="400" height="880" viewBox="0 0 400 880">'
        '<rect width="400" height="880" fill="#1f4e79"/></svg>')
SQUAT = ('<svg xmlns="http://www.w3.org/2000/svg" width="400" height="500" viewBox="0 0 400 500">'
         '<rect width="400" height="500" fill="#1f4e79"/></svg>')
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


def test_a_figure_that_cannot_move_past_the_heading_after_it_is_drawn_smaller_to_fit(tmp_path):
    """A figure that ends its section cannot float past the heading: it went to the next page and left a
    void above the notes. Six paragraphs before it bring it near the foot of the brief's fourth page."""
    project = copy_project(tmp_path)
    folder = project / "source" / SLUG
    (folder / "squat.svg").write_text(SQUAT, encoding="utf-8")
    before = "\n\n".join(f"Before {number}. " + FILLER * 3 for number in range(1, 7))
    with open(folder / "index.md", "a", encoding="utf-8") as text:
        text.write(f"\n## Floating\n\n{before}\n\n![A squat chart](squat.svg){{#fig-squat width=60%}}\n\n"
                   f"## Next part\n\nAfter it. {FILLER}\n")
    run_doit(project, f"pdf:{SLUG}")
    asked = 0.6 * (210 - margin_mm("inner") - margin_mm("outer")) * 72 / 25.4 * 500 / 400  # its height as written
    with pdfplumber.open(project / "build" / SLUG / f"{SLUG}.pdf") as pdf:
        [page] = [page for page in pdf.pages if "A squat chart" in page.extract_text()]
        [chart] = [rect for rect in page.rects if rect["height"] > 100  # the chart, not the page's ground
                   and abs(rect["width"] / rect["height"] - 400 / 500) < 0.01]
        text = page.extract_text()
    assert "Before 6." in text and "A squat chart" in text  # on the page of the text before it
    assert 0.5 * asked <= chart["height"] < 0.95 * asked  # drawn smaller, not squashed (its shape as above)
