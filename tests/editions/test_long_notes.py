"""Long notes cut to their call's page (publish/editions/long_notes.py) and the layouts that settle them
(publish/editions/settling.py), on small pages laid out here by WeasyPrint, in this process: where each
note's call and text stand is read back from the layout itself."""

from publish.editions.long_notes import MOST_TRIES, NoteCuts, note_lines, note_pages, note_places
from publish.editions.settling import settled_layout

CSS = """@page { size: 100mm 70mm; margin: 5mm }
body { font: 10pt/12pt serif; margin: 0 }
p { margin: 0; orphans: 3; widows: 2 }
.footnote { float: footnote; footnote-display: block; font-size: 8pt; line-height: 10pt }
::footnote-call { content: counter(footnote) }
::footnote-marker { content: counter(footnote) ". " }
.footnote-continued { counter-increment: footnote -1 }
.footnote-continued::footnote-call { content: none }
.footnote-continued::footnote-marker { content: "" }"""
FILLER = "Text of the body that fills the line. " * 3
LONG_NOTE = [f"word{number}" for number in range(1, 121)]


def note_spans(number, words, kept):
    """The note's text at its call, cut after `kept` words as pdf.notes_to_footnotes cuts it."""
    if not kept:
        return f'<span class="footnote" data-note="{number}">{" ".join(words)}</span>'
    return (f'<span class="footnote" data-note="{number}">{" ".join(words[:kept])}</span>'
            f'<span class="footnote footnote-continued" data-note="{number}-continued">{" ".join(words[kept:])}</span>')


def laid_out(cuts, words=LONG_NOTE, lines_before=8, page_height="150mm"):
    """Pages of `lines_before` paragraphs, then the call of a note of `words`, then more paragraphs."""
    from weasyprint import HTML

    before = "".join(f"<p>{FILLER}</p>" for _ in range(lines_before))
    after = "".join(f"<p>{FILLER}</p>" for _ in range(12))
    call = f"<p>The call{note_spans('1', words, cuts.get('1'))} ends here.</p>"
    html = f"<style>{CSS.replace('70mm', page_height)}</style>{before}{call}{after}"
    return HTML(string=html).render()


def call_and_text_pages(rendered, number="1"):
    return note_pages(*note_places(rendered))[number]


def settled(words, **page):
    """The layout settled_layout settles the note's page on, and the cuts each of its layouts was made with."""
    cuts_laid_out = []

    def render(adjustments, cuts):
        cuts_laid_out.append(dict(cuts))
        return laid_out(cuts, words, **page)

    return settled_layout(render, {"1": len(words)}), cuts_laid_out


def test_a_long_note_weasyprint_moves_is_cut_until_it_starts_under_its_call():
    moved = laid_out({})
    call_page, text_page = call_and_text_pages(moved)
    assert text_page > call_page  # the case in question: the note left its call's page
    rendered, cuts_laid_out = settled(LONG_NOTE)
    calls, texts = note_places(rendered)
    assert texts["1"] == calls["1"]  # the note starts under its call
    assert texts["1-continued"] == calls["1"] + 1  # and goes on on the next page
    kept = [cuts["1"] for cuts in cuts_laid_out[1:]]
    assert cuts_laid_out[0] == {} and 1 <= len(kept) <= MOST_TRIES
    assert kept == sorted(kept, reverse=True) and len(set(kept)) == len(kept) and kept[-1] < len(LONG_NOTE)


def test_a_note_of_one_line_weasyprint_moves_is_not_cut_but_moved_whole():
    """WeasyPrint moves a page's last notes to the next page to set the lines a paragraph below them must
    keep together: a word or two of the note carried over would read worse than the note there whole."""
    short = LONG_NOTE[:6]
    call_page, text_page = call_and_text_pages(laid_out({}, short, lines_before=0, page_height="70mm"))
    assert text_page > call_page
    rendered, cuts_laid_out = settled(short, lines_before=0, page_height="70mm")
    assert cuts_laid_out == [{}]  # laid out once: there was nothing to cut


