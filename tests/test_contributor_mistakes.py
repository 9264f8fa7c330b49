"""The mistakes contributors make, each reported as exactly one problem with its file, line, column and wording
(or, for what tools leave behind, none at all)."""

import calendar
import csv
import io
import os
import re
import shutil
import subprocess
import sys

import pytest

from schemas import TABLES, TABLES_BY_NAME
from schemas.columns import kind_of
from tests.conftest import ROOT, VALID, append_line, insert_line, problems, set_cell


def rewrite_csv(path, quoting=csv.QUOTE_MINIMAL, delimiter=",", line_ending="\n"):
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    buffer = io.StringIO()
    csv.writer(buffer, quoting=quoting, delimiter=delimiter, lineterminator=line_ending).writerows(rows)
    path.write_bytes(buffer.getvalue().encode("utf-8"))


def only_problem(data):
    found = problems(data)
    assert len(found) == 1, [f"{p.location} {p.rule}: {p.message}" for p in found]
    return found[0]


@pytest.mark.parametrize(
    ("value", "advice"),
    [
        ("03/07/2018", "write 2018-07-03 if it is day/month/year (as in Italy or Britain), or 2018-03-07 if it is "
                       "month/day/year"),
        ("25/12/1991", "write 1991-12-25 (day/month/year)"),
        ("2009-7", "write 2009-07"),
        ("2010\u201304", "U+2013 en dash); write 2010-04"),
        ("1996/06", "write 1996-06"),
        # as spreadsheets and Italian and English pages write dates
        ("3/8/63", "or 1963-03-08 if it is month/day/year (as in the United States) (the year written 63 read as "
                   "1963; the other century if the source means it)"),
        ("23078", "write 1963-03-08 if that is the day (23078 is a spreadsheet's number for it"),
        ("33420", "write 1991-07-01 if that is the day (33420 is a spreadsheet's number for it, as a date cell saved "
                  "as a number shows it; or 1991-07 if the source gives only the month"),
        ("Jul-91", "write 1991-07 (the year written 91 read as 1991"),
        ("July 1991", "write 1991-07:"),
        ("8 marzo 1963", "this date is written another way; write 1963-03-08:"),
        ("1º luglio 1991", "this date is written another way; write 1991-07-01:"),
        ("March 8, 1963", "write 1963-03-08:"),
        ("1991-07-01 00:00:00", "write 1991-07-01, the date without its time of day"),
    ],
)
def test_a_date_written_another_way_is_one_problem_that_shows_how_to_write_it(data, value, advice):
    set_cell(data, "stints.csv", 2, "start_date", value)
    problem = only_problem(data)
    assert (problem.file, problem.line, problem.col, problem.rule) == ("data/stints.csv", 2, 5, "pattern")
    assert advice in problem.message and "this column takes dates written 1991, 1991-07 or 1991-07-01" in problem.message
    assert problem.value == value


def test_a_match_date_written_another_way_shows_how_to_write_it(data):
    set_cell(data, "matches.csv", 2, "date", "19/05/1993")
    problem = only_problem(data)
    assert (problem.line, problem.col, problem.rule) == (2, 2, "type")
    assert "write 1993-05-19 (day/month/year)" in problem.message


def test_a_match_date_given_only_to_the_month_asks_for_the_day(data):
    set_cell(data, "matches.csv", 2, "date", "May 1993")
    problem = only_problem(data)
    assert (problem.line, problem.col, problem.rule) == (2, 2, "type")
    assert "write the day too, as 1993-05-DD" in problem.message


def test_a_season_written_another_way_shows_how_to_write_it(data):
    set_cell(data, "honours.csv", 2, "season", "1992/93")
    problem = only_problem(data)
    assert (problem.line, problem.col, problem.rule) == (2, 5, "pattern") and "write 1992-93" in problem.message


