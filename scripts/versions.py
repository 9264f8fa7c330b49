"""Load one version of the dataset, as text tables keyed by primary key, from wherever it lives: a data folder,
a built dist/ folder, a CSV or Parquet data package (folder or release archive), a release folder, or a git
ref (`git:v0.1.0`). Whatever cannot be read is refused with VersionError, never taken as empty.

Cells are the CSV's text ("" for empty); a Parquet version is turned back into that text, so that any two
versions compare cell by cell. Columns renamed since (schemas.COLUMN_RENAMES) take their new names.
"""

from __future__ import annotations

import io
import json
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from schemas import COLUMN_RENAMES, TABLES, TABLES_BY_NAME
from schemas.published import published_columns
from scripts import archive


class VersionError(Exception):
    """A version that cannot be read: missing, unreadable, or not what it claims to be."""


@dataclass
class Version:
    label: str
    tables: dict[str, pd.DataFrame]  # text cells, "" for empty
    keys: dict[str, list[str]]  # primary key per table
    descriptor: dict | None  # the version's datapackage.json, where it has one


def load(where: str, root: Path) -> Version:
    if where.startswith("git:"):
        return _from_git(where.removeprefix("git:"), root)
    path = Path(where)
    if not path.exists():
        raise VersionError(f"{where}: no such file or folder")
    if path.is_file():
        if path.suffix != ".zip":
            raise VersionError(f"{where}: not a data folder or a release archive (.zip)")
        return _from_archive(path)
    for folder in (path / "datapackage", path):  # a CSV data package: a dist/ folder, or the package itself
        if (folder / "datapackage.json").exists() and (folder / "data").is_dir():
            return _from_package(str(path), _read_folder(folder), "")
    for folder in (path / "parquet", path):  # a Parquet package: dist/parquet/, or a release folder
        if (folder / "datapackage.json").exists():
            return _from_package(str(path), _read_folder(folder), "")
    folder = path / "data" if (path / "data").is_dir() else path
    files = {p.name: p.read_bytes() for p in sorted(folder.glob("*.csv")) if not p.is_symlink()}
    if not files:
        raise VersionError(f"{where}: holds no table (no CSV files and no datapackage.json)")
    return _version(str(path), files, None)


def _read_folder(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.is_symlink()}


def _from_archive(path: Path) -> Version:
    try:
        members = archive.read_zip(path)
    except (OSError, ValueError, zipfile.BadZipFile) as error:
        raise VersionError(f"{path}: not a readable zip archive ({error})") from error
    descriptor_name = min((n for n in members if n.endswith("datapackage.json")), key=len, default=None)
    if descriptor_name is None:
        raise VersionError(f"{path}: no datapackage.json in the archive")
    prefix = descriptor_name.removesuffix("datapackage.json")
    return _from_package(str(path), {n.removeprefix(prefix): c for n, c in members.items() if n.startswith(prefix)},
                         "")


def _from_package(label: str, files: dict[str, bytes], prefix: str) -> Version:
    """A data package's tables, each checked against the size and checksum its descriptor gives."""
    try:
        descriptor = json.loads(files[prefix + "datapackage.json"])
    except (KeyError, ValueError) as error:
        raise VersionError(f"{label}: datapackage.json is missing or not JSON") from error
    tables = {}
    for resource in descriptor.get("resources", []):
        name = prefix + resource.get("path", "")
        if name not in files:
            raise VersionError(f"{label}: datapackage.json lists {resource.get('path')!r}, which is not there")
        content = files[name]
        expected = str(resource.get("hash") or resource.get("sha256") or "").removeprefix("sha256:")
        if expected and archive.sha256(content) != expected:
            raise archive.UnsafeArchive(f"{label}: {resource['path']} does not match its checksum in datapackage.json")
        table = resource.get("name", Path(name).stem)
        tables[table] = _parquet_text(table, content, label) if name.endswith(".parquet") else _csv_text(content, label)
    if not tables:
        raise VersionError(f"{label}: datapackage.json lists no table")
    return _tables_version(label, tables, descriptor)


