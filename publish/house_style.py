"""The house style (styles/house.toml): one declaration for every edition."""

import copy
import os
import tomllib
from pathlib import Path

from publish.colours import contrast, mix, readable_on
from publish.errors import PublishError
from publish.paths import HOUSE_STYLE, STYLES

SECTIONS = ("fonts", "sizes", "colours", "colours-dark", "spacing", "table", "code", "quotes", "page")
# Quarto's callouts, as the house's boxes of the same kind; a bare `::: callout` is Quarto's note.
CALLOUTS = {"callout-note": "note", "callout-tip": "tip", "callout-important": "important", "callout-warning": "warning",
            "callout-caution": "warning", "callout": "note"}
FACES = {"regular": ("normal", 400), "italic": ("italic", 400), "bold": ("normal", 700), "bold-italic": ("italic", 700)}
PROPERTY_PREFIX = {"fonts": "font", "sizes": "size", "colours": "colour", "colours-dark": "colour-dark",
                   "spacing": "spacing", "table": "table", "code": "code", "quotes": "quote", "page": "page"}


# The house values a brand sets (publish.brand), by the brand.yml colour that sets them. Precedence: the
# brand's value replaces house.toml's, except where house.toml keeps its own by name in `[brand] keep`
# (keep = ["colours.accent", "fonts.body"]); what brand.yml has no word for stays house.toml's.
BRAND_COLOURS = {("colours", "accent"): "primary", ("quotes", "pull-rule"): "primary",
                 ("colours", "text"): "foreground", ("colours", "background"): "background"}


DARK_ACCENT_CONTRAST = 7  # the brand's colour on the dark scheme's ground: WCAG AAA, as the house's own


def with_brand_boxes(style, primary, house_accents):
    """The boxes ruled in the house's accent (key points, notes) ruled in the brand's primary instead, on a
    light ground of it, and in the dark scheme in its dark accent on a dark ground of it: a branded page
    has one accent colour, not the house's blue beside the brand's."""
    dark = style["colours-dark"]["accent"]
    dark_ground = style["colours-dark"]["background"]
    for box in style.get("boxes", {}).values():
        if box.get("rule", "").lower() == house_accents[0].lower():
            box.update({"rule": primary, "background": mix(primary, "#ffffff", 0.08)})
        if box.get("rule-dark", "").lower() == house_accents[1].lower():
            box.update({"rule-dark": dark, "background-dark": mix(primary, dark_ground, 0.22)})


def with_dark_accent(style, primary, keep):
    """The web page's dark scheme: brand.yml gives one colour set, for a light page, so the dark accent is
    the brand's primary lightened until it reads on the dark ground, unless house.toml keeps its own."""
    if "colours-dark.accent" not in keep:
        style["colours-dark"]["accent"] = readable_on(primary, style["colours-dark"]["background"],
                                                      DARK_ACCENT_CONTRAST)


def with_brand(style, brand):
    """The house style with the brand's colours and text fonts, except what house.toml keeps."""
    if brand is None:
        return style
    keep = set(style.get("brand", {}).get("keep", []))
    style = copy.deepcopy(style)
    house_accents = style["colours"]["accent"], style["colours-dark"]["accent"]
    for (section, name), colour in BRAND_COLOURS.items():
        if colour in brand.colours and f"{section}.{name}" not in keep:
            style[section][name] = brand.colours[colour]
    if "primary" in brand.colours and "colours.accent" not in keep:
        with_dark_accent(style, brand.colours["primary"], keep)
        if "boxes" not in keep:
            with_brand_boxes(style, brand.colours["primary"], house_accents)
    for role, font in brand.fonts.items():
        if f"fonts.{role}" not in keep:
            generic = style["fonts"][role]["generic"]  # brand.yml does not say; the house's role does
            style["fonts"][role] = {"family": font["family"], "generic": generic, **font["faces"]}
    return style


def load_house_style(path=HOUSE_STYLE, brand=None):
    """The house style of house.toml at `path`, with the project's brand (publish.brand) or `brand`."""
    from publish.brand import read_brand

    return with_brand(house_toml(path), brand or read_brand())


def house_toml(path=HOUSE_STYLE):
    try:
        style = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise PublishError(f"TOML error: {error}", path) from None
    missing = [section for section in SECTIONS if section not in style]
    if missing:
        raise PublishError(f"missing section(s) {', '.join(missing)}", path)
    for role, font in style["fonts"].items():
        if not {"family", "generic", "regular"} <= set(font):
            raise PublishError(f"[fonts.{role}] needs family, generic and regular", path)
    return style


