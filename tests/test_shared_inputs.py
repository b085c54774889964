"""One digest for what every publication's task of a stage reads alike (publish/shared_inputs.py)."""

import os

from publish import shared_inputs
from publish.caches import forget_before_warm_rebuild
from publish.shared_inputs import split_shared


def digest_now(paths):
    forget_before_warm_rebuild()  # as a new doit would see the files
    return split_shared(paths)[0]


def test_the_digest_follows_the_bytes_not_the_time(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    template = tmp_path / "page.html.j2"
    template.write_text("<p>{{ body }}</p>", encoding="utf-8")
    first = digest_now(["page.html.j2"])
    template.write_text("<p>{{ body }}</p>", encoding="utf-8")
    os.utime(template, ns=(1, 1))  # saved again unchanged: another time, the same bytes
    assert digest_now(["page.html.j2"]) == first
    template.write_text("<p>{{ body }}!</p>", encoding="utf-8")
    assert digest_now(["page.html.j2"]) != first


def test_the_files_names_are_in_the_digest(tmp_path, monkeypatch):
    """A style sheet moved (a template now reads another file with the same bytes) is another set of inputs."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.css").write_text("p {}", encoding="utf-8")
    (tmp_path / "b.css").write_text("p {}", encoding="utf-8")
    assert digest_now(["a.css"]) != digest_now(["b.css"])


def test_a_file_unchanged_since_the_last_process_is_not_read_again(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "house.toml").write_text("[page]\nsize = 'A4'\n", encoding="utf-8")
    first = digest_now(["house.toml"])
    assert (tmp_path / "build" / ".cache" / "digests.json").is_file()
    read = []
    monkeypatch.setattr(shared_inputs, "file_digest", lambda path: read.append(path) or "x")
    assert digest_now(["house.toml"]) == first and read == []
    (tmp_path / "house.toml").write_text("[page]\nsize = 'A5'\n", encoding="utf-8")
    assert digest_now(["house.toml"]) != first and read == ["house.toml"]


def test_a_missing_file_stays_a_file_dependency_doit_names(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "here.css").write_text("p {}", encoding="utf-8")
    digest, missing = split_shared(["here.css", "styles/gone.css"])
    assert missing == ["styles/gone.css"] and digest == digest_now(["here.css"])
