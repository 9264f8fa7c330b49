"""Every reference resolves: a foreign key names a row of the table it points to."""

from __future__ import annotations

from schemas import TABLES
from schemas.rules.registry import Context, Violation, rule, text, violations


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
            messages = ("no row in " + target + ".csv has " + target_column + " " + text(dangling[column])
                        + "; add that row to " + target + ".csv, or correct this id")
            found += violations(table.name, "foreign-key", column, dangling, messages)
    return found
