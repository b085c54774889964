"""Changes that today's source already shows (publish/review/applied.py), on texts as a review leaves them."""

import pytest

from publish.review.applied import CONTEXT, already_applied, is_applied, merged
from publish.review.review import Today

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



def test_touching_edits_merge_into_the_group_before_them_whatever_order_they_come_in():
    """Edits come in the order the review found them, their findings are opaque objects (review.Finding), and
    their texts sort otherwise than their places: each touching edit joins the group just before it."""
    far, deletion, insertion, inside = object(), object(), object(), object()
    edits = [((60, 60, " Really"), far), ((10, 30, ""), deletion), ((10, 10, "b"), insertion), ((5, 8, "zz"), inside)]
    assert merged(edits) == [(5, 8, "zz", [inside]), (10, 30, "b", [insertion, deletion]), (60, 60, " Really", [far])]


def test_edits_that_overlap_or_touch_far_into_a_text_are_one_group():
    """No two groups overlap, and offsets past the small numbers Python shares merge as well."""
    first, second, third = object(), object(), object()
    edits = [((1000, 1040, ""), first), ((1020, 1060, ""), second), ((1060, 1060, "new"), third)]
    assert merged(edits) == [(1000, 1060, "new", [first, second, third])]


def placed_in_filler(passage, offset, length=400):
    """`passage` standing at `offset` of a text of `length` characters of words found nowhere in it."""
    filler = ("Quite unrelated prose stands here. " * (length // 30 + 2))[:length - len(passage)]
    return filler[:offset] + passage + filler[offset:]


@pytest.mark.parametrize("start, old, new", [(START, "achieved anything", "achieved little"),
                                             (THEN.index(" Since"), "", " Really."),
                                             (THEN.index("mode"), "mode", "way"), (0, "The", "")])
def test_a_change_is_found_when_it_stands_within_its_reach_of_its_place_and_not_beyond(start, old, new):
    """Today's source shows a change near the place of the revision's start (`near`): the context either side of
    it and its new text stand at most twice the context, its new and its old text's length away from there."""
    assert THEN[start:start + len(old)] == old
    end = start + len(old)
    passage = THEN[max(0, start - CONTEXT):start] + new + THEN[end:end + CONTEXT]
    reach = 2 * CONTEXT + len(new) + len(old)
    for offset in (0, 5, 150):
        now = placed_in_filler(passage, offset)
        for near in range(max(0, offset - 2 * reach), offset + len(passage) + 2 * reach):
            within = near - reach <= offset and offset + len(passage) <= near + reach
            assert is_applied(THEN, now, (start, end, new), near) == within, (offset, near)


@pytest.mark.parametrize("start", [0, 5, 50])
def test_a_change_is_applied_only_where_its_context_either_side_is_unchanged(start):
    """The CONTEXT characters either side of a change, and no more, must stand around its new text today."""
    end = start + 4
    new = "WORD"
    applied = THEN[:start] + new + THEN[end:]
    at = start + len(new)  # where the revision's `end` stands today
    assert is_applied(THEN, applied, (start, end, new), start)
    for changed, expected in ((start - CONTEXT - 1, True), (start - CONTEXT, False), (start - 1, False),
                              (at, False), (at + CONTEXT - 1, False), (at + CONTEXT, True)):
        if 0 <= changed < len(applied):
            now = applied[:changed] + "#" + applied[changed + 1:]
            assert is_applied(THEN, now, (start, end, new), start) == expected, changed


@pytest.mark.parametrize("new", ["achieved little", "achieved almost nothing"])  # today sorts after, before
def test_the_findings_of_the_edits_today_shows_are_already_applied_and_only_those(new):
    old = "achieved anything"
    start = THEN.index(old)
    deletion, insertion, elsewhere, unchanged = object(), object(), object(), object()
    edits = [((start + len(old), start + len(old), new), insertion), ((start, start + len(old), ""), deletion),
             ((THEN.index("Taliban"), THEN.index("Taliban"), "new "), unchanged),
             ((THEN.index("power"), THEN.index("power") + 5, "office"), elsewhere)]
    now = THEN.replace(old, new).replace("power", "office")
    assert (now > THEN) == (new == "achieved little")
    assert set(map(id, already_applied(edits, Today(THEN, now)))) == {id(deletion), id(insertion), id(elsewhere)}
    assert already_applied(edits, Today(THEN, THEN)) == []
