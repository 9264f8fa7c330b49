"""Typed frames -> Arrow tables with real types and each column's title and description in its metadata."""

from __future__ import annotations

import json

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from schemas import VERSION, Table, dates
from schemas.columns import kind_of
from scripts import canonical

COMPRESSION = "zstd"
COMPRESSION_LEVEL = 9
DICTIONARY = pa.dictionary(pa.int32(), pa.string())


def arrow_table(table: Table, frame: pd.DataFrame) -> pa.Table:
    if canonical.before_previous(frame, table.primary_key).any():  # validated data is sorted already
        frame = frame.loc[canonical.sort_key(frame, table.primary_key).sort_values(kind="stable").index]
    fields, arrays = [], []
    for name, column in table.schema.columns.items():
        kind = kind_of(column).name
        values = frame[name]
        metadata = {"title": column.title, "description": column.description}
        if kind == "partial_date":
            earliest, _ = dates.bounds(values)
            arrays.append(pa.array(earliest.dt.date.where(earliest.notna(), None), type=pa.date32()))
            fields.append(pa.field(name, pa.date32(), metadata=_encoded(
                metadata, description=column.description + " Stored as its first possible day; see "
                                                           f"{name}_precision.")))
            arrays.append(_strings(dates.precision(values).where(values.notna())).dictionary_encode().cast(DICTIONARY))
            fields.append(pa.field(f"{name}_precision", DICTIONARY, metadata=_encoded(
                {"title": f"{column.title} precision",
                 "description": f"How precise {name} is: year, month or day (empty when {name} is)."})))
            continue
        if kind == "date":
            array, type_ = pa.array(values.dt.date.where(values.notna(), None), type=pa.date32()), pa.date32()
        elif kind in ("count", "minute"):
            array, type_ = pa.array(values, type=pa.int64(), from_pandas=True), pa.int64()
        elif kind == "flag":
            array, type_ = pa.array(values, type=pa.bool_(), from_pandas=True), pa.bool_()
        elif kind == "choice":
            array, type_ = _strings(values).dictionary_encode().cast(DICTIONARY), DICTIONARY
        else:
            array, type_ = _strings(values), pa.string()
        arrays.append(array)
        fields.append(pa.field(name, type_, nullable=column.nullable, metadata=_encoded(metadata)))
    schema = pa.schema(fields, metadata=_encoded({
        "table": table.name, "title": table.title, "description": table.description,
        "primary_key": json.dumps(table.primary_key), "version": VERSION}))
    return pa.Table.from_arrays(arrays, schema=schema)


def _strings(values: pd.Series) -> pa.Array:
    """Text cells as one Arrow string array, missing cells as nulls (no copy through Python objects)."""
    array = pa.array(values.astype("str"), type=pa.string(), from_pandas=True)
    return array.combine_chunks() if isinstance(array, pa.ChunkedArray) else array


def write(table: pa.Table, path) -> None:
    pq.write_table(table, path, compression=COMPRESSION, compression_level=COMPRESSION_LEVEL,
                   use_dictionary=True, write_statistics=True, store_schema=True)


def _encoded(metadata: dict, **overrides) -> dict[bytes, bytes]:
    merged = {**metadata, **overrides}
    return {key.encode(): str(value).encode() for key, value in merged.items() if value is not None}
