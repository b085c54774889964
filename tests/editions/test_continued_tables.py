"""A table that runs over pages says so (publish/editions/continued_tables.py): read back from the
figures-and-tables example's PDF, whose Table 4 runs onto a second page."""

import re

import pdfplumber
import pytest

SLUG = "figures-and-tables"


@pytest.fixture(scope="module")
def pages(examples_project):
    with pdfplumber.open(examples_project / "build" / SLUG / f"{SLUG}.pdf") as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def test_each_page_a_table_runs_onto_opens_with_its_number_and_continued(pages):
    [first] = [number for number, text in enumerate(pages) if "Table 4: The item types" in text]
    continued = [number for number, text in enumerate(pages) if "Table 4 (continued)" in text]
    assert continued == [first + 1]
    assert pages[first + 1].split("\n", 1)[1].lstrip().startswith("Table 4 (continued)")  # under the running head
    assert "Item type Letters" in pages[first + 1]  # its header row with it


def test_no_row_of_the_table_is_lost_or_doubled(pages, examples_project):
    source = (examples_project / "source" / SLUG / "index.md").read_text(encoding="utf-8")
    table = source.split("{#tbl-wide}", 1)[1].split("{#tbl-types}", 1)[0]
    types = re.findall(r"^\s*\|?\s*([a-z][a-z_-]+)\s*\|?\s*\d+\s*\|?\s*$", table, re.MULTILINE)
    shown = re.findall(r"^([a-z][a-z_-]+) \d+$", "\n".join(pages), re.MULTILINE)
    assert len(types) > 40 and shown == types
