"""schemas -> the codebook: every column of every table, as written in the CSVs and as published (Parquet,
SQLite, the loader), with its type, allowed values and description."""

from __future__ import annotations

from schemas import TABLES
from schemas.published import published_columns
from scripts import canonical, package

CODEBOOK_COLUMNS = ["table", "column", "title", "csv_type", "published_type", "required", "allowed", "description"]


def rows() -> list[list[str]]:
    found = []
    for table in TABLES:
        csv_fields = {field["name"]: field for field in package.table_schema(table)["fields"]}
        for column in published_columns(table):
            field = csv_fields.get(column.name)
            constraints = field.get("constraints", {}) if field else {}
            allowed = (", ".join(constraints["enum"]) if "enum" in constraints
                       else f"pattern {constraints['pattern']}" if "pattern" in constraints
                       else _range(constraints) if constraints
                       else ", ".join(column.categories))
            found.append([table.name, column.name, column.title, field["type"] if field else "(published only)",
                          column.type, "yes" if (constraints.get("required") if field else column.required) else "no",
                          allowed, column.description])
    return found


def _range(constraints: dict) -> str:
    if "minimum" in constraints and "maximum" in constraints:
        return f"{constraints['minimum']} to {constraints['maximum']}"
    if "minimum" in constraints:
        return f"{constraints['minimum']} or more"
    return ""


def as_csv() -> str:
    return canonical.render_rows([CODEBOOK_COLUMNS, *rows()])


def as_markdown() -> str:
    lines = ["# football-careers codebook", "",
             "Generated from `schemas/`; do not edit by hand. Each table lists its CSV columns and, marked "
             "*(published only)*, the columns the Parquet files, the SQLite database and the Python loader add: "
             "beside every partial date (`start_date`, `end_date`, `birth_date`, `death_date`), written as "
             "`1991`, `1991-07` or `1991-07-01`, its earliest and latest possible day and its precision. "
             "Published types: `string`, `integer` (nullable), `boolean`, `date` (a day, as a timestamp at "
             "midnight in Parquet and as `YYYY-MM-DD` text in SQLite) and `category` (a closed vocabulary).", ""]
    by_table: dict[str, list[list[str]]] = {}
    for row in rows():
        by_table.setdefault(row[0], []).append(row)
    for table in TABLES:
        key = ", ".join(table.primary_key)
        lines += [f"## {table.name}", "", f"{table.description} Primary key: {key}.", "",
                  "| column | title | CSV type | published type | required | allowed | description |",
                  "|---|---|---|---|---|---|---|"]
        for _, column, title, csv_type, published_type, required, allowed, description in by_table[table.name]:
            cells = [f"`{column}`", title, csv_type, published_type, required, allowed, description]
            lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
        lines.append("")
    return "\n".join(lines)
