"""Long footnotes, split across pages: WeasyPrint 70 never splits a footnote.

When a note does not fit under the rest of its call's page, WeasyPrint moves
the whole note to the next page and leaves its call behind. Here the note is
cut instead: as many words as fit stay at the foot of the call's page, and the
rest follows as a continuation (no number, no call of its own) that WeasyPrint
then carries to the foot of the next page. Finding the cuts takes a few extra
layouts, and only for a publication that has such a note.
"""

from publish.document import walk
from publish.editions.layout_boxes import footnote_area, walked

CONTAINERS_LAST = {"Emph", "Strong", "Underline", "Strikeout", "Superscript", "Subscript", "SmallCaps"}
CONTAINERS_SECOND = {"Quoted", "Cite", "Span", "Link"}  # their inlines are the second item of 'c'
MOST_ROUNDS = 8  # layouts after the first; a note still moved after them moves whole


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


def note_pages(rendered):
    """{note number: (page of its call, page of its text)} in a rendered WeasyPrint document."""
    calls, notes = {}, {}
    for page_number, page in enumerate(rendered.pages, start=1):
        for box, _ in walked(page._page_box):
            if number := note_number(box, "call"):
                calls.setdefault(number, page_number)
            elif number := note_number(box, "text"):
                notes.setdefault(number, page_number)
    return {number: (calls[number], notes[number]) for number in calls if number in notes}


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
            line = next(parent for parent in reversed(parents) if type(parent).__name__ == "LineBox")
            return bottom - (line.position_y + line.height)
    return 0


def note_lines(page_box, number):
    """[(height from the note's top to the end of the line, words on the line)] of note `number`'s text
    as laid out on this page (its number, a marker, is not a line of its own)."""
    note = next(box for box, _ in walked(page_box) if note_number(box, "text") == number)
    lines = []
    for box, parents in walked(note):
        inside = [parent for parent in parents if parent is not note and parent is not box]
        if type(box).__name__ != "LineBox" or any(type(parent).__name__ == "LineBox" or
                                                   (getattr(parent, "element_tag", "") or "").endswith("marker")
                                                   for parent in inside):
            continue
        text = " ".join(inner.text for inner, _ in walked(box) if type(inner).__name__ == "TextBox")
        lines.append((box.position_y + box.height - note.position_y + note.margin_bottom, len(text.split())))
    return lines


def words_that_fit(rendered, pages, number):
    """How many of note `number`'s words fit under its call's page, read from a layout where the note
    stands on a later page (`pages`: the layout's note_pages): the lines that fit in the room left, in words."""
    call_page, note_page = pages[number]
    laid_out = rendered.pages[note_page - 1]._page_box
    area = footnote_area(laid_out)
    overhead = area.margin_height() - sum(child.margin_height() for child in area.children) if area else 0
    room = room_under_call(rendered.pages[call_page - 1]._page_box, number, overhead)
    return sum(words for height, words in note_lines(laid_out, number) if height <= room)


def moved_notes(pages):
    """The notes (not continuations) whose text starts after their call's page, in order (`pages`: a layout's
    note_pages)."""
    notes = {number: places for number, places in pages.items() if number.isdigit()}
    return [number for number, (call_page, note_page) in sorted(notes.items(), key=lambda item: int(item[0]))
            if note_page > call_page]


def retry_step(cut):
    """How many words fewer a note keeps when the cut it was given still did not fit: one the first time;
    after a cut, a fifth of it (a word at a time took a layout for each word of a line)."""
    return 1 if cut is None else max(1, cut // 5)


def fit_long_notes(render, note_words, most_rounds=MOST_ROUNDS):
    """Render (`render(cuts)` lays out the document with {note number: words kept}) until every note
    starts on its call's page, cutting the notes that do not fit; the last layout.

    Each round cuts every note that moved at the words its lines leave room for (words_that_fit, read
    from the layout itself), then lays out again: a few layouts, however many notes move, where a search
    note by note took a dozen each (an 80-page thesis with 226 notes took a quarter of an hour). A
    note cut that still does not fit (the text above it moved) keeps fewer words the next round; one
    where not a line fits moves whole, as WeasyPrint would move it."""
    cuts, whole = {}, set()
    rendered = render(cuts)
    for _ in range(most_rounds):
        pages = note_pages(rendered)  # one walk of the layout's boxes a round, not one a note
        moved = [number for number in moved_notes(pages) if number not in whole]
        if not moved:
            break
        for number in moved:
            fit = min(words_that_fit(rendered, pages, number), cuts.get(number, note_words[number]) - retry_step(
                cuts.get(number)))
            if fit <= 0:
                whole.add(number)
                cuts.pop(number, None)
            else:
                cuts[number] = fit
        rendered = render(cuts)
    return rendered
