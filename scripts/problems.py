"""The Problem record, and its views: text for people, JSON for programs, annotations for GitHub."""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass

# GitHub shows at most 10 error and 10 warning annotations per step; the rest go to the step summary.
GITHUB_ANNOTATION_LIMIT = 10
ERROR, WARNING = "error", "warning"
VALUE_PREVIEW = 80
EMPTY_TYPES = {"NAType", "NaTType"}  # pandas' missing values, named so that this module needs no pandas


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in the data, located where a contributor can fix it."""

    file: str  # relative to the repository root, such as data/stints.csv
    line: int | None  # the line an editor shows; None for a whole-file problem
    col: int | None  # 1-based column number in the header; None where no single column is at fault
    column: str | None
    rule: str  # a stable code, such as foreign-key or player-stints-overlap
    message: str  # plain English: what is wrong and what to change
    value: str | None = None
    severity: str = ERROR  # or WARNING: shown, but does not fail validation

    @property
    def location(self) -> str:
        return ":".join(str(part) for part in (self.file, self.line, self.col) if part is not None)


def sort_problems(problems: list[Problem]) -> list[Problem]:
    return sorted(set(problems), key=lambda p: (p.file, p.line or 0, p.col or 0, p.rule, p.message))


def preview(value: object) -> str | None:
    """The value as a message shows it; None for an empty cell (None, or pandas' NaN, NA and NaT)."""
    if value is None or type(value).__name__ in EMPTY_TYPES or (isinstance(value, float) and math.isnan(value)):
        return None
    text = str(value)
    return text if len(text) <= VALUE_PREVIEW else text[:VALUE_PREVIEW] + f"… ({len(text):,} characters)"


def as_text(problems: list[Problem]) -> str:
    if not problems:
        return "No problems found.\n"
    lines = []
    for problem in problems:
        where = f" in column {problem.column}" if problem.column else ""
        value = f" (value: {problem.value!r})" if problem.value not in (None, "") else ""
        severity = "warning: " if problem.severity == WARNING else ""
        lines.append(f"{problem.location}: {severity}{problem.rule}{where}: {problem.message}{value}")
    lines.append("\n" + summary(problems))
    return "\n".join(lines) + "\n"


def summary(problems: list[Problem]) -> str:
    """`3 errors and 1 warning in 2 files.`; warnings alone do not fail validation, and the line says so."""
    errors = sum(p.severity != WARNING for p in problems)
    warnings = len(problems) - errors
    files = len({p.file for p in problems})
    counted = " and ".join(part for part in (_count(errors, "error"), _count(warnings, "warning")) if part)
    ending = "" if errors else " (warnings do not fail validation)"
    return f"{counted} in {_count(files, 'file')}{ending}."


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' * (n != 1)}" if n else ""


def as_json(problems: list[Problem]) -> str:
    errors = sum(p.severity != WARNING for p in problems)
    return json.dumps({"problems": [asdict(p) for p in problems], "count": len(problems), "errors": errors,
                       "warnings": len(problems) - errors}, ensure_ascii=False, indent=2) + "\n"


def as_github_annotations(problems: list[Problem]) -> str:
    """Errors first, then warnings: GitHub shows only the first few of each kind on the diff."""
    lines = []
    for severity in (ERROR, WARNING):
        of_kind = [p for p in problems if p.severity == severity]
        for problem in of_kind[:GITHUB_ANNOTATION_LIMIT]:
            properties = {"file": problem.file, "line": problem.line, "col": problem.col, "title": problem.rule}
            props = ",".join(f"{key}={_escape_property(str(value))}" for key, value in properties.items()
                             if value is not None)
            value = f" (value: {problem.value!r})" if problem.value not in (None, "") else ""
            lines.append(f"::{severity} {props}::{_escape_data(problem.message + value)}")
        if len(of_kind) > GITHUB_ANNOTATION_LIMIT:
            lines.append(f"::{severity} title=more {severity}s::{len(of_kind) - GITHUB_ANNOTATION_LIMIT} more "
                         f"{severity}s; see the job summary or run `make validate` locally")
    return "\n".join(lines) + ("\n" if lines else "")


def as_markdown(problems: list[Problem]) -> str:
    if not problems:
        return "### Data validation\n\nNo problems found.\n"
    rows = ["### Data validation", "", summary(problems), "",
            "| file | line | column | severity | rule | message | value |", "|---|---|---|---|---|---|---|"]
    for p in problems:
        cells = [p.file, p.line, p.column, p.severity, p.rule, p.message, p.value]
        rows.append("| " + " | ".join(_escape_markdown(c) for c in cells) + " |")
    return "\n".join(rows) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _escape_markdown(cell: object) -> str:
    if cell is None:
        return ""
    return str(cell).replace("|", "\\|").replace("\n", " ")
