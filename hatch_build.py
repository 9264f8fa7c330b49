"""Hatch build hook: the football-careers wheel carries the data, as the Parquet files that `make build` writes
(dist/parquet/, or the folder named by FOOTBALL_CAREERS_PARQUET), under football_careers/data/."""

from __future__ import annotations

import json
import os
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class DataHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        folder = Path(os.environ.get("FOOTBALL_CAREERS_PARQUET") or Path(self.root) / "dist" / "parquet")
        descriptor = folder / "datapackage.json"
        if not descriptor.exists():
            raise RuntimeError(f"the football-careers wheel carries the data as Parquet files, and {folder} has "
                               "none: run `make build` first, then build or install again")
        built = json.loads(descriptor.read_text(encoding="utf-8")).get("version")
        if built != self.metadata.version:
            raise RuntimeError(f"{folder} holds data version {built}, not {self.metadata.version}: run `make build`")
        for path in sorted(folder.iterdir()):
            build_data["force_include"][str(path)] = f"football_careers/data/{path.name}"
