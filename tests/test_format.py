"""`format`: canonical form without changing a value; refuses what it cannot parse; atomic writes."""

import hashlib

from scripts.formatting import format_tables
from scripts.validate import validate
from tests.conftest import insert_line, set_cell


def digest(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_canonical_data_is_left_alone(data):
    before = digest(data)
    outcome = format_tables(data, data.parent)
    assert outcome.changed == [] and outcome.refused == []
    assert digest(data) == before


def test_format_repairs_what_it_may_and_keeps_every_value(data):
    original = validate(data, data.parent).frames
    teams = data / "teams.csv"
    lines = teams.read_text().split("\n")
    lines[1], lines[3] = lines[3], lines[1]  # out of order
    teams.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(lines).encode())  # BOM and CRLF
    set_cell(data, "people.csv", 2, "name", "  Ada Rossi ")
    set_cell(data, "stints.csv", 2, "notes", 'a "quoted" note, with a comma\nand a second line')
    insert_line(data, "competitions.csv", 3, "")
    outcome = format_tables(data, data.parent)
    assert sorted(outcome.changed) == ["data/competitions.csv", "data/people.csv", "data/teams.csv"]
    checked = validate(data, data.parent)
    assert checked.problems == []
    for name, frame in original.items():
        if name == "stints":
            continue
        assert checked.frames[name].reset_index(drop=True).equals(frame.reset_index(drop=True)), name
    assert format_tables(data, data.parent).changed == []  # idempotent


def test_format_refuses_a_file_it_cannot_parse_and_leaves_it_untouched(data):
    teams = data / "teams.csv"
    teams.write_bytes(teams.read_bytes().replace(b"Red FC", b'"Red FC'))
    set_cell(data, "people.csv", 2, "name", " Ada Rossi")
    before = teams.read_bytes()
    outcome = format_tables(data, data.parent)
    assert teams.read_bytes() == before
    assert [p.rule for p in outcome.refused] == ["malformed-csv"]
    assert outcome.changed == ["data/people.csv"]


def test_format_check_writes_nothing(data):
    set_cell(data, "people.csv", 2, "name", " Ada Rossi")
    before = digest(data)
    assert format_tables(data, data.parent, check_only=True).changed == ["data/people.csv"]
    assert digest(data) == before
