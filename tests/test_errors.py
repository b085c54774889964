"""The one error type for a problem the user can fix (publish/errors.py): one line that names the place,
and a command line that ends on one with that line, not a traceback."""

import os
import subprocess
import sys

from projects import copy_project

from publish.errors import PublishError


def test_error_lines_name_the_place():
    assert str(PublishError("bad", "a/index.md", 3, 7)) == "a/index.md:3:7: error: bad"
    assert str(PublishError("bad")) == "error: bad"


def test_the_sites_command_line_ends_on_a_mistake_in_one_line(tmp_path):
    """`python -m publish.release.site`, which a CI matrix's last job runs, with a PUBLISH_SHARD that is not k/n."""
    project = copy_project(tmp_path / "project")
    result = subprocess.run([sys.executable, "-m", "publish.release.site"], cwd=project, capture_output=True,
                            text=True, check=False, env={**os.environ, "PUBLISH_SHARD": "abc"})
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.splitlines() == [result.stderr.splitlines()[0]] and "PUBLISH_SHARD" in result.stderr
