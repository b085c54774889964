"""The house style (styles/house.toml): one declaration for every edition."""

import tomllib

from publish.errors import PublishError
from publish.layout import HOUSE_STYLE

SECTIONS = ("fonts", "sizes", "colours", "spacing")


def load_house_style(path=HOUSE_STYLE):
    try:
        style = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise PublishError(f"TOML error: {error}", path) from None
    missing = [section for section in SECTIONS if section not in style]
    if missing:
        raise PublishError(f"missing section(s) {', '.join(missing)}", path)
    return style


def css_value(section, value):
    """Font names are quoted with a generic fallback; other values are used as written."""
    if section == "fonts":
        return f'"{value}", {"sans-serif" if "sans" in value.lower() else "serif"}'
    return str(value)


def css_custom_properties(style):
    """`:root { --font-body: ...; }`, which print.css and web.css refer to."""
    lines = [":root {"]
    for section in SECTIONS:
        prefix = "colour" if section == "colours" else section.rstrip("s")
        for name, value in style[section].items():
            lines.append(f"  --{prefix}-{name}: {css_value(section, value)};")
    lines.append("}")
    return "\n".join(lines) + "\n"


def stylesheet(css_path, style):
    """A stylesheet with the house style's values declared before it."""
    return css_custom_properties(style) + css_path.read_text(encoding="utf-8")
