"""A typed frame against its pandera model: the model's own checks, each run once per distinct value.

Ids, codes and dates repeat a great deal (a million appearances hold a few thousand match ids and eight roles),
so each column's checks judge its distinct values, and a failing value is then reported on every row that holds
it. The failures come in the form of pandera's `failure_cases` (check, column, index = line), from the checks
that locate a row: nullability, the column checks and the table's unique key. The column dtypes need no check:
convert.typed_frame gives each column its declared dtype, and reports every cell that is not of it.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
import pandera.pandas as pa

from scripts import canonical

FAILURE_COLUMNS = ["check", "column", "index"]
MAX_KEY_CODE = 2**62  # combined key codes stay below it, far from int64's overflow
Coded = Callable[[str], tuple[np.ndarray, pd.Index]]  # a column's name -> its codes and distinct values


def failure_cases(schema: pa.DataFrameSchema, frame: pd.DataFrame, codes: Coded | None = None,
                  in_key_order: bool = False) -> pd.DataFrame:
    """Every (check, column, line) that fails, as pandera's lazy validation would list it; `codes` gives the
    pd.factorize of a column by name (made once, and shared with the rules); `in_key_order`: as for
    duplicated_lines."""
    codes = codes or (lambda name: pd.factorize(frame[name]))
    found = []
    for name, column in schema.columns.items():
        values = frame[name]
        if not column.nullable and values.hasnans:
            found.append(_failures("not_nullable", name, values.index[values.isna().to_numpy(dtype=bool)]))
        if column.checks:
            found += _column_failures(name, column, values, codes)
    if schema.unique:
        found.append(_failures(_uniqueness_check(schema), None,
                               duplicated_lines(frame, list(schema.unique), codes, in_key_order)))
    found = [failures for failures in found if len(failures)]  # most checks find nothing
    return pd.concat(found, ignore_index=True) if found else pd.DataFrame(columns=FAILURE_COLUMNS)


def _column_failures(name: str, column: pa.Column, values: pd.Series, coded: Coded) -> list[pd.DataFrame]:
    codes, distinct = coded(name)  # empty cells get code -1: checks ignore them, as pandera's do
    distinct = pd.Series(distinct, dtype=values.dtype)
    found = []
    for check in column.checks:
        passed = check(distinct).check_output.to_numpy(dtype=bool)
        if passed.all():
            continue
        failing = np.isin(codes, np.flatnonzero(~passed))
        found.append(_failures(check.name, name, values.index[failing]))
    return found


def _uniqueness_check(schema: pa.DataFrameSchema) -> str:
    return "multiple_fields_uniqueness" if len(schema.unique) > 1 else "field_uniqueness"


def duplicated_lines(frame: pd.DataFrame, key: list[str], coded: Coded, in_key_order: bool = False) -> pd.Index:
    """The lines of every row whose key another row shares (all of them, the first included).

    `in_key_order`: the rows are known to be sorted by the key as written (read.py, which makes an empty cell
    missing, never an empty text) and each key column's codes are those of its text, so the rows that share a key
    are neighbours: each row's key is compared with the next one's, where hashing ten million keys to find the
    repeated ones took 1.5 s."""
    codes = key_codes(frame, key, coded)
    if not in_key_order:
        return frame.index[pd.Series(codes).duplicated(keep=False).to_numpy(dtype=bool)]
    same_as_next = codes[1:] == codes[:-1]
    repeated = np.zeros(len(codes), dtype=bool)
    repeated[1:] |= same_as_next
    repeated[:-1] |= same_as_next
    return frame.index[repeated]


def key_codes(frame: pd.DataFrame, key: list[str], coded: Coded, limit: int = MAX_KEY_CODE) -> np.ndarray:
    """One integer per row, equal for equal keys (an empty cell equal to an empty cell): comparing a million
    integers is much cheaper than comparing a million joined strings. Each column's codes are a digit of a number
    in mixed radix; the number is re-coded (hashed, which is dear) only when the next digit could overflow it."""
    combined = np.zeros(len(frame), dtype="int64")
    bound = 1  # every combined code is below it
    for column in key:
        codes, distinct = coded(column)
        radix = len(distinct) + 1  # empty cells: a code of their own
        if bound > limit // radix:
            combined, uniques = pd.factorize(combined)
            bound = len(uniques)
        combined = combined * radix + np.where(codes < 0, len(distinct), codes)
        bound *= radix
    return combined


def key_text(frame: pd.DataFrame, key: list[str]) -> pd.Series:
    """One value per row that is equal for equal keys (an empty cell equal to an empty cell)."""
    return canonical.sort_key(frame, key) if len(key) > 1 else frame[key[0]].astype("string").fillna("")


def _failures(check: str, column: str | None, lines: pd.Index) -> pd.DataFrame | list:
    if not len(lines):
        return []
    return pd.DataFrame({"check": check, "column": column, "index": np.asarray(lines, dtype="int64")},
                        columns=FAILURE_COLUMNS)
