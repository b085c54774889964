"""The publication as every edition shows it (publish/model/publication.py): its date as its language
writes it."""

import pytest


@pytest.mark.parametrize("lang, shown", [("en", "March 15, 2026"), ("en-US", "March 15, 2026"), ("en-GB", "15 March 2026"),
                                         ("fr", "15 mars 2026"), ("de", "15. März 2026")])
def test_a_full_date_reads_as_its_language_writes_it(lang, shown):
    from publish.model.publication import long_date

    assert long_date("2026-03-15", lang) == shown


def test_a_year_or_a_month_stays_as_given():
    from publish.model.publication import long_date

    assert long_date("2026", "en") == "2026" and long_date("2026-03", "fr") == "2026-03"