def masthead_css(metadata, edition):
    """The masthead's style sheet of an edition (publish.model.editions), for a project with a brand; else
    nothing, so that a project without one gets the very editions it had before brands."""
    from publish.model.editions import BY_TASK

    return (STYLES / BY_TASK[edition].masthead).read_text(encoding="utf-8") if metadata.get("brand") else ""


def box_kinds(style):
    """{class: box kind} of every fenced-div class drawn as a box: the house's own, and Quarto's callouts."""
    kinds = {kind: kind for kind in style.get("boxes", {})}
    kinds.update({callout: kind for callout, kind in CALLOUTS.items() if kind in kinds})
    return kinds


def box_title_colour(box, style):
    """A box's title is set in its rule's colour where that reads on its ground (4.5:1, WCAG AA), else in
    the text's: the general box's grey rule made a pale grey title on grey."""
    return box["rule"] if contrast(box["rule"], box["background"]) >= 4.5 else style["colours"]["text"]


def box_rules(style, dark_scheme=True):
    """The CSS of each box kind: its shading and rule, light and (for the web's dark scheme) dark."""
    light, dark = [], []
    # the general box first, on every box, so that each kind's own colours override it
    for kind, box in sorted(style.get("boxes", {}).items(), key=lambda item: item[0] != "box"):
        selector = ".box" if kind == "box" else f".box.{kind}"
        light.append(f"{selector} {{ --box-background: {box['background']}; --box-rule: {box['rule']}; "
                     f"--box-title: {box_title_colour(box, style)}; }}")
        dark.append(f"  {selector} {{ --box-background: {box.get('background-dark', box['background'])}; "
                    f"--box-rule: {box.get('rule-dark', box['rule'])}; }}")
    if not dark_scheme:
        return "\n".join(light) + "\n"
    return "\n".join(light) + "\n@media (prefers-color-scheme: dark) {\n" + "\n".join(dark) + "\n}\n"


TEXT_ROLES = ("body", "heading")  # the fonts that fall back to a script font for the letters they lack


def script_fonts(style):
    """{role: font} of the fonts that cover a script the text fonts lack (they have a `script`)."""
    return {role: font for role, font in style["fonts"].items() if "script" in font}


def font_stack(font, fallbacks=()):
    return ", ".join([f'"{font["family"]}"', *(f'"{fallback["family"]}"' for fallback in fallbacks), font["generic"]])


def css_custom_properties(style):
    """`:root { --font-body: ...; }`, which print.css and web.css refer to; the text fonts' stacks
    name the script fonts after them, so a Persian word in an English text still finds its letters."""
    lines = [":root {"]
    fallbacks = list(script_fonts(style).values())
    for section in SECTIONS:
        for name, value in style[section].items():
            css = font_stack(value, fallbacks if name in TEXT_ROLES else ()) if section == "fonts" else value
            lines.append(f"  --{PROPERTY_PREFIX[section]}-{name}: {css};")
    lines.append("}")
    return "\n".join(lines) + "\n"


def font_files(style, only=None):
    """(family, face, path relative to styles/) for every shipped font file, or only the
    (role, face) pairs in `only`."""
    return [
        (font["family"], face, font[face])
        for role, font in style["fonts"].items()
        for face in FACES
        if face in font and (only is None or (role, face) in only)
    ]


def font_folders(style):
    """The folders of every font file of the style: styles/fonts/, and a brand's own outside styles/,
    from which WeasyPrint, allowed only the folders it is given, must load the @font-face files."""
    return sorted({Path(os.path.normpath(STYLES / path)).parent for _, _, path in font_files(style)})


def font_faces(style, url_for=str, only=None):
    """@font-face rules for the shipped fonts; `url_for` maps a file to its URL."""
    rules = []
    for family, face, path in font_files(style, only):
        font_style, weight = FACES[face]
        rules.append(
            f'@font-face {{ font-family: "{family}"; src: url("{url_for(path)}"); '
            f"font-style: {font_style}; font-weight: {weight}; }}"
        )
    return "\n".join(rules) + "\n"


def stylesheet(css_path, style, font_url=None, dark_scheme=True):
    """A stylesheet with the house values (and, given `font_url`, the house fonts) declared before it,
    and the house boxes' colours after it (a page has no dark scheme: WeasyPrint warned of the media
    query on every PDF it made)."""
    faces = font_faces(style, font_url) if font_url else ""
    return (faces + css_custom_properties(style) + css_path.read_text(encoding="utf-8")
            + box_rules(style, dark_scheme))
