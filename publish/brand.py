"""The institute's brand, from a brand.yml file (https://posit-dev.github.io/brand-yml/, the format
Quarto, Shiny and pkgdown read): `_brand.yml` at the project root, or the file source/series.yaml
names with `brand:`. It is read with PyYAML and checked here against the part of brand.yml's schema
the editions use: the brand-yml package would bring pydantic, pydantic-core and htmltools for that,
and its errors carry no line. What is unknown or wrong is a finding at its line and column.

The brand is the project's, as the house style is: the house style takes its colours and fonts
(house_style.with_brand) and the parse records its name and logos for the editions (brand_fact).
"""

import base64
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from publish.brand_parts import (
    IMAGE_TYPES,
    THEME_COLOURS,
    read_colours,
    read_fonts,
    read_logos,
    read_meta,
)
from publish.errors import PublishError
from publish.findings import Finding
from publish.paths import BRAND_FILE, STYLES, names_a_file
from publish.source.settings import load_yaml, series_settings, value_places

KNOWN = {  # the keys brand.yml declares, by where they stand; meta and defaults allow any key
    (): {"meta", "logo", "color", "typography", "defaults"},
    ("logo",): {"images", "small", "medium", "large"},
    ("color",): {"palette", *THEME_COLOURS},
    ("typography",): {"fonts", "base", "headings", "monospace", "monospace-inline", "monospace-block", "link"},
}


@dataclass
class Brand:
    path: Path
    name: str = ""  # meta.name.full
    short_name: str = ""
    link: str = ""  # meta.link.home
    logos: dict = field(default_factory=dict)  # size -> {"light": Path, "dark": Path or None, "alt": text}
    colours: dict = field(default_factory=dict)  # brand.yml colour name -> "#rrggbb", palette names resolved
    fonts: dict = field(default_factory=dict)  # house font role -> {family, faces: {face: path from styles/}}
    findings: list = field(default_factory=list)

    def files(self):
        """Every file of the brand that the editions read: itself, its logos, its fonts."""
        logos = [path for logo in self.logos.values() for path in (logo["light"], logo["dark"]) if path]
        fonts = [STYLES / path for font in self.fonts.values() for path in font["faces"].values()]
        return [self.path, *logos, *(Path(os.path.normpath(path)) for path in fonts)]


def brand_path():
    """The brand file: the one series.yaml names (`brand:`), else `_brand.yml` at the project root;
    None when there is none, and the series names none."""
    series, _ = series_settings()
    named = series.get("brand")
    if named:
        return Path(str(named))
    return BRAND_FILE if BRAND_FILE.is_file() else None


class Reader:
    """Reads one brand file; each problem becomes a finding at the line and column of its key."""

    def __init__(self, path, text):
        self.path, self.places, self.findings = path, value_places(text, 1), []

    def note(self, code, message, *keys):
        line, column = next((self.places[keys[:size]] for size in range(len(keys), 0, -1)
                             if keys[:size] in self.places), (1, 1))
        self.findings.append(Finding(str(self.path), line, column, code, message))

    def mapping(self, value, *keys):
        """The value if it is a mapping, else {} and a finding; keys brand.yml does not know are a finding too."""
        if not isinstance(value, dict):
            self.note("brand.invalid", f"'{'.'.join(map(str, keys))}' should be keys and values: left out", *keys)
            return {}
        for key in value:
            if keys in KNOWN and key not in KNOWN[keys]:
                self.note("brand.unknown-key", f"'{key}' is not a brand.yml key here "
                          f"({', '.join(sorted(KNOWN[keys]))}): left out", *keys, key)
        return value

    def file(self, value, *keys):
        """A local file named relative to the brand file, or None (and a finding)."""
        if not isinstance(value, str) or not value.strip():
            self.note("brand.invalid", "expected a file name: left out", *keys)
            return None
        if re.match(r"^[a-z][a-z0-9+.-]*://", value, re.IGNORECASE):
            self.note("brand.invalid", f"'{value}' is on the network; the editions carry only files of the "
                      "project: give a path beside the brand file", *keys)
            return None
        path = Path(os.path.normpath(self.path.parent / value))
        if not names_a_file(path):
            self.note("brand.file-missing", f"'{value}' is not there (looked for {path.as_posix()})", *keys)
            return None
        return path


def read_brand(path=None):
    """The project's Brand (None when it has none), its findings with it. A brand file that cannot be
    read is an error finding, and the editions are built without a brand only once it is fixed."""
    path = path or brand_path()
    if path is None:
        return None
    try:
        text = path.read_text(encoding="utf-8")
        data = load_yaml(text, path)
    except (OSError, UnicodeDecodeError) as error:
        return Brand(path, findings=[Finding(str(path), 1, 1, "brand.unreadable",
                                             f"the brand file cannot be read: {error}")])
    except PublishError as error:
        return Brand(path, findings=[Finding(str(path), error.line or 1, error.column or 1, "brand.unreadable",
                                             error.message)])
    reader = Reader(path, text)
    data = reader.mapping(data)
    brand = Brand(path)
    read_meta(reader, brand, data.get("meta"))
    brand.logos = read_logos(reader, data.get("logo"))
    brand.colours = read_colours(reader, data.get("color"))
    brand.fonts = read_fonts(reader, data.get("typography"))
    brand.findings = reader.findings
    return brand


def data_url(path):
    """A file as a data: URL, so that the editions carry it (the web page loads nothing from outside)."""
    encoded = base64.b64encode(Path(path).read_bytes()).decode("ascii")
    return f"data:{IMAGE_TYPES[Path(path).suffix.lower()]};base64,{encoded}"


def logo_fact(logo, name):
    """A logo as the editions show it; its text for a reader who cannot see it is the institute's name
    when brand.yml gives it no `alt`."""
    return {"src": data_url(logo["light"]), "alt": logo["alt"] or name,
            "dark_src": data_url(logo["dark"]) if logo["dark"] else ""}


def brand_fact(brand):
    """What the editions show of the brand, decided here once: the institute's names and address, the
    masthead's logo (medium, else large, else small) and the web page's icon (small, else medium,
    else large), each carried as a data: URL. None without a brand."""
    if brand is None:
        return None
    logos = brand.logos
    masthead = next((logos[size] for size in ("medium", "large", "small") if size in logos), None)
    icon = next((logos[size] for size in ("small", "medium", "large") if size in logos), None)
    return {"name": brand.name, "short_name": brand.short_name, "link": brand.link,
            "logo": logo_fact(masthead, brand.name) if masthead else None,
            "icon": logo_fact(icon, brand.name) if icon else None}
