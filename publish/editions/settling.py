"""The print layout settled: laid out, read back for what a typesetter would send back (a word hyphenated
across a page turn, publish.editions.page_ends; a figure that left the foot of a page empty,
publish.editions.floats; a table run onto another page without its caption,
publish.editions.continued_tables), adjusted, and laid out again, a few rounds at most, and only for a
publication where it happens."""

from dataclasses import dataclass

from publish.editions.continued_tables import table_breaks
from publish.editions.floats import floats_leaving_voids
from publish.editions.page_ends import hyphenated_page_ends

MOST_ROUNDS = 3


@dataclass(frozen=True)
class Adjustments:
    whole_words: frozenset = frozenset()  # (block, word, occurrence) kept from hyphenation
    moves: tuple = ()  # (float number, blocks it moves past)
    splits: frozenset = frozenset()  # (table's float number, row) where a table is cut, as the last layout broke it
    fits: tuple = ()  # (figure's float number, its picture's most height) for a figure drawn smaller to fit

    def after(self, rendered):
        """These adjustments with what the layout `rendered` shows is still wrong; the same when nothing is."""
        words = hyphenated_page_ends(rendered) - self.whole_words
        moves, fits = dict(self.moves), dict(self.fits)
        more_moves, more_fits = floats_leaving_voids(rendered)
        for number, steps in more_moves.items():
            moves[number] = moves.get(number, 0) + steps
        fits.update(more_fits)
        return Adjustments(self.whole_words | words, tuple(sorted(moves.items())), frozenset(table_breaks(rendered)),
                           tuple(sorted(fits.items())))


def settled_layout(render, most_rounds=MOST_ROUNDS):
    """Lay out (`render(adjustments)`) until the layout needs no adjustment, or `most_rounds` more layouts
    were made; the last layout."""
    adjustments = Adjustments()
    rendered = render(adjustments)
    for _ in range(most_rounds):
        adjusted = adjustments.after(rendered)
        if adjusted == adjustments:
            break
        adjustments = adjusted
        rendered = render(adjustments)
    return rendered
