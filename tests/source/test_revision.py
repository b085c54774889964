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
