"""A contributor's path, followed exactly as CONTRIBUTING.md and the README give it, on a copy of the repository:
add a stint with a new source (from a spreadsheet: rows at the end, unsorted), run the commands they name, and
then the checks CI runs on the pull request, which must pass the first time."""

import os
import shutil
import subprocess

import pytest

from tests.conftest import ROOT

NEW_SOURCE = ("example-en-carrera-bari-youth,https://example.org/carrera-bari-youth,Carrera coaches Bari's "
              "youth,Example,en,2026-12-01,")
NEW_STINT = ("massimo-carrera-bari-youth-coach-2000,massimo-carrera,bari,youth_coach,2000,2001,,,,,"
             "example-en-carrera-bari-youth,\"Allievi coach, as the page says\"")


def run(command, cwd, env=None):
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, shell=isinstance(command, str),
                          env={**os.environ, **(env or {})})


@pytest.fixture
def clone(tmp_path):
    """The repository as a contributor's fork has it: its tracked files, in a git repository of their own, with
    the project's environment (which `make` would create) linked in."""
    target = tmp_path / "football-careers"
    tracked = run(["git", "ls-files", "-z"], ROOT).stdout.split("\0")
    for name in filter(None, tracked):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    (target / ".venv").symlink_to(ROOT / ".venv")
    for command in (["git", "init", "-q"], ["git", "add", "-A"],
                    ["git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "fork"]):
        assert run(command, target).returncode == 0
    return target


def test_the_readme_contributing_steps_pass_ci_the_first_time(clone):
    # 1-2. edit the CSVs as a spreadsheet would save them: new rows at the end, the page cited
    with open(clone / "data" / "sources.csv", "a", encoding="utf-8") as sources:
        sources.write(NEW_SOURCE + "\n")
    with open(clone / "data" / "stints.csv", "a", encoding="utf-8") as stints:
        stints.write(NEW_STINT + "\n")
    # 3-4. the commands the README names
    formatted = run(["make", "format"], clone)
    assert formatted.returncode == 0, formatted.stdout + formatted.stderr
    assert "reformatted data/sources.csv" in formatted.stdout and "regenerated docs/coverage.md" in formatted.stdout
    validated = run(["make", "validate"], clone)
    assert validated.returncode == 0 and "No problems found." in validated.stdout, validated.stdout
    # 5. commit, then the checks CI runs on the pull request, against the branch it targets
    assert run("git add -A && git -c user.name=t -c user.email=t@t commit -qm 'Carrera at Bari youth'", clone).returncode == 0
    python = str(clone / ".venv" / "bin" / "python")
    for check in ([python, "-m", "scripts", "validate", "--output", "github", "--base", "git:HEAD~1"],
                  [python, "-m", "scripts", "format", "--check"],
                  [python, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_real_data.py",
                   "tests/test_datapackage.py", "tests/test_losses.py"]):
        result = run(check, clone)
        assert result.returncode == 0, (check, result.stdout[-3000:] + result.stderr[-3000:])
    assert run(["git", "status", "--porcelain"], clone).stdout == ""  # nothing left to commit, nothing stray
