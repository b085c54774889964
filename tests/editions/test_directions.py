"""Left-to-right islands in a right-to-left publication (publish/editions/directions.py): a bibliography
entry or a note in Latin script reads left to right as a whole."""


def test_latin_islands_in_a_right_to_left_page_read_left_to_right():
    from publish.editions.directions import first_strong_direction, mark_islands
    from publish.editions.fragments import finished, parsed

    assert [first_strong_direction(text) for text in ("1948. Smith", "۱۹۴۸ بشر", "12 -", "«Human»")] == ["ltr", "rtl", None, "ltr"]
    fragment = ('<div class="csl-entry">Smith, J. 2020.</div><div class="csl-entry">بشر Smith</div>'
                '<aside class="footnote"><span>1.</span><p>Smith 2020.</p></aside>')
    marked = parsed(finished(fragment, lambda body: mark_islands(body, "rtl")))
    assert [element.get("dir") for element in marked.iter("div", "aside", "p")][1:] == ["ltr", None, None, "ltr"]
    assert finished(fragment, lambda body: mark_islands(body, "ltr")) == fragment
