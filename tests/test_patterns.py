"""The pattern checks: each distinct value judged by Arrow's RE2 as pandas' str.fullmatch judges it."""

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from schemas import TABLES
from schemas.columns import full_matches

PATTERNS = sorted({check.statistics["pattern"] for table in TABLES for column in table.schema.columns.values()
                   for check in column.checks if check.name == "matches_pattern"})
# what ids, codes, dates and addresses are made of, and what they must not hold: capitals, other scripts, spaces,
# a line break at the end, a no-break space, a vertical tab (whitespace to Python's re, not to RE2)
CHARACTERS = st.sampled_from(list("az09AZQ-:/.?=_ \n\t\v\u00a0\u00e9\u0430") + ["https://", "http://", "1991-05"])
VALUES = st.lists(st.lists(CHARACTERS, max_size=8).map("".join), min_size=1, max_size=20, unique=True)


def test_every_pattern_is_covered():
    assert len(PATTERNS) >= 8


@pytest.mark.parametrize("pattern", PATTERNS)
@settings(max_examples=200, deadline=None, derandomize=True)
@given(values=VALUES)
def test_full_matches_judges_as_pandas_fullmatch(pattern, values):
    distinct = pd.Index(pd.array(values, dtype="str"))
    expected = pd.Series(distinct, dtype="string").str.fullmatch(pattern).fillna(False).to_numpy(dtype=bool)
    assert full_matches(distinct, pattern).tolist() == expected.tolist()
