"""Where the words of one text stand in another (publish/review/alignment.py), on texts as the DOCX edition
and its Markdown source hold them."""

import re

from publish.review.alignment import Alignment


def test_a_word_a_moved_table_repeats_is_aligned_between_its_matched_neighbours():
    """Word sets a table's caption above it, Markdown below: the cells then match only by their distinctive
    words, and a word the table repeats was left unmatched, its change never applied."""
    edition = "Risks by region\n\nNorth\n\nMedium\n\nSouth\n\nMedium\n\nEnd of it."
    source = "| North | Medium |\n| South | Medium |\n\n: Risks by region\n\nEnd of it."
    alignment = Alignment(edition, source)
    for occurrence in (0, 1):
        offset = [index for index in range(len(edition)) if edition.startswith("Medium", index)][occurrence]
        expected = [index for index in range(len(source)) if source.startswith("Medium", index)][occurrence]
        assert alignment.exact(offset) == expected


TEXTS = ["Three years in, the (old) plan's *cost* [rose] by 4.5% — “sharply”.\n\nA second paragraph; with ~marks~ and `code`.",
         "x (a b y", "so, we do it to a plan\n\nEnd."]


def test_a_text_aligned_with_itself_places_every_offset_and_every_range_where_it_is():
    for text in TEXTS:
        alignment = Alignment(text, text)
        bounds = sorted({0, len(text), *(match.start() for match in re.finditer(r"\S+", text)),
                         *(match.end() for match in re.finditer(r"\S+", text))})
        assert all(alignment.exact(offset) == offset for offset in range(len(text)))
        assert all(alignment.insertion_point(offset) == offset for offset in bounds)
        assert all(alignment.deletion(start, end) == (start, end) for start in bounds for end in bounds if start < end)


def test_a_moved_caption_is_aligned_from_its_one_distinctive_word_back_to_its_first():
    """Only 'plan' is distinctive; the short words before it are aligned by walking back from it."""
    table = "North South East West Central Middle Upper Lower Inner Outer Coast Inland"  # longer: matched first
    edition = f"so, we do it to a plan\n\n{table}\n\nEnd of it."
    source = f"{table}\n\n: so, we do it to a plan\n\nEnd of it."
    alignment = Alignment(edition, source)
    for word in ("so", ",", "we", "to", "a", "plan"):
        assert alignment.exact(edition.index(word)) == source.index(word, source.index(":"))


def test_two_repeated_words_in_each_cell_keep_their_order():
    edition = "Risks by region\n\nNorth\n\nMedium High\n\nSouth\n\nMedium High\n\nEnd of it."
    source = "| North | Medium High |\n| South | Medium High |\n\n: Risks by region\n\nEnd of it."
    alignment = Alignment(edition, source)
    for word in ("Medium", "High"):
        assert [alignment.exact(match.start()) for match in re.finditer(word, edition)] == [
            match.start() for match in re.finditer(word, source)]


def test_what_did_not_match_is_looked_for_after_the_nearest_word_before_it():
    alignment = Alignment("alpha XYZ beta", "alpha beta")
    assert alignment.nearest(len("alpha X")) == len("alpha ")
    assert alignment.nearest(0) == 0 and alignment.nearest(len("alpha XYZ b")) == len("alpha b")


def test_a_deletion_of_marked_words_leaves_their_markup_to_the_check_that_it_is_balanced():
    alignment = Alignment("x bold y", "x **bold** y")
    assert alignment.deletion(2, 6) == (4, 8)  # the word, not the half of its markup after it
    assert Alignment("x bold y", "x *bold y").deletion(0, 6) is None  # half of the emphasis would be left


def test_a_long_text_aligned_with_itself_counts_what_matched_in_any_range_and_nothing_past_its_end():
    text = " ".join(f"word{number}, and (more)" for number in range(40))  # past 256 characters
    alignment = Alignment(text, text)
    assert len(text) > 300 and alignment.a.at(len(text)) is None and alignment.exact(len(text) - 1) == len(text) - 1
    starts = [match.start() for match in re.finditer(r"\S+", text)]
    for start, end in zip(starts, starts[3:]):
        assert alignment.matched_in(start, end) == len([index for index, first in enumerate(alignment.a.starts)
                                                        if start <= first < end])


def test_an_insertion_into_an_empty_text_goes_at_the_start_of_an_empty_one_only():
    assert Alignment("", "").insertion_point(0) == 0
    assert Alignment("", "words").insertion_point(0) is None
