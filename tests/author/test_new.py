"""`doit new` (publish/author/new.py): a new publication in one command, which builds its editions; a
taken or invalid slug refused."""

import json

import pytest
from projects import SLUG, copy_project, run_doit


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("loop"))


def test_new_scaffolds_a_publication_that_builds_its_three_editions(project):
    result = run_doit(project, "new", "--slug", "test-brief", "--title", "Test")
    assert "created source/test-brief/index.md" in result.stdout
    assert json.loads((project / "source/test-brief/references.json").read_text()) == []
    text = (project / "source/test-brief/index.md").read_text(encoding="utf-8")
    assert 'title: "Test"' in text and "[^example]" in text and "`[@smith2024]`" in text
    run_doit(project)
    for extension in ("pdf", "docx", "html"):
        assert (project / "build" / "test-brief" / f"test-brief.{extension}").stat().st_size > 1000
    found = [line for line in run_doit(project, "check").stdout.splitlines() if line.startswith("source/test-brief/")]
    # only what the author has to write: their name, their institution, the first sentence; never published
    assert [line.rsplit(" [", 1)[1] for line in found] == ["placeholder.unfilled]"] * 3
    assert "'Your Name'" in found[0] and "'Your institution'" in found[1] and "'Write the brief here" in found[2]
    assert run_doit(project, "check", "--strict", "test-brief", check=False).returncode != 0


@pytest.mark.parametrize("slug, message", [
    ("test-brief", "source/test-brief: error: source/test-brief/ exists already: choose another slug"),
    (SLUG, f"source/{SLUG}: error: source/{SLUG}/ exists already"),
    ("Not A Slug", "error: 'Not A Slug' cannot be a slug: use lower-case letters, digits and hyphens"),
])
def test_new_refuses_a_taken_or_invalid_slug(project, slug, message):
    (project / "source" / "test-brief").mkdir(exist_ok=True)
    result = run_doit(project, "new", "--slug", slug, "--title", "X", check=False)
    assert result.returncode != 0 and message in result.stdout


def test_a_series_that_numbers_its_publications_has_the_next_number_proposed(write, capsys):
    from pathlib import Path

    from publish.author.new import new_publication

    write("Text.\n", front='---\ntitle: "T"\nauthor: "A. Author"\ndate: "2024"\nlang: en\nnumber: "11"\n---\n\n')
    with open("source/series.yaml", "a", encoding="utf-8") as series:
        series.write("\nnumbering: auto\n")
    new_publication(slug="next-brief", title="Next")
    assert '\nnumber: "12"\n' in Path("source/next-brief/index.md").read_text(encoding="utf-8")
    assert "numbered 12, after the highest number in the series" in capsys.readouterr().out


def test_the_next_number_counts_the_publications_numbered_by_their_date(write):
    """With numbering: auto, publications that give no number have their place in date order: a new one
    comes after them, not first."""
    from pathlib import Path

    from publish.author.new import new_publication

    write("Text.\n")
    for slug in ("older", "newer"):
        Path("source", slug).mkdir()
        Path("source", slug, "index.md").write_text(f'---\ntitle: "{slug}"\nauthor: "B"\ndate: "2020"\nlang: en\n---\n',
                                                    encoding="utf-8")
    with open("source/series.yaml", "a", encoding="utf-8") as series:
        series.write("\nnumbering: auto\n")
    new_publication(slug="latest", title="Latest")
    assert '\nnumber: "4"\n' in Path("source/latest/index.md").read_text(encoding="utf-8")
