"""The guard against lost rows: rows may be added freely, but a row of the base that is gone is a problem
unless removals.csv names it with a reason (which a reviewer then reads)."""

import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT, set_cell


def validate_against(base, data, cwd):
    return subprocess.run([sys.executable, "-m", "scripts", "validate", "--data", str(data), "--base", str(base)],
                          cwd=cwd, capture_output=True, text=True, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})


@pytest.fixture
def base(data, tmp_path):
    target = tmp_path / "base"
    shutil.copytree(data, target)
    return target


def drop_line(path, line):
    lines = path.read_text().split("\n")
    del lines[line - 1]
    path.write_text("\n".join(lines))


def test_added_rows_pass_and_a_lost_row_is_one_problem(data, base):
    set_cell(data, "people.csv", 3, "birth_place", "Genoa")  # a change is not a loss
    assert validate_against(base, data, data.parent).returncode == 0
    drop_line(data / "milestones.csv", 3)
    result = validate_against(base, data, data.parent)
    assert result.returncode == 1
    assert result.stdout.startswith("data/milestones.csv: lost-row: the row 'bruno-verdi / "
                                    "1993-05-19-white-fc-blue-fc / first_match_as_coach' of ")
    assert "removals.csv" in result.stdout and result.stdout.count("lost-row") == 1


def test_a_loss_named_in_removals_csv_with_a_reason_passes(data, base):
    drop_line(data / "milestones.csv", 3)
    removals = data.parent / "removals.csv"
    key = "bruno-verdi / 1993-05-19-white-fc-blue-fc / first_match_as_coach"
    removals.write_text(f"table,key,reason\nmilestones,{key},\n")
    assert validate_against(base, data, data.parent).returncode == 1  # no reason, no pass
    removals.write_text(f"table,key,reason\nmilestones,{key},no page says it was his first match\n")
    assert validate_against(base, data, data.parent).returncode == 0


def test_a_renamed_row_is_not_lost(data, base):
    set_cell(data, "honours.csv", 3, "honour_id", "bruno-verdi-big-cup-1992-93-2")
    assert validate_against(base, data, data.parent).returncode == 0


def test_a_base_that_cannot_be_read_stops_the_check(data, tmp_path):
    result = validate_against(tmp_path / "nowhere", data, data.parent)
    assert result.returncode == 2 and "cannot compare with the base" in result.stderr


def test_the_committed_data_keeps_every_row_of_the_commit_before(tmp_path):
    """On a pull request's merge commit, the parent is the branch it targets; on main, the commit before."""
    if subprocess.run(["git", "rev-parse", "--verify", "--quiet", "HEAD~1"], cwd=ROOT, capture_output=True).returncode:
        pytest.skip("this clone has a single commit: there is no base to compare with")
    result = subprocess.run([sys.executable, "-m", "scripts", "validate", "--base", "git:HEAD~1"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
