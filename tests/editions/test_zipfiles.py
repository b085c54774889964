"""Zip packages (DOCX, EPUB) rewritten with fixed entry times and order (publish/editions/zipfiles.py), so
identical inputs give identical bytes."""

import io
import zipfile

from publish.editions.zipfiles import rewrite_zip


def test_rewritten_zips_have_fixed_times_and_order():
    source = io.BytesIO()
    with zipfile.ZipFile(source, "w") as archive:
        archive.writestr("b.xml", "1")
        archive.writestr("a.xml", "2")
    rewritten = rewrite_zip(source.getvalue(), {"a.xml": b"3"}, (2024, 1, 1, 0, 0, 0))
    assert rewritten == rewrite_zip(source.getvalue(), {"a.xml": b"3"}, (2024, 1, 1, 0, 0, 0))
    with zipfile.ZipFile(io.BytesIO(rewritten)) as archive:
        assert [i.filename for i in archive.infolist()] == ["b.xml", "a.xml"]
        assert {i.date_time for i in archive.infolist()} == {(2024, 1, 1, 0, 0, 0)}
        assert archive.read("a.xml") == b"3"
        assert {i.compress_type for i in archive.infolist()} == {zipfile.ZIP_DEFLATED}
    with zipfile.ZipFile(io.BytesIO(rewrite_zip(source.getvalue(), {}, stored=("b.xml",)))) as archive:
        assert [i.compress_type for i in archive.infolist()] == [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED]


def test_a_zip_time_is_never_before_1980():
    from publish.editions.zipfiles import zip_time

    assert zip_time(0) == (1980, 1, 1, 0, 0, 0) and zip_time(1700000000) == (2023, 11, 14, 22, 13, 20)
