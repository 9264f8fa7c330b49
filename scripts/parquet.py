"""Typed frames -> Parquet files that read right everywhere.

pandas (`pd.read_parquet` with no arguments) gets nullable integers, booleans, categoricals and datetimes from
the pandas metadata; polars, DuckDB and R's arrow get the same from the Arrow types. Dates are timestamps at
midnight (millisecond unit), since pandas reads a Parquet date as Python objects that compare with nothing.
Each column's title and description travel twice: in the Arrow field metadata (pyarrow) and as file key-value
metadata (`description:<column>`), which DuckDB (`parquet_kv_metadata`) and polars
(`read_parquet_metadata`) read.
"""

from __future__ import annotations

import json

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from schemas import VERSION, Table
from schemas.published import published_columns
from scripts import canonical
from scripts.publish import published_frame

COMPRESSION = "zstd"
COMPRESSION_LEVEL = 9
ARROW_TYPES = {"string": pa.string(), "date": pa.timestamp("ms"), "integer": pa.int64(), "boolean": pa.bool_(),
               "category": pa.dictionary(pa.int32(), pa.string())}


def arrow_table(table: Table, frame: pd.DataFrame) -> pa.Table:
    if canonical.before_previous(frame, table.primary_key).any():  # validated data is sorted already
        frame = frame.loc[canonical.sort_key(frame, table.primary_key).sort_values(kind="stable").index]
    columns = published_columns(table)
    schema = pa.schema([pa.field(c.name, ARROW_TYPES[c.type], nullable=not c.required,
                                 metadata=_encoded({"title": c.title, "description": c.description}))
                        for c in columns])
    arrow = pa.Table.from_pandas(published_frame(table, frame), schema=schema, preserve_index=False)
    metadata = {**arrow.schema.metadata, **_encoded({
        "table": table.name, "title": table.title, "description": table.description,
        "primary_key": json.dumps(table.primary_key), "version": VERSION,
        **{f"title:{c.name}": c.title for c in columns}, **{f"description:{c.name}": c.description for c in columns}})}
    return arrow.replace_schema_metadata(metadata)


def write(table: pa.Table, path) -> None:
    pq.write_table(table, path, compression=COMPRESSION, compression_level=COMPRESSION_LEVEL,
                   use_dictionary=True, write_statistics=True, store_schema=True)


def _encoded(metadata: dict) -> dict[bytes, bytes]:
    return {key.encode(): str(value).encode() for key, value in metadata.items() if value is not None}
