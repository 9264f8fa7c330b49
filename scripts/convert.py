"""Cells (text) -> typed columns, by each column's declared dtype. A cell that is not of its type
becomes missing and a Problem; pandera then checks the typed frame."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pandera.pandas as pa
import pyarrow as pa_arrow
import pyarrow.compute as pc

from schemas import dates
from schemas.columns import FLAG_WORDS, kind_of
from scripts.read import RawTable

WHOLE_NUMBER = r"^-?[0-9]{1,18}$"  # 18 digits always fit in int64
FULL_DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
# how a spreadsheet writes a whole number it formats: 12.0 (decimals), 1,234 or 1 234 (thousands separated)
WITH_DECIMALS = re.compile(r"([0-9]+)\.0+")
THOUSANDS_GROUPED = re.compile(r"[0-9]{1,3}(?:[,.\u00a0\u202f ][0-9]{3})+")
SCIENTIFIC = re.compile(r"([0-9])(?:[.,]([0-9]+))?[eE]\+?([0-9]{1,2})")  # 1.2E+02: a wide number a spreadsheet shortened
AS_TEXT = re.compile(r"'([0-9]+)")  # '12: the apostrophe a spreadsheet shows before a number kept as text


def typed_frame(raw: RawTable) -> pd.DataFrame:
    columns = {}
    for name, column in raw.table.schema.columns.items():
        columns[name] = _convert(raw.cells[name], column, raw)
    return pd.DataFrame(columns, index=raw.cells.index)


def _convert(cells: pd.Series, column: pa.Column, raw: RawTable) -> pd.Series:
    """Text columns stay as they are; any other is converted once per distinct value (a million goals cells hold a
    handful of numbers), each value that is not of the type reported on every row holding it."""
    if str(column.dtype) not in ("Int64", "boolean") and not str(column.dtype).startswith("datetime64"):
        return cells.astype("str")
    codes, distinct = raw.codes.pop(column.name)  # an empty cell has the code -1, and stays empty; the typed
    # column is coded afresh where a check needs it, since two texts may be one value (7 and 07)
    distinct = pd.Series(distinct, dtype=cells.dtype)
    converted, valid = _convert_values(distinct, column)
    _report(cells, codes, distinct, valid, column, raw)
    return pd.Series(pd.api.extensions.take(converted.array, codes, allow_fill=True), index=cells.index,
                     name=cells.name)


def _convert_values(values: pd.Series, column: pa.Column) -> tuple[pd.Series, np.ndarray]:
    """The values (no empty one among them) converted to the column's dtype, and which of them were valid."""
    dtype = str(column.dtype)
    if dtype == "Int64":
        valid = values.str.fullmatch(WHOLE_NUMBER).to_numpy(dtype=bool)
        numbers = pc.cast(pa_arrow.array(values[valid], type=pa_arrow.string()), pa_arrow.int64())
        return pd.Series(numbers.to_numpy(zero_copy_only=False), index=values.index[valid],
                         dtype="Int64").reindex(values.index), valid
    if dtype == "boolean":
        # TRUE/FALSE from a spreadsheet is one flag-case problem for the column (read.py), not a type error a cell
        lowered = values.str.lower()
        return lowered.map(FLAG_WORDS).astype("boolean"), lowered.isin(list(FLAG_WORDS)).to_numpy(dtype=bool)
    parsed = pd.to_datetime(values.where(values.str.fullmatch(FULL_DATE).fillna(False).astype(bool)),
                            format="%Y-%m-%d", errors="coerce")
    return parsed.astype(column.dtype.type), parsed.notna().to_numpy(dtype=bool)


def _report(cells: pd.Series, codes: np.ndarray, values: pd.Series, valid: np.ndarray, column: pa.Column,
            raw: RawTable) -> None:
    """A type problem for each cell that holds a value that is not valid."""
    if valid.all():
        return
    bad = cells[np.isin(codes, np.flatnonzero(~valid))]
    for line, value in bad.items():
        raw.problem("type", f"{value!r} {_explanation(value, column)}", line=line, column=column.name, value=value)


def _explanation(value: str, column: pa.Column) -> str:
    dtype = str(column.dtype)
    if dtype == "Int64":
        return as_a_spreadsheet_writes(value) or f"is not a whole number; {kind_of(column).hint}"
    if dtype == "boolean":
        return "is not a yes/no value; write true or false"
    return (f"is not a real calendar date in the form YYYY-MM-DD; "
            f"{dates.written_here(value, 'date') or kind_of(column).hint}")


def as_a_spreadsheet_writes(value: str) -> str | None:
    """What to write instead of a whole number as a spreadsheet formats it, or None for any other value."""
    as_text = AS_TEXT.fullmatch(value)
    if as_text:
        return (f"starts with an apostrophe, as a spreadsheet shows a number kept as text; write {int(as_text[1])} "
                "(format the column as a number before saving)")
    scientific = SCIENTIFIC.fullmatch(value)
    if scientific:
        whole, fraction, exponent = scientific[1], scientific[2] or "", int(scientific[3])
        if len(fraction) <= exponent:
            return (f"is written in scientific notation, as a spreadsheet shows a number too wide for its cell; "
                    f"write {int(whole + fraction.ljust(exponent, '0'))}, if the source gives that (widen the "
                    "column or format it as a number before saving)")
        return ("is written in scientific notation, as a spreadsheet shows a number too wide for its cell, and "
                "digits may be lost; write the number the source gives (format the column as a number before saving)")
    decimals, grouped = WITH_DECIMALS.fullmatch(value), THOUSANDS_GROUPED.fullmatch(value)
    digits = re.sub("[^0-9]", "", value)
    if decimals and grouped:  # 1.000: one with decimals, or a thousand with a dot between the groups
        return (f"is not written as a whole number (a spreadsheet formatted it): write {int(decimals[1])}, or "
                f"{digits} if the dot separates thousands")
    if decimals:
        return (f"is not written as a whole number: it has a decimal part, as a spreadsheet writes a number cell "
                f"formatted with decimals; write {int(decimals[1])}")
    if grouped:
        return f"is not written as a whole number: it separates thousands; write {digits}"
    return None
