"""`build`: typed Parquet that reads back equal to the CSVs, a valid data package, determinism, atomicity."""

import hashlib
import json
import subprocess
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from frictionless import validate as frictionless_validate

from schemas import TABLES, dates
from schemas.columns import kind_of
from scripts import archive
from scripts.build import build
from scripts.validate import validate
from tests.conftest import ROOT, insert_line, set_cell


@pytest.fixture
def dist(data):
    target = data.parent / "dist"
    built = build(data, target, data.parent)
    assert built.problems == []
    return target


def tree_digest(folder):
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def expected_values(table, csv_frame):
    """What each Parquet column should hold, computed from the CSV text."""
    expected = {}
    for name, column in table.schema.columns.items():
        text = csv_frame[name].where(csv_frame[name] != "")
        kind = kind_of(column).name
        if kind == "partial_date":
            earliest, latest = dates.bounds(text)
            expected[name] = [None if pd.isna(v) else v for v in text]
            expected[f"{name}_earliest"] = [None if pd.isna(v) else v.to_pydatetime() for v in earliest]
            expected[f"{name}_latest"] = [None if pd.isna(v) else v.to_pydatetime() for v in latest]
            expected[f"{name}_precision"] = [None if pd.isna(v) else {4: "year", 7: "month", 10: "day"}[len(v)]
                                             for v in text]
        elif kind == "date":
            expected[name] = [None if pd.isna(v) else pd.Timestamp(v).to_pydatetime() for v in text]
        elif kind in ("count", "minute"):
            expected[name] = [None if pd.isna(v) else int(v) for v in text]
        elif kind == "flag":
            empty = (column.metadata or {}).get("empty_means")
            expected[name] = [empty if pd.isna(v) else v == "true" for v in text]
        else:
            expected[name] = [None if pd.isna(v) else v for v in text]
    return expected


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.name)
def test_parquet_reads_back_equal_to_the_csv_with_pyarrow_pandas_and_duckdb(data, dist, table):
    csv_frame = pd.read_csv(data / table.file_name, dtype=str, keep_default_na=False)
    expected = expected_values(table, csv_frame)
    path = dist / "parquet" / f"{table.name}.parquet"

    arrow = pq.read_table(path)
    assert arrow.column_names == list(expected)
    for name, values in expected.items():
        assert arrow[name].to_pylist() == values, name

    frame = pd.read_parquet(path)
    assert len(frame) == len(csv_frame)
    for name, values in expected.items():
        assert [None if pd.isna(v) else v for v in frame[name].astype(object)] == [
            None if v is None else (pd.Timestamp(v) if hasattr(v, "year") else v) for v in values], name

    rows = duckdb.sql(f"select * from read_parquet('{path}')").fetchall()
    assert [list(row) for row in rows] == [list(r) for r in zip(*expected.values())] if rows else len(csv_frame) == 0


def test_parquet_has_real_types_descriptions_and_zstd(dist):
    stints = pq.read_table(dist / "parquet" / "stints.parquet")
    schema = stints.schema
    assert schema.field("start_date").type == pa.string()
    assert schema.field("start_date_earliest").type == pa.timestamp("ms")
    assert schema.field("start_date_precision").type == pa.dictionary(pa.int32(), pa.string())
    assert schema.field("role").type == pa.dictionary(pa.int32(), pa.string())
    assert schema.field("appearances").type == pa.int64()
    assert schema.field("on_loan").type == pa.bool_()
    assert b"league matches" in schema.field("appearances").metadata[b"description"]
    metadata = pq.ParquetFile(dist / "parquet" / "stints.parquet").metadata
    assert metadata.row_group(0).column(0).compression == "ZSTD"
    matches = pq.read_table(dist / "parquet" / "matches.parquet")
    assert matches.schema.field("date").type == pa.timestamp("ms")


def test_the_built_data_package_passes_frictionless(dist):
    report = frictionless_validate(str(dist / "datapackage" / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])[:5]
    assert (dist / "datapackage" / "codebook.md").read_text().count("## ") == len(TABLES)


def test_the_data_package_ships_each_csv_as_it_is_with_its_size_and_checksum(data, dist):
    descriptor = json.loads((dist / "datapackage" / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        content = (data / Path(resource["path"]).name).read_bytes()
        assert (dist / "datapackage" / resource["path"]).read_bytes() == content
        assert resource["bytes"] == len(content)
        assert resource["hash"] == f"sha256:{hashlib.sha256(content).hexdigest()}"


def test_a_file_hashed_a_block_at_a_time_has_the_checksum_of_its_whole_content():
    path = ROOT / "data" / "sources.csv"
    for block_size in (1, 4096, path.stat().st_size, 1 << 20):
        assert archive.sha256_of_file(path, block_size) == hashlib.sha256(path.read_bytes()).hexdigest()


def test_two_builds_are_byte_identical(data, tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    assert build(data, first, data.parent).problems == []
    assert build(data, second, data.parent).problems == []
    assert tree_digest(first) == tree_digest(second)


def a_repeated_team(data):
    """The first team's row twice, one after the other: in order, so it is read without an error."""
    insert_line(data, "teams.csv", 3, (data / "teams.csv").read_text(encoding="utf-8").splitlines()[1])


@pytest.mark.parametrize("mistake, rule", [
    (lambda data: set_cell(data, "stints.csv", 2, "role", "coach"), "vocabulary"),
    (a_repeated_team, "primary-key"),
], ids=["role-outside-the-vocabulary", "repeated-key"])
def test_a_failed_validation_leaves_the_previous_dist_untouched(data, dist, mistake, rule):
    """Each table reads and types without an error, so the database is begun while the checks run; SQLite refuses
    its rows too (a CHECK, a primary key), and the build reports the contributor's mistake, not SQLite's."""
    before = tree_digest(dist)
    mistake(data)
    built = build(data, dist, data.parent)
    assert rule in {p.rule for p in built.problems} and tree_digest(dist) == before
    assert [p.name for p in dist.parent.iterdir() if p.name.startswith(".")] == []


def test_make_build_on_the_real_data_writes_dist(tmp_path):
    result = subprocess.run([".venv/bin/python", "-m", "scripts", "build", "--dist", str(tmp_path / "dist")],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    checked = validate(ROOT / "data", ROOT)
    for table in TABLES:
        assert pq.read_metadata(tmp_path / "dist" / "parquet" / f"{table.name}.parquet").num_rows == \
            len(checked.frames[table.name])
