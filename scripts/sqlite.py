"""Typed frames -> one SQLite database (standard library sqlite3) and its Datasette metadata.

Every table with its primary and foreign keys, an index on every key column, the published columns (each
partial date's earliest and latest day beside it), and a `careers` view that reads as a person's career.
Dates are ISO `YYYY-MM-DD` text, which SQLite compares in calendar order; booleans are 0 or 1.
"""

from __future__ import annotations

import itertools
import sqlite3
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from schemas import TABLES, Table
from schemas.published import PublishedColumn, published_columns
from scripts import package

FILE_NAME = "football-careers.sqlite"
METADATA_NAME = "metadata.json"
ROWS_PER_SLICE = 100_000  # rows turned into Python values at a time
ROWS_PER_INSERT = 1000  # rows bound to one INSERT statement (fewer if the SQLite build allows fewer variables)
SQL_TYPES = {"string": "TEXT", "date": "TEXT", "integer": "INTEGER", "boolean": "INTEGER", "category": "TEXT"}

CAREERS_VIEW = """
CREATE VIEW careers AS
SELECT people.person_id, people.name AS person, stints.role, teams.team_id, teams.name AS team,
       stints.start_date, stints.start_date_earliest, stints.start_date_latest,
       stints.end_date, stints.end_date_earliest, stints.end_date_latest, stints.ongoing,
       stints.on_loan, stints.appearances, stints.goals, sources.url AS source_url, stints.stint_id
FROM stints
JOIN people ON people.person_id = stints.person_id
JOIN teams ON teams.team_id = stints.team_id
JOIN sources ON sources.source_id = stints.source_id
ORDER BY people.name, stints.start_date_earliest, stints.stint_id
"""
CAREERS_DESCRIPTION = ("Each person's career as it reads: name, role, team name and the dates of every spell "
                       "(stints joined with people, teams and sources), in the order of the spells.")


def write(tables: dict[str, pa.Table], path: Path) -> None:
    """Build the database at `path` (which must not exist yet) from the published tables, in a fixed order, so
    the bytes are repeatable: one connection, one sequence of statements, no clock. Each index is made after its
    table's rows are in (one sort instead of a million updates). No VACUUM: the file has no free page (it only
    grew); rewriting it would repack the primary keys' index pages, 3% smaller at a million appearances, for a
    tenth of the build's time."""
    connection = sqlite3.connect(path)
    try:
        # The data is validated, every reference resolved: checking each inserted row again is most of the time.
        connection.execute("PRAGMA foreign_keys = OFF")
        # A new file in a staging folder, thrown away on failure: no journal and no syncs needed to protect it.
        connection.execute("PRAGMA journal_mode = OFF")
        connection.execute("PRAGMA synchronous = OFF")
        connection.execute("PRAGMA page_size = 4096")
        for table in TABLES:
            connection.execute(create_table(table))
            columns = published_columns(table)
            _insert(connection, table.name, len(columns), _rows(tables[table.name], columns))
            for index in create_indexes(table):
                connection.execute(index)
        connection.execute(CAREERS_VIEW)
        connection.commit()
    finally:
        connection.close()


def _insert(connection: sqlite3.Connection, name: str, width: int, rows) -> None:
    """Many rows to a statement: fewer statement runs than one row each (executemany)."""
    limit = connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) if hasattr(connection, "getlimit") else 999
    per_statement = max(1, min(ROWS_PER_INSERT, limit // width))
    row = "(" + ", ".join("?" * width) + ")"
    full = f"INSERT INTO {name} VALUES " + ", ".join([row] * per_statement)
    rows = iter(rows)
    while chunk := list(itertools.islice(rows, per_statement)):
        statement = full if len(chunk) == per_statement else f"INSERT INTO {name} VALUES " + ", ".join([row] * len(chunk))
        connection.execute(statement, list(itertools.chain.from_iterable(chunk)))


def create_table(table: Table) -> str:
    lines = [f"  {column.name} {SQL_TYPES[column.type]}{' NOT NULL' if column.required else ''}{_check(column)}"
             for column in published_columns(table)]
    lines.append(f"  PRIMARY KEY ({', '.join(table.primary_key)})")
    lines += [f"  FOREIGN KEY ({column}) REFERENCES {target} ({target_column})"
              for column, (target, target_column) in table.foreign_keys.items()]
    return f"CREATE TABLE {table.name} (\n" + ",\n".join(lines) + "\n)"


def create_indexes(table: Table) -> list[str]:
    """An index on each foreign key column (the primary key has its own), for joins and lookups."""
    return [f"CREATE INDEX {table.name}_{column} ON {table.name} ({column})" for column in table.foreign_keys
            if [column] != table.primary_key[:1]]


def _check(column: PublishedColumn) -> str:
    """The closed vocabulary of a column as a CHECK. Written as equalities joined by OR, not as `IN (...)`: in a
    CHECK, SQLite 3.40 builds the IN list's lookup table again for every row, which made the checks of a million
    appearances four seconds of the build; the comparisons take a tenth of a second. Both pass an empty cell."""
    if column.type == "boolean":
        allowed = ["0", "1"]
    elif column.categories:
        allowed = ["'" + value.replace("'", "''") + "'" for value in column.categories]
    else:
        return ""
    return f" CHECK ({' OR '.join(f'{column.name} = {value}' for value in allowed)})"


def _rows(table: pa.Table, columns: list[PublishedColumn]):
    """The rows as SQLite takes them (dates as YYYY-MM-DD text, booleans as 0 or 1, categories as text), made a
    slice at a time: Python objects for ten million rows at once would take gigabytes."""
    for start in range(0, table.num_rows, ROWS_PER_SLICE):
        part = table.slice(start, ROWS_PER_SLICE)
        yield from zip(*(_sql_values(part.column(column.name), column).to_pylist() for column in columns))


def _sql_values(values: pa.ChunkedArray, column: PublishedColumn) -> pa.ChunkedArray:
    if column.type == "date":
        return pc.cast(pc.cast(values, pa.date32()), pa.string())
    if column.type == "boolean":
        return pc.cast(values, pa.int64())
    if column.type == "category":
        return pc.cast(values, pa.string())
    return values


def datasette_metadata() -> dict:
    """`datasette football-careers.sqlite -m metadata.json`: titles, descriptions, licence and source."""
    tables = {table.name: {"title": table.title, "description": table.description,
                           "columns": {c.name: c.description for c in published_columns(table)}}
              for table in TABLES}
    tables["careers"] = {"title": "Careers", "description": CAREERS_DESCRIPTION}
    licence = package.LICENSES[0]
    return {"title": package.TITLE, "description": package.DESCRIPTION, "license": licence["title"],
            "license_url": licence["path"], "source": "football-careers (data/*.csv, every row citing its page)",
            "source_url": package.HOMEPAGE,
            "databases": {Path(FILE_NAME).stem: {"title": package.TITLE, "description": package.DESCRIPTION,
                                                 "tables": tables}}}
