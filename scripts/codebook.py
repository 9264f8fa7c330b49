"""schemas -> the codebook: every column of every table with its type, allowed values and description."""

from __future__ import annotations

from schemas import TABLES
from scripts import canonical, package

CODEBOOK_COLUMNS = ["table", "column", "title", "type", "required", "allowed", "description"]


def rows() -> list[list[str]]:
    found = []
    for table in TABLES:
        for field in package.table_schema(table)["fields"]:
            constraints = field.get("constraints", {})
            allowed = (", ".join(constraints["enum"]) if "enum" in constraints
                       else f"pattern {constraints['pattern']}" if "pattern" in constraints
                       else _range(constraints))
            found.append([table.name, field["name"], field["title"], field["type"],
                          "yes" if constraints.get("required") else "no", allowed, field["description"]])
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
             "Generated from `schemas/`; do not edit by hand. Partial dates (`start`, `end`, `birth_date`, "
             "`death_date`) are written as `1991`, `1991-07` or `1991-07-01`; in the Parquet files each becomes "
             "a date (its first possible day) and a `<column>_precision` column (`year`, `month` or `day`).", ""]
    by_table: dict[str, list[list[str]]] = {}
    for row in rows():
        by_table.setdefault(row[0], []).append(row)
    for table in TABLES:
        key = ", ".join(table.primary_key)
        lines += [f"## {table.name}", "", f"{table.description} Primary key: {key}.", "",
                  "| column | title | type | required | allowed | description |", "|---|---|---|---|---|---|"]
        for _, column, title, type_, required, allowed, description in by_table[table.name]:
            cells = [f"`{column}`", title, type_, required, allowed, description]
            lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
        lines.append("")
    return "\n".join(lines)