def test_a_note_that_fits_is_left_alone():
    fitting = laid_out({}, LONG_NOTE[:20], lines_before=0)
    assert call_and_text_pages(fitting) == (1, 1)
    assert NoteCuts().after(fitting, {"1": 20}) == NoteCuts()


def test_a_carried_cut_is_taken_back_once_where_the_whole_note_now_fits():
    """A cut made for other pages (settling moved the text): both parts now stand on the call's page, so
    the note is whole again; but only once, since WeasyPrint may keep both parts where it moves the whole."""
    roomy = laid_out({"1": 30}, lines_before=0, page_height="200mm")
    calls, texts = note_places(roomy)
    assert texts["1-continued"] == calls["1"]
    heights = {}
    note_places(roomy, heights)
    carried = NoteCuts(cuts=(("1", 30),), heights=(("1", heights["1"] + 40),))  # cut where its call stood lower
    released = carried.after(roomy, {"1": len(LONG_NOTE)}, carried=True)
    assert released.cuts == () and released.released == frozenset({"1"})
    assert carried.after(roomy, {"1": len(LONG_NOTE)}) == carried  # a cut made for this very layout stays
    cut_again = NoteCuts(cuts=(("1", 30),), released=frozenset({"1"}))
    assert cut_again.after(roomy, {"1": len(LONG_NOTE)}, carried=True).cuts == (("1", 30),)


def test_a_note_cut_as_often_as_allowed_moves_whole():
    moved = laid_out({})
    assert NoteCuts().after(moved, {"1": len(LONG_NOTE)}).cuts != ()
    tried = NoteCuts(tries=(("1", MOST_TRIES),))
    assert tried.after(moved, {"1": len(LONG_NOTE)}).cuts == ()


def test_a_carried_cut_stays_where_its_call_stands_no_higher_than_when_it_was_cut():
    """Settling moved other text, not this note's call: the room under it is what it was when the note was
    cut, and the whole note would move again (the long report's cuts taken back so were all made again, a
    layout each)."""
    roomy = laid_out({"1": 30}, lines_before=0, page_height="200mm")
    heights = {}
    calls, texts = note_places(roomy, heights)
    assert texts["1-continued"] == calls["1"]
    for stood in (heights["1"], heights["1"] - 40):  # where it stands now, and higher up
        carried = NoteCuts(cuts=(("1", 30),), heights=(("1", stood),))
        assert carried.after(roomy, {"1": len(LONG_NOTE)}, carried=True).cuts == (("1", 30),)


def test_a_cut_records_how_far_down_its_page_its_call_stood():
    moved = laid_out({})
    heights = {}
    note_places(moved, heights)
    cut = NoteCuts().after(moved, {"1": len(LONG_NOTE)})
    assert cut.cuts and cut.heights == (("1", heights["1"]),) and heights["1"] > 0


def test_the_words_of_a_note_are_counted_on_its_lines_without_its_number():
    """The number at the head of a note's first line is no word of it: counted, each cut kept a word more
    than its line holds, and the note took a line more than the room measured for it."""
    moved = laid_out({})
    call_page, text_page = call_and_text_pages(moved)
    lines = note_lines(moved.pages[text_page - 1]._page_box, "1")
    assert len(lines) > 2 and sum(words for _, words in lines) == len(LONG_NOTE)


def test_a_cut_note_that_still_moves_with_no_line_of_it_fitting_moves_whole_from_then_on():
    """Cut again, it would move again, a layout each time (the long report's note 137)."""
    still_moved = laid_out({"1": 30}, lines_before=4, page_height="70mm")
    call_page, text_page = call_and_text_pages(still_moved)
    assert text_page > call_page
    whole = NoteCuts(cuts=(("1", 30),)).after(still_moved, {"1": len(LONG_NOTE)})
    assert whole.cuts == ()
    roomier = laid_out({})  # another layout, where the whole note moved and lines of it would fit
    assert NoteCuts().after(roomier, {"1": len(LONG_NOTE)}).cuts != ()
    assert whole.after(roomier, {"1": len(LONG_NOTE)}).cuts == ()  # not cut again
