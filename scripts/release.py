"""Cut a release: build, compare with the previous release, refuse what must not pass, write dist/release/.

dist/release/ holds the CSV data package as a zip; the Parquet files with their datapackage.json, each on its
own and as a zip; the SQLite database with its Datasette metadata; the `football-careers` wheel; release
notes with row counts, renamed columns and the row-level diff; and SHA256SUMS of them all.

Refused, with nothing in dist/ changed: a version already tagged on other data; a version not newer than
the previous release's; a breaking schema change without a major version (minor while 0.x); and any row
lost since the previous release, unless removals.csv names it (with a reason a reviewer reads) or
--allow-shrink is given.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from schemas import COLUMN_RENAMES, VERSION
from scripts import archive, build, diff, package, versions, wheel
from scripts.losses import REMOVALS, allowed_removals

NAME = "football-careers"


@dataclass
class Released:
    problems: list = field(default_factory=list)
    refusals: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


def release(data_dir: Path, dist: Path, root: Path, previous: str | None = None,
            allow_shrink: bool = False) -> Released:
    refusals = _tag_refusals(data_dir, root)
    if refusals:
        return Released(refusals=refusals)
    built = build.stage(data_dir, dist, root)
    if built.problems:
        return Released(problems=built.problems)
    try:
        current = versions.load(str(built.staging), root)
        previous = previous or _previous_tag(root)
        before = versions.load(previous, root) if previous else None
        changes = diff.compare(before, current) if before else None
        refusals = _refusals(changes, before, allow_shrink, allowed_removals(root))
        if refusals:
            return Released(refusals=refusals)
        files = _release_files(built.staging, root, built.row_counts, changes, before)
        (built.staging / "release").mkdir()
        for name, content in files:
            (built.staging / "release" / name).write_bytes(content)
        build.install(built.staging, dist, build.OUTPUTS + ("release",))
    finally:
        shutil.rmtree(built.staging, ignore_errors=True)
    return Released(files=[name for name, _ in files])


def _tag_refusals(data_dir: Path, root: Path) -> list[str]:
    """A version's tag names one set of data: releasing that version again with other data is refused."""
    tag = f"v{VERSION}"
    if not versions.tag_exists(root, tag):
        return []
    tagged = versions.load(f"git:{tag}", root)
    changes = diff.compare(tagged, versions.load(str(data_dir), root))
    if not diff.differ(changes):
        return []
    counts = ", ".join(f"{c.table} {len(c.added)} added, {len(c.removed)} removed, {len(c.changed)} changed"
                       for c in changes if not c.unchanged)
    return [f"version {VERSION} was released as tag {tag} with other data ({counts}); bump VERSION in "
            "schemas/__init__.py for a new release"]


def _previous_tag(root: Path) -> str | None:
    tag = versions.latest_tag(root, excluding=f"v{VERSION}")
    return f"git:{tag}" if tag else None


def _refusals(changes, before, allow_shrink: bool, allowed: set[tuple[str, str]]) -> list[str]:
    refusals = []
    if changes and not allow_shrink:
        for change in changes:
            lost = [key for key in change.removed if (change.table, key) not in allowed]
            if lost:
                shown = ", ".join(lost[:5]) + (f" and {len(lost) - 5} more" if len(lost) > 5 else "")
                refusals.append(f"{change.table} lost {len(lost)} rows since {before.label} ({shown}); data must "
                                f"not vanish silently: list each in {REMOVALS} with the reason, or pass --allow-shrink")
    if before and before.descriptor:
        old_version = str(before.descriptor.get("version", "0.0.0"))
        if _semver(VERSION) <= _semver(old_version):
            refusals.append(f"version {VERSION} is not newer than the previous release's {old_version}; "
                            "bump VERSION in schemas/__init__.py")
        elif _breaking(before.descriptor, package.descriptor()) and not _major_bump(old_version):
            refusals.append(f"the schema changed incompatibly since {old_version} (a column was removed, renamed "
                            f"or retyped); that needs a new major version, not {VERSION}")
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


def _release_files(staging: Path, root: Path, row_counts: dict[str, int], changes, before) -> list[tuple[str, bytes]]:
    stem = f"{NAME}-{VERSION}"
    package_files = build.package_files(staging)
    parquet_files = build.parquet_files(staging)
    csv_zip = _zip(staging, f"{stem}.zip", [(f"{stem}/{name}", content) for name, content in package_files])
    parquet_zip = _zip(staging, f"{stem}-parquet.zip", [(f"{stem}-parquet/{name}", content)
                                                         for name, content in parquet_files])
    wheel_name, wheel_bytes = wheel.build_wheel(staging / "parquet")
    notes = _notes(row_counts, changes, before).encode("utf-8")
    files = [(f"{stem}.zip", csv_zip), (f"{stem}-parquet.zip", parquet_zip), *parquet_files,
             *build.sqlite_files(staging), (wheel_name, wheel_bytes), ("RELEASE_NOTES.md", notes)]
    return files + [("SHA256SUMS", archive.sums_text(files).encode("utf-8"))]


def _zip(staging: Path, name: str, members: list[tuple[str, bytes]]) -> bytes:
    with tempfile.TemporaryDirectory(dir=staging) as folder:
        path = Path(folder) / name
        archive.write_zip(path, members)
        return path.read_bytes()


def _notes(row_counts: dict[str, int], changes, before) -> str:
    lines = [f"# {NAME} {VERSION}", "", "## Rows", "", "| table | rows |", "|---|---|"]
    lines += [f"| {table} | {count} |" for table, count in row_counts.items()]
    renames = COLUMN_RENAMES.get(VERSION, {})
    if renames:
        lines += ["", "## Renamed columns", "", "Update queries and code that name these columns:", ""]
        lines += [f"- `{table}.{old}` is now `{table}.{new}`" for table, columns in renames.items()
                  for old, new in columns.items()]
    lines += ["", "## Changes", ""]
    if changes is None:
        lines.append("The first release: there is no previous release to compare with.")
    else:
        lines += [f"Compared with {before.label}.", "", diff.as_markdown(changes)]
    return "\n".join(lines).rstrip("\n") + "\n"
