"""What WeasyPrint may load while it lays out an edition (publish/editions/local_files.py): the files of
the allowed folders, and nothing else."""

import pytest

from publish.editions.local_files import local_files_only


def test_the_fetcher_serves_the_allowed_folders_and_nothing_else(tmp_path):
    allowed = tmp_path / "allowed"
    allowed.mkdir()
    (allowed / "ok.css").write_text("p {}")
    (tmp_path / "secret.txt").write_text("secret")
    fetcher = local_files_only([allowed])
    assert fetcher.fetch((allowed / "ok.css").as_uri()) is not None
    versioned = fetcher.fetch((allowed / "ok.css").as_uri() + "?v=2")  # a query names no other file
    assert versioned.read() == b"p {}"
    versioned.close()
    for url in ((tmp_path / "secret.txt").as_uri(), f"{(tmp_path / 'secret.txt').as_uri()}?{allowed / 'ok.css'}",
                "http://127.0.0.1:9/x.png", "https://example.org/x.css"):
        with pytest.raises(ValueError, match="blocked"):
            fetcher.fetch(url)
