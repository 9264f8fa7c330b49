"""Typed frames -> one SQLite database (standard library sqlite3) and its Datasette metadata.

Every table with its primary and foreign keys, an index on every key column, the published columns (each
partial date's earliest and latest day beside it), and a `careers` view that reads as a person's career.
Dates are ISO `YYYY-MM-DD` text, which SQLite compares in calendar order; booleans are 0 or 1.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pandas as pd

from schemas import TABLES, Table
from schemas.published import PublishedColumn, published_columns
from scripts import package
from scripts.publish import published_frame

FILE_NAME = "football-careers.sqlite"
METADATA_NAME = "metadata.json"
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


def write(frames: dict[str, pd.DataFrame], path: Path) -> None:
    """Build the database at `path` (which must not exist yet) in a fixed order, so the bytes are repeatable."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("PRAGMA page_size = 4096")
        for table in TABLES:
            connection.execute(create_table(table))
            for index in create_indexes(table):
                connection.execute(index)
            columns = published_columns(table)
            rows = _rows(published_frame(table, frames[table.name]), columns)
            placeholders = ", ".join("?" for _ in columns)
            connection.executemany(f"INSERT INTO {table.name} VALUES ({placeholders})", rows)
        connection.execute(CAREERS_VIEW)
        connection.commit()
        connection.execute("VACUUM")
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
    if column.type == "boolean":
        return f" CHECK ({column.name} IN (0, 1))"
    if column.categories:
        allowed = ", ".join("'" + value.replace("'", "''") + "'" for value in column.categories)
        return f" CHECK ({column.name} IN ({allowed}))"
    return ""


def _rows(frame: pd.DataFrame, columns: list[PublishedColumn]) -> list[tuple]:
    converted = {}
    for column in columns:
        values = frame[column.name]
        if column.type == "date":
            values = values.dt.strftime("%Y-%m-%d")
        elif column.type == "boolean":
            values = values.astype("Int64")
        converted[column.name] = values.astype(object).where(values.notna(), None)
    return list(zip(*converted.values()))


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
