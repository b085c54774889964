"""The `doit` command `make` installs in the virtual environment (publish/doit_command.py): doit, with an
empty argument, on which doit's own parser crashes with an IndexError, refused in one line. Installed by
the Makefile's own rule into a virtual environment of the test's (which reads this one's packages), and
run as an author runs it, in a copy of the project."""

import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from projects import ROOT, copy_project

from publish.doit_command import empty_argument, option_error


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A copy of the project with its Makefile, and in it a virtual environment whose `doit` make installed."""
    project = copy_project(tmp_path_factory.mktemp("doit-command"))
    shutil.copy2(ROOT / "Makefile", project / "Makefile")
    venv = project / ".venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", venv], check=True)
    packages = Path(subprocess.run([venv / "bin" / "python", "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                                   check=True, capture_output=True, text=True).stdout.strip())
    (packages / "installed-here.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    (venv / ".installed").touch()  # what make's install step leaves: its packages are this environment's
    subprocess.run(["make", "--no-print-directory", ".venv/.doit-command"], cwd=project, check=True, capture_output=True)
    return project


def doit(project, *arguments):
    return subprocess.run([project / ".venv" / "bin" / "doit", *arguments], cwd=project, capture_output=True,
                          text=True, check=False)


@pytest.mark.parametrize("arguments, named", [
    (["new", "--slug", "a", "--title", ""], "after '--title'"),
    (["review", ""], "after 'review'"),
    (["check", "", "--strict"], "after 'check'"),
    ([""], "first argument"),
])
def test_an_empty_argument_is_one_line_that_says_where(project, arguments, named):
    result = doit(project, *arguments)
    assert result.returncode == 3 and result.stdout == ""
    assert result.stderr.splitlines() == [result.stderr.strip()] and named in result.stderr, result.stderr
    assert not (project / "source" / "a").exists()


def test_it_is_doit_otherwise(project):
    result = doit(project, "list")
    assert result.returncode == 0 and "check" in result.stdout.split()


@pytest.mark.parametrize("arguments", [[], ["new", "--slug", "a", "--title", "T"], ["review", "x.docx", "--apply"]])
def test_arguments_with_no_empty_one_pass(arguments):
    assert empty_argument(arguments) is None


@pytest.mark.parametrize("arguments, said", [
    (["check", "-x"], "error: 'doit check' has no option -x: its options are --strict (doit help check)"),
    (["pdf", "--nope"], "error: 'doit pdf' has no option --nope: it takes none (doit help pdf)"),
    (["--bogus"], "error: doit has no option --bogus: its options are "),
])
def test_an_option_doit_does_not_know_is_one_plain_line(project, arguments, said):
    """doit's own message listed its option objects as Python writes them ("CmdOption({'name':...")."""
    result = doit(project, *arguments)
    assert result.returncode == 3 and result.stderr.splitlines() == [result.stderr.strip()], result.stderr
    assert result.stderr.startswith(said) and "CmdOption" not in result.stderr, result.stderr


def test_another_message_of_doit_is_left_as_it_is():
    message = "ERROR: Invalid parameter: \"pdf:x\". Must be a command, task, or a target.\n"
    assert option_error(message, ["pdf:x"]) is None
