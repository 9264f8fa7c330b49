"""Compare two versions table by table, by primary key: rows added, removed and changed (with the columns)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

import pandas as pd

from scripts import canonical
from scripts.versions import Version

LISTED_KEYS = 50  # how many keys of each kind the text view lists per table


@dataclass
class TableChanges:
    table: str
    rows_before: int
    rows_after: int
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: dict[str, list[str]] = field(default_factory=dict)  # key -> changed columns
    columns_added: list[str] = field(default_factory=list)
    columns_removed: list[str] = field(default_factory=list)

    @property
    def unchanged(self) -> bool:
        return not (self.added or self.removed or self.changed or self.columns_added or self.columns_removed)


def compare(before: Version, after: Version) -> list[TableChanges]:
    names = list(after.tables) + [name for name in before.tables if name not in after.tables]
    return [_compare_table(name, before, after) for name in names]


def _compare_table(name: str, before: Version, after: Version) -> TableChanges:
    old = before.tables.get(name, pd.DataFrame())
    new = after.tables.get(name, pd.DataFrame())
    key = after.keys.get(name) or before.keys.get(name) or []
    changes = TableChanges(name, len(old), len(new),
                           columns_added=[c for c in new.columns if c not in old.columns],
                           columns_removed=[c for c in old.columns if c not in new.columns])
    if old.empty or new.empty or not set(key) <= set(old.columns) & set(new.columns):
        changes.added = _keys(new, key) if not new.empty else []
        changes.removed = _keys(old, key) if not old.empty else []
        return changes
    old = old.set_axis(canonical.sort_key(old, key).str.replace(canonical.KEY_SEPARATOR, " / "), axis=0)
    new = new.set_axis(canonical.sort_key(new, key).str.replace(canonical.KEY_SEPARATOR, " / "), axis=0)
    changes.added = sorted(new.index.difference(old.index))
    changes.removed = sorted(old.index.difference(new.index))
    common = new.index.intersection(old.index)
    shared = [c for c in new.columns if c in old.columns]
    different = old.loc[common, shared].ne(new.loc[common, shared])
    rows = different[different.any(axis=1)]
    changes.changed = {key: [c for c in shared if flags[c]] for key, flags in rows.sort_index().iterrows()}
    return changes


def _keys(frame: pd.DataFrame, key: list[str]) -> list[str]:
    if not key or not set(key) <= set(frame.columns):
        return []
    return sorted(canonical.sort_key(frame, key).str.replace(canonical.KEY_SEPARATOR, " / "))


def as_json(changes: list[TableChanges], before: Version, after: Version) -> str:
    return json.dumps({"before": before.label, "after": after.label, "tables": [asdict(c) for c in changes]},
                      ensure_ascii=False, indent=2) + "\n"


def as_text(changes: list[TableChanges], before: Version, after: Version) -> str:
    lines = [f"{before.label} -> {after.label}"]
    for change in changes:
        lines.append(f"{change.table}: {change.rows_before} -> {change.rows_after} rows; {len(change.added)} added, "
                     f"{len(change.removed)} removed, {len(change.changed)} changed")
        lines += [f"  column added: {c}" for c in change.columns_added]
        lines += [f"  column removed: {c}" for c in change.columns_removed]
        lines += [f"  + {key}" for key in change.added[:LISTED_KEYS]]
        lines += [f"  - {key}" for key in change.removed[:LISTED_KEYS]]
        lines += [f"  ~ {key}: {', '.join(columns)}" for key, columns in list(change.changed.items())[:LISTED_KEYS]]
        hidden = sum(max(0, len(x) - LISTED_KEYS) for x in (change.added, change.removed, change.changed))
        if hidden:
            lines.append(f"  … and {hidden} more (see the JSON output)")
    return "\n".join(lines) + "\n"


def as_markdown(changes: list[TableChanges]) -> str:
    lines = ["| table | rows before | rows after | added | removed | changed |", "|---|---|---|---|---|---|"]
    for c in changes:
        lines.append(f"| {c.table} | {c.rows_before} | {c.rows_after} | {len(c.added)} | {len(c.removed)} | "
                     f"{len(c.changed)} |")
    for c in changes:
        if c.unchanged:
            continue
        lines += ["", f"### {c.table}", ""]
        lines += [f"- column added: `{x}`" for x in c.columns_added]
        lines += [f"- column removed: `{x}`" for x in c.columns_removed]
        lines += [f"- added `{key}`" for key in c.added]
        lines += [f"- removed `{key}`" for key in c.removed]
        lines += [f"- changed `{key}`: {', '.join(columns)}" for key, columns in c.changed.items()]
    return "\n".join(lines) + "\n"
