"""The committed data/ is clean."""

from scripts.problems import as_text
from scripts.validate import validate
from tests.conftest import ROOT


def test_the_committed_data_is_clean():
    checked = validate(ROOT / "data", ROOT)
    assert checked.problems == [], as_text(checked.problems)
