"""Cells (text) -> typed columns, by each column's declared dtype. A cell that is not of its type
becomes missing and a Problem; pandera then checks the typed frame."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
import pyarrow as pa_arrow
import pyarrow.compute as pc

from schemas import dates
from schemas.columns import kind_of
from scripts.read import RawTable

WHOLE_NUMBER = r"^-?[0-9]{1,18}$"  # 18 digits always fit in int64
FULL_DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
BOOLEANS = {"true": True, "false": False}


def typed_frame(raw: RawTable) -> pd.DataFrame:
    columns = {}
    for name, column in raw.table.schema.columns.items():
        columns[name] = _convert(raw.cells[name], column, raw)
    return pd.DataFrame(columns, index=raw.cells.index)


def _convert(cells: pd.Series, column: pa.Column, raw: RawTable) -> pd.Series:
    dtype = str(column.dtype)
    if dtype == "Int64":
        filled = cells.dropna()
        valid = filled.str.fullmatch(WHOLE_NUMBER)
        _report(filled, valid, column, raw, f"is not a whole number; {kind_of(column).hint}")
        numbers = pc.cast(pa_arrow.array(filled[valid.astype(bool)], type=pa_arrow.string()), pa_arrow.int64())
        return pd.Series(numbers.to_numpy(zero_copy_only=False), index=filled.index[valid.astype(bool)],
                         dtype="Int64").reindex(cells.index)
    if dtype == "boolean":
        valid = cells.isin(list(BOOLEANS)) | cells.isna()
        _report(cells, valid, column, raw, "is not a yes/no value; write true or false")
        return cells.map(BOOLEANS).astype("boolean")
    if dtype.startswith("datetime64"):
        parsed = pd.to_datetime(cells.where(cells.str.fullmatch(FULL_DATE).fillna(False).astype(bool)),
                                format="%Y-%m-%d", errors="coerce")
        _report(cells, parsed.notna(), column, raw, lambda value: (
            f"is not a real calendar date in the form YYYY-MM-DD; "
            f"{dates.written_here(value, 'date') or kind_of(column).hint}"))
        return parsed.astype(column.dtype.type)
    return cells.astype("str")


def _report(cells: pd.Series, valid: pd.Series, column: pa.Column, raw: RawTable, message) -> None:
    """A type problem for each cell that is not valid; `message` is the text, or a function of the value."""
    bad = cells[cells.notna() & ~valid.fillna(False).astype(bool)]
    for line, value in bad.items():
        explained = message(value) if callable(message) else message
        raw.problem("type", f"{value!r} {explained}", line=line, column=column.name, value=value)
