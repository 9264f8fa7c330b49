"""What every table's model shares: strict, ordered columns, and keys declared once."""

import pandera.pandas as pa


class TableModel(pa.DataFrameModel):
    class Config:
        strict = True  # no column beyond those declared
        ordered = True  # in the declared order


def keys(primary_key: list[str], foreign_keys: dict[str, tuple[str, str]] | None = None) -> dict:
    """A model's Config.metadata: its primary key and its foreign keys (column -> (table, column))."""
    return {"primary_key": primary_key, "foreign_keys": foreign_keys or {}}
