"""The parts of a brand.yml file the editions use, each read and checked against brand.yml's schema:
meta (name, link), logo, color, typography. Each function takes the Reader (publish.brand) that
turns a problem into a finding at its key, and returns what it could read; what it could not is left
out, and the house style's value stands."""

import os
import re

from publish.colours import contrast
from publish.paths import STYLES

LOGO_SIZES = ("small", "medium", "large")
IMAGE_TYPES = {".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}
HEX = re.compile(r"^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
# brand.yml's typography roles, as the house style's font roles
FONT_ROLES = {"base": "body", "headings": "heading", "monospace": "code"}
FACES = {("normal", 400): "regular", ("italic", 400): "italic", ("normal", 700): "bold", ("italic", 700): "bold-italic"}
WEIGHTS = {"normal": 400, "bold": 700}
THEME_COLOURS = ("foreground", "background", "primary", "secondary", "tertiary", "success", "info", "warning", "danger",
                 "light", "dark")


def text_or_part(reader, value, part, keys):
    """brand.yml's shorthand: `name: X` is `name: {full: X}`, `link: X` is `link: {home: X}`."""
    if value is None or isinstance(value, str):
        return value or ""
    if isinstance(value, dict) and isinstance(value.get(part, ""), str):
        return value.get(part, "")
    reader.note("brand.invalid", f"'{'.'.join(keys)}' should be text or a mapping with '{part}'", *keys)
    return ""


def read_meta(reader, brand, meta):
    if meta is None:
        return
    meta = reader.mapping(meta, "meta")
    name = meta.get("name")
    brand.name = text_or_part(reader, name, "full", ("meta", "name"))
    brand.short_name = (name.get("short", "") if isinstance(name, dict) else "") or brand.name
    brand.link = text_or_part(reader, meta.get("link"), "home", ("meta", "link"))


def logo_resource(reader, value, images, keys):
    """{"path", "alt"} of a logo: a file, a name in logo.images, or {path, alt}."""
    if isinstance(value, str) and value in images:
        return logo_resource(reader, images[value], {}, ("logo", "images", value))
    if isinstance(value, dict) and "path" in value:
        alt = value.get("alt") or ""
        return {"path": reader.file(value["path"], *keys, "path"), "alt": alt if isinstance(alt, str) else ""}
    return {"path": reader.file(value, *keys), "alt": ""}


def checked_image(reader, resource, keys):
    path = resource["path"]
    if path is not None and path.suffix.lower() not in IMAGE_TYPES:
        reader.note("brand.invalid", f"'{path.name}' is not an SVG, PNG or JPEG image: left out", *keys)
        return None
    return path


def read_logos(reader, logo):
    """{size: {"light": path, "dark": path or None, "alt": text}} of the logos that are there."""
    if logo is None:
        return {}
    if isinstance(logo, (str,)) or (isinstance(logo, dict) and "path" in logo):  # one logo for every size
        logo = {"medium": logo}
    logo = reader.mapping(logo, "logo")
    images = logo.get("images") or {}
    images = reader.mapping(images, "logo", "images") if images else {}
    found = {}
    for size in LOGO_SIZES:
        value = logo.get(size)
        if value is None:
            continue
        pair = value if isinstance(value, dict) and {"light", "dark"} & set(value) else {"light": value}
        resources = {tone: logo_resource(reader, pair[tone], images, ("logo", size, tone) if pair is value
                                         else ("logo", size)) for tone in ("light", "dark") if tone in pair}
        paths = {tone: checked_image(reader, resource, ("logo", size)) for tone, resource in resources.items()}
        light = paths.get("light") or paths.get("dark")
        if light:
            alt = next((resource["alt"] for resource in resources.values() if resource["alt"]), "")
            found[size] = {"light": light, "dark": paths.get("dark") if paths.get("light") else None, "alt": alt}
    return found


def resolved_colour(value, palette, seen=()):
    """A colour as #rrggbb: written so, or the name of a palette colour; None if neither."""
    if isinstance(value, str) and HEX.match(value.strip()):
        digits = value.strip()[1:].lower()
        return "#" + ("".join(digit * 2 for digit in digits) if len(digits) == 3 else digits)
    if isinstance(value, str) and value in palette and value not in seen:
        return resolved_colour(palette[value], palette, (*seen, value))
    return None


def read_colours(reader, color):
    """{name: "#rrggbb"} of the palette and the theme colours (a theme colour may name a palette colour)."""
    if color is None:
        return {}
    color = reader.mapping(color, "color")
    palette = color.get("palette") or {}
    palette = reader.mapping(palette, "color", "palette") if palette else {}
    found = {}
    for keys, name, value in [*((("color", "palette", name), name, value) for name, value in palette.items()),
                              *((("color", name), name, color[name]) for name in THEME_COLOURS if name in color)]:
        colour = resolved_colour(value, palette)
        if colour:
            found[name] = colour
        else:
            reader.note("brand.invalid", f"'{value}' is neither a colour written #rrggbb (which the DOCX too can "
                        "use) nor a name in color.palette: the house colour stands", *keys)
    contrast_findings(reader, found)
    return found


def contrast_findings(reader, colours):
    """A warning at a theme colour the editions set text in (the accent of headings, links and captions; the
    text itself) that stands out from the background less than WCAG AA asks of text, 4.5:1."""
    background = colours.get("background", "#ffffff")
    for name in ("primary", "foreground"):
        if name in colours:
            ratio = contrast(colours[name], background)
            if ratio < 4.5:
                reader.note("brand.contrast", f"'{name}' ({colours[name]}) on {background} has a contrast of "
                            f"{ratio:.1f}:1, under the 4.5:1 text needs (WCAG AA): the headings, links and captions "
                            "set in it are hard to read; choose a darker colour", "color", name)


def font_faces(reader, font, number):
    """{face: path relative to styles/} of one family of `source: file`."""
    faces = {}
    for index, entry in enumerate(font.get("files") or []):
        keys = ("typography", "fonts", number, "files", index)
        entry = entry if isinstance(entry, dict) else {"path": entry}
        weight = WEIGHTS.get(str(entry.get("weight", 400)), entry.get("weight", 400))
        face = FACES.get((entry.get("style", "normal"), int(weight) if str(weight).isdigit() else weight))
        path = reader.file(entry.get("path"), *keys, "path")  # at the path itself, where the entry has keys
        if path is None:
            continue
        if face is None or path.suffix.lower() not in (".ttf", ".otf"):
            reader.note("brand.invalid", "only TrueType or OpenType files of weight 400 or 700, normal or italic, "
                        "are used: left out", *keys)
            continue
        faces[face] = os.path.relpath(path, STYLES)
    return faces


def families(reader, fonts):
    """{family: faces} of the fonts of `source: file` that have a regular face."""
    found = {}
    for number, font in enumerate(fonts if isinstance(fonts, list) else []):
        keys = ("typography", "fonts", number)
        if not isinstance(font, dict) or not font.get("family"):
            reader.note("brand.invalid", "a font needs a family", *keys)
        elif font.get("source", "file") != "file":
            reader.note("brand.invalid", f"fonts from '{font.get('source')}' are fetched from the network or the "
                        "system; the editions carry only font files of the project: give `source: file`", *keys)
        elif "regular" not in (faces := font_faces(reader, font, number)):
            reader.note("brand.invalid", f"'{font['family']}' has no regular face (weight 400, normal): left out",
                        *keys)
        else:
            found[font["family"]] = faces
    return found


def read_fonts(reader, typography):
    """{house role: {family, faces}} of base, headings and monospace, when their family is a file font."""
    if typography is None:
        return {}
    typography = reader.mapping(typography, "typography")
    declared = families(reader, typography.get("fonts"))
    found = {}
    for part, role in FONT_ROLES.items():
        value = typography.get(part)
        family = value if isinstance(value, str) else (value or {}).get("family") if isinstance(value, dict) else None
        if family and family in declared:
            found[role] = {"family": family, "faces": declared[family]}
        elif family:
            reader.note("brand.invalid", f"'{family}' is not a font of `typography.fonts` with its files: the house "
                        "font stands", "typography", part)
    return found
