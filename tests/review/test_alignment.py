"""Where the words of one text stand in another (publish/review/alignment.py), on texts as the DOCX edition
and its Markdown source hold them."""

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
