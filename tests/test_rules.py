"""Cross-table rules: each one fed a minimal bad change to the valid fixture, located exactly."""

import calendar
import datetime
import re
import shutil
import subprocess
import sys

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from schemas import dates
from schemas.rules import milestones
from tests.conftest import ROOT, error_locations, insert_line, locations, problems, set_cell


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
    insert_line(data, "competitions.csv", 3, "golden-boot,Golden Boot,award,,UEFA,Q900203,,example-en-ada-rossi,")
    insert_line(data, "honours.csv", 3,
                "ada-rossi-golden-boot-1993,ada-rossi,,golden-boot,1993,player,winner,,example-en-ada-rossi,")
    assert locations(data) == set()


# --- identifiers ---------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("file", "line", "column", "value", "expected"),
    [
        # a stint id names another year than its row (and a numeric suffix does not excuse it)
        ("stints.csv", 2, "stint_id", "ada-rossi-blue-fc-player-1990", ("stints.csv", 2, 1, "id-fields")),
        ("stints.csv", 2, "stint_id", "ada-rossi-blue-fc-player-1990-2", ("stints.csv", 2, 1, "id-fields")),
        # an honour id names another season than its row
        ("honours.csv", 2, "honour_id", "ada-rossi-big-cup-1993", ("honours.csv", 2, 1, "id-fields")),
        # two rows with one external id
        ("teams.csv", 3, "wikidata_id", "Q900101", ("teams.csv", 3, 6, "external-id-unique")),
        ("people.csv", 3, "transfermarkt_id", "8024", ("people.csv", 3, 10, "external-id-unique")),
    ],
)
def test_an_id_that_disagrees_with_its_row_or_another_row_is_reported(data, file, line, column, value, expected):
    if column == "transfermarkt_id":
        set_cell(data, "people.csv", 2, "transfermarkt_id", "8024")
    set_cell(data, file, line, column, value)
    file_name, *where = expected
    assert locations(data) == {(f"data/{file_name}", *where)}


def test_a_numeric_suffix_tells_apart_two_spells_that_begin_the_same_year(data):
    set_cell(data, "stints.csv", 2, "stint_id", "ada-rossi-blue-fc-player-1991-2")
    assert locations(data) == set()


def test_an_id_is_judged_only_once_its_fields_are_right(data):
    set_cell(data, "stints.csv", 6, "role", "coach")  # reported as a vocabulary problem, not also as id-fields
    assert locations(data) == {("data/stints.csv", 6, 4, "vocabulary")}


# --- ongoing spells and plausibility -------------------------------------------------------------

def test_a_finished_spell_cannot_end_in_the_future(data):
    set_cell(data, "stints.csv", 2, "end_date", "2031")
    assert locations(data) == {("data/stints.csv", 2, 6, "stint-ongoing")}


def test_an_ongoing_spell_has_no_end(data):
    set_cell(data, "stints.csv", 2, "ongoing", "true")
    assert locations(data) == {("data/stints.csv", 2, 7, "stint-ongoing")}


def test_an_ongoing_spell_of_someone_who_died_is_reported(data):
    set_cell(data, "stints.csv", 6, "end_date", "")
    set_cell(data, "stints.csv", 6, "ongoing", "true")
    assert locations(data) == {("data/stints.csv", 6, 7, "stint-within-life")}


def test_an_unknown_end_is_not_taken_for_an_ongoing_spell(data):
    set_cell(data, "stints.csv", 4, "end_date", "")  # Red FC, 1985-07 to ?: may have ended before Blue FC
    assert locations(data) == set()
    set_cell(data, "stints.csv", 4, "ongoing", "true")  # still at Red FC: then it overlaps Blue FC
    assert ("data/stints.csv", 2, 5, "player-stints-overlap") in locations(data)


def test_more_league_matches_than_the_seasons_allow_is_an_error(data):
    set_cell(data, "stints.csv", 5, "appearances", "2000")  # a half-season loan
    (problem,) = problems(data)
    assert (problem.line, problem.col, problem.rule, problem.severity) == (5, 9, "appearances-per-season", "error")
    assert "at most 100 in these seasons" in problem.message  # January to June may touch two seasons


def test_more_caps_than_a_year_allows_is_an_error(data):
    set_cell(data, "stints.csv", 3, "appearances", "25")
    assert locations(data) == {("data/stints.csv", 3, 9, "appearances-per-season")}


