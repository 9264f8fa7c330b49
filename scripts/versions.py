"""Load one version of the dataset, as text tables keyed by primary key, from wherever it lives:
a data folder, a built dist/ or data package folder, a release archive (.zip), or a git tag (`git:v0.1.0`)."""

from __future__ import annotations

import io
import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from schemas import TABLES
from scripts import archive


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
    if path.suffix == ".zip":
        return _from_archive(path)
    for folder in (path / "datapackage", path):
        if (folder / "datapackage.json").exists() and (folder / "data").is_dir():
            return _from_files(str(path), folder / "data", _json(folder / "datapackage.json"))
    folder = path / "data" if (path / "data").is_dir() else path
    return _from_files(str(path), folder, None)


def _from_files(label: str, folder: Path, descriptor: dict | None) -> Version:
    files = {p.name: p.read_bytes() for p in folder.glob("*.csv") if not p.is_symlink()}
    return _version(label, files, descriptor)


def _from_archive(path: Path) -> Version:
    members = archive.read_zip(path)
    descriptor_name = min((n for n in members if n.endswith("datapackage.json")), key=len, default=None)
    if descriptor_name is None:
        raise archive.UnsafeArchive(f"{path}: no datapackage.json in the archive")
    prefix = descriptor_name.removesuffix("datapackage.json")
    descriptor = json.loads(members[descriptor_name])
    files = {}
    for resource in descriptor.get("resources", []):
        name = prefix + resource["path"]
        if name not in members:
            continue
        content = members[name]
        expected = str(resource.get("hash", "")).removeprefix("sha256:")
        if expected and archive.sha256(content) != expected:
            raise archive.UnsafeArchive(f"{path}: {resource['path']} does not match its checksum")
        files[Path(resource["path"]).name] = content
    return _version(str(path), files, descriptor)


def _from_git(ref: str, root: Path) -> Version:
    files = {}
    for table in TABLES:
        shown = subprocess.run(["git", "show", f"{ref}:data/{table.file_name}"], cwd=root, capture_output=True)
        if shown.returncode == 0:
            files[table.file_name] = shown.stdout
    shown = subprocess.run(["git", "show", f"{ref}:datapackage.json"], cwd=root, capture_output=True)
    descriptor = json.loads(shown.stdout) if shown.returncode == 0 else None
    return _version(f"git:{ref}", files, descriptor)


def _version(label: str, files: dict[str, bytes], descriptor: dict | None) -> Version:
    keys = {table.name: table.primary_key for table in TABLES}
    for resource in (descriptor or {}).get("resources", []):
        keys[resource["name"]] = list(resource.get("schema", {}).get("primaryKey", keys.get(resource["name"], [])))
    order = {table.file_name: position for position, table in enumerate(TABLES)}
    tables = {}
    for name, content in sorted(files.items(), key=lambda item: (order.get(item[0], len(order)), item[0])):
        table = name.removesuffix(".csv")
        tables[table] = pd.read_csv(io.BytesIO(content), dtype=str, keep_default_na=False, na_filter=False)
    return Version(label, tables, {name: keys[name] for name in tables if name in keys}, descriptor)


def latest_tag(root: Path, excluding: str) -> str | None:
    """The newest `v*` tag reachable from HEAD other than `excluding`."""
    listed = subprocess.run(["git", "tag", "--list", "v*", "--sort=-v:refname", "--merged", "HEAD"], cwd=root,
                            capture_output=True, text=True)
    tags = [tag for tag in listed.stdout.split() if tag != excluding] if listed.returncode == 0 else []
    return tags[0] if tags else None


def _json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))
