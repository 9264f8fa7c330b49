"""Validate, then write dist/: typed Parquet files, the Frictionless data package and the codebook.

Everything is built in a temporary folder beside dist/ and moved into place only when all of it succeeded,
so a failed validation or a crash leaves the previous dist/ as it was. The output depends only on data/ and
schemas/ (no clocks, no random order), so two builds of one commit are byte-identical.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from schemas import TABLES
from scripts import archive, atomic, codebook, package, parquet
from scripts.problems import Problem
from scripts.validate import validate

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


def build(data_dir: Path, dist: Path, root: Path) -> Built:
    checked = validate(data_dir, root)
    if checked.problems:
        return Built(checked.problems, {})
    dist.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{dist.name}-build-", dir=dist.parent))
    try:
        write_parquet(checked.frames, staging / "parquet")
        write_data_package(data_dir, staging / "datapackage")
        atomic.replace_directory(staging, dist)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return Built([], {name: len(frame) for name, frame in checked.frames.items()})


def write_parquet(frames: dict, folder: Path) -> None:
    folder.mkdir(parents=True)
    for table in TABLES:
        parquet.write(parquet.arrow_table(table, frames[table.name]), folder / f"{table.name}.parquet")


def write_data_package(data_dir: Path, folder: Path) -> None:
    (folder / "data").mkdir(parents=True)
    descriptor = package.descriptor(extra=PACKAGE_EXTRAS)
    for resource, table in zip(descriptor["resources"], TABLES):
        content = (data_dir / table.file_name).read_bytes()
        (folder / "data" / table.file_name).write_bytes(content)
        resource["bytes"] = len(content)
        resource["hash"] = f"sha256:{archive.sha256(content)}"
    (folder / "datapackage.json").write_text(package.descriptor_text(descriptor), encoding="utf-8")
    (folder / "codebook.md").write_text(codebook.as_markdown(), encoding="utf-8")
    (folder / "codebook.csv").write_text(codebook.as_csv(), encoding="utf-8")


def package_files(dist: Path) -> list[tuple[str, bytes]]:
    """The data package's files, in a fixed order: descriptor, codebook, then the tables."""
    folder = dist / "datapackage"
    names = ["datapackage.json", "codebook.md", "codebook.csv"] + [f"data/{t.file_name}" for t in TABLES]
    return [(name, (folder / name).read_bytes()) for name in names]


def parquet_files(dist: Path) -> list[tuple[str, bytes]]:
    return [(f"{t.name}.parquet", (dist / "parquet" / f"{t.name}.parquet").read_bytes()) for t in TABLES]


def read_descriptor(dist: Path) -> dict:
    return json.loads((dist / "datapackage" / "datapackage.json").read_text(encoding="utf-8"))

