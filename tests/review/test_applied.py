"""Changes that today's source already shows (publish/review/applied.py), on texts as a review leaves them."""

from publish.review.applied import is_applied, merged

THEN = "The mode of engagement has not achieved anything. Since they have been in power, the Taliban rule.\n"
START = THEN.index("achieved anything")


def test_a_replaced_word_is_one_change_and_apart_changes_stay_apart():
    deletion, insertion, far = (32, 50, ""), (50, 50, "achieved little"), (60, 60, "x")
    assert [(start, end, text, names) for start, end, text, names in merged(
        [(insertion, "ins"), (deletion, "del"), (far, "far")])] == [
        (32, 50, "achieved little", ["del", "ins"]), (60, 60, "x", ["far"])]


def test_a_change_is_applied_when_its_new_text_stands_between_the_old_neighbours():
    replaced = (START, START + len("achieved anything"), "achieved little")
    now = THEN.replace("achieved anything", "achieved little")
    assert is_applied(THEN, now, replaced, START)
    assert not is_applied(THEN, THEN, replaced, START)  # not yet
    edited = now.replace("Since they", "Ever since they")  # the author wrote on after the first apply
    assert not is_applied(THEN, edited, replaced, START)  # its neighbour changed: not the same place any more
    inserted = (THEN.index(" Since"), THEN.index(" Since"), " Really.")
    assert is_applied(THEN, THEN.replace("anything. Since", "anything. Really. Since"), inserted, inserted[0] + 8)

