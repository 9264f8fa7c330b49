"""Typed frames -> one SQLite database and its Datasette metadata.

Every table with its primary and foreign keys, an index on every key column, the published columns (each
partial date's earliest and latest day beside it), and a `careers` view that reads as a person's career.
Dates are ISO `YYYY-MM-DD` text, which SQLite compares in calendar order; booleans are 0 or 1.

The rows go in through ADBC's SQLite driver (Apache Arrow's database connectivity), which binds them from the
Arrow columns in C. Through the standard library's sqlite3 every value became a Python object and was bound one
at a time: a million appearances took 6.6 s to insert (1.5 s making the objects, 5.1 s binding and inserting)
against 2.8 s from Arrow.
"""

from __future__ import annotations

from pathlib import Path

import adbc_driver_sqlite.dbapi as adbc
import pyarrow as pa
import pyarrow.compute as pc

from schemas import TABLES, Table
from schemas.published import PublishedColumn, published_columns
from scripts import package

FILE_NAME = "football-careers.sqlite"
METADATA_NAME = "metadata.json"
PRAGMAS = (
    # The data is validated, every reference resolved: checking each inserted row again is most of the time.
    "PRAGMA foreign_keys = OFF",
    # A new file in a staging folder, thrown away on failure: no journal and no syncs needed to protect it.
    "PRAGMA journal_mode = OFF",
    "PRAGMA synchronous = OFF",
    "PRAGMA page_size = 4096",
)
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
    # in autocommit mode each statement is its own transaction; the driver's bulk insert of a table's rows runs as
    # one (a million appearances in 2.8 s, as with autocommit off and a commit at the end)
    connection = adbc.connect(str(path), autocommit=True)
    try:
        cursor = connection.cursor()
        for pragma in PRAGMAS:
            cursor.execute(pragma)
        for table in TABLES:
            cursor.execute(create_table(table))
            cursor.adbc_ingest(table.name, _sql_table(tables[table.name], published_columns(table)), mode="append")
            for index in create_indexes(table):
                cursor.execute(index)
        cursor.execute(CAREERS_VIEW)
        cursor.close()
    finally:
        connection.close()


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


def _sql_table(table: pa.Table, columns: list[PublishedColumn]) -> pa.Table:
    """The columns as SQLite takes them: dates as YYYY-MM-DD text, booleans as 0 or 1, categories as text."""
    return pa.table({column.name: _sql_values(table.column(column.name), column) for column in columns})


def _sql_values(values: pa.ChunkedArray, column: PublishedColumn) -> pa.ChunkedArray:
    if column.type == "date":
        return pc.cast(pc.cast(values, pa.date32()), pa.string())
    if column.type == "boolean":
        return pc.cast(values, pa.int64())
    if column.type in ("category", "string"):
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
