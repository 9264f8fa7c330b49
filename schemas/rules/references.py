"""Every reference resolves: a foreign key names a row of the table it points to."""

from __future__ import annotations

import pandas as pd

from schemas import TABLES
from schemas.rules.registry import Context, Violation, listed, rule, violations


@rule("foreign-key")
def references(frames: Context) -> list[Violation]:
    found = []
    for table in TABLES:
        if table.name not in frames.frames:
            continue
        for column, (target, target_column) in table.foreign_keys.items():
            if target not in frames.frames:
                continue
            dangling_rows = frames.position(table.name, column) == -1
            if not dangling_rows.any():
                continue
            dangling = frames[table.name][dangling_rows].reset_index()
            found += violations(table.name, "foreign-key", column, *_once_per_id(dangling, column, target,
                                                                                 target_column))
    return found


def _once_per_id(dangling: pd.DataFrame, column: str, target: str, target_column: str
                 ) -> tuple[pd.DataFrame, list[str]]:
    """The first row naming each id that names no row, and its message. An id many rows name (one renamed in its
    own table, or a row of it not yet added) is one message at the first of them, with the lines of the others:
    renaming a person's id in people.csv gave one message for each of the person's appearances, spells, honours
    and milestones."""
    lines = dangling.groupby(column, sort=False)["line"].agg(list)
    first = dangling.drop_duplicates(column)
    messages = []
    for value in first[column]:
        named = lines[value]
        if len(named) == 1:
            messages.append(f"no row in {target}.csv has {target_column} {value}; add that row to {target}.csv, or "
                            "correct this id")
            continue
        messages.append(f"no row in {target}.csv has {target_column} {value}, which {len(named):,} rows of this "
                        f"file name (lines {listed(named)}); add that row to {target}.csv, or correct the id in each "
                        f"of them (if it was renamed in {target}.csv, rename it back, or here too)")
    return first, messages
