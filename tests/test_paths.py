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
