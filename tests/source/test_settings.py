"""The settings of a publication unit (publish/source/settings.py): a front matter must open and close,
and a YAML mistake fails the build with one line naming its place."""

import pytest
from projects import copy_project, run_doit

from publish.errors import PublishError
from publish.source.settings import split_front_matter


def test_front_matter_must_open_and_close():
    with pytest.raises(PublishError, match="no front matter"):
        split_front_matter("# Title\n", "index.md")
    with pytest.raises(PublishError, match="not closed"):
        split_front_matter("---\ntitle: x\n", "index.md")
    assert split_front_matter("---\ntitle: x\n---\ntext\n", "index.md") == "title: x"


def test_a_yaml_mistake_fails_the_build_with_one_line_naming_the_place(tmp_path):
    project = copy_project(tmp_path)
    index = project / "source" / "engaging-with-the-taliban" / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace('lang: en', 'lang: [en'), encoding="utf-8")
    process = run_doit(project, check=False)
    assert process.returncode != 0
    output = (process.stdout + process.stderr).splitlines()
    # at the bracket never closed, not where YAML's parser gave up
    assert any(line.startswith("source/engaging-with-the-taliban/index.md:11:7: error: YAML error: the '[' opened here "
                               "is never closed") for line in output)
    assert not any("Traceback" in line for line in output)
    assert not (project / "build" / "engaging-with-the-taliban" / "engaging-with-the-taliban.pdf").exists()
