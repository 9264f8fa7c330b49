"""The `football-careers` wheel: the loader package with the built Parquet data inside, built by hatchling
(through pypa/build) from this source tree, byte for byte the same from the same input."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent  # the source tree: pyproject.toml and football_careers/
SOURCE_DATE_EPOCH = "315532800"  # 1980-01-01, the earliest time a zip can hold: no build clock in the wheel


class WheelError(Exception):
    """The wheel could not be built; the message says why."""


def build_wheel(parquet_folder: Path, project: Path = PROJECT) -> tuple[str, bytes]:
    """(file name, bytes) of the wheel carrying `parquet_folder`'s files as football_careers/data/."""
    with tempfile.TemporaryDirectory(prefix="football-careers-wheel-") as out:
        env = {**os.environ, "FOOTBALL_CAREERS_PARQUET": str(parquet_folder), "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}
        result = subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", out,
                                 str(project)], env=env, capture_output=True, text=True)
        wheels = sorted(Path(out).glob("*.whl"))
        if result.returncode != 0 or len(wheels) != 1:
            last = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no output"]
            raise WheelError(f"building the wheel failed: {last[0]}")
        return wheels[0].name, wheels[0].read_bytes()
