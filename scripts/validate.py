"""Read every table, check it against its pandera model, then the cross-table rules: all problems, at once."""

from __future__ import annotations

import fnmatch
import os
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa

from schemas import TABLES, Table, dates, rules
from schemas.codes import ColumnCodes
from schemas.rules.registry import listed
from schemas.columns import kind_of
from scripts import checks, convert, read
from scripts.problems import Problem, preview, sort_problems

DATA_SUFFIXES = {".csv"}
DATE_FORMS = {"partial_date": "dates written 1991, 1991-07 or 1991-07-01, as precise as the source",
              "date": "dates written YYYY-MM-DD", "season": "seasons written 1992-93, or 1993 for a calendar year"}
NUMBER_KINDS = ("count", "minute")
SPREADSHEET_CELLS_SHOWN = 5  # beyond this many cells of a file of one sort a spreadsheet rewrote, one message
ACKNOWLEDGED = "checked: "  # in a row's notes, followed by a warning's rule: the value was checked and is right
ALLOWED_EXTRA_FILES = {"README.md", ".gitattributes"}
IGNORED_FILES = (".~lock.*#", "~$*", "*~", "*.bak", "*.swp", "*.swo", ".#*", "#*#", ".DS_Store", "Thumbs.db",
                 "desktop.ini", ".*.csv.*.tmp")


@dataclass
class Checked:
    """The outcome of a validation: problems, and the typed frames of the tables that could be read."""

    problems: list[Problem]
    frames: dict[str, pd.DataFrame] = field(default_factory=dict)
    raws: dict[str, read.RawTable] = field(default_factory=dict)  # each read, its cells the typed frame once typed

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def ok(self) -> bool:
        return not self.errors


def validate(data_dir: Path, root: Path | None = None,
             typed: Callable[[dict[str, pd.DataFrame]], None] | None = None) -> Checked:
    """Every problem of the data folder. `typed`, if given, is handed the typed frames once every table is read
    without an error, before the checks and rules that may still find some: what is made of valid frames alone
    (build's outputs) can begin beside them, and be thrown away if they fail."""
    root = (root or data_dir.parent).resolve()
    problems = _check_directory(data_dir, root)
    frames, raws = {}, {}
    codes = ColumnCodes(frames)  # each column's codes, made once for the checks and the rules
    for table in TABLES:
        path = data_dir / table.file_name
        file = _display(path, root)
        if read.is_link_outside(path, root):
            problems.append(Problem(file, None, None, None, "symlink",
                                    "the file is a symbolic link to a place outside the repository; "
                                    "replace it with the real file"))
            continue
        raw = read.read_table(path, table, file)
        raws[table.name] = raw
        if raw.cells is not None:
            frames[table.name] = convert.typed_frame(raw)
            # the typed frame holds the text columns' very cells: with it in their place, the text of the typed
            # columns (numbers, flags and dates as written) is freed, 24 MB at a million appearances
            raw.cells = frames[table.name]
            for column, (cells_codes, distinct) in raw.codes.items():  # the columns kept as text
                codes.add(table.name, column, cells_codes, distinct)
        problems.extend(raw.problems)
    if typed and len(frames) == len(TABLES) and not any(p.severity == "error" for p in problems):
        typed(frames)
    for table in TABLES:
        if table.name in frames:
            problems.extend(_check_schema(table, frames[table.name], raws[table.name], codes))
    whole = {name: frame for name, frame in frames.items() if not raws[name].rows_unread}
    for violation in rules.check_all(whole, codes=codes):
        raw = raws[violation.table]
        col = raw.header.index(violation.column) + 1 if violation.column in raw.header else None
        problems.append(Problem(raw.file, violation.line, col, violation.column, violation.rule,
                                violation.message, preview(violation.value), violation.severity))
    problems = [p for p in problems if not _acknowledged(p, raws)]
    problems = _one_problem_per_stray_row(problems, frames, raws, codes)
    problems = _one_problem_for_cells_a_spreadsheet_rewrote(_without_follow_ons(problems, raws), raws)
    return Checked(sort_problems(problems), frames, raws)


