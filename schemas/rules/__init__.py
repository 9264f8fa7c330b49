"""Cross-table career rules, each a small vectorised function over typed frames (index = editor line).

A rule returns the rows that break it as Violations, located at the row and column to fix. Partial
dates stand for every day they could be: a rule fires only when the data is wrong whichever day it was.
A rule is an error when the data cannot be right, a warning when it is only unlikely (a warning is
shown, and does not fail validation).

The rules live in one module per table they judge; importing this package registers them all.
"""

from __future__ import annotations

from schemas.rules import (  # noqa: F401  (each module registers its rules)
    appearances,
    honours,
    identifiers,
    matches,
    milestones,
    plausibility,
    references,
    stints,
)
from schemas.rules.registry import RULES, Context, Violation, check_all

__all__ = ["RULES", "Context", "Violation", "check_all"]
