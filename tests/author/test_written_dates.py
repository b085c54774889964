"""Dates as people write them (publish/author/written_dates.py), read in the document's language."""

import pytest

from publish.author.written_dates import read_date


@pytest.mark.parametrize("written, lang, read", [
    ("6 December 2022", "en", "2022-12-06"), ("December 6, 2022", "en", "2022-12-06"),
    ("January 2015", "en", "2015-01"), ("20. Juli 2025", "de", "2025-07-20"), ("1er janvier 2020", "fr", "2020-01-01"),
    ("8/6/2017", "en", "2017-08-06"), ("8/6/2017", "en-GB", "2017-06-08"), ("20.07.2025", "de", "2025-07-20"),
    ("5 Sep 2019", "en", "2019-09-05"), ("12 March 2021", "de", "2021-03-12"), ("2022-06-29", "en", "2022-06-29"),
])
def test_a_date_as_written_is_read_in_its_language(written, lang, read):
    assert read_date(written, lang) == read


@pytest.mark.parametrize("written", ["Spring 2020", "31 February 2020", "13/13/2020", "soon", "2020s"])
def test_a_date_that_cannot_be_read_for_sure_is_not_guessed(written):
    assert read_date(written, "en") is None
