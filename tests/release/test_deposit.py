"""The DOI deposit files of a release (publish/release/deposit.py): a publication parsed for real in a
copy of the project, its editions stood in for by small files, released by `doit dist`'s function; the
Crossref deposit validated against Crossref's schema (lxml), the DataCite record against DataCite's JSON
schema, and both read back against the publication's metadata.json."""

import json
import subprocess
from pathlib import Path

import jsonschema
import pytest
from lxml import etree
from projects import ROOT, commit_all, copy_project, inside, run_doit

from publish.errors import PublishError
from publish.paths import Publication
from publish.release import deposit as deposit_module
from publish.release import dist

SCHEMAS = ROOT / "tests" / "deposit-schemas" / "site"
CROSSREF_XSD = SCHEMAS / "commonmeta" / "resources" / "crossref" / "crossref5.4.0.xsd"
DATACITE_JSON_SCHEMA = SCHEMAS / "datacite" / "schemas" / "datacite-v4.5.json"
# The schemas Crossref's imports name by their web address, read from the copies beside them.
LOCAL_COPIES = {"http://www.w3.org/2009/01/xml.xsd": "xml.xsd",
                "http://www.w3.org/Math/XMLSchema/mathml3/mathml3.xsd": "standard-modules/mathml3/mathml3.xsd"}
CR = {"cr": "http://www.crossref.org/schema/5.4.0", "jats": "http://www.ncbi.nlm.nih.gov/JATS1"}
SERIES = """publisher: Institute for Peace Studies
publisher-place: The Hague
series: Policy Briefs
issn: 2049-3630
csl: chicago-notes-bibliography
"""
DEPOSITOR = "depositor-name: Publications Office\ndepositor-email: doi@peace.example.org\n"
FRONT_MATTER = """---
title: Engaging the Taliban
subtitle: Options for Donors
author:
  - name: Ada María Lovelace
    orcid: 0000-0002-1825-0097
    affiliation: University of Kabul
  - name: United Nations General Assembly
    organization: true
date: 2026-03-15
lang: en-GB
keywords: [Afghanistan, aid]
abstract: |
  Donors face a choice.

  Each option has costs.
number: "12"
isbn: 978-3-16-148410-0
license: CC BY 4.0
url: https://peace.example.org/briefs/brief/
{doi}---

Text.
"""


def schema_file(path):
    if not path.is_file():
        pytest.fail(f"{path} is missing: `make test` installs it (tests/deposit-schemas/requirements.txt)")
    return path


