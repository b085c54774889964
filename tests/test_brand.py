"""The brand (publish/brand.py): a brand.yml file read against the part of its schema the editions use,
each problem a finding at its line and column, and the house style taking its colours and fonts."""

import base64
from pathlib import Path

from projects import ROOT, inside

from publish.brand import brand_fact, read_brand
from publish.colours import contrast
from publish.house_style import house_toml, load_house_style, with_brand

MARK = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>\n'
GOOD = """\
meta:
  name:
    full: Corvell Institute for Public Policy
    short: Corvell Institute
  link: https://corvell.example.org/
logo:
  images:
    mark: mark.svg
  small: mark
  medium:
    light: {path: logo.svg, alt: Corvell Institute}
    dark: logo.svg
color:
  palette:
    teal: "#0B5563"
  primary: teal
  foreground: "#222"
"""


def brand_in(folder, text, files=("mark.svg", "logo.svg")):
    for name in files:
        (folder / name).write_text(MARK, encoding="utf-8")
    (folder / "_brand.yml").write_text(text, encoding="utf-8")
    return read_brand(folder / "_brand.yml")


def test_a_brand_gives_names_logos_and_colours_with_palette_names_resolved(tmp_path):
    brand = brand_in(tmp_path, GOOD)
    assert brand.findings == []
    assert (brand.name, brand.short_name, brand.link) == ("Corvell Institute for Public Policy", "Corvell Institute",
                                                          "https://corvell.example.org/")
    assert brand.colours == {"teal": "#0b5563", "primary": "#0b5563", "foreground": "#222222"}
    fact = brand_fact(brand)
    assert fact["logo"]["alt"] == "Corvell Institute" and fact["logo"]["dark_src"]
    assert base64.b64decode(fact["icon"]["src"].split(",", 1)[1]).decode() == MARK
    assert fact["icon"]["alt"] == "Corvell Institute for Public Policy"  # no alt given: the institute's name


def test_each_problem_is_a_finding_at_its_key(tmp_path):
    text = GOOD.replace("    dark: logo.svg", "    dark: gone.svg")
    text = text.replace("  primary: teal", "  primary: rgb(1, 2, 3)")
    text += "  tertary: \"#ffffff\"\ntypography:\n  fonts:\n    - family: Inter\n      source: google\n  base: Inter\n"
    brand = brand_in(tmp_path, text)
    found = {(finding.code, finding.line, finding.column) for finding in brand.findings}
    assert found == {("brand.file-missing", 12, 5), ("brand.invalid", 16, 3), ("brand.unknown-key", 18, 3),
                     ("brand.invalid", 21, 7), ("brand.invalid", 23, 3)}
    assert all(finding.path == str(tmp_path / "_brand.yml") for finding in brand.findings)
    assert "primary" not in brand.colours and brand.logos["medium"]["dark"] is None


def test_a_brand_file_that_is_not_yaml_is_an_error_at_its_line(tmp_path):
    brand = brand_in(tmp_path, "meta:\n  name: [Corvell\n")
    assert [(finding.code, finding.severity) for finding in brand.findings] == [("brand.unreadable", "error")]
    assert (brand.findings[0].line, brand.findings[0].column) == (2, 9)  # the '[' never closed


def test_the_house_style_takes_the_brands_colours_unless_it_keeps_its_own(tmp_path):
    brand = brand_in(tmp_path, GOOD)
    house = house_toml(ROOT / "styles" / "house.toml")
    branded = with_brand(house, brand)
    assert (branded["colours"]["accent"], branded["quotes"]["pull-rule"]) == ("#0b5563", "#0b5563")
    assert branded["colours"]["text"] == "#222222" and branded["colours"]["muted"] == house["colours"]["muted"]
    kept = with_brand({**house, "brand": {"keep": ["colours.accent"]}}, brand)
    assert kept["colours"]["accent"] == house["colours"]["accent"] and kept["colours"]["text"] == "#222222"
    # the boxes that wore the house's accent wear the brand's, on a light ground of it; the others keep theirs
    key_points = branded["boxes"]["key-points"]
    assert (key_points["rule"], key_points["background"]) == ("#0b5563", "#ebf1f3")  # 8 % of it on white
    assert branded["boxes"]["tip"] == house["boxes"]["tip"] and kept["boxes"] == house["boxes"]


