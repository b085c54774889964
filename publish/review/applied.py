"""Changes of a reviewed DOCX that today's source already shows: a second `doit review --apply` of the same
file, or a change the author has made by hand since, must change nothing. A change is already there when the
revision's words either side of it stand around its new text today, and no longer around its old text.
"""

CONTEXT = 24  # characters of the revision's source either side of a change that must stand around it today


def merged(edits):
    """[(start, end, text, [findings])]: edits in the revision's source, with those that touch as one (a
    replaced word is a deletion and an insertion at one of its ends; a second apply sees only both)."""
    groups = []
    for (start, end, text), finding in sorted(edits, key=lambda pair: (pair[0][0], pair[0][1])):
        if groups and start <= groups[-1][1]:
            first, last, joined, findings = groups[-1]
            groups[-1] = (first, max(last, end), joined + text, [*findings, finding])
        else:
            groups.append((start, end, text, [finding]))
    return groups


def is_applied(then, now, edit, near):
    """Whether today's source `now` shows the edit (start, end, text) of the revision's source `then`
    around `near`, where that place stands today."""
    start, end, text = edit
    before, after = then[max(0, start - CONTEXT):start], then[end:end + CONTEXT]
    reach = 2 * CONTEXT + len(text) + (end - start)  # `near` may stand before or after the new text
    window = now[max(0, near - reach):near + reach]
    return before + text + after in window and before + then[start:end] + after not in window


def already_applied(edits, today):
    """The findings of `edits` [((start, end, text), finding)] whose changes today's source already shows."""
    if today.then == today.now:
        return []
    found = []
    for start, end, text, findings in merged(edits):
        if is_applied(today.then, today.now, (start, end, text), today.place(start)):
            found += findings
    return found
