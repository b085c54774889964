"""Long footnotes, split across pages: WeasyPrint 70 never splits a footnote.

When a note does not fit under the rest of its call's page, WeasyPrint moves
the whole note to the next page and leaves its call behind. Here the note is
cut instead: as many words as fit stay at the foot of the call's page, and the
rest follows as a continuation (no number, no call of its own) that WeasyPrint
then carries to the foot of the next page. WeasyPrint also moves a page's last
notes to the next page to set the lines a paragraph below them must keep
together (orphans); there the note's last line is cut off, and WeasyPrint moves
that instead. The cuts are found in the layouts that settle the pages
(publish.editions.settling), and only for a publication that has such a note.
"""

import math
from dataclasses import dataclass

from publish.document import walk
from publish.editions.layout_boxes import footnote_area, walked

CONTAINERS_LAST = {"Emph", "Strong", "Underline", "Strikeout", "Superscript", "Subscript", "SmallCaps"}
CONTAINERS_SECOND = {"Quoted", "Cite", "Span", "Link"}  # their inlines are the second item of 'c'
MOST_TRIES = 4  # cuts tried for one note before it moves whole (the long report's took up to four)


def words(inlines):
    """How many words (Str elements) the inlines hold, nested ones included."""
    count = 0

    def tally(element):
        nonlocal count
        count += element["t"] == "Str"
        return None

    walk(inlines, tally)
    return count


def children(element):
    if element["t"] in CONTAINERS_LAST:
        return element["c"]
    if element["t"] in CONTAINERS_SECOND:
        return element["c"][1]
    return None


def with_children(element, inlines):
    if element["t"] in CONTAINERS_LAST:
        return {**element, "c": inlines}
    content = list(element["c"])
    content[1] = inlines
    return {**element, "c": content}


def split_inlines(inlines, keep):
    """(the first `keep` words, the rest), cutting through emphasis, links and quotes alike."""
    left, right = [], []
    for index, element in enumerate(inlines):
        if keep <= 0:
            right.extend(inlines[index:])
            break
        inner = children(element)
        size = words([element])
        if inner is not None and size > keep:
            head, tail = split_inlines(inner, keep)
            left.append(with_children(element, head))
            right.append(with_children(element, tail))
            right.extend(inlines[index + 1:])
            break
        left.append(element)
        keep -= size
    while right and right[0]["t"] in ("Space", "SoftBreak", "LineBreak"):
        right.pop(0)
    return left, right


def note_number(box, kind):
    """The note number a box is the call ('call') or the text ('text') of, else None."""
    element = getattr(box, "element", None)
    number = element.get("data-note") if element is not None else None
    tag = getattr(box, "element_tag", "") or ""
    if number and kind == "call" and tag.endswith("::footnote-call"):
        return number
    if number and kind == "text" and type(box).__name__ == "BlockBox" and tag == "span":
        return number
    return None


def enclosing_line(parents):
    """The line box the innermost of `parents` (a box's ancestors, as walked gives them) stands in."""
    return next(parent for parent in reversed(parents) if type(parent).__name__ == "LineBox")


def is_marker(box):
    """Whether the box is (or holds) a note's number, WeasyPrint's ::footnote-marker."""
    return (getattr(box, "element_tag", "") or "").endswith("marker")


def note_places(rendered, heights=None):
    """({note number: page of its call}, {note number: page of its text}) in a rendered WeasyPrint document;
    a continuation's text is there as 'N-continued'. `heights`, when given, is filled with {note number:
    how far down its page the line of its call stands}."""
    calls, texts = {}, {}
    for page_number, page in enumerate(rendered.pages, start=1):
        for box, parents in walked(page._page_box):
            if (number := note_number(box, "call")) and number not in calls:
                calls[number] = page_number
                if heights is not None:
                    heights[number] = enclosing_line(parents).position_y
            elif number := note_number(box, "text"):
                texts.setdefault(number, page_number)
    return calls, texts


def note_pages(calls, texts):
    """{note number: (page of its call, page of its text)}, from note_places."""
    return {number: (calls[number], texts[number]) for number in calls if number in texts}


def room_under_call(page_box, number, overhead):
    """The height left on the call's page between the line of note `number`'s call and the notes below
    it: what the note's first lines may take there. `overhead`: what an empty note area adds."""
    bottom = page_box.content_box_y() + page_box.height
    area = footnote_area(page_box)
    if area is not None and area.children:
        bottom = area.position_y  # the notes already there (the area's rule and spacing included)
    else:
        bottom -= overhead
    for box, parents in walked(page_box):
        if note_number(box, "call") == number:
            line = enclosing_line(parents)
            return bottom - (line.position_y + line.height)
    return 0


