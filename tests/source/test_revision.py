"""The source revision each publication is built from (publish/source/revision.py): the commit, marked
when its own files have uncommitted changes; none outside git."""

import subprocess

from publish.source.revision import SourceRevision, source_revisions


def git(folder, *arguments):
    subprocess.run(["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *arguments],
                   cwd=folder, check=True, capture_output=True)


def test_source_revision_names_the_commit_and_uncommitted_changes(tmp_path, monkeypatch):
    for path in ("source/a/index.md", "source/b/index.md", "styles/print.css"):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("x\n")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "first")
    monkeypatch.chdir(tmp_path)
    head = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    time = int(subprocess.run(["git", "log", "-1", "--format=%ct"], capture_output=True, text=True).stdout)
    assert source_revisions(["a", "b"]) == {"a": SourceRevision(head[:12], time), "b": SourceRevision(head[:12], time)}
    (tmp_path / "source/a/index.md").write_text("changed\n")
    (tmp_path / "styles/print.css").write_text("changed\n")  # shared inputs do not mark every publication
    revisions = source_revisions(["a", "b"])
    assert revisions["a"].revision == f"{head[:12]} with uncommitted changes" and revisions["b"].revision == head[:12]


def test_no_revision_outside_git(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert source_revisions(["a"]) == {"a": SourceRevision()}


def head(folder):
    return subprocess.run(["git", "rev-parse", "HEAD"], cwd=folder, capture_output=True, text=True).stdout.strip()[:12]


def test_each_unit_takes_the_newest_commit_of_what_it_reads_and_no_other(tmp_path, monkeypatch):
    """A translation's text is read by that translation alone, the original's text and the folder's other
    files by every unit of the publication, the shared inputs by all; another publication's commits by none."""
    from publish.paths import Publication

    files = ("source/a/index.md", "source/a/index.fr.md", "source/a/chart.png", "source/b/index.md", "styles/print.css")
    for path in files:
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("x\n")
    git(tmp_path, "init", "-q")
    commits = {}
    for name, touched in (("all", files), ("shared", ["styles/print.css"]), ("chart", ["source/a/chart.png"]),
                          ("french", ["source/a/index.fr.md"]), ("other", ["source/b/index.md"])):
        for path in touched:
            (tmp_path / path).write_text(f"{name}\n")
        git(tmp_path, "add", ".")
        git(tmp_path, "commit", "-qm", name)
        commits[name] = head(tmp_path)
    monkeypatch.chdir(tmp_path)
    units = [Publication("a"), Publication("a", "fr"), Publication("b")]
    revisions = {unit.name: revision.revision for unit, revision in source_revisions(units).items()}
    assert revisions == {"a": commits["chart"], "a.fr": commits["french"], "b": commits["other"]}
    (tmp_path / "source/a/index.fr.md").write_text("an uncommitted edit\n")  # the translation's alone
    revisions = {unit.name: revision.revision for unit, revision in source_revisions(units).items()}
    assert revisions == {"a": commits["chart"], "a.fr": f"{commits['french']} with uncommitted changes",
                         "b": commits["other"]}
