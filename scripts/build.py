"""Validate, then write dist/: the Parquet files with their own data package, the CSV data package with the
codebook, and the SQLite database with its Datasette metadata.

Each output is built in a temporary folder beside dist/ and moved into place only when all of them
succeeded, one folder at a time, so a failed validation or a crash leaves every output old or new, and
what else lives in dist/ (a release, the site) untouched. The output depends only on data/ and schemas/
(no clocks, no random order), so two builds of one commit are byte-identical.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from schemas import TABLES
from scripts import archive, atomic, codebook, package, parquet, sqlite
from scripts.problems import Problem
from scripts.validate import validate

OUTPUTS = ("parquet", "datapackage", "sqlite")
PACKAGE_EXTRAS = {
    "homepage": package.HOMEPAGE,
    "keywords": ["football", "soccer", "careers", "sports", "frictionless"],
    "sources": [{"title": "The pages listed in data/sources.csv; every fact row cites one of them.",
                 "path": "data/sources.csv"}],
    "contributors": [{"title": "football-careers contributors", "role": "author", "path": package.HOMEPAGE}],
}


@dataclass
class Built:
    problems: list[Problem]
    row_counts: dict[str, int]
    staging: Path | None = None  # the built outputs, until install() moves them into dist/


def build(data_dir: Path, dist: Path, root: Path) -> Built:
    built = stage(data_dir, dist, root)
    if built.staging:
        install(built.staging, dist)
    return built


def stage(data_dir: Path, dist: Path, root: Path) -> Built:
    """Validate and write every output into a temporary folder beside dist/; nothing in dist/ changes.

    The outputs are made of the typed frames alone, so they begin as soon as every table is read and typed: the
    SQLite database (its inserts run in C, outside the GIL) is written on the second core while the checks and
    rules run on the first. If those find an error, what was written is thrown away."""
    early = Early(dist)
    try:
        checked = validate(data_dir, root, typed=early.start)
        if not checked.ok:
            early.discard()
            return Built(checked.errors, {})
        # valid data was read without an error, so validate has handed the frames to early.start already
        tables = early.tables.result()
        write_parquet(tables, early.staging / "parquet")
        write_data_package(data_dir, early.staging / "datapackage")
        early.database.result()
        early.pool.shutdown()
    except BaseException:
        early.discard()
        raise
    return Built([], {name: len(frame) for name, frame in checked.frames.items()}, early.staging)


class Early:
    """The outputs begun while validation goes on: the published Arrow tables, then the SQLite database, in one
    thread beside it, in a staging folder made beside dist/."""

    def __init__(self, dist: Path):
        self.dist = dist
        self.started = False

    def start(self, frames: dict) -> None:
        self.dist.parent.mkdir(parents=True, exist_ok=True)
        self.staging = Path(tempfile.mkdtemp(prefix=f".{self.dist.name}-build-", dir=self.dist.parent))
        self.pool = ThreadPoolExecutor(max_workers=1)
        self.started = True
        self.tables = self.pool.submit(lambda: {table.name: parquet.arrow_table(table, frames[table.name])
                                                for table in TABLES})
        self.database = self.pool.submit(lambda: write_sqlite(self.tables.result(), self.staging / "sqlite"))

    def discard(self) -> None:
        """Wait for what was begun (frames that fail a check may fail a constraint too: that is no news), then
        delete it."""
        if not self.started:
            return
        self.pool.shutdown(wait=True)
        shutil.rmtree(self.staging, ignore_errors=True)


def install(staging: Path, dist: Path, outputs: tuple[str, ...] = OUTPUTS) -> None:
    """Move each staged output folder into dist/ in place of the old one, then drop the staging folder."""
    try:
        dist.mkdir(parents=True, exist_ok=True)
        for name in outputs:
            atomic.replace_directory(staging / name, dist / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def write_parquet(tables: dict, folder: Path) -> None:
    """The published tables (Arrow, as parquet.arrow_table makes them) as Parquet files, with their descriptor."""
    folder.mkdir(parents=True)
    descriptor = package.parquet_descriptor(extra=PACKAGE_EXTRAS)
    for resource, table in zip(descriptor["resources"], TABLES):
        path = folder / f"{table.name}.parquet"
        parquet.write(tables[table.name], path)
        # frictionless cannot measure a Parquet file it reads, so `bytes` and `hash` would fail its check
        resource["sha256"] = archive.sha256_of_file(path)
    (folder / "datapackage.json").write_text(package.descriptor_text(descriptor), encoding="utf-8")


def write_data_package(data_dir: Path, folder: Path) -> None:
    (folder / "data").mkdir(parents=True)
    descriptor = package.descriptor(extra=PACKAGE_EXTRAS)
    for resource, table in zip(descriptor["resources"], TABLES):
        # copied by the kernel, then measured and hashed as written: a copy, never a file in memory whole
        copy = shutil.copyfile(data_dir / table.file_name, folder / "data" / table.file_name)
        resource["bytes"] = copy.stat().st_size
        resource["hash"] = f"sha256:{archive.sha256_of_file(copy)}"
    (folder / "datapackage.json").write_text(package.descriptor_text(descriptor), encoding="utf-8")
    (folder / "codebook.md").write_text(codebook.as_markdown(), encoding="utf-8")
    (folder / "codebook.csv").write_text(codebook.as_csv(), encoding="utf-8")


def write_sqlite(tables: dict, folder: Path) -> None:
    folder.mkdir(parents=True)
    sqlite.write(tables, folder / sqlite.FILE_NAME)
    (folder / sqlite.METADATA_NAME).write_text(json.dumps(sqlite.datasette_metadata(), ensure_ascii=False, indent=2)
                                               + "\n", encoding="utf-8")


def package_files(dist: Path) -> list[tuple[str, bytes]]:
    """The CSV data package's files, in a fixed order: descriptor, codebook, then the tables."""
    folder = dist / "datapackage"
    names = ["datapackage.json", "codebook.md", "codebook.csv"] + [f"data/{t.file_name}" for t in TABLES]
    return [(name, (folder / name).read_bytes()) for name in names]


def parquet_files(dist: Path) -> list[tuple[str, bytes]]:
    """The Parquet package's files: its descriptor, then the tables."""
    names = ["datapackage.json"] + [f"{t.name}.parquet" for t in TABLES]
    return [(name, (dist / "parquet" / name).read_bytes()) for name in names]


def sqlite_files(dist: Path) -> list[tuple[str, bytes]]:
    return [(name, (dist / "sqlite" / name).read_bytes()) for name in (sqlite.FILE_NAME, sqlite.METADATA_NAME)]
