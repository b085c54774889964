"""The table of finding codes (publish/model/finding_codes.py): each code declared once, each one
reported somewhere in the package, and a finding's severity is its code's."""

import ast
from pathlib import Path

import pytest

from publish.findings import Finding
from publish.model.finding_codes import BY_CODE, CODES

PACKAGE = Path(__file__).resolve().parents[2] / "publish"


def string_constants(path):
    return {node.value for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Constant) and isinstance(node.value, str)}


def test_each_code_is_declared_once_with_a_severity_and_a_meaning():
    assert len(BY_CODE) == len(CODES)
    for code in CODES:
        assert code.severity in ("error", "warning") and code.meaning.endswith("."), code


def test_each_declared_code_is_reported_by_the_package():
    used = set().union(*(string_constants(path) for path in PACKAGE.rglob("*.py")
                         if path.name != "finding_codes.py"))
    assert sorted(set(BY_CODE) - used) == []


@pytest.mark.parametrize("code", ["link.unresolved", "citation.unknown"])
def test_a_findings_severity_is_its_codes_and_is_printed_with_it(code):
    finding = Finding("source/x/index.md", 3, 7, code, "what is wrong")
    assert finding.severity == BY_CODE[code].severity
    assert str(finding) == f"source/x/index.md:3:7: {finding.severity}: what is wrong [{code}]"
    assert Finding.from_record({**finding.__dict__}) == finding
