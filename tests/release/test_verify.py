"""`doit verify` (publish/release/verify.py): every artifact that exists rebuilt in a copy of the project
and compared byte for byte, a stale one named with the task that refreshes it. In this process on a
small doit project, then end to end in a copy of this one."""

import re
import shutil
import subprocess
import sys

import pytest

from publish.errors import PublishError
from publish.paths import Publication
from publish.release import dist, verify


def test_verify_names_each_artifact_same_differs_or_missing_from_the_rebuild(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rebuilt = tmp_path / "rebuilt"
    for name, data in (("a.pdf", b"one"), ("b.docx", b"two"), ("c.html", b"three")):
        (tmp_path / name).write_bytes(data)
    (rebuilt).mkdir()
    (rebuilt / "a.pdf").write_bytes(b"one")
    (rebuilt / "b.docx").write_bytes(b"TWO")
    verdicts = verify.compare([__import__("pathlib").Path(n) for n in ("a.pdf", "b.docx", "c.html")], rebuilt)
    assert {str(path): verdict for path, verdict in verdicts.items()} == {"a.pdf": "same", "b.docx": "DIFFERS",
                                                                           "c.html": "MISSING"}


def test_verify_calls_every_difference_a_difference_whichever_digest_sorts_first(tmp_path, monkeypatch):
    from pathlib import Path

    monkeypatch.chdir(tmp_path)
    (tmp_path / "rebuilt").mkdir()
    pairs = {"a.pdf": (b"one", b"ONE"), "b.pdf": (b"two", b"TWO")}
    for name, (built, rebuilt) in pairs.items():
        (tmp_path / name).write_bytes(built)
        (tmp_path / "rebuilt" / name).write_bytes(rebuilt)
    digests = [(dist.sha256(built) < dist.sha256(rebuilt)) for built, rebuilt in pairs.values()]
    assert sorted(digests) == [False, True]  # one rebuild's digest sorts before the original's, the other's after
    assert verify.compare([Path("a.pdf"), Path("b.pdf")], tmp_path / "rebuilt") == {Path("a.pdf"): "DIFFERS",
                                                                                    Path("b.pdf"): "DIFFERS"}


def test_verify_lists_only_the_artifacts_that_exist(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    unit = Publication("brief")
    unit.build_folder.mkdir(parents=True)
    for kind in ("pdf", "pdfa", "ris"):
        unit.artifact(kind).write_bytes(b"x")
    assert verify.built_artifacts([unit]) == {unit.artifact("pdf"): ("pdf:brief", ["parse:brief"]),
                                              unit.artifact("pdfa"): ("pdfa:brief", ["parse:brief"]),
                                              unit.artifact("ris"): ("cite:brief", ["parse:brief"])}


# doit verify, in this process, on a small doit project: a parse stage, one edition and the citation files.


SMALL_DODO = '''
from pathlib import Path

DOIT_CONFIG = {"dep_file": "build/.doit.db", "verbosity": 0}
Path("build").mkdir(exist_ok=True)


def writes(source, *targets):
    def action():
        for target in targets:
            Path(target).parent.mkdir(parents=True, exist_ok=True)
            Path(target).write_text(Path(target).suffix + ": " + Path(source).read_text())
    return action


def task_parse():
    yield {"name": "brief", "actions": [writes("source/brief/index.md", "build/brief/.work/document.txt")],
           "file_dep": ["source/brief/index.md"], "targets": ["build/brief/.work/document.txt"]}


def task_cite():
    files = ["build/brief/brief." + extension for extension in ("ris", "bib", "json")]
    yield {"name": "brief", "actions": [writes("build/brief/.work/document.txt", *files)],
           "file_dep": ["build/brief/.work/document.txt"], "targets": files}


def task_html():
    yield {"name": "brief", "actions": [writes("build/brief/.work/document.txt", "build/brief/brief.html")],
           "file_dep": ["build/brief/.work/document.txt", "styles/web.css"], "targets": ["build/brief/brief.html"]}
'''


def doit(*arguments):
    return subprocess.run([sys.executable, "-m", "doit", *arguments], capture_output=True, text=True, check=True).stdout


@pytest.fixture
def small_project(tmp_path, monkeypatch):
    """A doit project whose brief is built: build/brief/brief.html, .ris, .bib and .json."""
    project = tmp_path / "project"
    for path, text in (("dodo.py", SMALL_DODO), ("source/brief/index.md", "# Brief\n"), ("styles/web.css", "p {}\n")):
        (project / path).parent.mkdir(parents=True, exist_ok=True)
        (project / path).write_text(text)
    monkeypatch.chdir(project)
    doit("html:brief", "cite:brief")
    return project


def test_verify_rebuilds_every_artifact_and_says_they_all_match(small_project, capsys):
    verify.verify_build([Publication("brief")])
    assert capsys.readouterr().out == ("same    build/brief/brief.html\nsame    build/brief/brief.ris\n"
                                       "same    build/brief/brief.bib\nsame    build/brief/brief.json\n"
                                       "all 4 artifacts match a rebuild from the same inputs\n")


def test_verify_names_an_artifact_that_differs_from_its_rebuild(small_project, capsys):
    (small_project / "build/brief/brief.bib").write_text("edited by hand\n")
    with pytest.raises(PublishError) as failed:
        verify.verify_build([Publication("brief")])
    assert str(failed.value) == "error: 1 artifact(s) differ from a rebuild of the same inputs: build/brief/brief.bib"
    assert capsys.readouterr().out == ("same    build/brief/brief.html\nsame    build/brief/brief.ris\n"
                                       "DIFFERS build/brief/brief.bib\nsame    build/brief/brief.json\n")


def test_verify_names_stale_artifacts_with_the_task_that_refreshes_them(small_project, capsys):
    (small_project / "styles/web.css").write_text("p { color: red }\n")  # the HTML's own input
    (small_project / "build/brief/brief.ris").write_text("edited by hand\n")
    with pytest.raises(PublishError) as failed:
        verify.verify_build([Publication("brief")])
    assert str(failed.value) == ("error: 1 artifact(s) differ from a rebuild of the same inputs: build/brief/brief.ris; "
                                 "1 task(s) to rerun first: doit html:brief")
    assert capsys.readouterr().out == (
        "STALE   build/brief/brief.html: its inputs changed since it was built; run doit html:brief to refresh it\n"
        "DIFFERS build/brief/brief.ris\nsame    build/brief/brief.bib\nsame    build/brief/brief.json\n")
    (small_project / "source/brief/index.md").write_text("# Brief, edited\n")  # upstream of every artifact
    with pytest.raises(PublishError) as failed:
        verify.verify_build([Publication("brief")])
    assert str(failed.value) == "error: 2 task(s) to rerun first: doit cite:brief html:brief"
    assert capsys.readouterr().out.splitlines() == [
        f"STALE   build/brief/brief.{extension}: its inputs changed since it was built; run doit {task}:brief to refresh it"
        for extension, task in (("html", "html"), ("ris", "cite"), ("bib", "cite"), ("json", "cite"))]


def test_verify_names_the_files_in_build_that_no_task_makes(small_project, capsys):
    for path in ("build/brief/brief.fr.html", "build/old/old.html", "build/old/.work/document.txt",  # made once
                 "build/dist/brief-v1.tar.gz", "build/.cache/x", "build/site/authors/a.html"):  # kept on purpose
        (small_project / path).parent.mkdir(parents=True, exist_ok=True)
        (small_project / path).write_text("x\n")
    verify.verify_build([Publication("brief")])  # a warning: a release and the site never carry them
    said = "no task makes it (its publication or translation was removed or renamed): delete it"
    assert capsys.readouterr().out.splitlines()[-4:-1] == [
        f"ORPHAN  build/brief/brief.fr.html: {said}", f"ORPHAN  build/old/: {said}",
        "warning: 2 file(s) or folder(s) in build/ that no task makes: build/brief/brief.fr.html, build/old/"]


def test_verify_slug_verifies_that_publication_alone(small_project, capsys):
    (small_project / "build/old").mkdir()
    (small_project / "build/old/old.html").write_text("x\n")  # another folder's: not looked at
    units = [Publication("brief"), Publication("other")]
    verify.verify_build(units, slugs=["brief"])
    assert capsys.readouterr().out.splitlines()[-1] == "all 4 artifacts match a rebuild from the same inputs"
    with pytest.raises(PublishError, match=re.escape("nothing to verify: build the editions first (doit)")):
        verify.verify_build(units, slugs=["other"])
    with pytest.raises(PublishError, match=re.escape("no publication 'brif' in source/: did you mean 'brief'? the "
                                                     "publications are brief, other")):
        verify.verify_build(units, slugs=["brif"])


def test_verify_with_nothing_built_says_so_in_process(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(PublishError, match=re.escape("nothing to verify: build the editions first (doit)")):
        verify.verify_build([Publication("brief")])


def test_the_tasks_to_run_are_those_doit_would_run_now(small_project):
    assert verify.tasks_to_run() == {"parse", "cite", "html"}  # group tasks always list as to run
    (small_project / "styles/web.css").write_text("p { color: red }\n")
    assert verify.tasks_to_run() == {"parse", "cite", "html", "html:brief"}


def test_an_unreadable_doit_state_is_one_line(small_project):
    (small_project / "dodo.py").write_text("import no_such_module_here\n")
    with pytest.raises(PublishError) as failed:
        verify.tasks_to_run()
    message = str(failed.value)
    assert message.startswith("error: cannot read doit's state: ") and "No module named 'no_such_module_here'" in message
    assert "Traceback" not in message and "import no_such_module_here" not in message


def test_the_files_the_tasks_make_are_read_from_the_dodo_file_and_an_unreadable_one_is_one_line(small_project):
    assert verify.declared_outputs() == ({"build/brief/.work/document.txt", "build/brief/brief.html",
                                          "build/brief/brief.ris", "build/brief/brief.bib", "build/brief/brief.json"},
                                         "build/.doit.db")
    (small_project / "dodo.py").write_text("import no_such_module_here\n")
    with pytest.raises(PublishError) as failed:
        verify.declared_outputs()
    assert str(failed.value) == ("error: cannot read the project's tasks: ModuleNotFoundError: No module named "
                                 "'no_such_module_here'")


KILLED_BY_A_SIGNAL = "import os, signal\nos.write(1, b'{said}\\n')\nos.kill(os.getpid(), signal.SIGKILL)\n"


def test_a_doit_killed_while_reading_its_state_is_an_error_not_nothing_to_run(small_project):
    (small_project / "dodo.py").write_text(KILLED_BY_A_SIGNAL.format(said="reading the tasks"))  # as the OOM killer would
    with pytest.raises(PublishError, match=re.escape("cannot read doit's state: ") + ".*reading the tasks"):
        verify.tasks_to_run()


def test_a_rebuild_killed_by_a_signal_failed(small_project, tmp_path):
    copy = tmp_path / "copy"
    verify.copy_project(copy)
    with open(copy / "dodo.py", "a") as dodo:
        dodo.write("\n\ndef task_killed():\n    return {'actions': [lambda: exec(%r)]}\n"
                   % KILLED_BY_A_SIGNAL.format(said="rendering"))
    with pytest.raises(PublishError, match="the rebuild failed: rendering$"):
        verify.rebuild({"killed"}, copy)


def test_the_rebuild_runs_in_a_copy_without_outputs_environments_or_caches(small_project, tmp_path):
    for path in ("build/brief/brief.pdf", ".venv/bin/python", "node_modules/x/index.js", "publish/__pycache__/x.pyc",
                 ".pytest_cache/v", ".git/HEAD", "publish/x.py"):
        (small_project / path).parent.mkdir(parents=True, exist_ok=True)
        (small_project / path).write_text("x\n")
    (small_project / "styles/house.css").symlink_to("web.css")
    copy = tmp_path / "copy"
    verify.copy_project(copy)
    assert sorted(path.relative_to(copy).as_posix() for path in copy.rglob("*")) == [
        ".git", ".git/HEAD", "dodo.py", "publish", "publish/x.py", "source", "source/brief", "source/brief/index.md",
        "styles", "styles/house.css", "styles/web.css"]
    assert (copy / "styles/house.css").readlink().as_posix() == "web.css"
    verify.rebuild({"cite:brief", "html:brief"}, copy)
    assert (copy / "build/brief/brief.ris").read_text() == ".ris: .txt: # Brief\n"
    assert (copy / "build/brief/brief.html").read_text() == ".html: .txt: # Brief\n"


def test_a_failed_rebuild_is_its_last_line(small_project, tmp_path):
    with open(small_project / "dodo.py", "a") as dodo:
        dodo.write('\n\ndef task_tools():\n    return {"actions": ["true"], "file_dep": ["node_modules/tool.js"]}\n')
    (small_project / "node_modules").mkdir()
    (small_project / "node_modules/tool.js").write_text("x\n")
    doit("tools")
    copy = tmp_path / "copy"
    verify.copy_project(copy)  # without node_modules/, which the rebuild then misses
    with pytest.raises(PublishError) as failed:
        verify.rebuild({"tools", "cite:brief"}, copy)
    assert str(failed.value) == ("error: the rebuild failed: ERROR: Task 'tools' checking dependencies: Dependent file "
                                 "'node_modules/tool.js' does not exist.")


# The same, end to end: `doit verify` in a copy of the project (slower: kept last, for the mutation tests).


@pytest.fixture(scope="module")
def cited(tmp_path_factory):
    """A copy of the project with the brief's citation files built (the quickest artifacts to rebuild); the
    tests share it in order, each leaving it as it found it but the last."""
    from projects import SLUG, copy_project, run_doit

    project = copy_project(tmp_path_factory.mktemp("cited") / "project")
    run_doit(project, f"cite:{SLUG}")
    return project, SLUG


def test_verify_names_the_files_of_a_removed_translation_and_verifies_one_publication(cited):
    from projects import run_doit

    project, slug = cited
    run_doit(project, "new", "--translation-of", slug, "--lang", "fr")
    run_doit(project, f"cite:{slug}.fr")
    (project / "source" / slug / "index.fr.md").unlink()  # the translation given up: its files stay in build/
    run_doit(project, f"cite:{slug}")  # the original's, which named its translation, made again
    for arguments in (["verify"], ["verify", slug]):
        result = run_doit(project, *arguments, check=False)
        orphans = [line for line in result.stdout.splitlines() if line.startswith("ORPHAN")]
        assert result.returncode == 0 and f"same    build/{slug}/{slug}.ris" in result.stdout
        assert [line.split(":")[0] for line in orphans] == [f"ORPHAN  build/{slug}/.work/fr/"] + [
            f"ORPHAN  build/{slug}/{slug}.fr.{extension}" for extension in ("bib", "json", "ris")]
        assert "4 file(s) or folder(s) in build/ that no task makes" in result.stdout
    unknown = run_doit(project, "verify", "nope", check=False)
    assert f"error: no publication 'nope' in source/: the publications are {slug}" in unknown.stdout
    shutil.rmtree(project / "build" / slug / ".work" / "fr")
    for extension in ("bib", "json", "ris"):
        (project / "build" / slug / f"{slug}.fr.{extension}").unlink()
    assert "all 3 artifacts match a rebuild" in run_doit(project, "verify", slug).stdout


def test_verify_passes_names_a_tampered_file_and_a_stale_one(cited):
    from projects import run_doit

    project, slug = cited
    assert "all 3 artifacts match a rebuild" in run_doit(project, "verify").stdout
    with open(project / "build" / slug / f"{slug}.ris", "ab") as ris:
        ris.write(b"\n")
    result = run_doit(project, "verify", check=False)
    assert result.returncode != 0 and f"DIFFERS build/{slug}/{slug}.ris" in result.stdout
    assert f"same    build/{slug}/{slug}.bib" in result.stdout and "1 artifact(s) differ" in result.stdout
    index = project / "source" / slug / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace('title: "Engaging', 'title: "Still Engaging'), encoding="utf-8")
    result = run_doit(project, "verify", check=False)
    assert result.returncode != 0
    assert f"STALE   build/{slug}/{slug}.ris: its inputs changed since it was built; run doit cite:{slug}" in result.stdout
    assert f"1 task(s) to rerun first: doit cite:{slug}" in result.stdout


def test_verify_with_nothing_built_says_so(tmp_path):
    from projects import copy_project, run_doit

    project = copy_project(tmp_path / "project")
    result = run_doit(project, "verify", check=False)
    assert result.returncode != 0 and "nothing to verify: build the editions first (doit)" in result.stdout


def test_the_tasks_to_run_ignore_lines_that_name_no_task(small_project):
    with open(small_project / "dodo.py", "a") as dodo:  # a dodo.py that prints as it loads: a blank line and a word
        dodo.write('\nprint()\nprint("loaded")\n')
    assert verify.tasks_to_run() == {"parse", "cite", "html"}
