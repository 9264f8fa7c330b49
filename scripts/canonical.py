"""The one canonical CSV form: UTF-8, LF, minimal quoting, rows sorted by primary key."""

from __future__ import annotations

import csv
import io

import numpy as np
import pandas as pd

# csv.QUOTE_MINIMAL quotes a cell holding one of these characters, and doubles the quote inside.
NEEDS_QUOTING = r'[,"\r\n]'
KEY_SEPARATOR = "\x00"  # sorts before every character an id may hold, so joined keys sort like tuples


def render_rows(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, quoting=csv.QUOTE_MINIMAL, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


def sort_key(cells: pd.DataFrame, primary_key: list[str]) -> pd.Series:
    """One string per row whose plain string order is the canonical row order."""
    key = cells[primary_key[0]].astype("string").fillna("")
    for column in primary_key[1:]:
        key = key + KEY_SEPARATOR + cells[column].astype("string").fillna("")
    return key


def before_previous(cells: pd.DataFrame, primary_key: list[str]) -> np.ndarray:
    """For each row, whether it sorts before the row above it (the order of `sort_key`, without building it)."""
    less = np.zeros(len(cells), dtype=bool)
    equal = np.ones(len(cells), dtype=bool)
    for column in primary_key:
        current = cells[column].astype("string").fillna("")
        previous = current.shift(fill_value="")
        less |= equal & (current < previous).to_numpy(dtype=bool)
        equal &= (current == previous).to_numpy(dtype=bool)
    if len(less):
        less[0] = False
    return less
