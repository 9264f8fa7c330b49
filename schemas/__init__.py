"""The dataset's tables, dimensions first: one pandera model each, the one source of truth for structure.

Each model's Config carries the table's name, title and description, and in its metadata the primary
key and the foreign keys (column -> (table, column)).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import pandera.pandas as pa

from schemas.appearances import Appearances
from schemas.competitions import Competitions
from schemas.countries import Countries
from schemas.honours import Honours
from schemas.matches import Matches
from schemas.milestones import Milestones
from schemas.people import People
from schemas.sources import Sources
from schemas.stints import Stints
from schemas.teams import Teams

# Bump on every release; a breaking schema change (a column removed, renamed or retyped) is a major version
# (a minor one while the major is 0).
VERSION = "0.2.0"

# Every column renamed, by the version that renamed it: table -> old name -> new name. Release notes list them,
# and versions from before a rename are compared with later ones under the new names.
COLUMN_RENAMES = {
    "0.2.0": {"stints": {"start": "start_date", "end": "end_date"}},  # `end` is a reserved word in SQL
}


@dataclass(frozen=True)
class Table:
    model: type[pa.DataFrameModel]

    @property
    def name(self) -> str:
        return self.model.__config__.name

    @property
    def title(self) -> str:
        return self.model.__config__.title

    @property
    def description(self) -> str:
        return self.model.__config__.description

    @property
    def file_name(self) -> str:
        return f"{self.name}.csv"

    @cached_property
    def schema(self) -> pa.DataFrameSchema:
        return self.model.to_schema()

    @property
    def columns(self) -> list[str]:
        return list(self.schema.columns)

    @property
    def primary_key(self) -> list[str]:
        return list(self.model.__config__.metadata["primary_key"])

    @property
    def foreign_keys(self) -> dict[str, tuple[str, str]]:
        return dict(self.model.__config__.metadata["foreign_keys"])


TABLES = [Table(model) for model in
          (Sources, Countries, People, Teams, Competitions, Stints, Matches, Appearances, Honours,
                    Milestones)]
TABLES_BY_NAME = {table.name: table for table in TABLES}
