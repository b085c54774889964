"""The registry of every path (publish/paths.py): a translation's files named beside its original's."""


def test_the_path_registry_names_a_translation_beside_its_original():
    from publish.paths import Publication

    original, persian = Publication("brief"), Publication("brief", "fa")
    assert original.index.as_posix() == "source/brief/index.md" and persian.index.as_posix() == "source/brief/index.fa.md"
    assert original.artifact("pdf").as_posix() == "build/brief/brief.pdf"
    assert persian.artifact("pdf").as_posix() == "build/brief/brief.fa.pdf"
    assert persian.artifact("pdfa").as_posix() == "build/brief/brief-pdfa.fa.pdf"
    assert original.document.as_posix() == "build/brief/.work/document.json"
    assert persian.document.as_posix() == "build/brief/.work/fa/document.json"
    assert (original.task("ris"), persian.task("pdf")) == ("cite:brief", "pdf:brief.fa")


def test_a_publications_files_are_every_file_under_its_folder_but_dot_files_and_linked_folders(tmp_path, monkeypatch):
    from publish.paths import Publication

    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "source" / "brief"
    (folder / "img" / "deep").mkdir(parents=True)
    (folder / ".hidden").mkdir()
    (tmp_path / "elsewhere").mkdir()
    for name in ("index.md", "index.fr.md", "refs.bib", "img/deep/map.png", ".hidden/kept.png", ".DS_Store"):
        (folder / name).write_text("x", encoding="utf-8")
    (tmp_path / "elsewhere" / "far.png").write_text("x", encoding="utf-8")
    (folder / "linked.png").symlink_to("img/deep/map.png")
    (folder / "linked-folder").symlink_to(tmp_path / "elsewhere")
    (folder / "broken.png").symlink_to("nowhere.png")
    names = [path.relative_to("source/brief").as_posix() for path in Publication("brief").source_files()]
    assert names == [".hidden/kept.png", "img/deep/map.png", "index.fr.md", "index.md", "linked.png", "refs.bib"]
    assert [path.name for path in Publication("brief", "de").read_files()] == [  # not the French text
        "kept.png", "map.png", "index.md", "linked.png", "refs.bib"]