@pytest.mark.parametrize(
    ("value", "advice"),
    [
        ("96.0", "it has a decimal part, as a spreadsheet writes a number cell formatted with decimals; write 96"),
        ("1,234", "it separates thousands; write 1234"),
        ("1\u00a0234", "it separates thousands; write 1234"),
        ("1.000", "write 1, or 1000 if the dot separates thousands"),
        ("twelve", "is not a whole number; write a whole number of zero or more, such as 12"),
        ("1.2E+02", "is written in scientific notation, as a spreadsheet shows a number too wide for its cell; "
                    "write 120, if the source gives that"),
        ("1E+02", "write 100, if the source gives that"),
        ("1.2345E+02", "digits may be lost; write the number the source gives"),
        ("'12", "starts with an apostrophe, as a spreadsheet shows a number kept as text; write 12"),
    ],
)
def test_a_count_a_spreadsheet_formatted_is_one_problem_that_says_what_to_write(data, value, advice):
    set_cell(data, "stints.csv", 2, "appearances", value)
    problem = only_problem(data)
    assert (problem.file, problem.line, problem.col, problem.rule) == ("data/stints.csv", 2, 9, "type")
    assert advice in problem.message and problem.value == value


@pytest.mark.parametrize(("name", "delimiter"), [("semicolon", ";"), ("tab", "\t")])
def test_a_semicolon_or_tab_separated_file_is_named_once_with_how_to_save_it(data, name, delimiter):
    rewrite_csv(data / "stints.csv", delimiter=delimiter)
    problem = only_problem(data)
    assert (problem.file, problem.line, problem.col, problem.rule) == ("data/stints.csv", 1, None, "delimiter")
    assert f"the file is {name}-separated" in problem.message and "save it comma-separated" in problem.message


