"""What a link's address is (publish/source/links.py): one policy for the checks and the editions."""

import pytest

from publish.source.links import KEPT, link_kind


@pytest.mark.parametrize("target, kind", [
    ("#", "placeholder"), ("", "placeholder"), ("other.md", "local"), ("/etc/passwd", "local"),
    ("file:///etc/passwd", "unsafe"), ("#section", "anchor"), ("https://example.org/x", "web"),
    ("mailto:a@example.org", "mail"), ("https://", "unsafe"), ("https://localhost/x", "unsafe"),
    ("javascript:alert(1)", "unsafe"), ("//example.org/x", "unsafe"), ("mailto:nobody", "unsafe"),
])
def test_one_link_policy_for_the_checks_and_the_editions(target, kind):
    assert link_kind(target) == kind
    assert (kind in KEPT) == (kind in ("anchor", "web", "mail"))
