"""The one canonical CSV form: UTF-8, LF, minimal quoting, rows sorted by primary key."""

from __future__ import annotations

import csv
import io

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

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


def coded_before_previous(key_codes: list[tuple[np.ndarray, pd.Index]]) -> np.ndarray:
    """`before_previous` from each key column's codes (an empty cell -1) and distinct values, as read.py holds
    them: the distinct values are ranked once in text order, and each row's ranks are compared with the row
    above's, integers, not texts (10 ms at a million appearances against 30 ms)."""
    less = np.zeros(len(key_codes[0][0]), dtype=bool)
    equal = np.ones(len(less), dtype=bool)
    for codes, distinct in key_codes:
        ranks = _text_ranks(distinct)[codes]
        less[1:] |= equal[1:] & (ranks[1:] < ranks[:-1])
        equal[1:] &= ranks[1:] == ranks[:-1]
    return less


def _text_ranks(distinct: pd.Index) -> np.ndarray:
    """The rank in text order (code point by code point, as Python and Arrow compare text) of each distinct value,
    then of the empty text, last, where an empty cell's code (-1) finds it: equal texts, equal ranks."""
    texts = pa.concat_arrays([pc.cast(pa.array(distinct), pa.large_string()), pa.array([""], pa.large_string())])
    return pc.rank(texts, sort_keys="ascending", tiebreaker="dense").to_numpy().astype(np.int32)