def _one_problem_per_stray_row(problems: list[Problem], frames: dict[str, pd.DataFrame],
                               raws: dict[str, read.RawTable], codes: ColumnCodes) -> list[Problem]:
    """A row with a first cell and none of the other required text cells is not a row of the table (a
    spreadsheet's total, a note typed below the data): one message for it, not one for each empty cell, its
    pattern and its place in the order."""
    stray: dict[tuple[str, int], Problem] = {}
    for name, frame in frames.items():
        raw, table = raws[name], raws[name].table
        first = table.columns[0]
        required = [column for column, schema_column in table.schema.columns.items()
                    if not schema_column.nullable and column != first and column in raw.codes]
        if len(required) < 2:
            continue
        empty = np.logical_and.reduce([codes.of(name, column)[0] < 0 for column in required])
        for line in frame.index[empty]:
            value = frame.at[line, first]
            stray[(raw.file, int(line))] = Problem(
                raw.file, int(line), 1, first, "stray-row",
                f"this row has {value!r} and none of {', '.join(required)}: it looks like a total or a note "
                "below the data, not a row of this table; delete it, or fill in the row", preview(value))
    if not stray:
        return problems
    return [p for p in problems if (p.file, p.line) not in stray] + list(stray.values())


def _one_problem_for_cells_a_spreadsheet_rewrote(problems: list[Problem], raws: dict[str, read.RawTable]
                                                 ) -> list[Problem]:
    """Many cells of one file written as a spreadsheet writes them are one mistake: the file was opened in a
    spreadsheet, which read them its own way and saved them so. Dates and seasons as it shows them (7/6/2000,
    Jul-91, Feb-01 for the season 2001-02), and whole numbers with decimals, thousands separators or in scientific
    notation (41.0, 1,000, 4.1E+03). One message for each file and sort, at the first of them, with the way
    back, so that the problems that are not about it stay visible; a few are each reported with what to write."""
    kinds = {raw.file: {name: kind_of(column).name for name, column in raw.table.schema.columns.items()}
             for raw in raws.values()}

    def kind(p: Problem) -> str | None:
        return kinds.get(p.file, {}).get(p.column)

    def is_date(p: Problem) -> bool:
        return p.rule in ("pattern", "type") and kind(p) in DATE_FORMS and bool(p.value) \
            and bool(dates.written_here(p.value, kind(p)))

    def is_number(p: Problem) -> bool:
        return p.rule == "type" and kind(p) in NUMBER_KINDS and bool(p.value) \
            and convert.as_a_spreadsheet_writes(p.value) is not None

    for rule, rewritten, message in (("spreadsheet-dates", is_date, _dates_message),
                                     ("spreadsheet-numbers", is_number, _numbers_message)):
        by_file: dict[str, list[Problem]] = {}
        for p in problems:
            if rewritten(p):
                by_file.setdefault(p.file, []).append(p)
        many = {file: found for file, found in by_file.items() if len(found) > SPREADSHEET_CELLS_SHOWN}
        merged = {id(p) for found in many.values() for p in found}
        problems = [p for p in problems if id(p) not in merged]
        for file, found in many.items():
            first = min(found, key=lambda p: (p.line, p.col))
            columns = list(dict.fromkeys(p.column for p in sorted(found, key=lambda p: p.col)))
            text = (f"{len(found):,} cells of {' and '.join(columns)} hold "
                    + message(first.value, sorted({p.line for p in found}), file, columns, kinds[file]))
            problems.append(Problem(file, first.line, first.col, first.column, rule, text, first.value))
    return problems


def _way_back(file: str) -> str:
    return (f"Take the file as it was (git checkout -- {file}) and make the change again with these columns opened "
            "as text (LibreOffice: in the Text Import dialog, select them and set Column type to 'Text'; Excel: "
            "Data > From Text/CSV, Data Type Detection 'Do not detect data types')")


def _dates_message(value: str, lines: list[int], file: str, columns: list[str], kinds: dict[str, str]) -> str:
    by_kind: dict[str, list[str]] = {}
    for column in columns:
        by_kind.setdefault(kinds[column], []).append(column)
    forms = "; ".join(f"{' and '.join(names)} {'take' if len(names) > 1 else 'takes'} {DATE_FORMS[kind]}"
                      for kind, names in by_kind.items())
    return (f"dates written as a spreadsheet shows them, such as {value!r} here (lines {listed(lines)}): the file was "
            f"opened in a spreadsheet, which read them as dates and saved them its own way. {_way_back(file)}, or "
            f"write each of them as its column takes it ({forms})")


