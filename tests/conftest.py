"""Fixtures: a small valid data folder (fictional people) copied per test, and helpers to break it."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.validate import validate

ROOT = Path(__file__).resolve().parent.parent
VALID = Path(__file__).parent / "fixtures" / "valid"


def built(command: str, dist: Path, *options: str) -> Path:
    """`python -m scripts build|release --dist DIST` on the committed data, as `make` runs it; DIST."""
    result = subprocess.run([sys.executable, "-m", "scripts", command, "--dist", str(dist), *options], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return dist


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(VALID, target)
    return target


def set_cell(data: Path, file: str, line: int, column: str, value: str) -> None:
    """Change one cell of one line, keeping the rest of the file byte for byte."""
    path = data / file
    lines = path.read_text(encoding="utf-8").split("\n")
    header = next(csv.reader([lines[0]]))
    row = next(csv.reader([lines[line - 1]]))
    row[header.index(column)] = value
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(row)
    lines[line - 1] = buffer.getvalue()[:-1]
    path.write_text("\n".join(lines), encoding="utf-8")


def append_line(data: Path, file: str, line: str) -> None:
    with open(data / file, "a", encoding="utf-8") as handle:
        handle.write(line + "\n")


def insert_line(data: Path, file: str, line: int, text: str) -> None:
    """Insert `text` so that it becomes line `line` of the file."""
    path = data / file
    lines = path.read_text(encoding="utf-8").split("\n")
    lines.insert(line - 1, text)
    path.write_text("\n".join(lines), encoding="utf-8")


def locations(data: Path) -> set[tuple]:
    """(file, line, col, rule) of every problem validate reports for this folder."""
    return {(p.file, p.line, p.col, p.rule) for p in validate(data, data.parent).problems}


def error_locations(data: Path) -> set[tuple]:
    """(file, line, col, rule) of every error (not warning) validate reports for this folder."""
    return {(p.file, p.line, p.col, p.rule) for p in validate(data, data.parent).problems if p.severity == "error"}


def problems(data: Path):
    return validate(data, data.parent).problems
