"""The house fonts for the web edition (publish/editions/web_fonts.py): the faces a page needs, and the
characters its subsets hold."""


def test_the_faces_a_page_needs():
    from publish.editions.web_fonts import faces_used, page_characters

    plain = faces_used("<p>text</p>")
    assert ("body", "bold") not in plain and ("heading", "bold") in plain and ("body", "italic") in plain
    assert ("body", "bold") in faces_used("<strong>x</strong>") and ("body", "bold-italic") not in faces_used("<b>x</b>")
    assert ("body", "bold-italic") in faces_used("<strong>x</strong><em>y</em>")
    characters = page_characters("ğ")
    assert "ğ" in characters and "A" in characters and "é" in characters and "“" in characters
    assert characters == "".join(sorted(set(characters))) and page_characters("abc") == page_characters("")