def _numbers_message(value: str, lines: list[int], file: str, columns: list[str], kinds: dict[str, str]) -> str:
    return (f"whole numbers written as a spreadsheet formats them, such as {value!r} here (lines {listed(lines)}): "
            f"the file was saved from a spreadsheet whose number cells show decimals, thousands separators or "
            f"scientific notation. {_way_back(file)}, or format these columns as numbers with no decimal places and "
            f"no thousands separator before saving; {value!r} {convert.as_a_spreadsheet_writes(value)}")


def _acknowledged(problem: Problem, raws: dict[str, read.RawTable]) -> bool:
    """A warning that a contributor checked and found right: the row's notes say `checked: <rule>`."""
    if problem.severity != "warning" or problem.line is None:
        return False
    raw = next((r for r in raws.values() if r.file == problem.file), None)
    if raw is None or raw.cells is None or "notes" not in raw.cells or problem.line not in raw.cells.index:
        return False
    notes = raw.cells.at[problem.line, "notes"]
    return isinstance(notes, str) and f"{ACKNOWLEDGED}{problem.rule}" in notes


def _next_line(raw: read.RawTable, line: int) -> int | None:
    """The line of the row below the row at `line` (a row may span lines), or None for the last row."""
    lines = raw.cells.index if raw.cells is not None else ()
    at = int(np.searchsorted(lines, line, side="right"))
    return int(lines[at]) if at < len(lines) else None


def _display(path: Path, root: Path) -> str:
    """The path as a contributor would type it from `root` (the current folder, for the command line)."""
    try:
        return Path(os.path.relpath(path.absolute(), root)).as_posix()
    except ValueError:  # another drive, on Windows
        return path.absolute().as_posix()


def _check_directory(data_dir: Path, root: Path) -> list[Problem]:
    if not data_dir.is_dir():
        return [Problem(_display(data_dir, root), None, None, None, "missing-file", "the data folder is missing")]
    expected = {table.file_name for table in TABLES} | ALLOWED_EXTRA_FILES
    problems = []
    for path in sorted(data_dir.iterdir()):
        if path.name not in expected and not _ignored(path.name):
            problems.append(Problem(_display(path, root), None, None, None, "unexpected-file",
                                    f"data/ holds only the tables' CSV files ({', '.join(sorted(t.file_name for t in TABLES))}); "
                                    "move or delete this file"))
    return problems


def _ignored(name: str) -> bool:
    """Files that tools leave beside the data while they work: spreadsheet lock files, editor back-ups, and the
    temporary files of an interrupted `make format`."""
    return any(fnmatch.fnmatch(name, pattern) for pattern in IGNORED_FILES)


# pandera check name -> (rule, how to say what is wrong)
CHECK_RULES = {
    "not_nullable": ("required", "this column needs a value"),
    "str_matches": ("pattern", None),
    "matches_pattern": ("pattern", None),
    "isin": ("vocabulary", None),
    "greater_than_or_equal_to": ("range", None),
    "in_range": ("range", None),
    "real_partial_date": ("date", "no such day on the calendar"),
    "consecutive_season": ("season", "the second year of a season must follow the first, as in 1992-93"),
    "multiple_fields_uniqueness": ("primary-key", None),
    "field_uniqueness": ("primary-key", None),
}


def _check_schema(table: Table, frame: pd.DataFrame, raw: read.RawTable, codes: ColumnCodes) -> list[Problem]:
    # rows in key order whose key columns are coded as text (not as the numbers or dates they were typed to,
    # where 7 and 07 are one value) have their repeated keys side by side
    in_key_order = raw.in_key_order and all(column in raw.codes for column in table.schema.unique)
    failures = checks.failure_cases(table.schema, frame, lambda column: codes.of(table.name, column), in_key_order)
    if failures.empty:
        return []
    problems = []
    duplicates = _duplicate_lines(table, frame) if failures["check"].astype(str).str.contains("uniqueness").any() else {}
    for failure in failures.itertuples(index=False):
        check = str(failure.check).split("(")[0]
        if failure.index is None or pd.isna(failure.index) or check not in CHECK_RULES:
            continue  # a type failure already reported by convert, or a whole-column failure
        rule, message = CHECK_RULES[check]
        line = int(failure.index)
        if rule == "primary-key" and duplicates.get(line, [line])[0] == line:
            continue  # a repeated key is one mistake: reported on each later row, naming the first
        column = failure.column if rule != "primary-key" else table.primary_key[0]
        schema_column = table.schema.columns[column]
        value = frame.at[line, column]
        value = None if pd.isna(value) else value
        message = message or _explain(rule, schema_column, value, table, duplicates.get(line))
        col = raw.header.index(column) + 1
        problems.append(Problem(raw.file, line, col, column, rule, message, preview(value)))
    return problems