def test_goals_without_appearances_are_an_error_and_many_goals_a_warning(data):
    set_cell(data, "stints.csv", 3, "appearances", "0")
    set_cell(data, "stints.csv", 3, "goals", "1")
    assert [(p.line, p.col, p.rule, p.severity) for p in problems(data)] == [(3, 10, "goals-per-appearance", "error")]
    set_cell(data, "stints.csv", 3, "appearances", "1")
    set_cell(data, "stints.csv", 3, "goals", "2")
    assert [(p.line, p.col, p.rule, p.severity) for p in problems(data)] == [(3, 10, "goals-per-appearance", "warning")]


@settings(max_examples=100, deadline=None, derandomize=True)
@given(slots=st.lists(st.integers(0, 9), max_size=30), wanted=st.sets(st.integers(0, 9)))
def test_the_first_line_of_each_slot_is_the_least_line_as_a_groupby_finds_it(slots, wanted):
    import numpy as np

    from schemas.rules.appearances import first_lines

    slots = np.array(slots, dtype="int64")
    lines = np.arange(2, len(slots) + 2)
    wanted = np.array(sorted(wanted & set(slots.tolist())), dtype="int64")
    expected = pd.Series(lines).groupby(slots).min().reindex(wanted).to_numpy()
    assert first_lines(slots, lines, wanted).tolist() == expected.tolist()


