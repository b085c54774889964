"""Long footnotes, split across pages: WeasyPrint 70 never splits a footnote.

When a note does not fit under the rest of its call's page, WeasyPrint moves
the whole note to the next page and leaves its call behind. Here the note is
cut instead: as many words as fit stay at the foot of the call's page, and the
rest follows as a continuation (no number, no call of its own) that WeasyPrint
then carries to the foot of the next page. Finding the cut takes a few extra
layouts, and only for a publication that has such a note.
"""

from publish.document import walk

CONTAINERS_LAST = {"Emph", "Strong", "Underline", "Strikeout", "Superscript", "Subscript", "SmallCaps"}
CONTAINERS_SECOND = {"Quoted", "Cite", "Span", "Link"}  # their inlines are the second item of 'c'


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


def note_pages(rendered):
    """{note number: (page of its call, page of its text)} in a rendered WeasyPrint document."""
    calls, notes = {}, {}

    def visit(box, page):
        element = getattr(box, "element", None)
        number = element.get("data-note") if element is not None else None
        if number:
            tag = getattr(box, "element_tag", "") or ""
            if tag.endswith("::footnote-call"):
                calls.setdefault(number, page)
            elif type(box).__name__ == "BlockBox" and tag == "span":
                notes.setdefault(number, page)
        for child in getattr(box, "children", None) or []:
            visit(child, page)

    for page_number, page in enumerate(rendered.pages, start=1):
        visit(page._page_box, page_number)
    return {number: (calls[number], notes[number]) for number in calls if number in notes}


def moved_note(rendered, settled):
    """The first note printed after its call's page that is not cut yet, or None."""
    notes = {number: pages for number, pages in note_pages(rendered).items() if number.isdigit()}  # not continuations
    for number, (call_page, note_page) in sorted(notes.items(), key=lambda item: int(item[0])):
        if note_page > call_page and number not in settled:
            return number
    return None


def fits(rendered, number):
    call_page, note_page = note_pages(rendered)[number]
    return note_page == call_page


def fit_long_notes(render, note_words):
    """Render (`render(cuts)` lays out the document with {note number: words kept}) until every
    note starts on its call's page, cutting the notes that do not fit; the last layout."""
    cuts = {}
    rendered = render(cuts)
    while (number := moved_note(rendered, cuts)) is not None:
        low, high, best = 1, note_words[number] - 1, None
        while low <= high:  # the most words that still fit under the call's page
            middle = (low + high) // 2
            if fits(render({**cuts, number: middle}), number):
                best, low = middle, middle + 1
            else:
                high = middle - 1
        cuts[number] = best if best is not None else 0  # 0: not even a line fits; let it move whole
        rendered = render(cuts)
    return rendered