def _explain(rule: str, column: pa.Column, value: object, table: Table, others: list[int] | None) -> str:
    kind = kind_of(column)
    if rule == "vocabulary":
        allowed = next(c.statistics["allowed_values"] for c in column.checks if c.name == "isin")
        return f"{value!r} is not an allowed value; use one of: {', '.join(allowed)}"
    if rule == "range":
        return f"{value} is out of range; {kind.hint}"
    if rule == "primary-key":
        key = ", ".join(table.primary_key)
        first = (others or ["?"])[0]
        return (f"this row has the same {key} as line {first}; a key must be unique: delete the repeated row, or "
                "give one of them another id")
    advice = dates.written_here(str(value), kind.name) if kind.name in DATE_FORMS else None
    if advice:
        written = "this season is written another way; " if kind.name == "season" else \
            "this date is written another way; "
        return f"{_odd_characters(value) or written}{advice}: this column takes {DATE_FORMS[kind.name]}"
    return f"{_odd_characters(value)}{kind.hint}"


def _odd_characters(value: object) -> str:
    # a plain space, and the º of an Italian first of the month (1º luglio 1991), are what they look like; a dash,
    # a space of another kind or a Cyrillic letter is not
    odd = sorted({c for c in str(value) if (not c.isascii() or c.isspace()) and c not in " º"})
    if not odd:
        return ""
    names = ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, 'unknown').lower()}" for c in odd)
    return f"it holds characters that look ordinary but are not ({names}); "


def _duplicate_lines(table: Table, frame: pd.DataFrame) -> dict[int, list[int]]:
    """line -> the lines of every row with its key, for the rows whose key is repeated."""
    lines = checks.duplicated_lines(frame, table.primary_key, lambda column: pd.factorize(frame[column]))
    key = checks.key_text(frame.loc[lines], table.primary_key)
    groups = key.groupby(key).groups
    return {line: list(lines) for lines in groups.values() for line in lines}


def _without_follow_ons(problems: list[Problem], raws: dict[str, read.RawTable]) -> list[Problem]:
    """One message per mistake: a cell that is not of its type becomes missing, so it is reported as a type
    problem and not as missing too; an id is compared with its row only once the row's fields are right; a
    repeated row is reported as such, not also as out of order, and so is a key typed wrong (a dangling reference,
    or not written as ids), which moves its row out of order until it is fixed; an id not written as its column
    writes ids (pattern) is not also a dangling reference, which it cannot fail to be."""
    mistyped = {(p.file, p.line, p.column) for p in problems if p.rule == "type"}
    misspelt = {(p.file, p.line, p.column) for p in problems if p.rule == "pattern"}
    other_rows = {(p.file, p.line) for p in problems if p.rule != "id-fields"}
    by_file = {raw.file: raw for raw in raws.values()}
    in_order_once_fixed = {(p.file, p.line) for p in problems if p.rule == "primary-key"}
    for p in problems:  # a key typed wrong sorts its row, or the row after it, out of place
        raw = by_file.get(p.file)
        if p.rule in ("foreign-key", "pattern") and raw and p.column in raw.table.primary_key:
            in_order_once_fixed |= {(p.file, p.line), (p.file, _next_line(raw, p.line))}
    return [p for p in problems if not (p.rule == "required" and (p.file, p.line, p.column) in mistyped)
            and not (p.rule == "id-fields" and (p.file, p.line) in other_rows)
            and not (p.rule == "sort-order" and (p.file, p.line) in in_order_once_fixed)
            and not (p.rule == "foreign-key" and (p.file, p.line, p.column) in misspelt)]
