"""The columns as published (Parquet, SQLite, the loader), derived from the models: every CSV column with a
real type, and beside each partial date its earliest and latest possible day and its precision, so that a
date known only to the year can never be mistaken for its first day."""

from __future__ import annotations

from dataclasses import dataclass

from schemas import Table
from schemas.columns import kind_of

# column kind -> published type
TYPES = {"partial_date": "string", "date": "date", "count": "integer", "minute": "integer", "flag": "boolean",
         "choice": "category"}
PRECISIONS = ["year", "month", "day"]


@dataclass(frozen=True)
class PublishedColumn:
    name: str
    title: str
    description: str
    type: str  # string, date, integer, boolean or category
    required: bool
    source: str  # the CSV column it comes from
    derived: str | None = None  # None for the CSV column itself; earliest, latest or precision
    categories: tuple[str, ...] = ()  # the closed vocabulary of a category
    empty_means: bool | None = None  # the value an empty CSV cell is published as, if any


def published_columns(table: Table) -> list[PublishedColumn]:
    found = []
    for name, column in table.schema.columns.items():
        kind = kind_of(column).name
        required = not column.nullable
        if kind == "choice":
            allowed = next(c.statistics["allowed_values"] for c in column.checks if c.name == "isin")
            found.append(PublishedColumn(name, column.title, column.description, "category", required, name,
                                         categories=tuple(allowed)))
            continue
        if kind != "partial_date":
            empty_means = (column.metadata or {}).get("empty_means")
            found.append(PublishedColumn(name, column.title, column.description, TYPES.get(kind, "string"),
                                         required or empty_means is not None, name, empty_means=empty_means))
            continue
        found += [
            PublishedColumn(name, column.title, column.description + " As written in the CSV: 1991, 1991-07 or "
                            "1991-07-01; compare days with the _earliest and _latest columns.", "string", required,
                            name),
            PublishedColumn(f"{name}_earliest", f"{column.title}, earliest", f"The earliest day {name} may be: "
                            f"its first possible day (1996 gives 1996-01-01, 1996-03 gives 1996-03-01).", "date",
                            required, name, "earliest"),
            PublishedColumn(f"{name}_latest", f"{column.title}, latest", f"The latest day {name} may be: its "
                            f"last possible day (1996 gives 1996-12-31, 1996-03 gives 1996-03-31).", "date",
                            required, name, "latest"),
            PublishedColumn(f"{name}_precision", f"{column.title}, precision", f"How precise {name} is: year, "
                            f"month or day (empty when {name} is).", "category", required, name, "precision",
                            tuple(PRECISIONS)),
        ]
    return found
