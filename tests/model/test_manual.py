"""The README's tables, written from the model's declarations by publish/model/manual.py: current, and
naming every edition and every key."""

from projects import ROOT

from publish.model import editions, front_matter, manual


def test_the_readme_tables_are_written_from_the_declarations(monkeypatch):
    monkeypatch.chdir(ROOT)
    assert manual.main(["--check"]) == 0, "run: .venv/bin/python -m publish.model.manual"
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    for edition in editions.EDITIONS:
        assert f"| `{edition.task}:<slug>` | {edition.about}: `{edition.files}` |" in text
    for key in front_matter.KEYS:
        assert f"`{key.name}`" in text
