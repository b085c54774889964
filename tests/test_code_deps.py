"""What a stage runs (publish/code_deps.py): the pipeline's own modules it imports, and no other stage's."""

import json

from publish import code_deps
from publish.code_deps import code_files


def test_each_stage_depends_on_its_own_code_only():
    assert "publish/editions/pdf.py" not in code_files("publish.editions.html")
    assert "publish/editions/html.py" not in code_files("publish.editions.pdf")
    assert {"publish/source/parse.py", "publish/source/metadata.py", "publish/source/styles.py",
            "publish/source/read.py", "publish/source/source_map.py"} <= set(code_files("publish.source.parse"))


def forget_this_process():
    for function in (code_deps.imports_of, code_deps.stage_modules):
        function.cache_clear()
    code_deps.KNOWN_IMPORTS.forget()


def test_the_imports_kept_on_disk_are_read_again_only_for_a_module_that_changed(tmp_path, monkeypatch):
    """build/.cache/imports.json spares the next process parsing the package; a module edited since
    (another time or size) is parsed again, so a new import is a new dependency at once."""
    package = tmp_path / "publish"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "a.py").write_text("import publish.b\n", encoding="utf-8")
    (package / "b.py").write_text("import json\n", encoding="utf-8")
    (package / "c.py").write_text("", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    forget_this_process()
    assert code_files("publish.a") == ["publish/a.py", "publish/b.py"]
    assert set(json.loads((tmp_path / "build" / ".cache" / "imports.json").read_text(encoding="utf-8"))) == {
        "publish/a.py", "publish/b.py"}
    forget_this_process()
    parsed = []
    monkeypatch.setattr(code_deps, "parsed_imports", lambda path: parsed.append(path) or (set(), set()))
    assert code_files("publish.a") == ["publish/a.py", "publish/b.py"] and parsed == []  # read from the disk
    monkeypatch.undo()
    monkeypatch.chdir(tmp_path)
    (package / "a.py").write_text("import publish.b\nimport publish.c\n", encoding="utf-8")
    forget_this_process()
    assert code_files("publish.a") == ["publish/a.py", "publish/b.py", "publish/c.py"]
    forget_this_process()
