"""Per-table rules (pandera): types, required fields, vocabularies, patterns, ranges, primary keys."""

import pytest

from tests.conftest import append_line, insert_line, locations, problems, set_cell


def test_the_valid_fixture_is_clean(data):
    assert locations(data) == set()


@pytest.mark.parametrize(
    ("file", "line", "column", "value", "expected"),
    [
        # types
        ("stints.csv", 2, "appearances", "1x4", (2, 9, "type")),
        ("stints.csv", 2, "goals", "1.5", (2, 10, "type")),
        ("stints.csv", 2, "on_loan", "yes", (2, 8, "type")),
        ("matches.csv", 2, "date", "31/12/1992", (2, 2, "type")),
        ("matches.csv", 2, "date", "1993-02-30", (2, 2, "type")),
        ("sources.csv", 2, "accessed", "2026-13-01", (2, 6, "type")),
        # required fields
        ("people.csv", 2, "name", "", (2, 2, "required")),
        ("stints.csv", 3, "team_id", "", (3, 3, "required")),
        ("matches.csv", 2, "competition_id", "", (2, 3, "required")),
        # closed vocabularies
        ("stints.csv", 2, "role", "coach", (2, 4, "vocabulary")),
        ("teams.csv", 2, "kind", "Club", (2, 3, "vocabulary")),
        ("people.csv", 2, "position", "sweeper", (2, 8, "vocabulary")),
        ("honours.csv", 2, "result", "won", (2, 7, "vocabulary")),
        ("appearances.csv", 2, "lineup", "bench", (2, 5, "vocabulary")),
        # patterns
        ("teams.csv", 2, "wikidata_id", "Q0123", (2, 6, "pattern")),
        ("people.csv", 2, "nationality", "it", (2, 7, "pattern")),
        ("sources.csv", 2, "url", "example.org/page", (2, 2, "pattern")),
        ("sources.csv", 2, "language", "ita", (2, 5, "pattern")),
        ("stints.csv", 2, "start_date", "91", (2, 5, "pattern")),
        ("stints.csv", 2, "end_date", "1996/06", (2, 6, "pattern")),
        ("honours.csv", 2, "season", "92-93", (2, 5, "pattern")),
        # a partial date that is no day on the calendar; a season whose years do not follow
        ("stints.csv", 2, "start_date", "1991-02-30", (2, 5, "date")),
        ("people.csv", 2, "birth_date", "1964-13", (2, 4, "date")),
        ("honours.csv", 2, "season", "1992-94", (2, 5, "season")),
        ("matches.csv", 2, "season", "1992-92", (2, 4, "season")),
        # ranges
        ("stints.csv", 2, "goals", "-1", (2, 10, "range")),
        ("matches.csv", 2, "away_score", "-2", (2, 10, "range")),
        ("matches.csv", 2, "leg", "3", (2, 6, "range")),
        ("appearances.csv", 2, "minute_off", "200", (2, 7, "range")),
    ],
)
def test_a_bad_cell_is_reported_at_its_line_and_column(data, file, line, column, value, expected):
    set_cell(data, file, line, column, value)
    assert (f"data/{file}", *expected) in locations(data)


def test_a_duplicate_primary_key_is_one_problem_naming_the_first_row(data):
    append_line(data, "teams.csv", "white-fc,White FC again,club,ENG,London,Q900105,,example-en-ada-rossi,")
    (problem,) = problems(data)
    assert (problem.file, problem.line, problem.col, problem.rule) == ("data/teams.csv", 6, 1, "primary-key")
    assert "the same team_id as line 5" in problem.message


def test_a_duplicate_composite_key_is_reported(data):
    append_line(data, "appearances.csv",
                "1993-05-19-white-fc-blue-fc,bruno-verdi,blue-fc,head_coach,,,,,example-en-ada-rossi,again")
    assert locations(data) == {("data/appearances.csv", 4, 1, "primary-key")}


def test_a_repeated_row_in_key_order_is_one_problem_naming_the_row_above(data):
    """In a file sorted by its key the rows that share one are neighbours, and are found as such."""
    insert_line(data, "appearances.csv", 3,
                "1993-05-19-white-fc-blue-fc,ada-rossi,blue-fc,player,starter,,75,1,example-en-ada-rossi,again")
    insert_line(data, "teams.csv", 3, "blue-fc,Blue FC again,club,ITA,Turin,,,example-en-ada-rossi,")
    found = {(p.file, p.line, p.col, p.rule): p for p in problems(data)}
    assert set(found) == {("data/appearances.csv", 3, 1, "primary-key"), ("data/teams.csv", 3, 1, "primary-key")}
    assert "the same match_id, person_id as line 2" in found[("data/appearances.csv", 3, 1, "primary-key")].message


def test_look_alike_letters_in_an_id_are_named(data):
    set_cell(data, "teams.csv", 2, "team_id", "blue-fc\u00a0")
    set_cell(data, "teams.csv", 3, "team_id", "it\u0430ly")  # Cyrillic a
    found = {(p.line, p.rule): p for p in problems(data) if p.file == "data/teams.csv"}
    assert "no-break space" in found[(2, "whitespace")].message
    assert "cyrillic small letter a" in found[(3, "pattern")].message
