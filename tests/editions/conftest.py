"""The fixtures of the editions' tests that run the editions' functions in this process: the brief
parsed once in a copy of the project, and its archival PDF rendered from that parse (once for each
test module that asks)."""

import pytest
from clients import libreoffice_pdf
from projects import SLUG, copy_project, inside

from publish.editions import pdf
from publish.paths import Publication
from publish.source.parse import parse_publication

UNIT = Publication(SLUG)


@pytest.fixture(scope="module")
def parsed(tmp_path_factory):
    """A copy of the project in which the brief is parsed (build/<slug>/.work/), not yet rendered."""
    project = copy_project(tmp_path_factory.mktemp("units"))
    with inside(project):
        parse_publication(UNIT)
    return project


@pytest.fixture(scope="module")
def archival(parsed):
    with inside(parsed):
        pdf.build_pdf(UNIT, "pdfa")
        return UNIT.artifact("pdfa").read_bytes()


@pytest.fixture(scope="session")
def example_docx_in_libreoffice(examples_project, tmp_path_factory):
    """example_docx_in_libreoffice(slug): an example's DOCX as LibreOffice lays it out, the PDF it exports
    (made once a session for each example)."""
    made = {}

    def exported(slug):
        if slug not in made:
            docx = examples_project / "build" / slug / f"{slug}.docx"
            made[slug] = libreoffice_pdf(docx, tmp_path_factory.mktemp(f"{slug}-docx"))
        return made[slug]

    return exported


@pytest.fixture(scope="session")
def figures_docx_in_libreoffice(example_docx_in_libreoffice):
    """The figures-and-tables example's DOCX as LibreOffice lays it out."""
    return example_docx_in_libreoffice("figures-and-tables")
