"""What a stage runs (publish/code_deps.py): the pipeline's own modules it imports, and no other stage's."""

from publish.code_deps import code_files


def test_each_stage_depends_on_its_own_code_only():
    assert "publish/editions/pdf.py" not in code_files("publish.editions.html")
    assert "publish/editions/html.py" not in code_files("publish.editions.pdf")
    assert {"publish/source/parse.py", "publish/source/metadata.py", "publish/source/styles.py",
            "publish/source/read.py", "publish/source/source_map.py"} <= set(code_files("publish.source.parse"))
