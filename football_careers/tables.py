"""Read the published Parquet files into pandas, with the types the data package declares.

Integers are nullable integers, flags booleans, closed vocabularies categoricals (with every allowed value),
dates datetimes at midnight; a partial date keeps its text beside its earliest and latest possible day.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from football_careers import releases

BUNDLED = Path(__file__).parent / "data"
DESCRIPTOR = "datapackage.json"


def load(table: str, *, release: str | None = None) -> pd.DataFrame:
    """One table as a DataFrame: from the data inside the package, or from `release` (an address or a folder)."""
    folder = _folder(release)
    resource = _resource(folder, table)
    arrow = pq.read_table(releases.verified(folder, resource["path"], release))
    return _typed(arrow, resource)


def load_all(*, release: str | None = None) -> dict[str, pd.DataFrame]:
    folder = _folder(release)
    return {resource["name"]: load(resource["name"], release=release) for resource in _descriptor(folder)["resources"]}


def tables(*, release: str | None = None) -> pd.DataFrame:
    """Each table: its name, title, description, primary key and number of rows."""
    resources = _descriptor(_folder(release))["resources"]
    return pd.DataFrame({
        "table": [r["name"] for r in resources], "title": [r["title"] for r in resources],
        "description": [r["description"] for r in resources],
        "primary_key": [", ".join(r["schema"]["primaryKey"]) for r in resources]})


def codebook(table: str | None = None, *, release: str | None = None) -> pd.DataFrame:
    """Every column (of one table, or of all): its type, whether it is required, its allowed values and meaning."""
    rows = []
    for resource in _descriptor(_folder(release))["resources"]:
        if table not in (None, resource["name"]):
            continue
        for field in resource["schema"]["fields"]:
            constraints = field.get("constraints", {})
            rows.append({"table": resource["name"], "column": field["name"], "title": field.get("title", ""),
                         "type": "date" if field["type"] == "datetime" else field["type"],
                         "required": bool(constraints.get("required")),
                         "allowed": ", ".join(constraints.get("enum", [])), "description": field.get("description", "")})
    if table is not None and not rows:
        raise KeyError(_unknown(table, _folder(release)))
    return pd.DataFrame(rows)


def version(*, release: str | None = None) -> str:
    """The data version: the bundled one ("unknown" where the package carries no data), or that of `release`."""
    if release is None and not (BUNDLED / DESCRIPTOR).exists():
        return "unknown"
    return str(_descriptor(_folder(release)).get("version", "unknown"))


def _folder(release: str | None) -> Path:
    if release is None:
        if not (BUNDLED / DESCRIPTOR).exists():
            raise FileNotFoundError("this installation of football-careers carries no data (it was installed from "
                                    "a clone without `make build`); install the release wheel, or pass release=")
        return BUNDLED
    return releases.fetch_descriptor(release)


@lru_cache(maxsize=8)
def _descriptor_at(path: Path, stamp: float) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _descriptor(folder: Path) -> dict:
    path = folder / DESCRIPTOR
    return _descriptor_at(path, path.stat().st_mtime)


def _resource(folder: Path, table: str) -> dict:
    for resource in _descriptor(folder)["resources"]:
        if resource["name"] == table:
            return resource
    raise KeyError(_unknown(table, folder))


def _unknown(table: str, folder: Path) -> str:
    names = ", ".join(r["name"] for r in _descriptor(folder)["resources"])
    return f"no table {table!r}; the tables are: {names}"


def _typed(arrow: pa.Table, resource: dict) -> pd.DataFrame:
    frame = arrow.to_pandas(types_mapper={pa.int64(): pd.Int64Dtype(), pa.bool_(): pd.BooleanDtype(),
                                          pa.string(): pd.StringDtype(), pa.large_string(): pd.StringDtype()}.get,
                            ignore_metadata=True, date_as_object=False)
    for field in resource["schema"]["fields"]:
        name, allowed = field["name"], field.get("constraints", {}).get("enum")
        if allowed:
            frame[name] = pd.Categorical(frame[name].astype("object"), categories=allowed)
        elif field["type"] == "datetime":
            frame[name] = frame[name].astype("datetime64[ms]")
    return frame
