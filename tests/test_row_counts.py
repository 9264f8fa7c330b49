"""The committed data's row counts, pinned per table and per person, so that rows cannot disappear silently.

When a change adds or removes rows on purpose, update the numbers here in the same pull request: the
reviewer then sees exactly what changed.
"""

import pytest

from scripts.validate import validate
from tests.conftest import ROOT

TOTALS = {
    "countries": 49,
    "sources": 615,
    "people": 12,
    "teams": 142,
    "competitions": 53,
    "stints": 206,
    "matches": 128,
    "appearances": 149,
    "honours": 249,
    "milestones": 0
}

PER_PERSON = {
    "angelo-alessio": {
        "stints": 19,
        "appearances": 4,
        "honours": 8
    },
    "antonio-conte": {
        "stints": 15,
        "appearances": 18,
        "honours": 46
    },
    "arrigo-sacchi": {
        "stints": 17,
        "appearances": 11,
        "honours": 13
    },
    "cristian-stellini": {
        "stints": 15,
        "appearances": 0,
        "honours": 6
    },
    "dmitri-alenichev": {
        "stints": 12,
        "appearances": 6,
        "honours": 16
    },
    "gian-piero-gasperini": {
        "stints": 18,
        "appearances": 6,
        "honours": 16
    },
    "giovanni-trapattoni": {
        "stints": 21,
        "appearances": 31,
        "honours": 45
    },
    "luca-fusi": {
        "stints": 12,
        "appearances": 12,
        "honours": 13
    },
    "marcello-lippi": {
        "stints": 23,
        "appearances": 24,
        "honours": 33
    },
    "massimo-carrera": {
        "stints": 21,
        "appearances": 11,
        "honours": 18
    },
    "paolo-montero": {
        "stints": 18,
        "appearances": 10,
        "honours": 14
    },
    "pietro-vierchowod": {
        "stints": 15,
        "appearances": 16,
        "honours": 21
    }
}


@pytest.fixture(scope="module")
def frames():
    checked = validate(ROOT / "data", ROOT)
    return checked.frames


def test_every_table_has_its_pinned_row_count(frames):
    assert {name: len(frame) for name, frame in frames.items()} == TOTALS


@pytest.mark.parametrize("person", sorted(PER_PERSON))
def test_every_person_has_their_pinned_rows(frames, person):
    found = {table: int((frames[table]["person_id"] == person).sum()) for table in ("stints", "appearances", "honours")}
    assert found == PER_PERSON[person], f"{person}: rows changed; if intended, update PER_PERSON"


def test_every_person_is_pinned(frames):
    assert sorted(frames["people"]["person_id"]) == sorted(PER_PERSON)
