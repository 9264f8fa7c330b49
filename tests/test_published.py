"""What analysts read: every published table, read with pandas (no arguments), polars, DuckDB and sqlite3,
has real types and documented columns; SQLite has its keys; no name needs quoting in SQL; both data
packages pass frictionless."""

import json
import sqlite3
import subprocess
import sys
import zipfile

import duckdb
import pandas as pd
import polars as pl
import pytest
from frictionless import validate as frictionless_validate

from schemas import TABLES, VERSION
from schemas.published import published_columns
from tests.conftest import ROOT, built

PANDAS_TYPES = {"string": "str", "date": "datetime64[ms]", "integer": "Int64", "boolean": "boolean",
                "category": "category"}
POLARS_TYPES = {"string": pl.String, "date": pl.Datetime("ms"), "integer": pl.Int64, "boolean": pl.Boolean,
                "category": pl.Categorical}
DUCKDB_TYPES = {"string": "VARCHAR", "date": "TIMESTAMP", "integer": "BIGINT", "boolean": "BOOLEAN",
                "category": "VARCHAR"}
SQLITE_TYPES = {"string": "TEXT", "date": "TEXT", "integer": "INTEGER", "boolean": "INTEGER", "category": "TEXT"}


@pytest.fixture(scope="module")
def dist(tmp_path_factory):
    """The committed data, built as `make build` builds it."""
    return built("build", tmp_path_factory.mktemp("published") / "dist")


def csv_rows(table):
    return len(pd.read_csv(ROOT / "data" / table.file_name, dtype=str, keep_default_na=False))


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.name)
def test_pandas_with_no_arguments_gets_real_types(dist, table):
    frame = pd.read_parquet(dist / "parquet" / f"{table.name}.parquet")
    assert len(frame) == csv_rows(table)
    for column in published_columns(table):
        assert str(frame[column.name].dtype) == PANDAS_TYPES[column.type], column.name
        if column.type == "category":
            assert list(frame[column.name].cat.categories) == list(column.categories), column.name


def test_a_date_compares_with_a_date_in_pandas(dist):
    stints = pd.read_parquet(dist / "parquet" / "stints.parquet")
    assert (stints["start_date_earliest"] <= "1995-08-31").any()
    assert str(stints.loc[stints["appearances"].notna(), "appearances"].iloc[0]).isdigit()  # 2, not 2.0


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.name)
def test_polars_gets_real_types_and_the_descriptions(dist, table):
    path = dist / "parquet" / f"{table.name}.parquet"
    frame = pl.read_parquet(path)
    assert frame.height == csv_rows(table)
    for column in published_columns(table):
        assert frame.schema[column.name] == POLARS_TYPES[column.type], column.name
    metadata = pl.read_parquet_metadata(path)
    assert metadata["description"] == table.description
    assert all(metadata[f"description:{c.name}"] == c.description for c in published_columns(table))


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.name)
def test_duckdb_gets_real_types_and_reads_the_descriptions(dist, table):
    path = dist / "parquet" / f"{table.name}.parquet"
    described = {row[0]: row[1] for row in duckdb.sql(f"DESCRIBE SELECT * FROM '{path}'").fetchall()}
    for column in published_columns(table):
        assert described[column.name] == DUCKDB_TYPES[column.type], column.name
    metadata = dict(duckdb.sql(f"SELECT decode(key), decode(value) FROM parquet_kv_metadata('{path}')").fetchall())
    assert metadata["description"] == table.description and metadata["version"] == VERSION
    assert all(metadata[f"description:{c.name}"] == c.description for c in published_columns(table))


def test_sqlite_has_every_table_with_its_keys_indexes_and_a_careers_view(dist):
    database = dist / "sqlite" / "football-careers.sqlite"
    with sqlite3.connect(database) as connection:
        for table in TABLES:
            (count,) = connection.execute(f"SELECT count(*) FROM {table.name}").fetchone()
            assert count == csv_rows(table), table.name
            info = {row[1]: row for row in connection.execute(f"PRAGMA table_info({table.name})")}
            for column in published_columns(table):
                assert info[column.name][2] == SQLITE_TYPES[column.type], (table.name, column.name)
            assert [row[1] for row in info.values() if row[5]] == table.primary_key  # pk position order
            references = {(row[3], row[2], row[4]) for row in connection.execute(f"PRAGMA foreign_key_list({table.name})")}
            assert references == {(c, t, tc) for c, (t, tc) in table.foreign_keys.items()}, table.name
            indexed = {connection.execute(f"PRAGMA index_info({row[1]})").fetchone()[2]
                       for row in connection.execute(f"PRAGMA index_list({table.name})")}
            assert set(table.foreign_keys) | {table.primary_key[0]} <= indexed, table.name
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        careers = connection.execute("SELECT person, role, team, start_date, end_date FROM careers "
                                     "WHERE person_id = 'massimo-carrera' AND team = 'Juventus'").fetchall()
        assert ("Massimo Carrera", "player", "Juventus", "1991", "1996") in careers
        (stints,) = connection.execute("SELECT count(*) FROM stints").fetchone()
        assert connection.execute("SELECT count(*) FROM careers").fetchone()[0] == stints


