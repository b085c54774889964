"""Runs of the other direction isolated (publish/bidi.py): what the Unicode bidirectional algorithm then
shows in order, on text as the editions hold it."""

from publish.bidi import isolated, isolated_html

LRI, RLI, PDI = "\u2066", "\u2067", "\u2069"


def test_a_persian_month_in_a_latin_citation_is_isolated_and_the_year_stays_after_it():
    assert isolated("Rights,” 10 دسامبر 1948, https://x.org", "ltr") == f"Rights,” 10 {RLI}دسامبر{PDI} 1948, https://x.org"


def test_a_latin_name_in_persian_is_isolated_without_the_stops_and_spaces_around_it():
    text = "نوشته United Nations General Assembly (1948). اعلامیه"
    assert isolated(text, "rtl") == f"نوشته {LRI}United Nations General Assembly{PDI} (1948). اعلامیه"


def test_text_of_one_direction_is_left_as_it_is():
    assert isolated("Plain English, 12 pages.", "ltr") == "Plain English, 12 pages."
    assert isolated("متن فارسی ۱۲", "rtl") == "متن فارسی ۱۲"


def test_code_and_formulas_keep_their_text_and_markup_is_kept():
    html = 'Un <code>x = "نام"</code> و <em>Title</em> بعد'
    assert isolated_html(html, "rtl") == f'{LRI}Un{PDI} <code>x = "نام"</code> و <em>{LRI}Title{PDI}</em> بعد'
