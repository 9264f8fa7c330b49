"""Typed frames -> the frames as published: real types, and each partial date's earliest and latest day."""

from __future__ import annotations

import pandas as pd

from schemas import Table, dates
from schemas.published import PublishedColumn, published_columns

DTYPES = {"string": "str", "date": "datetime64[ms]", "integer": "Int64", "boolean": "boolean"}


def published_frame(table: Table, frame: pd.DataFrame) -> pd.DataFrame:
    """One column per published column, in order, with the index dropped."""
    columns, bounds = {}, {}
    for column in published_columns(table):
        values = frame[column.source]
        if column.derived in ("earliest", "latest"):
            if column.source not in bounds:
                bounds[column.source] = dates.bounds(values)
            values = bounds[column.source][0 if column.derived == "earliest" else 1]
        elif column.derived == "precision":
            values = dates.precision(values)
        columns[column.name] = _typed(values.reset_index(drop=True), column)
    return pd.DataFrame(columns)


def _typed(values: pd.Series, column: PublishedColumn) -> pd.Series:
    if column.type == "category":
        return pd.Series(pd.Categorical(values.astype("str"), categories=list(column.categories)), name=column.name)
    if column.empty_means is not None:
        values = values.fillna(column.empty_means)
    if column.type == "date":
        return pd.to_datetime(values).astype(DTYPES["date"])
    return values.astype(DTYPES[column.type])
