"""Typed frames -> the frames as published: real types, and each partial date's earliest and latest day."""

from __future__ import annotations

import numpy as np
import pandas as pd

from schemas import Table, dates
from schemas.codes import coded
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
        return pd.Series(_categorical(values.astype("str"), list(column.categories)), name=column.name)
    if column.empty_means is not None:
        values = values.fillna(column.empty_means)
    if column.type == "date":
        return pd.to_datetime(values).astype(DTYPES["date"])
    return values.astype(DTYPES[column.type])


def _categorical(values: pd.Series, categories: list[str]) -> pd.Categorical:
    """pd.Categorical(values, categories=categories), each distinct value looked up once: building it from the
    values made a Python string of each of a million cells to look it up (0.1 s a column)."""
    codes, distinct = coded(values)
    category_codes = np.append(pd.Index(categories).get_indexer(distinct), -1)  # an empty cell's -1: missing
    return pd.Categorical.from_codes(category_codes[codes], categories=categories)
