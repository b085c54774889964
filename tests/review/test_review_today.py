"""A reviewer's edit placed in today's source when the author has written on since the DOCX was built
(publish/review/review.py, Today): moved by what was written before it, refused where its words or the
token either side of it changed."""

from publish.review.review import Today

THEN = "The plan's cost rose by 4.5% in 2024.\n\nIt stays high; big-dog rules.\n\nLast words"
NOW = "A new opening paragraph.\n\nThe plan's cost rose by 4.5% in 2024.\n\nIt stays high; big+dog rules.\n\nLast words"


def applied(text, edit):
    start, end, new = edit
    return text[:start] + new + text[end:]


def test_an_unchanged_source_takes_every_edit_where_it_stands():
    today = Today(THEN, THEN)
    assert today.edit(4, 8, "aim") == (4, 8, "aim") and today.place(9) == 9


def test_an_edit_to_words_the_author_left_alone_moves_with_what_was_written_before_them():
    today = Today(THEN, NOW)
    for word, new in (("cost", "price"), ("4.5%", "5%"), ("The", "Our"), ("Last words", "The end")):
        start = THEN.index(word)
        edit = today.edit(start, start + len(word), new)
        assert applied(NOW, edit) == NOW.replace(word, new, 1), word
    end = len(THEN)
    assert applied(NOW, today.edit(end, end, ".")) == NOW + "."  # an insertion at the very end
    start = THEN.index("It")
    assert applied(NOW, today.edit(start, start, "Still, ")) == NOW.replace("It stays", "Still, It stays")


def test_an_edit_whose_words_or_neighbours_changed_is_refused():
    today = Today(THEN, NOW)
    start = THEN.index("dog")
    assert today.edit(start, start + 3, "cat") is None  # the '-' before it is a '+' now
    start = THEN.index("big")
    assert today.edit(start, start + len("big-dog"), "large dog") is None
    assert Today("one two three.", "one two three!").edit(8, 13, "3") is None  # what follows it changed