def release(tmp_path_factory, series=SERIES + DEPOSITOR, doi="doi: https://doi.org/10.5555/brief.2026\n"):
    """A copy of the project with one publication, parsed and released as v1: (project, its metadata.json)."""
    project = copy_project(tmp_path_factory.mktemp("deposit") / "project")
    subprocess.run(["rm", "-rf", project / "source"], check=True)
    (project / "source" / "brief").mkdir(parents=True)
    (project / "source" / "series.yaml").write_text(series, encoding="utf-8")
    (project / "source" / "brief" / "index.md").write_text(FRONT_MATTER.format(doi=doi), encoding="utf-8")
    commit_all(project)
    run_doit(project, "parse:brief")
    unit = Publication("brief")
    with inside(project):
        for kind in dist.BUNDLED:  # the editions' bytes do not matter here
            unit.artifact(kind).write_bytes(f"the {kind}".encode())
    return project, json.loads((project / unit.metadata).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    project, metadata = release(tmp_path_factory)
    with inside(project):
        dist.build_bundles([Publication("brief")], "v1")
    return project, metadata, project / "build" / "dist" / "brief-v1"


@pytest.fixture(scope="module")
def crossref(released):
    return etree.parse(str(released[2] / "brief-crossref.xml"))


def crossref_schema():
    """Crossref's schema as lxml reads it, every import from the installed copies, none from the network."""
    parser = etree.XMLParser(no_network=True)

    class LocalCopies(etree.Resolver):
        def resolve(self, url, public_id, context):
            if url in LOCAL_COPIES:
                return self.resolve_filename(str(CROSSREF_XSD.parent / LOCAL_COPIES[url]), context)
            return None

    parser.resolvers.add(LocalCopies())
    return etree.XMLSchema(etree.parse(str(schema_file(CROSSREF_XSD)), parser))


def test_the_crossref_deposit_is_valid_against_crossrefs_schema(crossref):
    schema = crossref_schema()
    assert schema.validate(crossref), schema.error_log


def test_the_crossref_deposit_says_what_the_metadata_says(released, crossref):
    _, metadata, _ = released
    paper = crossref.find("cr:body/cr:report-paper/cr:report-paper_series_metadata", CR)

    def text(path, where=paper):
        return where.findtext(path, namespaces=CR)

    assert text("cr:doi_data/cr:doi") == metadata["doi"] == "10.5555/brief.2026"
    assert text("cr:doi_data/cr:resource") == metadata["url"]
    assert (text("cr:titles/cr:title"), text("cr:titles/cr:subtitle")) == (metadata["title"], metadata["subtitle"])
    assert text("cr:series_metadata/cr:titles/cr:title") == metadata["series"] == "Policy Briefs"
    assert text("cr:series_metadata/cr:issn") == metadata["issn"]
    assert text("cr:series_metadata/cr:series_number") == metadata["number"] == "12"
    assert text("cr:isbn") == metadata["isbn"] and paper.get("language") == "en"
    assert [text(f"cr:publication_date/cr:{part}") for part in ("year", "month", "day")] == metadata["date"].split("-")
    assert (text("cr:publisher/cr:publisher_name"), text("cr:publisher/cr:publisher_place")) == (
        metadata["publisher"], metadata["publisher_place"])
    assert [p.text for p in paper.findall("jats:abstract/jats:p", CR)] == metadata["summary"].split("\n\n")
    person, organisation = paper.find("cr:contributors", CR)
    assert (text("cr:given_name", person), text("cr:surname", person)) == ("Ada María", "Lovelace")
    assert text("cr:ORCID", person) == f"https://orcid.org/{metadata['authors'][0]['orcid']}"
    assert text("cr:affiliations/cr:institution/cr:institution_name", person) == "University of Kabul"
    assert organisation.tag == f"{{{CR['cr']}}}organization" and organisation.text == metadata["authors"][1]["name"]
    assert [(c.get("sequence"), c.get("contributor_role")) for c in (person, organisation)] == [
        ("first", "author"), ("additional", "author")]


def test_the_crossref_head_names_the_depositor_and_the_registrant(crossref):
    head = crossref.find("cr:head", CR)
    assert head.findtext("cr:depositor/cr:depositor_name", namespaces=CR) == "Publications Office"
    assert head.findtext("cr:depositor/cr:email_address", namespaces=CR) == "doi@peace.example.org"
    assert head.findtext("cr:registrant", namespaces=CR) == "Institute for Peace Studies"
    assert head.findtext("cr:doi_batch_id", namespaces=CR).startswith("brief-v1-")


def test_the_datacite_record_is_valid_and_says_what_the_metadata_says(released):
    _, metadata, folder = released
    record = json.loads((folder / "brief-datacite.json").read_bytes())
    schema = json.loads(schema_file(DATACITE_JSON_SCHEMA).read_bytes())
    jsonschema.Draft201909Validator(schema).validate(record)
    assert record["doi"] == metadata["doi"] and record["url"] == metadata["url"]
    assert record["types"] == {"resourceTypeGeneral": "Report"}
    assert [(creator["name"], creator["nameType"]) for creator in record["creators"]] == [
        ("Lovelace, Ada María", "Personal"), (metadata["authors"][1]["name"], "Organizational")]
    assert record["titles"][0]["title"] == metadata["title"] and record["publisher"] == {"name": metadata["publisher"]}
    assert record["publicationYear"] == "2026" and record["language"] == "en-GB"
    assert [subject["subject"] for subject in record["subjects"]] == metadata["keywords"]
    assert record["rightsList"] == [{"rights": "CC BY 4.0"}]
    assert record["descriptions"] == [{"description": metadata["summary"], "descriptionType": "Abstract"}]
    assert record["relatedIdentifiers"][0]["relatedIdentifier"] == metadata["issn"]


def test_the_deposit_files_are_in_the_manifest_the_checksums_and_the_archive_and_are_reproducible(released):
    project, _, folder = released
    names = ("brief-crossref.xml", "brief-datacite.json")
    manifest = json.loads((folder / "manifest.json").read_bytes())
    sums = (folder / "SHA256SUMS").read_text()
    for name in names:
        assert manifest["outputs"][name] == dist.sha256((folder / name).read_bytes())
        assert f"{dist.sha256((folder / name).read_bytes())}  {name}\n" in sums
    before = {name: (folder / name).read_bytes() for name in names}
    archive = (project / "build/dist/brief-v1.tar.gz").read_bytes()
    with inside(project):
        dist.build_bundles([Publication("brief")], "v1")  # a released version: refused unless the bytes are the same
    assert {name: (folder / name).read_bytes() for name in names} == before
    assert (project / "build/dist/brief-v1.tar.gz").read_bytes() == archive


def test_a_deposit_without_its_depositor_stops_the_release_naming_the_keys(tmp_path_factory, capsys):
    project, _ = release(tmp_path_factory, series=SERIES)
    with inside(project), pytest.raises(PublishError) as refused:
        dist.build_bundles([Publication("brief")], "v1")
    assert str(refused.value) == ("source/series.yaml: error: no Crossref deposit can be written for DOI "
                                  "10.5555/brief.2026: set 'depositor-name' and 'depositor-email' in source/series.yaml")
    assert not (project / "build" / "dist").exists()


def test_a_publication_without_a_doi_is_released_without_deposit_saying_so(tmp_path_factory, capsys):
    project, _ = release(tmp_path_factory, doi="")
    with inside(project):
        dist.build_bundles([Publication("brief")], "v1")
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "brief: no DOI, so no Crossref or DataCite deposit was written" and len(lines) == 2
    assert not [path for path in Path(project / "build/dist/brief-v1").iterdir() if "crossref" in path.name
                or "datacite" in path.name]


def test_a_report_outside_a_series_with_an_issn_is_valid_and_names_its_translators(released):
    """Crossref's series_metadata requires an ISSN: without one, the report stands alone."""
    metadata = {**released[1], "issn": "", "translators": ["Tom Translator"], "summary": ""}
    deposit = etree.fromstring(deposit_module.crossref_deposit("brief", metadata, "v1"))
    assert deposit.find("cr:body/cr:report-paper/cr:report-paper_series_metadata", CR) is None
    translator = deposit.findall("cr:body/cr:report-paper/cr:report-paper_metadata/cr:contributors/*", CR)[-1]
    assert translator.get("contributor_role") == "translator"
    assert translator.findtext("cr:surname", namespaces=CR) == "Translator"
    schema = crossref_schema()
    assert schema.validate(deposit), schema.error_log