def test_goals_beyond_the_score_name_the_score_as_a_whole_number_where_other_scores_are_unknown(tmp_path):
    """The committed matches include some with no score; the score in the message was written 4.0 then, and the
    value shown beside it was the team's total, which no cell holds."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    appearances = pd.read_csv(data / "appearances.csv", dtype=str, keep_default_na=False)
    line = int(appearances.index[appearances["role"] == "player"][0]) + 2
    set_cell(data, "appearances.csv", line, "goals", "9")
    [problem] = [p for p in problems(data) if p.rule == "goals-within-score"]
    assert (problem.line, problem.value) == (line, "9")  # the cell's own value, not the team's total
    assert re.search(r"but the team scored [0-9]+; check the goals", problem.message), problem.message


def test_an_unusual_age_at_a_stint_and_at_a_match_is_a_warning(data):
    set_cell(data, "people.csv", 3, "birth_date", "1900")  # Bruno Verdi on the bench at 90
    found = {(p.file, p.line, p.col, p.rule, p.severity) for p in problems(data)}
    assert found == {("data/stints.csv", 6, 5, "age-at-stint", "warning"),
                     ("data/appearances.csv", 3, 2, "age-at-match", "warning")}


@settings(max_examples=200, deadline=None, derandomize=True)
@given(pairs=st.lists(st.tuples(st.one_of(st.none(), st.dates(datetime.date(1850, 1, 1), datetime.date(2030, 12, 31))),
                                st.one_of(st.none(), st.dates(datetime.date(1850, 1, 1), datetime.date(2030, 12, 31)))),
                      min_size=1, max_size=20))
def test_an_age_from_day_numbers_is_the_completed_years_of_the_calendar(pairs):
    """The ages of ten million appearances are reckoned on day numbers (19930519); the same as whole_years."""
    from schemas.rules import plausibility

    later, earlier = (pd.Series(pd.to_datetime(list(side)), dtype="datetime64[us]") for side in zip(*pairs))
    days = plausibility._day_number
    by_numbers = plausibility._completed_years(days(later), days(earlier).copy())  # reckoned in the second
    expected = plausibility.whole_years(later, earlier)
    assert [None if pd.isna(x) else int(x) for x in by_numbers] == [None if pd.isna(x) else int(x) for x in expected]


def test_a_checked_warning_is_silenced_by_the_rows_notes(data):
    set_cell(data, "people.csv", 3, "birth_date", "1900")
    set_cell(data, "stints.csv", 6, "notes", "On the bench at 90, as the page says (checked: age-at-stint).")
    assert locations(data) == {("data/appearances.csv", 3, 2, "age-at-match")}


def test_warnings_do_not_fail_validation(data):
    set_cell(data, "people.csv", 3, "birth_date", "1900")
    result = subprocess.run([sys.executable, "-m", "scripts", "validate", "--data", str(data)], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    assert "warning" in result.stdout and "age-at-stint" in result.stdout


# --- milestones ----------------------------------------------------------------------------------

SECOND_MATCH = "1993-06-01-blue-fc-red-fc,1993-06-01,top-league,1992-93,league,,blue-fc,red-fc,0,0,,,,,,,example-en-ada-rossi,"
SECOND_APPEARANCE = "1993-06-01-blue-fc-red-fc,ada-rossi,blue-fc,player,starter,,,0,example-en-ada-rossi,"


@pytest.mark.parametrize(
    ("line", "row", "expected"),
    [
        # no appearance of the person in the match
        (3, "ada-rossi,1993-06-01-blue-fc-red-fc,senior_debut,example-en-ada-rossi,", (3, 2, "milestone-appearance")),
        # a coaching milestone for a player's appearance
        (2, "ada-rossi,1993-05-19-white-fc-blue-fc,first_match_as_coach,example-en-ada-rossi,",
         (2, 3, "milestone-appearance")),
        # caps on a club's appearance
        (3, "ada-rossi,1993-05-19-white-fc-blue-fc,national_team_debut,example-en-ada-rossi,",
         (3, 3, "milestone-appearance")),
    ],
)
def test_a_milestone_needs_an_appearance_in_the_right_role(data, line, row, expected):
    insert_line(data, "matches.csv", 3, SECOND_MATCH)
    insert_line(data, "milestones.csv", line, row)
    assert locations(data) == {("data/milestones.csv", *expected)}


# the milestone rules compare all appearances where the people with milestones have most of them, else only theirs
@pytest.mark.parametrize("most", [-1.0, 1.0], ids=["all-appearances", "those-of-people-with-milestones"])
def test_a_debut_cannot_follow_an_appearance_and_a_last_match_cannot_precede_one(data, monkeypatch, most):
    monkeypatch.setattr(milestones, "MOST", most)
    insert_line(data, "matches.csv", 3, SECOND_MATCH)
    insert_line(data, "appearances.csv", 4, SECOND_APPEARANCE)
    insert_line(data, "milestones.csv", 3, "ada-rossi,1993-06-01-blue-fc-red-fc,senior_debut,example-en-ada-rossi,")
    found = {(p.line, p.rule): p.message for p in problems(data) if p.file == "data/milestones.csv"}
    assert set(found) == {(2, "milestone-first-last"), (3, "milestone-first-last")}
    assert "appearances.csv line 4 is later (1993-06-01)" in found[(2, "milestone-first-last")]  # the last match
    assert "appearances.csv line 2 is earlier (1993-05-19)" in found[(3, "milestone-first-last")]  # the debut


def test_a_once_in_a_career_milestone_given_twice_is_reported_once(data):
    insert_line(data, "matches.csv", 3, SECOND_MATCH)
    insert_line(data, "appearances.csv", 4, SECOND_APPEARANCE)
    insert_line(data, "milestones.csv", 3, "ada-rossi,1993-05-19-white-fc-blue-fc,senior_debut,example-en-ada-rossi,")
    insert_line(data, "milestones.csv", 4, "ada-rossi,1993-06-01-blue-fc-red-fc,senior_debut,example-en-ada-rossi,")
    # the repeated debut is reported once; the last match before the new appearance is a mistake of its own
    assert error_locations(data) == {("data/milestones.csv", 4, 3, "milestone-once"),
                                     ("data/milestones.csv", 2, 2, "milestone-first-last")}


# --- dates, computed once per distinct value ------------------------------------------------------------------

DATE_TEXTS = ["1991", "1991-07", "1991-07-01", "1991-02-30", "1991-13", "1992-93", "1992-94", "2000-02", "abcd",
              "0000", "9999-12-31", ""]


@settings(max_examples=60, deadline=None, derandomize=True)
@given(texts=st.lists(st.one_of(st.none(), st.sampled_from(DATE_TEXTS)), max_size=12),
       dtype=st.sampled_from(["str", "string", object]))
def test_date_bounds_of_a_column_are_those_of_each_value_alone(texts, dtype):
    column = pd.Series(texts, dtype=dtype, index=pd.RangeIndex(2, len(texts) + 2, name="line"))
    for bounds in (dates.bounds, dates.season_bounds):
        together = bounds(column)
        for line, text in column.items():
            alone = bounds(pd.Series([text], dtype=dtype))
            for whole, single in zip(together, alone):
                assert whole.index.equals(column.index)
                assert (pd.isna(whole[line]) and pd.isna(single[0])) or whole[line] == single[0]


def calendar_bounds(year: int, month: int, day: int, length: int) -> tuple | None:
    """What a partial date written with `length` characters stands for, by Python's calendar: its first and last
    day, or None where the month or the day does not exist."""
    if length == 4:
        return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    if not 1 <= month <= 12:
        return None
    last = calendar.monthrange(year, month)[1]
    if length == 7:
        return datetime.date(year, month, 1), datetime.date(year, month, last)
    return (datetime.date(year, month, day),) * 2 if 1 <= day <= last else None


@settings(max_examples=200, deadline=None, derandomize=True)
@given(parts=st.lists(st.tuples(st.integers(1, 9999), st.integers(0, 13), st.integers(0, 32),
                                st.sampled_from([4, 7, 10])), min_size=1, max_size=20))
def test_a_partial_dates_bounds_are_the_first_and_last_day_the_calendar_gives_it(parts):
    texts = [f"{year:04d}-{month:02d}-{day:02d}"[:length] for year, month, day, length in parts]
    earliest, latest = dates.bounds(pd.Series(texts, dtype="string"))
    for (year, month, day, length), text, low, high in zip(parts, texts, earliest, latest):
        expected = calendar_bounds(year, month, day, length)
        if expected is None:
            assert pd.isna(low) and pd.isna(high), text
        else:
            assert (low.date(), high.date()) == expected, text


# --- keys, compared as integers -------------------------------------------------------------------------------

KEY_TEXTS = ["a", "b", "ab", "", None]


@settings(max_examples=60, deadline=None, derandomize=True)
@given(rows=st.lists(st.tuples(*[st.sampled_from(KEY_TEXTS)] * 3), max_size=12), limit=st.sampled_from([2**62, 7]))
def test_rows_get_equal_key_codes_exactly_when_their_keys_are_equal(rows, limit):
    """With the real limit the codes are digits of one number; with a tiny one they are re-coded at each column."""
    from scripts import checks

    frame = pd.DataFrame(rows, columns=["x", "y", "z"], dtype="str")
    codes = checks.key_codes(frame, ["x", "y", "z"], lambda column: pd.factorize(frame[column]), limit=limit)
    for i, first in enumerate(rows):
        for j, second in enumerate(rows):
            assert (codes[i] == codes[j]) == (first == second)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(rows=st.lists(st.tuples(*[st.sampled_from(KEY_TEXTS + ["B", "é", "a b", "😀"])] * 2), max_size=12),
       as_read=st.booleans())
def test_the_rows_out_of_order_found_by_ranking_the_codes_are_those_found_by_comparing_the_texts(rows, as_read):
    """As read.py finds them (each key column's codes and distinct values) and as before_previous finds them in the
    text; as the fast read gives the cells (an empty cell missing) or with an empty text beside a missing cell."""
    from scripts import canonical
    from schemas.codes import coded

    frame = pd.DataFrame(rows, columns=["x", "y"], dtype="str" if as_read else object)
    if as_read:
        frame = frame.where(frame != "")
    for key in (["x"], ["x", "y"], ["y", "x"]):
        by_ranks = canonical.coded_before_previous([coded(frame[column]) for column in key])
        assert by_ranks.tolist() == canonical.before_previous(frame, key).tolist()


@settings(max_examples=100, deadline=None, derandomize=True)
@given(rows=st.lists(st.tuples(*[st.sampled_from([t for t in KEY_TEXTS if t != ""])] * 2), max_size=12))
def test_in_key_order_the_repeated_keys_found_by_their_neighbours_are_those_found_by_hashing(rows):
    """As the cells are read (an empty cell missing, never an empty text), sorted by their key as format sorts."""
    from scripts import canonical, checks
    from schemas.codes import coded

    frame = pd.DataFrame(rows, columns=["x", "y"], dtype="str")
    frame = frame.iloc[canonical.sort_key(frame, ["x", "y"]).argsort(kind="stable")].reset_index(drop=True)
    assert not canonical.before_previous(frame, ["x", "y"]).any()
    by_neighbours = checks.duplicated_lines(frame, ["x", "y"], lambda column: coded(frame[column]), in_key_order=True)
    by_hashing = checks.duplicated_lines(frame, ["x", "y"], lambda column: coded(frame[column]))
    assert by_neighbours.tolist() == by_hashing.tolist()
    assert by_hashing.tolist() == [i for i, row in enumerate(map(tuple, frame.itertuples(index=False)))
                                   if sum(tuple(other) == row for other in frame.itertuples(index=False)) > 1]


@settings(max_examples=100, deadline=None, derandomize=True)
@given(cells=st.lists(st.one_of(st.none(), st.sampled_from(KEY_TEXTS[:-1]), st.text(max_size=3)), max_size=20),
       dtype=st.sampled_from(["str", "string[pyarrow]", "string[python]", "object"]))
def test_a_column_is_coded_as_pd_factorize_codes_it_whoever_holds_its_text(cells, dtype):
    """Text held by pyarrow is coded by Arrow's kernel directly; any other column by pd.factorize: the same codes
    (int32, an empty cell -1) and the same distinct values, of the column's own dtype, in order of appearance."""
    import numpy as np

    from schemas.codes import coded

    column = pd.Series(cells, dtype=dtype)
    codes, distinct = coded(column)
    expected_codes, expected_distinct = pd.factorize(column)
    assert codes.dtype == np.int32 and codes.flags.writeable
    assert codes.tolist() == expected_codes.tolist()
    assert distinct.dtype == expected_distinct.dtype and distinct.tolist() == expected_distinct.tolist()


@settings(max_examples=100, deadline=None, derandomize=True)
@given(indices=st.lists(st.one_of(st.none(), st.integers(0, 2**31 - 1)), max_size=20), start=st.integers(0, 5))
def test_codes_of_a_dictionarys_indices_are_arrows_with_empty_cells_minus_one(indices, start):
    """Written once into numpy, from any slice of the indices (as a column parsed in blocks holds them)."""
    import numpy as np
    import pyarrow as pa

    from schemas.codes import codes_of

    sliced = pa.array(indices, type=pa.int32()).slice(start)
    codes = codes_of(sliced)
    assert codes.dtype == np.int32 and codes.flags.writeable
    assert codes.tolist() == [-1 if value is None else value for value in indices[start:]]


# --- the stints that may cover a fact, looked up two ways -----------------------------------------------------

@settings(max_examples=60, deadline=None, derandomize=True)
@given(keys=st.lists(st.integers(0, 40), max_size=12), fact_keys=st.lists(st.integers(-60, 60), max_size=12))
def test_a_facts_candidate_stints_are_the_same_looked_up_in_a_table_or_by_distinct_key(keys, fact_keys):
    """Each fact's first stint with its key among the sorted keys, and how many there are (none for a key no
    stint has, a negative one included)."""
    import numpy as np

    from schemas.rules import cover

    keys, fact_keys = np.sort(np.array(keys, dtype="int64")), np.array(fact_keys, dtype="int64")
    for lookup in (cover.candidates_by_table, cover.candidates_by_distinct_key):
        first, count = lookup(keys, fact_keys)
        for fact, start, n in zip(fact_keys, first, count):
            assert n == (keys == fact).sum()
            if n:
                assert start == np.flatnonzero(keys == fact)[0]


ITALIAN_MONTHS = ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre",
                  "ottobre", "novembre", "dicembre"]


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=datetime.date(1927, 5, 19), max_value=datetime.date(2099, 12, 31)))
def test_a_date_a_spreadsheet_or_a_page_writes_another_way_is_told_as_the_same_day(day):
    """The day a spreadsheet's day number, an Italian or an English date by name, and a date with a time stand
    for is the day the advice gives."""
    serial = (day - datetime.date(1899, 12, 30)).days
    for written in (str(serial), f"{day.day} {ITALIAN_MONTHS[day.month - 1]} {day.year}",
                    day.strftime("%d %B %Y"), day.strftime("%B %d, %Y"), day.strftime("%d-%b-%Y"),
                    f"{day.isoformat()} 00:00:00"):
        assert dates.written_here(written).startswith(f"write {day.isoformat()}"), written


def test_the_rules_find_the_same_problems_with_their_work_spread_over_threads(tmp_path, monkeypatch):
    """From parallel.ONE_THREAD_UP_TO rows the reading and the appearances' rules share their work among threads:
    forced on from 0 rows, the committed data with an appearance moved to another team, to an unknown match (the
    rows of known matches picked) and to another person, and a match moved ten years, gives the same problems."""
    from schemas import parallel

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    set_cell(data, "appearances.csv", 2, "team_id", "1860-munich")
    set_cell(data, "appearances.csv", 3, "match_id", "1960-01-24-spal-ac-milan-replay")
    set_cell(data, "appearances.csv", 4, "person_id", "massimo-carrera")
    set_cell(data, "matches.csv", 2, "date", "1970-01-01")
    one_thread = problems(data)
    assert {"appearance-team", "appearance-stint", "foreign-key"} <= {p.rule for p in one_thread}
    monkeypatch.setattr(parallel, "ONE_THREAD_UP_TO", 0)
    assert problems(data) == one_thread
