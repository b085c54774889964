"""Authors as the front matter gives them (publish/model/authors.py): an ORCID iD is checked by its check
digit. The shapes a front matter gives authors in are read in test_front_matter.py."""

import pytest


@pytest.mark.parametrize("orcid, problem", [
    ("0000-0002-1825-0097", None), ("https://orcid.org/0000-0002-1825-0097", None), ("0000-0002-1825-0098", "check digit"),
    ("0000-0002-1825", "sixteen digits"), ("0000-0001-5000-0007", None),
])
def test_orcid_ids_are_checked_by_their_check_digit(orcid, problem):
    from publish.model.authors import orcid_problem

    found = orcid_problem(orcid)
    assert (found is None) if problem is None else (problem in found)