def note_lines(page_box, number):
    """[(height from the note's top to the end of the line, words on the line)] of note `number`'s text
    as laid out on this page (its number, a marker, is neither a line of its own nor a word of the first:
    counted, it had the brief's note 3 cut a word too late, and laid out once more to cut it again)."""
    note = next(box for box, _ in walked(page_box) if note_number(box, "text") == number)
    lines = []
    for box, parents in walked(note):
        inside = [parent for parent in parents if parent is not note and parent is not box]
        if type(box).__name__ != "LineBox" or any(type(parent).__name__ == "LineBox" or is_marker(parent)
                                                   for parent in inside):
            continue
        text = " ".join(inner.text for inner, _ in walked(box)
                        if type(inner).__name__ == "TextBox" and not is_marker(inner))
        lines.append((box.position_y + box.height - note.position_y + note.margin_bottom, len(text.split())))
    return lines


def words_that_fit(rendered, pages, number):
    """How many of note `number`'s words to keep under its call's page, read from a layout where the note
    stands on a later page (`pages`: the layout's note_pages): those of the lines that fit in the room left;
    when by that measure every line fits, yet the note moved, all but its last line."""
    call_page, note_page = pages[number]
    laid_out = rendered.pages[note_page - 1]._page_box
    area = footnote_area(laid_out)
    overhead = area.margin_height() - sum(child.margin_height() for child in area.children) if area else 0
    room = room_under_call(rendered.pages[call_page - 1]._page_box, number, overhead)
    lines = note_lines(laid_out, number)
    fitting = [words for height, words in lines if height <= room]
    return sum(fitting) if len(fitting) < len(lines) else sum(words for _, words in lines[:-1])


def moved_notes(pages):
    """The notes (not continuations) whose text starts after their call's page, in order (`pages`: a layout's
    note_pages)."""
    notes = {number: places for number, places in pages.items() if number.isdigit()}
    return [number for number, (call_page, note_page) in sorted(notes.items(), key=lambda item: int(item[0]))
            if note_page > call_page]


@dataclass(frozen=True)
class NoteCuts:
    """What the rounds decided about the notes, carried from one layout to the next (settling the pages
    lays the document out again, and most notes stay where they were)."""

    cuts: tuple = ()  # (note number, words kept on its call's page)
    heights: tuple = ()  # (note number, how far down its page its call stood in the layout it was cut for)
    tries: tuple = ()  # (note number, cuts tried)
    released: frozenset = frozenset()  # notes whose cut was taken back once (not again: WeasyPrint may
    # set a note's two parts on its call's page and still move it whole, and the two would take turns)

    def after(self, rendered, note_words, carried=False):
        """These decisions with what the layout `rendered` shows: when they were `carried` over from another
        layout, a cut note whose continuation now stands on its call's page fits whole and is no longer cut;
        each note that moved is cut at the words its lines leave room for (words_that_fit, read from the
        layout itself), a line fewer when the cut it had still did not fit. A note moves whole, as WeasyPrint
        moves it, when not a line of it fits or after MOST_TRIES cuts; for good once a cut of it moved and not
        a line fits (cut again, the long report's note 137 moved again, a layout each time). A note of one line
        is never cut: a word or two carried to the next page would read worse than the note there whole."""
        heights_now = {}
        calls, texts = note_places(rendered, heights_now)
        pages = note_pages(calls, texts)
        tries, heights = dict(self.tries), dict(self.heights)
        fits_whole = set(self.cuts_fitting_whole(calls, texts, heights_now) if carried else ())
        cuts = {number: kept for number, kept in self.cuts if number not in fits_whole}
        for number in moved_notes(pages):
            tries[number] = tries.get(number, 0) + 1
            kept = min(words_that_fit(rendered, pages, number), cuts.get(number, note_words[number]) - 1)
            if kept <= 0 and number in cuts:
                tries[number] = MOST_TRIES  # cut, it still moved, and not a line of it fits: whole from now on
            if kept <= 0 or tries[number] > MOST_TRIES:
                cuts.pop(number, None)  # it moves whole, as WeasyPrint moves it
            else:
                cuts[number], heights[number] = kept, heights_now[number]
        heights = {number: height for number, height in heights.items() if number in cuts}
        return NoteCuts(tuple(sorted(cuts.items())), tuple(sorted(heights.items())), tuple(sorted(tries.items())),
                        self.released | fits_whole)

    def cuts_fitting_whole(self, calls, texts, heights_now):
        """The cut notes whose continuation stands on their call's page (`calls`, `texts`: note_places) and
        whose call stands higher on its page than in the layout it was cut for (`heights_now`): a cut
        carried over from a layout before, where settling has since moved the text up, and the whole note
        may fit there now. Not so for a cut made for this layout, nor for one whose call stands no higher
        on its page, whichever page (of the long report's cuts taken back, the four whose call stood no
        higher were all made again a layout later; the seven whose call stood higher fitted whole):
        WeasyPrint moves the last notes of a page to the next to keep a paragraph's lines together below
        them, and a note cut may stay where the whole note is moved. Once a note only."""
        cut_at = dict(self.heights)
        return [number for number, _ in self.cuts
                if number not in self.released and texts.get(f"{number}-continued") == calls.get(number)
                and heights_now.get(number, 0) < cut_at.get(number, math.inf) - 1]
