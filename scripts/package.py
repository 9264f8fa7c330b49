"""schemas -> the Frictionless data package descriptor (Data Package v1), and nothing else feeds it."""

from __future__ import annotations

import json

import pandera.pandas as pa

from schemas import TABLES, VERSION, Table
from schemas.columns import kind_of
from schemas.published import published_columns

NAME = "football-careers"
HOMEPAGE = "https://github.com/football-careers/football-careers"
TITLE = "football-careers: who played for or coached which team, when, and what they won"
DESCRIPTION = ("An open, hand-curated dataset of football careers: people, teams, competitions, spells at teams "
               "(stints), matches, appearances and honours. Every fact row cites a source.")
LICENSES = [{"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0",
             "path": "https://creativecommons.org/licenses/by/4.0/"}]
BOOLEAN_VALUES = {"trueValues": ["true"], "falseValues": ["false"]}


def descriptor(data_path: str = "data", extra: dict | None = None) -> dict:
    """The package descriptor, resources pointing at `data_path`/<table>.csv."""
    package = {
        "profile": "tabular-data-package",
        "name": NAME,
        "title": TITLE,
        "description": DESCRIPTION,
        "version": VERSION,
        "licenses": LICENSES,
        "resources": [resource(table, f"{data_path}/{table.file_name}") for table in TABLES],
    }
    package.update(extra or {})
    return package


def resource(table: Table, path: str) -> dict:
    return {
        "profile": "tabular-data-resource",
        "name": table.name,
        "path": path,
        "title": table.title,
        "description": table.description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": table_schema(table),
    }


def table_schema(table: Table) -> dict:
    return {
        "fields": [field(column) for column in table.schema.columns.values()],
        "missingValues": [""],
        "primaryKey": table.primary_key,
        "foreignKeys": [
            {"fields": [column], "reference": {"resource": target, "fields": [target_column]}}
            for column, (target, target_column) in table.foreign_keys.items()
        ],
    }


def field(column: pa.Column) -> dict:
    kind = kind_of(column)
    described = {"name": column.name, "title": column.title, "description": column.description,
                 "type": kind.frictionless_type}
    if kind.frictionless_format:
        described["format"] = kind.frictionless_format
    if kind.frictionless_type == "boolean":
        described.update(BOOLEAN_VALUES)
    constraints = {"required": True} if not column.nullable else {}
    for check in column.checks:
        statistics = check.statistics or {}
        if check.name in ("str_matches", "matches_pattern"):
            constraints["pattern"] = statistics["pattern"].removeprefix("^").removesuffix("$")
        elif check.name == "isin":
            constraints["enum"] = list(statistics["allowed_values"])
        elif check.name == "greater_than_or_equal_to":
            constraints["minimum"] = statistics["min_value"]
        elif check.name == "in_range":
            constraints.update(minimum=statistics["min_value"], maximum=statistics["max_value"])
    if constraints:
        described["constraints"] = constraints
    return described


# published type -> the Table Schema type of a Parquet column (dates are timestamps at midnight there)
PARQUET_FIELD_TYPES = {"string": "string", "date": "datetime", "integer": "integer", "boolean": "boolean",
                       "category": "string"}


def parquet_descriptor(extra: dict | None = None) -> dict:
    """The descriptor of the Parquet files, which sit beside it: every published column, typed as Parquet holds it."""
    package = {
        "profile": "data-package",
        "name": f"{NAME}-parquet",
        "title": TITLE + " (Parquet)",
        "description": DESCRIPTION,
        "version": VERSION,
        "licenses": LICENSES,
        "resources": [parquet_resource(table) for table in TABLES],
    }
    package.update(extra or {})
    return package


def parquet_resource(table: Table) -> dict:
    fields = []
    for column in published_columns(table):
        described = {"name": column.name, "title": column.title, "description": column.description,
                     "type": PARQUET_FIELD_TYPES[column.type]}
        constraints = {"required": True} if column.required else {}
        if column.categories:
            constraints["enum"] = list(column.categories)
        if constraints:
            described["constraints"] = constraints
        fields.append(described)
    return {"profile": "data-resource", "name": table.name, "path": f"{table.name}.parquet", "title": table.title,
            "description": table.description, "format": "parquet",
            "mediatype": "application/vnd.apache.parquet",
            "schema": {"fields": fields, "primaryKey": table.primary_key,
                       "foreignKeys": table_schema(table)["foreignKeys"]}}


def descriptor_text(package: dict) -> str:
    return json.dumps(package, ensure_ascii=False, indent=2) + "\n"
