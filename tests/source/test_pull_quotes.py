"""Pull quotes placed away from the sentence they repeat (publish/source/pull_quotes.py), on documents as
pandoc reads them, and in the example brief's editions."""

import json

import lxml.html

from publish.document import stringify
from publish.pandoc import run_pandoc
from publish.source.pull_quotes import placed_pull_quotes

QUOTE = "::: pull-quote\nThe lights stay off because no one pays.\n:::\n\n"
SOURCE = "Trade is small. The lights stay off because no one pays. Rules would help.\n\n"


def pandoc_blocks(markdown):
    return json.loads(run_pandoc(["--from=markdown", "--to=json"], markdown.encode("utf-8")))["blocks"]


def order(markdown):
    """Each block of the placed document by its first word ('Q' for the pull quote)."""
    return ["Q" if block["t"] == "Div" else stringify(block["c"]).split()[0].rstrip(".")
            for block in placed_pull_quotes(pandoc_blocks(markdown))]


def test_a_pull_quote_above_its_sentence_moves_after_the_next_paragraph():
    assert order(f"Opening words.\n\n{QUOTE}{SOURCE}Next paragraph.\n\nLast one.\n") == [
        "Opening", "Trade", "Next", "Q", "Last"]


def test_a_pull_quote_under_its_sentence_moves_after_the_next_paragraph_too():
    assert order(f"{SOURCE}{QUOTE}Next paragraph.\n\nLast one.\n") == ["Trade", "Next", "Q", "Last"]


def test_with_no_paragraph_after_it_goes_before_the_paragraph_before():
    assert order(f"Before it.\n\n{QUOTE}{SOURCE}# A heading\n\nMore.\n") == ["Q", "Before", "Trade", "A", "More"]


def test_a_pull_quote_away_from_its_sentence_or_repeating_none_stays():
    assert order(f"{SOURCE}Between.\n\n{QUOTE}After.\n") == ["Trade", "Between", "Q", "After"]
    assert order(f"Other words.\n\n{QUOTE}More words.\n") == ["Other", "Q", "More"]


def test_the_brief_s_pull_quote_stands_a_paragraph_away_in_its_web_page(examples_project):
    page = lxml.html.parse(str(examples_project / "build" / "brief-furniture" / "brief-furniture.html")).getroot()
    [quote] = page.xpath("//div[contains(@class, 'pull-quote')]")
    words = " ".join(quote.text_content().split())
    neighbours = [quote.getprevious(), quote.getnext()]
    assert words and all(neighbour is not None and words not in " ".join(neighbour.text_content().split())
                         for neighbour in neighbours)
    assert words in " ".join(page.find(".//article").text_content().split()).replace(words, "", 1)  # said once more
