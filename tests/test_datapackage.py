"""Every generated file (datapackage.json, the codebook, the coverage page) is up to date, and frictionless
accepts the real data."""

import json

from frictionless import validate as frictionless_validate

from scripts import package
from tests.conftest import ROOT


def test_every_generated_file_is_up_to_date():
    from scripts import generated
    from scripts.validate import validate

    stale = generated.stale(ROOT, validate(ROOT / "data", ROOT).frames)
    assert not stale, f"{', '.join(stale)} stale: run `make format` and commit the result"


def test_the_citation_names_the_version():
    from schemas import VERSION

    assert f"\nversion: {VERSION}\n" in (ROOT / "CITATION.cff").read_text(encoding="utf-8")


def test_every_column_has_a_title_description_and_type():
    for resource in package.descriptor()["resources"]:
        for field in resource["schema"]["fields"]:
            assert field["title"] and field["description"] and field["type"], (resource["name"], field["name"])


def test_each_tables_unique_key_is_its_primary_key():
    """A model names its key twice: as pandera's `unique`, which the checks judge, and in the metadata the data
    package, SQLite and the sort order are made from."""
    from schemas import TABLES

    for table in TABLES:
        assert list(table.schema.unique) == table.primary_key, table.name


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


def test_every_league_player_of_the_juventus_squads_has_a_stint_covering_the_season():
    import pandas as pd

    from scripts import coverage
    from scripts.validate import validate

    squads = pd.read_csv(ROOT / coverage.SQUADS, dtype=str, keep_default_na=False)
    checked = coverage.squad_check(validate(ROOT / "data", ROOT).frames, squads)
    played = checked[(checked["role"] != "player") | (checked["played"] == "yes")]
    assert played["covered"].all(), played.loc[~played["covered"], ["season", "person_id", "role"]].to_string()
    assert set(checked["season"]) == {"1991-92", "1992-93", "1993-94", "1994-95", "1995-96"}
