"""Integer codes for the values of a column: equal values get equal codes, an empty cell -1.

Hashing a million ids is the dearest step of comparing them, and the checks of a table and the rules that
follow its references need the same codes: each column is coded once per validation, and shared.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc


def coded(values: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """(codes, distinct values) of a column, as pd.factorize gives them, the codes as int32: half the memory, and no
    column has 2^31 distinct values.

    Text held by pyarrow (every column as read) is coded by Arrow's dictionary encoding, the kernel pd.factorize
    calls too, whose codes are int32 already: pandas widens them to int64 and they were narrowed again, two copies
    of the column that took a quarter of the coding at 10^7 rows."""
    if isinstance(values.array, pd.arrays.ArrowStringArray):
        encoded = pc.dictionary_encode(pa.array(values.array))  # one chunk a column: the array itself, not a copy
        return codes_of(encoded.indices), pd.Index(pd.array(encoded.dictionary, dtype=values.dtype))
    codes, distinct = pd.factorize(values)
    return codes.astype(np.int32), distinct


def codes_of(indices: pa.Array) -> np.ndarray:
    """A dictionary array's int32 indices as codes, an empty cell -1: one array, written once. Filled by Arrow
    (`fill_null`) and then copied out to numpy, each column was written twice, and at 10^7 appearances the kernel
    zeroing fresh pages for the copies was a third of reading the file."""
    if not indices.null_count:
        return indices.to_numpy(zero_copy_only=False, writable=True)
    # the indices under an empty cell are undefined: copied, then overwritten
    values = np.frombuffer(indices.buffers()[1], dtype=np.int32, count=indices.offset + len(indices))
    codes = values[indices.offset:].copy()
    codes[indices.is_null().to_numpy(zero_copy_only=False)] = -1
    return codes


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
