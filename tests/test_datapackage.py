"""datapackage.json is generated from schemas/, is never stale, and frictionless accepts the real data."""

import json

from frictionless import validate as frictionless_validate

from scripts import package
from tests.conftest import ROOT


def test_datapackage_json_is_up_to_date_with_the_schemas():
    committed = (ROOT / "datapackage.json").read_text(encoding="utf-8")
    assert committed == package.descriptor_text(package.descriptor()), \
        "datapackage.json is stale: run `make datapackage` and commit it"


def test_the_codebook_and_citation_are_up_to_date():
    from schemas import VERSION
    from scripts import codebook

    assert (ROOT / "docs" / "codebook.md").read_text(encoding="utf-8") == codebook.as_markdown(), \
        "docs/codebook.md is stale: run `make datapackage` and commit it"
    assert f"\nversion: {VERSION}\n" in (ROOT / "CITATION.cff").read_text(encoding="utf-8")


def test_every_column_has_a_title_description_and_type():
    for resource in package.descriptor()["resources"]:
        for field in resource["schema"]["fields"]:
            assert field["title"] and field["description"] and field["type"], (resource["name"], field["name"])


def test_frictionless_accepts_the_real_data():
    report = frictionless_validate(str(ROOT / "datapackage.json"))
    assert report.valid, json.dumps(report.flatten(["type", "rowNumber", "fieldName", "note"])[:20], indent=1)


def test_frictionless_agrees_with_a_broken_fixture(data):
    (data.parent / "datapackage.json").write_text(package.descriptor_text(package.descriptor()))
    people = data / "people.csv"
    people.write_text(people.read_text().replace("ada-rossi,Ada Rossi", "Ada-Rossi,Ada Rossi"))
    report = frictionless_validate(str(data.parent / "datapackage.json"))
    assert not report.valid
    assert ["constraint-error", 2, "person_id"] in report.flatten(["type", "rowNumber", "fieldName"])


def test_the_coverage_table_is_up_to_date():
    from scripts import coverage
    from scripts.validate import validate

    checked = validate(ROOT / "data", ROOT)
    document = (ROOT / "docs" / "coverage.md").read_text(encoding="utf-8")
    assert coverage.rewrite(document, coverage.counts(checked.frames)) == document, \
        "docs/coverage.md is stale: run `python -m scripts coverage` and commit it"
