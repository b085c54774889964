"""The house style (publish/house_style.py, styles/house.toml): one declaration that becomes the web and
print editions' CSS properties and the DOCX's units."""

from publish.editions.docx_styles import half_points
from publish.house_style import css_custom_properties, load_house_style


def test_house_style_becomes_css_properties():
    css = css_custom_properties(load_house_style())
    assert "--font-body:" in css and "--colour-accent:" in css and "--size-note:" in css
    assert half_points("10.5pt") == "21"


def test_a_box_title_is_in_its_rules_colour_only_where_that_reads_on_its_ground():
    """The general box's grey rule (#8c8c8c on #f4f4f4, 3:1) made a pale grey title on grey."""
    from publish.colours import contrast
    from publish.house_style import box_rules, box_title_colour, load_house_style

    house = load_house_style()
    boxes = house["boxes"]
    assert box_title_colour(boxes["key-points"], house) == boxes["key-points"]["rule"]
    assert box_title_colour(boxes["box"], house) == house["colours"]["text"]
    for box in boxes.values():
        assert contrast(box_title_colour(box, house), box["background"]) >= 4.5
    assert f"--box-title: {house['colours']['text']};" in box_rules(house)


def test_the_print_stylesheet_carries_no_colour_scheme_the_web_one_does():
    """WeasyPrint cannot read a prefers-color-scheme media query and warned of it on every PDF it made."""
    from publish.editions.html import WEB_CSS
    from publish.editions.pdf import PRINT_CSS
    from publish.house_style import load_house_style, stylesheet

    house = load_house_style()
    assert "prefers-color-scheme" not in stylesheet(PRINT_CSS, house, font_url=str, dark_scheme=False)
    assert "@media (prefers-color-scheme: dark)" in stylesheet(WEB_CSS, house)