def test_excels_note_of_the_delimiter_above_the_header_is_one_problem(data):
    path = data / "countries.csv"
    path.write_text("sep=,\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    problem = only_problem(data)
    assert (problem.file, problem.line, problem.col, problem.rule) == ("data/countries.csv", 1, None, "separator-line")
    assert "delete that line" in problem.message


def test_a_file_with_every_cell_quoted_is_one_problem_and_a_real_mistake_stays_visible(data):
    append_line(data, "teams.csv", "white-fc,White FC again,club,ENG,London,,,,")
    rewrite_csv(data / "teams.csv", quoting=csv.QUOTE_ALL)
    found = problems(data)
    assert [(p.line, p.col, p.rule) for p in found] == [(None, None, "quoting"), (6, 1, "primary-key")]
    assert "every row is quoted in another way" in found[0].message and "make format" in found[0].message


def test_yes_no_cells_saved_in_capitals_by_a_spreadsheet_are_one_problem_that_format_repairs(data):
    original = (data / "stints.csv").read_bytes()
    rows = list(csv.reader(io.StringIO(original.decode("utf-8"), newline="")))
    on_loan = rows[0].index("on_loan")
    for row in rows[1:]:
        row[on_loan] = {"false": "FALSE", "true": "True"}.get(row[on_loan], row[on_loan])
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    (data / "stints.csv").write_text(buffer.getvalue(), encoding="utf-8")
    capitalised = sum(1 for row in rows[1:] if row[on_loan] in ("FALSE", "True"))
    problem = only_problem(data)
    assert (problem.file, problem.line, problem.col, problem.rule) == ("data/stints.csv", 2, on_loan + 1,
                                                                        "flag-case")
    assert problem.message == (f"{capitalised} cell(s) of this column write FALSE/True in capitals, as a spreadsheet "
                               "saves yes/no cells; the data writes true or false (run `make format` to fix it)")
    result = subprocess.run([sys.executable, "-m", "scripts", "format", "--data", str(data)], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    assert (data / "stints.csv").read_bytes() == original
    assert problems(data) == []


def test_rows_of_commas_alone_are_one_problem_a_block_and_format_removes_them(data):
    """A spreadsheet saves rows it once held, or formatted, as commas alone, often many at the end of the file."""
    path = data / "stints.csv"
    original = path.read_bytes()
    empty = "," * original.split(b"\n")[0].count(b",")
    last = original.count(b"\n")
    insert_line(data, "stints.csv", 3, empty)
    for _ in range(3):
        append_line(data, "stints.csv", empty)
    found = problems(data)
    assert [(p.file, p.line, p.col, p.rule) for p in found] == [("data/stints.csv", 3, None, "blank-line"),
                                                                 ("data/stints.csv", last + 2, None, "blank-line")]
    assert found[0].message.startswith("this row has only empty cells")
    assert found[1].message.startswith("this row and the 2 below it have only empty cells")
    result = subprocess.run([sys.executable, "-m", "scripts", "format", "--data", str(data)], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    assert path.read_bytes() == original
    assert problems(data) == []


def test_a_header_pasted_inside_a_file_is_one_problem_and_format_removes_it(data):
    """Two exports pasted together, the second with its header: one message for that line, none for its cells."""
    path = data / "stints.csv"
    original = path.read_bytes()
    insert_line(data, "stints.csv", 4, original.split(b"\n")[0].decode("utf-8"))
    (problem,) = problems(data)
    assert (problem.file, problem.line, problem.col, problem.rule) == ("data/stints.csv", 4, None, "repeated-header")
    assert "repeats the header" in problem.message and "make format" in problem.message
    result = subprocess.run([sys.executable, "-m", "scripts", "format", "--data", str(data)], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    assert path.read_bytes() == original


def test_a_spreadsheets_total_row_below_the_data_is_one_problem(data):
    """A sum typed under the columns of numbers: one message for the row, not one for each empty required cell."""
    header = (data / "stints.csv").read_text(encoding="utf-8").split("\n")[0].split(",")
    cells = ["Total"] + [""] * (len(header) - 1)
    cells[header.index("appearances")], cells[header.index("goals")] = "123", "4"
    append_line(data, "stints.csv", ",".join(cells))
    (problem,) = problems(data)
    assert (problem.file, problem.col, problem.rule) == ("data/stints.csv", 1, "stray-row")
    assert "'Total'" in problem.message and "delete it" in problem.message


def garbled(text):
    """The text as a spreadsheet saves a UTF-8 file it opened as Windows-1252 (for the letters used here)."""
    return text.encode("utf-8").decode("cp1252")


def test_a_name_garbled_by_a_wrong_encoding_is_one_problem_with_the_word_it_was(data):
    """Júlio César saved as JÃºlio CÃ©sar is still UTF-8, and a name like any other: named, with what to write."""
    set_cell(data, "people.csv", 2, "name", "Júlio " + garbled("César"))  # half garbled: pasted so from a page
    problem = only_problem(data)
    assert (problem.file, problem.line, problem.column, problem.rule) == ("data/people.csv", 2, "name", "mojibake")
    assert "'CÃ©sar'" in problem.message and "write 'César'" in problem.message


def test_a_file_garbled_throughout_by_a_wrong_encoding_is_one_problem_with_the_way_back(tmp_path):
    """The committed people opened by double-click in Excel and saved: a dozen accented names and notes garbled,
    one mistake."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    path = data / "people.csv"
    path.write_text(garbled(path.read_text(encoding="utf-8")), encoding="utf-8")
    problem = only_problem(data)
    assert (problem.file, problem.rule) == ("data/people.csv", "mojibake")
    assert "cells are garbled" in problem.message and "git checkout -- data/people.csv" in problem.message
    assert "Data > From Text/CSV" in problem.message


def as_excel_shows_dates(value):
    """A cell as Excel (English, United States) saves it after reading it as a date: 2000-07-06 as 7/6/2000, a
    month 1991-07 and a season 2001-02 as Jul-91 and Feb-01."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        year, month, day = value.split("-")
        return f"{int(month)}/{int(day)}/{year}"
    if re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", value):
        return f"{calendar.month_abbr[int(value[5:])]}-{value[2:4]}"
    return value


def test_a_season_a_spreadsheet_read_as_a_month_is_one_problem_that_gives_the_season_back(data):
    set_cell(data, "honours.csv", 2, "season", "Feb-01")
    problem = only_problem(data)
    assert (problem.line, problem.col, problem.rule) == (2, 5, "pattern")
    assert "this season is written another way; write 2001-02" in problem.message
    assert "a spreadsheet read the season 2001-02 as a date, February 2001" in problem.message


def test_dates_a_spreadsheet_rewrote_throughout_a_file_are_one_problem_with_the_way_back(tmp_path):
    """The committed spells opened by double-click in Excel and saved: every date rewritten as Excel shows it
    (hundreds of cells) and Windows line endings, two mistakes of the file, not one for each cell."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    path = data / "stints.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows([rows[0]] + [[as_excel_shows_dates(cell) for cell in row]
                                                                      for row in rows[1:]])
    path.write_bytes(buffer.getvalue().encode("utf-8"))
    found = problems(data)
    assert [(p.file, p.rule) for p in found] == [("data/stints.csv", "line-endings"),
                                                 ("data/stints.csv", "spreadsheet-dates")]
    problem = found[1]
    rewritten = [(line, column) for line, row in enumerate(rows[1:], start=2) for column in ("start_date", "end_date")
                 if as_excel_shows_dates(row[rows[0].index(column)]) != row[rows[0].index(column)]]
    assert (problem.line, problem.column) == rewritten[0]  # the first cell rewritten
    assert "cells of start_date and end_date hold dates written as a spreadsheet shows them" in problem.message
    assert "git checkout -- data/stints.csv" in problem.message and "Data > From Text/CSV" in problem.message


def test_whole_numbers_a_spreadsheet_wrote_with_decimals_throughout_a_file_are_one_problem(tmp_path):
    """The committed spells saved from a spreadsheet whose number cells show one decimal: every count written
    41.0, hundreds of cells, is one mistake of the file, at its first cell, with the way back."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    path = data / "stints.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    columns = TABLES_BY_NAME["stints"].schema.columns
    counts = [i for i, name in enumerate(rows[0]) if kind_of(columns[name]).name == "count"]
    rewritten = [[f"{cell}.0" if i in counts and cell else cell for i, cell in enumerate(row)] for row in rows[1:]]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([rows[0]] + rewritten)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    found = problems(data)
    assert [(p.file, p.rule) for p in found] == [("data/stints.csv", "spreadsheet-numbers")]
    first = min((line, i) for line, row in enumerate(rows[1:], start=2) for i in counts if row[i])
    assert (found[0].line, found[0].col) == (first[0], first[1] + 1)
    value = rows[first[0] - 1][first[1]]
    assert f"such as '{value}.0' here" in found[0].message and f"write {int(value)}" in found[0].message
    assert "git checkout -- data/stints.csv" in found[0].message


def test_a_few_whole_numbers_written_with_decimals_are_each_named_with_what_to_write(data):
    for line in range(2, 4):
        set_cell(data, "stints.csv", line, "goals", "3.0")
    found = problems(data)
    assert [(p.line, p.column, p.rule) for p in found] == [(2, "goals", "type"), (3, "goals", "type")]
    assert all("write 3" in p.message for p in found)


def test_windows_line_endings_everywhere_are_one_problem(data):
    rewrite_csv(data / "people.csv", line_ending="\r\n")
    problem = only_problem(data)
    assert (problem.file, problem.line, problem.rule) == ("data/people.csv", 1, "line-endings")
    assert "make format" in problem.message


@pytest.mark.parametrize("name", [".~lock.stints.csv#", "~$stints.csv", "stints.csv~", "stints.csv.bak",
                                  ".stints.csv.swp", ".stints.csv.k2j3h4.tmp"])
def test_lock_files_back_ups_and_leftovers_are_ignored(data, name):
    (data / name).write_text("whatever a tool writes")
    assert problems(data) == []


def test_paths_are_shown_from_the_folder_the_command_runs_in(data, tmp_path):
    set_cell(data, "stints.csv", 2, "goals", "-3")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    for cwd, shown in ((data, "stints.csv:2:10"), (data.parent, "data/stints.csv:2:10"),
                       (elsewhere, "../data/stints.csv:2:10")):
        result = subprocess.run([sys.executable, "-m", "scripts", "validate", "--data", os.path.relpath(data, cwd)],
                                cwd=cwd, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert result.stdout.startswith(shown + ": range"), result.stdout


def test_a_stint_id_that_names_another_team_role_and_year_is_one_problem(data):
    set_cell(data, "stints.csv", 6, "stint_id", "bruno-verdi-red-fc-youth-coach-2018")
    problem = only_problem(data)
    assert (problem.line, problem.col, problem.rule) == (6, 1, "id-fields")
    assert "which gives bruno-verdi-blue-fc-head-coach-1990" in problem.message


def test_a_finished_spell_ending_in_2031_is_one_problem(data):
    set_cell(data, "stints.csv", 2, "end_date", "2031")
    problem = only_problem(data)
    assert (problem.line, problem.col, problem.rule) == (2, 6, "stint-ongoing")
    assert "ends in the future (2031)" in problem.message


def test_2000_league_appearances_in_a_one_season_spell_is_one_problem(data):
    set_cell(data, "stints.csv", 4, "start_date", "1990-07")
    set_cell(data, "stints.csv", 4, "stint_id", "ada-rossi-red-fc-player-1990")
    set_cell(data, "stints.csv", 4, "appearances", "2000")
    problem = only_problem(data)
    assert (problem.line, problem.col, problem.rule) == (4, 9, "appearances-per-season")
    assert "2000 appearances from 1990-07 to 1991-06" in problem.message and "at most 100" in problem.message


@pytest.mark.parametrize(("mistake", "cause"), [
    ('"Italian" coach', "a quote closes a cell but more text follows it"),
    ('"Italian coach', "a quoted cell opens on this line and is never closed"),
])
def test_a_line_that_cannot_be_parsed_is_one_problem_not_one_for_every_reference_to_the_rows_below(
        data, mistake, cause):
    """The rows below such a line are unknown (an unclosed quote holds them all): the other tables' references to
    them, the rules that read the file, and its rows below are left until it is fixed; it had a foreign-key
    problem for every appearance, stint and honour of a person below the line."""
    path = data / "people.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[1].endswith(",")  # the notes of line 2, the last cell, are empty; a person is below
    lines[1] += mistake
    path.write_text("\n".join(lines), encoding="utf-8")
    problem = only_problem(data)
    assert (problem.file, problem.line, problem.rule) == ("data/people.csv", 2, "malformed-csv")
    assert cause in problem.message
    assert "the lines below it are checked and the other tables are compared with this one once it is fixed" \
        in problem.message


def test_a_row_with_a_comma_too_many_is_one_problem_not_one_for_every_reference_to_it(data):
    """The row cannot be read, so the person is unknown: every appearance, stint, honour and milestone of theirs
    was a dangling reference too."""
    path = data / "people.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("ada-rossi,Ada Rossi,", "ada-rossi,Ada, Rossi,", 1),
                    encoding="utf-8")
    problem = only_problem(data)
    assert (problem.file, problem.line, problem.rule) == ("data/people.csv", 2, "row-width")
    assert problem.message.startswith("this row has 14 cells but the header has 13; check for a missing or extra "
                                      "comma, or a comma inside an unquoted cell; the other tables are compared "
                                      "with this one once it is fixed")


def test_a_match_year_typed_wrong_is_one_problem_not_two_more_for_every_player(data):
    """A match dated outside its season has a wrong date (or season): its appearances are not also judged by it
    (no stint covering the day, an age out of bounds); and the value shown is the cell as written, not a
    timestamp."""
    set_cell(data, "matches.csv", 2, "date", "1929-05-19")
    problem = only_problem(data)
    assert (problem.file, problem.line, problem.col, problem.rule) == ("data/matches.csv", 2, 2, "match-season")
    assert problem.value == "1929-05-19"


def test_a_spell_that_ends_before_it_starts_is_one_problem_not_one_for_every_fact_it_covered(data):
    """Either date may be the wrong one (1999 typed for 1991): the spell is not held against the appearances and
    honours it covered, nor against the player's other spells, until it is fixed."""
    set_cell(data, "stints.csv", 2, "start_date", "1999")  # ada-rossi at blue-fc, 1991 to 1996
    problem = only_problem(data)
    assert (problem.file, problem.line, problem.col, problem.rule) == ("data/stints.csv", 2, 6, "stint-dates")


@pytest.mark.parametrize("value", ["15/07/1996", "1996-02-30"])
def test_a_spell_end_written_so_no_day_can_be_read_is_one_problem_not_one_for_every_fact_it_covered(data, value):
    """An end date written another way, or a day not on the calendar, is reported as such; until it is fixed the
    spell's end is unknown, as an empty one is, and its appearances and honours are not also reported as
    uncovered."""
    set_cell(data, "stints.csv", 2, "end_date", value)  # ada-rossi at blue-fc, 1991 to 1996
    problem = only_problem(data)
    assert (problem.file, problem.line, problem.col) == ("data/stints.csv", 2, 6)
    assert problem.rule == ("pattern" if "/" in value else "date")


@pytest.mark.parametrize("column", ["team_id", "person_id"])
def test_an_id_typed_wrong_in_a_spell_is_one_problem_not_one_for_every_fact_it_covered(data, column):
    """The spell's team (or person) is unknown until the id is fixed: it may be the one that covers the appearances
    and honours of its person (or at its team), which were each reported as not covered too."""
    set_cell(data, "stints.csv", 2, column, {"team_id": "blue-f", "person_id": "ada-rosi"}[column])
    problem = only_problem(data)
    assert (problem.file, problem.line, problem.column, problem.rule) == ("data/stints.csv", 2, column, "foreign-key")


@pytest.mark.parametrize(("file", "column", "value"), [
    ("appearances.csv", "team_id", "blue-f"),  # the appearance's team: it was also a team that did not play
    ("matches.csv", "away_team_id", "blue-f"),  # the match's: each of the side's appearances was too
])
def test_a_team_id_typed_wrong_in_a_match_or_an_appearance_is_one_problem(data, file, column, value):
    set_cell(data, file, 2, column, value)
    problem = only_problem(data)
    assert (problem.file, problem.line, problem.column, problem.rule) == (f"data/{file}", 2, column, "foreign-key")


@pytest.mark.parametrize(("file", "column", "value", "rule"), [
    ("matches.csv", "season", "1992-39", "season"),  # and not also a match outside its season
    ("honours.csv", "season", "1992-39", "season"),  # nor a final outside the honour's season, nor no stint in it
    ("appearances.csv", "role", "playr", "vocabulary"),  # nor no stint covering it, nor a debut in a wrong role
    ("milestones.csv", "milestone", "senior_debutt", "vocabulary"),  # nor a milestone needing another role
    ("honours.csv", "team_id", "blue-f", "foreign-key"),  # nor a team that did not play the final
    ("milestones.csv", "person_id", "ada-rosi", "foreign-key"),  # nor a person with no appearance in the match
    ("people.csv", "nationality", "ITAx", "pattern"),  # nor a country code that names no country
    ("matches.csv", "home_score", "-1", "range"),  # nor the goals of a side above its score
    ("matches.csv", "home_score_aet", "-1", "range"),  # nor below the score after 90' (validate crashed on it)
    ("matches.csv", "season", "1992/94", "pattern"),  # nor two years that do not follow each other
    ("appearances.csv", "person_id", "ada-rosi", "foreign-key"),  # nor a milestone without its appearance
    ("appearances.csv", "match_id", "1993-05-19-white-fc-blue-fd", "foreign-key"),  # nor the row below out of order
])
def test_a_value_typed_wrong_is_one_problem_not_also_each_rule_that_would_judge_by_it(data, file, column, value,
                                                                                      rule):
    set_cell(data, file, 2, column, value)
    problem = only_problem(data)
    assert (problem.file, problem.line, problem.column, problem.rule) == (f"data/{file}", 2, column, rule)


def test_a_birth_year_typed_wrong_is_one_problem_at_the_birth_date_not_one_for_every_spell_and_match(data):
    """Two or more spells starting before the person was 14 point at the birth date: one message there, naming the
    spells, and no age of theirs judged by it; a single such spell is still reported at the spell."""
    set_cell(data, "people.csv", 2, "birth_date", "1980-04-22")  # ada-rossi, born 1964; spells from 1985
    problem = only_problem(data)
    assert (problem.file, problem.line, problem.column, problem.rule) == ("data/people.csv", 2, "birth_date",
                                                                          "stint-within-life")
    assert problem.message == ("4 of the 4 spells of ada-rossi in stints.csv (lines 2, 3, 4, 5) start before they "
                               "were 14 by this birth date; check the birth date, or those spells")
    set_cell(data, "people.csv", 2, "birth_date", "1972-04-22")  # only the spell of 1985 is too early now
    assert {(p.file, p.line, p.rule) for p in problems(data) if p.severity == "error"} == {
        ("data/stints.csv", 4, "stint-within-life")}


def test_an_id_renamed_in_its_own_table_is_one_message_for_each_file_that_names_it(data):
    """ada-rossi renamed in people.csv only: her four spells are one message, at the first, naming the others' lines,
    not four; her honour, appearance and milestone one each."""
    set_cell(data, "people.csv", 2, "person_id", "ada-rossi-1962")
    found = problems(data)
    assert sorted((p.file, p.line, p.column, p.rule) for p in found) == [
        ("data/appearances.csv", 2, "person_id", "foreign-key"), ("data/honours.csv", 2, "person_id", "foreign-key"),
        ("data/milestones.csv", 2, "person_id", "foreign-key"), ("data/stints.csv", 2, "person_id", "foreign-key")]
    spells = next(p for p in found if p.file == "data/stints.csv")
    assert "which 4 rows of this file name (lines 2, 3, 4, 5)" in spells.message
    assert "rename it back, or here too" in spells.message


def test_a_match_id_pasted_over_another_is_a_repeated_key_not_every_appearance_judged_by_the_wrong_match(tmp_path):
    """Two rows of matches.csv with one id: which of them an appearance means is unknown until it is fixed. The
    references were taken to the first row with each id, counted wrongly past the repeated one, so that every
    appearance of every later match was judged by the match before it: 318 messages, 268 of them appearance-team;
    now 4."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    lines = (data / "matches.csv").read_text(encoding="utf-8").split("\n")
    set_cell(data, "matches.csv", 2, "match_id", next(csv.reader([lines[2]]))[0])
    found = problems(data)
    assert {p.rule for p in found} <= {"primary-key", "foreign-key", "id-fields", "sort-order"}, found
    assert len(found) <= 5 and sum(p.rule == "primary-key" for p in found) == 1


# A value typed wrong, by the kind of its column: a slip of the keyboard, or what a spreadsheet writes.
TYPED_WRONG = {"slug": "Ada Rossi", "wikidata": "Q12x", "transfermarkt": "12a", "country": "Italy",
               "language": "Italian", "partial_date": "15/07/2004", "date": "15/07/2004", "season": "1992/94",
               "choice": "something else", "count": "-3", "minute": "-3", "flag": "maybe", "url": "www.example.org"}
REFERENCED = {(target, column) for table in TABLES for target, column in table.foreign_keys.values()}


def first_row(table):
    with open(VALID / table.file_name, encoding="utf-8", newline="") as file:
        return next(csv.DictReader(file))


@pytest.mark.parametrize(("table", "column"), [
    (table, column) for table in TABLES for column in table.columns
    if kind_of(table.schema.columns[column]).name in TYPED_WRONG and first_row(table)[column]
    and (table.name, column) not in REFERENCED],
    ids=lambda value: getattr(value, "name", value))
def test_one_value_typed_wrong_in_any_column_is_one_message_never_a_crash(data, table, column):
    """Each filled cell of the first row of each table typed wrong, one at a time (found this way: a minus sign
    typed in a score crashed validate, and an id typed wrong in an appearance also gave its row out of order and a
    milestone without its appearance). A key that other rows name is left out: renamed, each row naming it is a
    message of its own; so is an empty cell, where a value typed in may be a second mistake (one penalty score of
    two)."""
    set_cell(data, table.file_name, 2, column, TYPED_WRONG[kind_of(table.schema.columns[column]).name])
    problem = only_problem(data)
    assert (problem.file, problem.line, problem.column) == (f"data/{table.file_name}", 2, column)


def without_trailing_commas(path, rows_wanted=None, cells=1):
    """The file as Excel saves some blocks of rows: a row's empty last cells without their commas (in every row, or
    in the first `rows_wanted` that end in an empty cell); with `cells` 2, each row's last two cells cut, filled
    or not."""
    lines, changed = path.read_text(encoding="utf-8").split("\n"), 0
    for i in range(1, len(lines)):
        if lines[i] and (cells > 1 or lines[i].endswith(",")) and (rows_wanted is None or changed < rows_wanted):
            lines[i], changed = lines[i].rsplit(",", cells)[0], changed + 1
    path.write_text("\n".join(lines), encoding="utf-8")
    return [i + 1 for i, line in enumerate(lines) if i and line and line.count(",") < lines[0].count(",")]


def test_rows_short_of_their_empty_last_cells_are_one_problem_that_format_writes_back(tmp_path):
    """The committed spells saved with every empty note's comma left out, as Excel saves some blocks of rows: one
    problem at the first such row (the rows are read, and every reference to them resolves), and `format` gives
    back the file as it was."""
    from scripts.formatting import format_tables
    from scripts.read import SHORT_ROWS_SHOWN

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    before = (data / "stints.csv").read_bytes()
    short = without_trailing_commas(data / "stints.csv")
    assert len(short) > SHORT_ROWS_SHOWN
    problem = only_problem(data)
    assert (problem.file, problem.line, problem.col, problem.column, problem.rule) == (
        "data/stints.csv", short[0], 12, "notes", "short-rows")
    assert f"{len(short):,} rows end without the commas of their empty last cells ('notes' here)" in problem.message
    assert "make format" in problem.message
    outcome = format_tables(data, tmp_path)
    assert outcome.changed == ["data/stints.csv"] and outcome.refused == []
    assert (data / "stints.csv").read_bytes() == before
    assert problems(data) == []


def test_a_few_short_rows_or_rows_short_of_a_required_cell_are_each_reported_at_their_row(tmp_path):
    """A few rows short of a cell may each lack a comma anywhere, and so may rows without a cell that must be
    filled (source_id): each is reported at its row, and `format` refuses the file."""
    from scripts.formatting import format_tables
    from scripts.read import SHORT_ROWS_SHOWN

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    short = without_trailing_commas(data / "stints.csv", SHORT_ROWS_SHOWN)
    found = problems(data)
    assert [(p.file, p.line, p.rule) for p in found] == [("data/stints.csv", line, "row-width") for line in short]
    shutil.copy(ROOT / "data" / "stints.csv", data / "stints.csv")
    short = without_trailing_commas(data / "stints.csv", 3 * SHORT_ROWS_SHOWN, cells=2)
    found = problems(data)
    assert [(p.file, p.line, p.rule) for p in found] == [("data/stints.csv", line, "row-width") for line in short]
    assert format_tables(data, tmp_path).refused
