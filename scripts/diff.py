"""Compare two versions table by table, by primary key: rows added, removed, renamed, and each changed cell
with its old and new value."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

import pandas as pd

from scripts import canonical
from scripts.versions import Version

LISTED_KEYS = 50  # how many rows of each kind the text view lists per table


@dataclass
class TableChanges:
    table: str
    rows_before: int
    rows_after: int
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    renamed: dict[str, str] = field(default_factory=dict)  # old key -> new key, the rest of the row unchanged
    changed: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # key -> column -> [old, new]
    columns_added: list[str] = field(default_factory=list)
    columns_removed: list[str] = field(default_factory=list)

    @property
    def unchanged(self) -> bool:
        return not (self.added or self.removed or self.renamed or self.changed or self.columns_added
                    or self.columns_removed)


def compare(before: Version, after: Version) -> list[TableChanges]:
    names = list(after.tables) + [name for name in before.tables if name not in after.tables]
    return [_compare_table(name, before, after) for name in names]


def differ(changes: list[TableChanges]) -> bool:
    return any(not change.unchanged for change in changes)


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
    old = old.set_axis(_labels(old, key), axis=0)
    new = new.set_axis(_labels(new, key), axis=0)
    added = new.index.difference(old.index)
    removed = old.index.difference(new.index)
    shared = [c for c in new.columns if c in old.columns]
    changes.renamed = _renamed(old.loc[removed, shared], new.loc[added, shared], key)
    changes.added = sorted(set(added) - set(changes.renamed.values()))
    changes.removed = sorted(set(removed) - set(changes.renamed))
    common = new.index.intersection(old.index).sort_values()
    before_cells, after_cells = old.loc[common, shared], new.loc[common, shared]
    different = before_cells.ne(after_cells)
    for row_key in different.index[different.any(axis=1)]:
        columns = [c for c in shared if different.at[row_key, c]]
        changes.changed[row_key] = {c: [before_cells.at[row_key, c], after_cells.at[row_key, c]] for c in columns}
    return changes


def _labels(frame: pd.DataFrame, key: list[str]) -> pd.Index:
    return pd.Index(canonical.sort_key(frame, key).str.replace(canonical.KEY_SEPARATOR, " / "))


def _renamed(removed: pd.DataFrame, added: pd.DataFrame, key: list[str]) -> dict[str, str]:
    """Removed rows whose every other cell equals one added row's: the same row under a new key."""
    if removed.empty or added.empty:
        return {}
    rest = [c for c in removed.columns if c not in key]
    if not rest:
        return {}
    content_removed = removed[rest].astype(str).agg("\x00".join, axis=1)
    content_added = added[rest].astype(str).agg("\x00".join, axis=1)
    unique_added = content_added[~content_added.duplicated(keep=False)]
    by_content = pd.Series(unique_added.index, index=unique_added.to_numpy())
    unique_removed = content_removed[~content_removed.duplicated(keep=False)]
    matched = unique_removed[unique_removed.isin(by_content.index)]
    return {old_key: by_content[content] for old_key, content in matched.items()}


def _keys(frame: pd.DataFrame, key: list[str]) -> list[str]:
    if not key or not set(key) <= set(frame.columns):
        return []
    return sorted(_labels(frame, key))


def as_json(changes: list[TableChanges], before: Version, after: Version) -> str:
    return json.dumps({"before": before.label, "after": after.label, "differ": differ(changes),
                       "tables": [asdict(c) for c in changes]}, ensure_ascii=False, indent=2) + "\n"


def as_text(changes: list[TableChanges], before: Version, after: Version) -> str:
    lines = [f"{before.label} -> {after.label}"]
    for change in changes:
        lines.append(f"{change.table}: {change.rows_before} -> {change.rows_after} rows; {len(change.added)} added, "
                     f"{len(change.removed)} removed, {len(change.renamed)} renamed, {len(change.changed)} changed")
        lines += [f"  column added: {c}" for c in change.columns_added]
        lines += [f"  column removed: {c}" for c in change.columns_removed]
        lines += [f"  + {key}" for key in change.added[:LISTED_KEYS]]
        lines += [f"  - {key}" for key in change.removed[:LISTED_KEYS]]
        lines += [f"  > {old} -> {new}" for old, new in list(change.renamed.items())[:LISTED_KEYS]]
        for key, cells in list(change.changed.items())[:LISTED_KEYS]:
            lines.append(f"  ~ {key}: " + "; ".join(f"{column}: {_shown(old)} -> {_shown(new)}"
                                                    for column, (old, new) in cells.items()))
        hidden = sum(max(0, len(x) - LISTED_KEYS) for x in (change.added, change.removed, change.renamed,
                                                             change.changed))
        if hidden:
            lines.append(f"  … and {hidden} more (see the JSON output)")
    lines.append("The versions differ." if differ(changes) else "The versions are the same.")
    return "\n".join(lines) + "\n"


def as_markdown(changes: list[TableChanges]) -> str:
    lines = ["| table | rows before | rows after | added | removed | renamed | changed |",
             "|---|---|---|---|---|---|---|"]
    for c in changes:
        lines.append(f"| {c.table} | {c.rows_before} | {c.rows_after} | {len(c.added)} | {len(c.removed)} | "
                     f"{len(c.renamed)} | {len(c.changed)} |")
    for c in changes:
        if c.unchanged:
            continue
        lines += ["", f"### {c.table}", ""]
        lines += [f"- column added: `{x}`" for x in c.columns_added]
        lines += [f"- column removed: `{x}`" for x in c.columns_removed]
        lines += [f"- added `{key}`" for key in c.added]
        lines += [f"- removed `{key}`" for key in c.removed]
        lines += [f"- renamed `{old}` to `{new}`" for old, new in c.renamed.items()]
        lines += [f"- changed `{key}`: " + "; ".join(f"{column} {_shown(old)} → {_shown(new)}"
                                                     for column, (old, new) in cells.items())
                  for key, cells in c.changed.items()]
    return "\n".join(lines) + "\n"


def _shown(value: str) -> str:
    text = repr(value) if value != "" else "(empty)"
    return text if len(text) <= 80 else text[:77] + "…'"
