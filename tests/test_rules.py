"""Cross-table rules: each one fed a minimal bad change to the valid fixture, located exactly."""

import pytest

from tests.conftest import error_locations, insert_line, locations, set_cell


@pytest.mark.parametrize(
    ("file", "line", "column", "value", "expected"),
    [
        # every reference resolves
        ("stints.csv", 2, "team_id", "green-fc", ("stints.csv", 2, 3, "foreign-key")),
        ("people.csv", 2, "nationality", "FRA", ("people.csv", 2, 7, "foreign-key")),
        ("matches.csv", 2, "competition_id", "small-cup", ("matches.csv", 2, 3, "foreign-key")),
        ("honours.csv", 2, "final_match_id", "1993-05-20-white-fc-blue-fc", ("honours.csv", 2, 8, "foreign-key")),
        ("appearances.csv", 2, "source_id", "example-en-nobody", ("appearances.csv", 2, 9, "foreign-key")),
        # a stint ends on or after its start
        ("stints.csv", 2, "end_date", "1990", ("stints.csv", 2, 6, "stint-dates")),
        # a stint lies within the person's life
        ("stints.csv", 4, "start_date", "1970", ("stints.csv", 4, 5, "stint-within-life")),
        ("stints.csv", 6, "end_date", "2021", ("stints.csv", 6, 6, "stint-within-life")),
        # club playing spells do not overlap (reported on the later one)
        ("stints.csv", 4, "end_date", "1992", ("stints.csv", 2, 5, "player-stints-overlap")),
        # an appearance's team played the match, and a stint covers it
        ("appearances.csv", 2, "team_id", "red-fc", ("appearances.csv", 2, 3, "appearance-team")),
        ("stints.csv", 2, "end_date", "1992", ("appearances.csv", 2, 2, "appearance-stint")),
        ("appearances.csv", 3, "role", "player", ("appearances.csv", 3, 2, "appearance-stint")),
        # a team's players score no more than the team
        ("appearances.csv", 2, "goals", "3", ("appearances.csv", 2, 8, "goals-within-score")),
        # an honour needs a stint, and its final lies in its season, involves its team, and agrees with the score
        ("honours.csv", 3, "role", "player", ("honours.csv", 3, 3, "honour-stint")),
        ("honours.csv", 2, "season", "1993-94", ("honours.csv", 2, 8, "honour-final")),
        ("honours.csv", 2, "team_id", "italy", ("honours.csv", 2, 8, "honour-final")),
        ("honours.csv", 2, "result", "runner_up", ("honours.csv", 2, 7, "honour-final")),
        # a match lies in its season, between two teams, with consistent scores
        ("matches.csv", 2, "season", "1993-94", ("matches.csv", 2, 2, "match-season")),
        ("matches.csv", 2, "away_team_id", "white-fc", ("matches.csv", 2, 8, "match-teams")),
        ("matches.csv", 2, "away_score_aet", "0", ("matches.csv", 2, 12, "match-scores")),
        ("matches.csv", 2, "home_penalties", "4", ("matches.csv", 2, 13, "match-scores")),
    ],
)
def test_a_broken_rule_is_reported_at_the_row_to_fix(data, file, line, column, value, expected):
    set_cell(data, file, line, column, value)
    file_name, *where = expected
    assert (f"data/{file_name}", *where) in locations(data)


@pytest.mark.parametrize(
    ("file", "line", "column", "value"),
    [
        # 1991 may be July 1991: no overlap with a spell that ended in June 1991
        ("stints.csv", 2, "start_date", "1991"),
        ("stints.csv", 4, "end_date", "1991"),
        # died in May 2020: a spell that ended some time in 2020 may have ended before
        ("stints.csv", 6, "end_date", "2020"),
        # a loan may overlap the parent club's spell, and a national team's any club's
        ("stints.csv", 5, "start_date", "1993"),
        ("stints.csv", 3, "end_date", "1995"),
        # born some time in 1971: a start in July 1985 may be after the 14th birthday
        ("people.csv", 2, "birth_date", "1971"),
    ],
)
def test_partial_dates_raise_nothing_that_could_be_right(data, file, line, column, value):
    set_cell(data, file, line, column, value)
    assert error_locations(data) == set()


def test_a_caretaker_may_stand_in_for_the_head_coach(data):
    set_cell(data, "appearances.csv", 3, "role", "caretaker_coach")
    set_cell(data, "stints.csv", 6, "role", "assistant_coach")
    set_cell(data, "stints.csv", 6, "stint_id", "bruno-verdi-blue-fc-assistant-coach-1990")
    set_cell(data, "honours.csv", 3, "role", "caretaker_coach")
    assert locations(data) == set()


def test_an_individual_award_needs_no_team(data):
    insert_line(data, "competitions.csv", 3, "golden-boot,Golden Boot,award,,UEFA,Q900203,,")
    insert_line(data, "honours.csv", 3,
                "ada-rossi-golden-boot-1993,ada-rossi,,golden-boot,1993,player,winner,,example-en-ada-rossi,")
    assert locations(data) == set()
