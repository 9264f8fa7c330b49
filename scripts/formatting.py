"""Put the CSVs into canonical form without changing a value: row order, quoting, line endings, trimmed cells,
yes/no cells in lowercase."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from schemas import TABLES
from schemas.columns import kind_of
from scripts import atomic, canonical, read
from scripts.problems import Problem

# The problems `format` runs despite: those it repairs (line endings, whitespace, order, quoting, flags, an empty
# column, a header repeated in the file, rows short of their last empty cells) and cells it leaves to the contributor
# (formula-like, placeholder, control characters); any other problem makes it refuse the file.
REPAIRABLE = {"byte-order-mark", "line-endings", "final-newline", "whitespace", "sort-order", "quoting",
              "blank-line", "formula-injection", "placeholder", "flag-case", "empty-column",
              "control-character", "repeated-header", "short-rows"}


@dataclass
class Outcome:
    changed: list[str]
    refused: list[Problem]


def format_tables(data_dir: Path, root: Path, check_only: bool = False) -> Outcome:
    changed, refused = [], []
    for table in TABLES:
        path = data_dir / table.file_name
        file = path.absolute().relative_to(root.resolve()).as_posix() if path.absolute().is_relative_to(
            root.resolve()) else path.as_posix()
        if read.is_link_outside(path, root) or not path.exists():
            continue
        if not check_only:
            atomic.remove_leftovers(path)
        raw = read.read_table(path, table, file)
        blocking = [p for p in raw.problems if p.rule not in REPAIRABLE]
        if blocking or raw.cells is None:
            refused.extend(blocking)
            continue
        if raw.canonical:  # known to be canonical already: no need to render it again to compare
            continue
        text = canonical_text(raw)
        if path.read_bytes() != text.encode("utf-8"):
            changed.append(file)
            if not check_only:
                atomic.write_text(path, text)
    return Outcome(changed, refused)


def canonical_text(raw: read.RawTable) -> str:
    cells = raw.cells.apply(lambda column: column.str.strip())
    for name, column in raw.table.schema.columns.items():
        if kind_of(column).name == "flag":  # TRUE and False, as spreadsheets write them, become true and false
            lowered = cells[name].str.lower()
            cells[name] = cells[name].where(~lowered.isin(read.FLAG_VALUES).fillna(False).astype(bool), lowered)
    cells = cells.fillna("")
    order = canonical.sort_key(cells, raw.table.primary_key).sort_values(kind="stable").index
    rows = cells.loc[order].to_numpy().tolist()
    return canonical.render_rows([raw.table.columns, *rows])
