"""What the parse decides about a read unit (publish/source/decisions.py): its citation styles, the house
style first and each other style once."""

from checking import CITED, with_front

from publish.paths import Publication
from publish.source.parse import examined


def test_how_to_cite_names_each_style_once(tmp_path, monkeypatch):
    from publish.source.decisions import Decisions, decide_styles

    class Settings:
        merged = {"csl": "apa", "how-to-cite-styles": ["apa", "harvard-cite-them-right", "apa"]}

        def where(self, key):
            return ("index.md", 1)

    class Source:
        settings, unit, index = Settings(), None, "index.md"

    decisions = Decisions()
    decide_styles(Source(), decisions)
    assert decisions.csl.stem == "apa" and [path.stem for path in decisions.other_styles] == ["harvard-cite-them-right"]
    assert decisions.findings == []


def test_the_house_style_is_not_repeated_among_the_how_to_cite_styles(write):
    # How to cite shows the house style, then each other style once
    assert write(CITED, front=with_front("csl: apa\nhow-to-cite-styles: [apa, harvard-cite-them-right, apa]\n")) == []
    checked = examined(Publication("brief"))[1]
    assert checked.csl.name == "apa.csl"
    assert [path.name for path in checked.other_styles] == ["harvard-cite-them-right.csl"]
