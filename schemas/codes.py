"""Integer codes for the values of a column: equal values get equal codes, an empty cell -1.

Hashing a million ids is the dearest step of comparing them, and the checks of a table and the rules that
follow its references need the same codes: each column is coded once per validation, and shared.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def coded(values: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """(codes, distinct values) of a column, as pd.factorize gives them, the codes as int32: half the memory, and no
    column has 2^31 distinct values."""
    codes, distinct = pd.factorize(values)
    return codes.astype(np.int32), distinct


class ColumnCodes:
    def __init__(self, frames: dict[str, pd.DataFrame]):
        self.frames = frames  # the typed frames, by table (filled in as tables are read)
        self._found: dict[tuple[str, str], tuple[np.ndarray, pd.Index]] = {}

    def add(self, table: str, column: str, codes: np.ndarray, distinct: pd.Index) -> None:
        """Codes already made, as `of` would make them (those of the cells, for a column kept as text)."""
        self._found[(table, column)] = codes, distinct

    def of(self, table: str, column: str) -> tuple[np.ndarray, pd.Index]:
        """(codes, distinct values) of `column` of `table`, as pd.factorize gives them."""
        key = (table, column)
        if key not in self._found:
            self._found[key] = coded(self.frames[table][column])
        return self._found[key]
