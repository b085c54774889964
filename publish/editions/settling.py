"""The print layout settled: laid out, read back for what a typesetter would send back (a word hyphenated
across a page turn, publish.editions.page_ends; a figure that left the foot of a page empty,
publish.editions.floats; a table run onto another page without its caption,
publish.editions.continued_tables; a note moved off its call's page, publish.editions.long_notes),
adjusted, and laid out again, a few rounds at most, and only for a publication where it happens."""

from dataclasses import dataclass

from publish.editions.continued_tables import table_breaks
from publish.editions.floats import floats_leaving_voids
from publish.editions.long_notes import NoteCuts
from publish.editions.page_ends import hyphenated_page_ends

MOST_ROUNDS = 3  # adjustments of the pages
MOST_LAYOUTS = 8  # after the first


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


def settled_layout(render, note_words, most_layouts=MOST_LAYOUTS):
    """Lay out (`render(adjustments, cuts)`, cuts: {note number: words kept}) until the layout needs no
    adjustment and every note starts on its call's page or is let move whole (publish.editions.long_notes),
    or `most_layouts` more layouts were made; the last layout. Each layout is read back for both at once:
    settling the pages, then cutting the notes anew after each settling, laid the long report out 32 times.
    The pages are adjusted MOST_ROUNDS times at most."""
    adjustments, notes, rounds, readjusted = Adjustments(), NoteCuts(), 0, False
    rendered = render(adjustments, {})
    for _ in range(most_layouts):
        adjusted = adjustments.after(rendered) if rounds < MOST_ROUNDS else adjustments
        noted = notes.after(rendered, note_words, carried=readjusted)  # the cuts were made for other pages
        if adjusted == adjustments and noted.cuts == notes.cuts:
            break
        readjusted = adjusted != adjustments
        rounds += readjusted
        adjustments, notes = adjusted, noted
        rendered = render(adjustments, dict(notes.cuts))
    return rendered
