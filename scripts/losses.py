"""Rows that were in a base version (the previous release, or the branch a pull request targets) and are gone:
each one a problem, unless removals.csv names it with the reason, so that a reviewer sees every loss."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

from scripts import diff, versions
from scripts.problems import Problem

REMOVALS = "removals.csv"  # table,key,reason: rows that may go, each with why


def allowed_removals(root: Path) -> set[tuple[str, str]]:
    path = root / REMOVALS
    if not path.exists():
        return set()
    rows = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8")))
    return {(row["table"], row["key"]) for row in rows if (row.get("reason") or "").strip()}


def lost_rows(base: versions.Version, data_dir: Path, root: Path, shown_from: Path) -> list[Problem]:
    """One problem per row of `base` that `data_dir` no longer has (a renamed row is not lost)."""
    current = versions.load(str(data_dir), root)
    allowed = allowed_removals(root)
    problems = []
    for change in diff.compare(base, current):
        file = _display(data_dir / f"{change.table}.csv", shown_from)
        for key in change.removed:
            if (change.table, key) not in allowed:
                problems.append(Problem(file, None, None, None, "lost-row",
                                        f"the row {key!r} of {base.label} is gone; rows may be added freely, but one "
                                        f"that goes needs a line in {REMOVALS} (table,key,reason) saying why", key))
    return problems


def _display(path: Path, shown_from: Path) -> str:
    return Path(os.path.relpath(path.absolute(), shown_from)).as_posix()
