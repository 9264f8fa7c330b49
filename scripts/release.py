"""Cut a release: build, compare with the previous release, refuse silent shrinkage, write dist/release/.

dist/release/ holds the CSV data package as a zip, the Parquet files and datapackage.json as a zip, each
Parquet file on its own, release notes with row counts and the row-level diff, and SHA256SUMS of them all.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from schemas import VERSION
from scripts import archive, atomic, build, diff, package, versions
from scripts.problems import Problem

NAME = "football-careers"


@dataclass
class Released:
    problems: list[Problem] = field(default_factory=list)
    refusals: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


def release(data_dir: Path, dist: Path, root: Path, previous: str | None = None,
            allow_shrink: bool = False) -> Released:
    built = build.build(data_dir, dist, root)
    if built.problems:
        return Released(problems=built.problems)
    current = versions.load(str(dist), root)
    previous = previous or _previous_tag(root)
    before = versions.load(previous, root) if previous else None
    changes = diff.compare(before, current) if before else None
    refusals = _refusals(changes, before, allow_shrink)
    if refusals:
        return Released(refusals=refusals)
    files = _release_files(dist, built.row_counts, changes, before)
    staging = Path(tempfile.mkdtemp(prefix=".release-", dir=dist))
    try:
        for name, content in files:
            (staging / name).write_bytes(content)
        atomic.replace_directory(staging, dist / "release")
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return Released(files=[name for name, _ in files])


def _previous_tag(root: Path) -> str | None:
    tag = versions.latest_tag(root, excluding=f"v{VERSION}")
    return f"git:{tag}" if tag else None


def _refusals(changes, before, allow_shrink: bool) -> list[str]:
    refusals = []
    if changes and not allow_shrink:
        for change in changes:
            if change.rows_after < change.rows_before:
                refusals.append(f"{change.table} lost {change.rows_before - change.rows_after} rows since "
                                f"{before.label} ({change.rows_before} -> {change.rows_after}); data must not vanish "
                                "silently: pass --allow-shrink if this is intended")
    if before and before.descriptor:
        old_version = str(before.descriptor.get("version", "0.0.0"))
        if _semver(VERSION) <= _semver(old_version):
            refusals.append(f"version {VERSION} is not newer than the previous release's {old_version}; "
                            "bump VERSION in schemas/__init__.py")
        elif _breaking(before.descriptor, package.descriptor()) and not _major_bump(old_version):
            refusals.append(f"the schema changed incompatibly since {old_version} (a column was removed or "
                            f"retyped); that needs a new major version, not {VERSION}")
    return refusals


def _semver(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("-")[0].split("."))


def _major_bump(old_version: str) -> bool:
    old, new = _semver(old_version), _semver(VERSION)
    return new[0] > old[0] or (old[0] == 0 and new[1] > old[1])  # 0.x: a minor bump may break


def _breaking(old_descriptor: dict, new_descriptor: dict) -> bool:
    def fields(descriptor):
        return {(r["name"], f["name"]): f["type"] for r in descriptor.get("resources", [])
                for f in r.get("schema", {}).get("fields", [])}
    old, new = fields(old_descriptor), fields(new_descriptor)
    return any(key not in new or new[key] != type_ for key, type_ in old.items())


def _release_files(dist: Path, row_counts: dict[str, int], changes, before) -> list[tuple[str, bytes]]:
    stem = f"{NAME}-{VERSION}"
    package_files = build.package_files(dist)
    parquet_files = build.parquet_files(dist)
    csv_zip = _zip(dist, f"{stem}.zip", [(f"{stem}/{name}", content) for name, content in package_files])
    parquet_zip = _zip(dist, f"{stem}-parquet.zip",
                       [(f"{stem}-parquet/{name}", content) for name, content in
                        [package_files[0], *parquet_files]])
    notes = _notes(row_counts, changes, before).encode("utf-8")
    files = [(f"{stem}.zip", csv_zip), (f"{stem}-parquet.zip", parquet_zip), *parquet_files,
             ("RELEASE_NOTES.md", notes)]
    return files + [("SHA256SUMS", archive.sums_text(files).encode("utf-8"))]


def _zip(dist: Path, name: str, members: list[tuple[str, bytes]]) -> bytes:
    with tempfile.TemporaryDirectory(dir=dist) as folder:
        path = Path(folder) / name
        archive.write_zip(path, members)
        return path.read_bytes()


def _notes(row_counts: dict[str, int], changes, before) -> str:
    lines = [f"# {NAME} {VERSION}", "", "## Rows", "", "| table | rows |", "|---|---|"]
    lines += [f"| {table} | {count} |" for table, count in row_counts.items()]
    lines += ["", "## Changes", ""]
    if changes is None:
        lines.append("The first release: there is no previous release to compare with.")
    else:
        lines += [f"Compared with {before.label}.", "", diff.as_markdown(changes)]
    return "\n".join(lines).rstrip("\n") + "\n"
