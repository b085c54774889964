"""The house style (publish/house_style.py, styles/house.toml): one declaration that becomes the web and
print editions' CSS properties and the DOCX's units."""

from publish.editions.docx_styles import half_points
from publish.house_style import css_custom_properties, load_house_style


def test_house_style_becomes_css_properties():
    css = css_custom_properties(load_house_style())
    assert "--font-body:" in css and "--colour-accent:" in css and "--size-note:" in css
    assert half_points("10.5pt") == "21"