def test_the_dark_scheme_wears_the_brands_colour_lightened_until_it_reads(tmp_path):
    house = house_toml(ROOT / "styles" / "house.toml")
    branded = with_brand(house, brand_in(tmp_path, GOOD))
    dark_ground, accent = branded["colours-dark"]["background"], branded["colours-dark"]["accent"]
    assert dark_ground == house["colours-dark"]["background"] and accent != house["colours-dark"]["accent"]
    assert contrast(accent, dark_ground) >= 7 > contrast("#0b5563", dark_ground)
    red, green, blue = (int(accent[index:index + 2], 16) for index in (1, 3, 5))
    assert green > red and blue > red  # still the brand's teal, not the house's blue
    key_points = branded["boxes"]["key-points"]
    assert key_points["rule-dark"] == accent and key_points["background-dark"] != house["boxes"]["key-points"][
        "background-dark"]
    assert contrast(branded["colours-dark"]["text"], key_points["background-dark"]) >= 7  # its text still reads
    kept = with_brand({**house, "brand": {"keep": ["colours-dark.accent"]}}, brand_in(tmp_path, GOOD))
    assert kept["colours-dark"]["accent"] == house["colours-dark"]["accent"]


def test_the_brand_can_set_the_text_fonts_from_its_files(tmp_path):
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    (fonts / "Brand-Regular.ttf").write_bytes((ROOT / "styles/fonts/NotoSans-Regular.ttf").read_bytes())
    text = GOOD + ("typography:\n  fonts:\n    - family: Brand Sans\n      source: file\n      files:\n"
                   "        - path: fonts/Brand-Regular.ttf\n  base: Brand Sans\n")
    with inside(tmp_path):
        (tmp_path / "styles").mkdir()
        brand = brand_in(Path("."), text)
        assert brand.findings == []
        body = with_brand(house_toml(ROOT / "styles" / "house.toml"), brand)["fonts"]["body"]
        assert body == {"family": "Brand Sans", "generic": "serif", "regular": "../fonts/Brand-Regular.ttf"}
        assert (Path("styles") / body["regular"]).is_file()


def test_a_font_file_the_brand_names_that_is_missing_is_an_error_at_its_line(tmp_path):
    text = GOOD + ("typography:\n  fonts:\n    - family: Brand Sans\n      source: file\n      files:\n"
                   "        - weight: 700\n          path: fonts/Brand-Bold.ttf\n  headings: Brand Sans\n")
    brand = brand_in(tmp_path, text)
    [missing] = [finding for finding in brand.findings if finding.code == "brand.file-missing"]
    line = text.splitlines().index("          path: fonts/Brand-Bold.ttf") + 1
    assert (missing.line, missing.column, missing.severity) == (line, 11, "error")  # at its path, not its weight
    assert "'fonts/Brand-Bold.ttf' is not there" in missing.message
    house = house_toml(ROOT / "styles" / "house.toml")
    assert with_brand(house, brand)["fonts"]["heading"] == house["fonts"]["heading"]  # the house font stands


def test_without_a_brand_file_the_house_style_is_house_toml_alone(tmp_path):
    with inside(tmp_path):
        (tmp_path / "source").mkdir()
        (tmp_path / "source" / "series.yaml").write_text("series: Papers\n", encoding="utf-8")
        assert read_brand() is None
        assert load_house_style(ROOT / "styles" / "house.toml") == house_toml(ROOT / "styles" / "house.toml")


def test_a_brand_colour_too_pale_for_text_is_a_warning_at_its_key(tmp_path):
    """The accent sets headings, links and caption labels: a pale one fails readers (WCAG AA, 4.5:1)."""
    brand = brand_in(tmp_path, GOOD.replace('teal: "#0B5563"', 'teal: "#7FD4DA"'))
    [finding] = [finding for finding in brand.findings if finding.code == "brand.contrast"]
    assert (finding.line, finding.severity) == (GOOD.splitlines().index("  primary: teal") + 1, "warning")
    assert "'primary' (#7fd4da) on #ffffff has a contrast of 1.7:1" in finding.message
    assert not [finding for finding in brand_in(tmp_path, GOOD).findings if finding.code == "brand.contrast"]