def test_sqlite_refuses_a_value_outside_a_closed_vocabulary(dist, tmp_path):
    database = tmp_path / "copy.sqlite"
    database.write_bytes((dist / "sqlite" / "football-careers.sqlite").read_bytes())
    with sqlite3.connect(database) as connection:
        row = connection.execute("SELECT * FROM appearances LIMIT 1").fetchone()
        columns = [c[1] for c in connection.execute("PRAGMA table_info(appearances)")]
        insert = f"INSERT INTO appearances VALUES ({', '.join('?' * len(row))})"

        def copy_with(column, value):  # the copied row under another key, one cell changed
            cells = dict(zip(columns, row, strict=True)) | {"person_id": "someone-else", column: value}
            return [cells[name] for name in columns]

        for column, value in (("role", "goalkeeper"), ("lineup", "bench")):
            with pytest.raises(sqlite3.IntegrityError, match="CHECK constraint failed"):
                connection.execute(insert, copy_with(column, value))
        connection.execute(insert, copy_with("lineup", None))  # an empty cell passes


def test_datasette_shows_a_documented_database(dist):
    """`datasette football-careers.sqlite -m metadata.json`, through Datasette's own client."""
    script = f"""
import asyncio, json
from datasette.app import Datasette
async def main():
    ds = Datasette([{str(dist / 'sqlite' / 'football-careers.sqlite')!r}],
                   metadata=json.load(open({str(dist / 'sqlite' / 'metadata.json')!r})))
    home = (await ds.client.get("/.json")).json()
    table = (await ds.client.get("/football-careers/stints.json?_size=1")).json()
    page = (await ds.client.get("/football-careers/stints")).text
    print(json.dumps({{"home": list(home), "rows": len(table["rows"]), "page": page}}))
asyncio.run(main())
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)
    assert "football-careers" in shown["home"] and shown["rows"] == 1
    assert "One person at one team in one role over one continuous period." in shown["page"]
    assert "CC BY 4.0" in shown["page"] or "Creative Commons Attribution 4.0" in shown["page"]


def test_no_table_or_column_needs_quoting_in_sql(dist):
    """No name is a reserved word of DuckDB (whose grammar is PostgreSQL's) or SQLite: each queries bare."""
    reserved = {word for word, category in duckdb.sql("SELECT keyword_name, keyword_category FROM duckdb_keywords()")
                .fetchall() if category in ("reserved", "type_function")}
    database = dist / "sqlite" / "football-careers.sqlite"
    with sqlite3.connect(database) as connection:
        for table in TABLES:
            names = [c.name for c in published_columns(table)]
            assert table.name not in reserved and not set(names) & reserved, (table.name, set(names) & reserved)
            listed = ", ".join(names)
            connection.execute(f"SELECT {listed} FROM {table.name} LIMIT 1").fetchall()
            duckdb.sql(f"SELECT {listed} FROM read_parquet('{dist / 'parquet' / (table.name + '.parquet')}') LIMIT 1")
    duckdb.sql(f"SELECT start_date, end_date FROM '{dist / 'parquet' / 'stints.parquet'}'").fetchall()


def test_frictionless_accepts_both_data_packages(dist, tmp_path):
    report = frictionless_validate(str(dist / "datapackage" / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])[:5]
    report = frictionless_validate(str(dist / "parquet" / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])[:5]
    assert len(report.tasks) == len(TABLES)


def test_frictionless_accepts_the_release_archives(tmp_path):
    dist = built("release", tmp_path / "dist")
    for archive in (f"football-careers-{VERSION}.zip", f"football-careers-{VERSION}-parquet.zip"):
        with zipfile.ZipFile(dist / "release" / archive) as handle:
            handle.extractall(tmp_path / archive)
        (descriptor,) = (tmp_path / archive).glob("*/datapackage.json")
        report = frictionless_validate(str(descriptor))
        assert report.valid, (archive, report.flatten(["type", "note"])[:5])
