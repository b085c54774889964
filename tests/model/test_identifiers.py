"""The identifiers a publication carries (publish/model/identifiers.py), checked as their registries
define them, and the ways authors write them."""

import pytest

from publish.model.identifiers import doi, doi_problem, isbn_problem, issn_problem


@pytest.mark.parametrize("value", ["2049-3630", "0317-8471", "0000-006X", "20493630"])
def test_an_issn_with_its_check_digit_is_accepted(value):
    assert issn_problem(value, "issn") is None


@pytest.mark.parametrize("value, said", [("2049-3631", "check digit"), ("2049-363", "is not an ISSN"),
                                         ("ISSN 2049-3630", "is not an ISSN")])
def test_a_wrong_issn_is_said(value, said):
    assert said in issn_problem(value, "issn")


@pytest.mark.parametrize("value", ["978-3-16-148410-0", "9783161484100", "0-306-40615-2", "080442957X"])
def test_an_isbn_13_or_10_with_its_check_digit_is_accepted(value):
    assert isbn_problem(value, "isbn") is None


@pytest.mark.parametrize("value, said", [("978-3-16-148410-1", "check digit"), ("0-306-40615-3", "check digit"),
                                         ("12345", "is not an ISBN")])
def test_a_wrong_isbn_is_said(value, said):
    assert said in isbn_problem(value, "isbn")


@pytest.mark.parametrize("written", ["10.5555/12345", "https://doi.org/10.5555/12345", "doi:10.5555/12345"])
def test_a_doi_is_kept_without_the_resolver_an_author_copied_with_it(written):
    assert doi(written) == "10.5555/12345" and doi_problem(written, "doi") is None


def test_what_is_not_a_doi_is_said():
    assert "is not a DOI" in doi_problem("5555/12345", "doi")