def _from_git(ref: str, root: Path) -> Version:
    known = subprocess.run(["git", "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], cwd=root,
                           capture_output=True)
    if known.returncode != 0:
        raise VersionError(f"git:{ref}: no such commit, branch or tag")
    files = {}
    for table in TABLES:
        shown = subprocess.run(["git", "show", f"{ref}:data/{table.file_name}"], cwd=root, capture_output=True)
        if shown.returncode == 0:
            files[table.file_name] = shown.stdout
    if not files:
        raise VersionError(f"git:{ref}: has no data/ folder")
    shown = subprocess.run(["git", "show", f"{ref}:datapackage.json"], cwd=root, capture_output=True)
    descriptor = json.loads(shown.stdout) if shown.returncode == 0 else None
    return _version(f"git:{ref}", files, descriptor)


def _version(label: str, files: dict[str, bytes], descriptor: dict | None) -> Version:
    tables = {name.removesuffix(".csv"): _csv_text(content, f"{label}/{name}") for name, content in files.items()}
    return _tables_version(label, tables, descriptor)


def _tables_version(label: str, tables: dict[str, pd.DataFrame], descriptor: dict | None) -> Version:
    keys = {table.name: table.primary_key for table in TABLES}
    for resource in (descriptor or {}).get("resources", []):
        keys[resource["name"]] = list(resource.get("schema", {}).get("primaryKey", keys.get(resource["name"], [])))
    order = {table.name: position for position, table in enumerate(TABLES)}
    ordered = dict(sorted(tables.items(), key=lambda item: (order.get(item[0], len(order)), item[0])))
    normalised = {name: _normalised(name, frame) for name, frame in ordered.items()}
    return Version(label, normalised, {name: keys[name] for name in normalised if name in keys}, descriptor)


def _csv_text(content: bytes, label: str) -> pd.DataFrame:
    try:
        return pd.read_csv(io.BytesIO(content), dtype=str, keep_default_na=False, na_filter=False)
    except (ValueError, UnicodeDecodeError, pd.errors.ParserError) as error:
        raise VersionError(f"{label}: not a readable CSV file ({error})") from error


def _parquet_text(table: str, content: bytes, label: str) -> pd.DataFrame:
    """A published Parquet table as the CSV's text: its CSV columns only, rendered as a contributor writes them."""
    try:
        arrow = pq.read_table(pa.BufferReader(content))
    except (pa.ArrowException, OSError) as error:
        raise VersionError(f"{label}: {table}.parquet is not a readable Parquet file ({error})") from error
    known = {c.name: c for c in published_columns(TABLES_BY_NAME[table])} if table in TABLES_BY_NAME else {}
    cells = {}
    for name in arrow.column_names:
        column = known.get(name)
        if column is not None and column.derived:
            continue  # earliest, latest and precision are derived from the date beside them
        values = arrow[name].to_pylist()
        cells[name] = [_as_text(value, column.type if column else "string") for value in values]
    return pd.DataFrame(cells, dtype=str)


def _as_text(value, kind: str) -> str:
    if value is None:
        return ""
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "date":
        return value.strftime("%Y-%m-%d")
    return str(value)


def _normalised(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Renamed columns under their new names; a flag whose empty cell means false, written one way."""
    for renames in COLUMN_RENAMES.values():
        for old, new in renames.get(table, {}).items():
            if old in frame.columns and new not in frame.columns:
                frame = frame.rename(columns={old: new})
    if table in TABLES_BY_NAME:
        for column in published_columns(TABLES_BY_NAME[table]):
            if column.empty_means is not None and column.name in frame.columns:
                frame[column.name] = frame[column.name].replace("true" if column.empty_means else "false", "")
    return frame


def latest_tag(root: Path, excluding: str) -> str | None:
    """The newest `v*` tag reachable from HEAD other than `excluding`."""
    listed = subprocess.run(["git", "tag", "--list", "v*", "--sort=-v:refname", "--merged", "HEAD"], cwd=root,
                            capture_output=True, text=True)
    tags = [tag for tag in listed.stdout.split() if tag != excluding] if listed.returncode == 0 else []
    return tags[0] if tags else None


def tag_exists(root: Path, tag: str) -> bool:
    return subprocess.run(["git", "rev-parse", "--verify", "--quiet", f"refs/tags/{tag}"], cwd=root,
                          capture_output=True).returncode == 0
