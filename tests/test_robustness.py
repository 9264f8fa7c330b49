"""Bad input never crashes the tools and never loses data: every kind of broken CSV a contributor may send."""

import csv
import fnmatch
import hashlib
import io
import os
import signal
import subprocess
import sys
import time
from contextlib import redirect_stdout

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from schemas import TABLES
from scripts.__main__ import main
from scripts.build import build
from scripts.formatting import format_tables
from scripts.release import release
from tests.conftest import ROOT, VALID, locations, problems, set_cell


def rewrite(data, file, change):
    path = data / file
    path.write_bytes(change(path.read_bytes()))


def digest(folder):
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def run_validate(data):
    """The CLI in-process: (exit code, output)."""
    out = io.StringIO()
    with redirect_stdout(out):
        code = main(["validate", "--data", str(data)])
    return code, out.getvalue()


BROKEN_INPUTS = {
    # found by hypothesis: a comma that shifts a row leaves a whole column empty
    "shifted row empties a column": lambda d: rewrite(d, "competitions.csv", lambda b: b.replace(b"top-league",
                                                                                                 b"top-,league")),
    "invalid utf-8 bytes": lambda d: rewrite(d, "teams.csv", lambda b: b.replace(b"Turin", b"Tur\xffn")),
    "mixed line endings": lambda d: rewrite(d, "teams.csv", lambda b: b.replace(b"\n", b"\r\n", 2)),
    "header only": lambda d: rewrite(d, "honours.csv", lambda b: b.split(b"\n")[0] + b"\n"),
    "missing column": lambda d: rewrite(d, "countries.csv", lambda b: b.replace(b",notes", b"").replace(b",\n", b"\n")),
    "extra column": lambda d: rewrite(d, "countries.csv", lambda b: b.replace(b"notes\n", b"notes,extra\n")),
    "duplicated column": lambda d: rewrite(d, "countries.csv", lambda b: b.replace(b"name,", b"name,name,", 1)),
    "too few cells": lambda d: rewrite(d, "teams.csv", lambda b: b.replace(b"Q900103,\n", b"Q900103\n")),
    "quoted cell spanning lines": lambda d: set_cell(d, "teams.csv", 2, "notes", "one\ntwo"),
    "zero-width space in an id": lambda d: set_cell(d, "stints.csv", 2, "person_id", "ada\u200b-rossi"),
    "foreign date": lambda d: set_cell(d, "stints.csv", 2, "start_date", "31/12/1991"),
    "fractional count": lambda d: set_cell(d, "stints.csv", 2, "goals", "1.5"),
    "NaN as text": lambda d: set_cell(d, "stints.csv", 2, "appearances", "NaN"),
    "None as text": lambda d: set_cell(d, "people.csv", 2, "full_name", "None"),
    "code in a cell": lambda d: set_cell(d, "teams.csv", 2, "notes",
                                         "__import__('os').system('touch /tmp/football-careers-pwned')"),
}


@pytest.mark.parametrize("break_it", BROKEN_INPUTS.values(), ids=BROKEN_INPUTS.keys())
def test_broken_input_gives_located_problems_never_a_crash(data, break_it):
    break_it(data)
    before = digest(data)
    code, output = run_validate(data)
    assert code in (0, 1), output
    assert "Traceback" not in output
    for problem in problems(data):
        assert (data.parent / problem.file).exists()
        if problem.line is not None:
            assert 1 <= problem.line <= (data.parent / problem.file).read_bytes().count(b"\n") + 1
    assert digest(data) == before
    assert not os.path.exists("/tmp/football-careers-pwned")


def test_a_quoted_cell_spanning_lines_is_valid_and_later_lines_are_editor_lines(data):
    set_cell(data, "teams.csv", 2, "notes", "one\ntwo")
    assert locations(data) == set()
    set_cell(data, "teams.csv", 5, "kind", "clubs")  # editor line 5 is Red FC's now
    assert locations(data) == {("data/teams.csv", 5, 3, "vocabulary")}


def test_a_50_mb_cell_is_reported_within_bounded_memory(data, tmp_path):
    set_cell(data, "teams.csv", 2, "notes", "x" * 50_000_000)
    process = subprocess.Popen([sys.executable, "-m", "scripts", "validate", "--data", str(data)], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    stdout, _ = process.communicate(timeout=120)
    _, _, usage = os.wait4(process.pid, 0) if process.returncode is None else (0, 0, None)
    assert process.returncode == 1
    assert b"teams.csv:2:9: cell-too-long" in stdout
    assert len(stdout) < 10_000  # the value is shortened in the report


def test_format_build_and_release_refuse_broken_input_and_change_nothing(data, tmp_path):
    rewrite(data, "teams.csv", lambda b: b.replace(b"Red FC", b'"Red FC'))  # unbalanced quote
    dist = tmp_path / "dist"
    before = digest(data)
    assert format_tables(data, data.parent).refused
    assert build(data, dist, data.parent).problems and not dist.exists()
    assert release(data, dist, data.parent, previous=str(VALID)).problems and not dist.exists()
    assert digest(data) == before


def empty_column(data, file, column):
    """The column's cell emptied on every row, as a spreadsheet's cleared column is saved."""
    path = data / file
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    at = rows[0].index(column)
    for row in rows[1:]:
        row[at] = ""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


@pytest.mark.parametrize(("table", "column"), [(table, column) for table in TABLES for column in table.columns],
                         ids=lambda value: getattr(value, "name", value))
def test_a_column_emptied_on_every_row_is_reported_never_a_crash(data, table, column):
    """Found this way: a match with no home team made appearance-team crash on its message, and the contributor saw
    'error: TypeError' instead of the empty cell."""
    empty_column(data, table.file_name, column)
    found = problems(data)
    if not table.schema.columns[column].nullable:
        assert any(p.file == f"data/{table.file_name}" and p.severity == "error" for p in found), found


# Mutations a contributor's editor or a careless paste could make.
MUTATIONS = st.sampled_from(["delete", "insert", "replace", "duplicate-line", "swap-lines", "truncate"])
NASTY_TEXT = st.sampled_from(['"', ",", "\n", "\r\n", "\x00", "\ufeff", "\u00a0", "é", "\xff", "=1+1", "-",
                              "", " ", "NaN", "1991-02-30", "1992-94", "\u0430", "\t", '""', "\\"])


@settings(max_examples=100, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(file=st.sampled_from(sorted(p.name for p in VALID.iterdir())), mutation=MUTATIONS,
       position=st.floats(0, 1), text=NASTY_TEXT)
def test_random_mutations_never_crash_validate_or_change_files(tmp_path_factory, file, mutation, position, text):
    data = tmp_path_factory.mktemp("mutated") / "data"
    subprocess.run(["cp", "-r", str(VALID), str(data)], check=True)
    path = data / file
    content = path.read_bytes()
    at = int(position * len(content))
    encoded = text.encode("utf-8", "surrogateescape") if text != "\xff" else b"\xff"
    lines = content.split(b"\n")
    line = min(int(position * len(lines)), len(lines) - 1)
    if mutation == "delete":
        content = content[:at] + content[at + 1:]
    elif mutation == "insert":
        content = content[:at] + encoded + content[at:]
    elif mutation == "replace":
        content = content[:at] + encoded + content[at + 1:]
    elif mutation == "duplicate-line":
        content = b"\n".join(lines[: line + 1] + [lines[line]] + lines[line + 1:])
    elif mutation == "swap-lines" and line + 1 < len(lines):
        lines[line], lines[line + 1] = lines[line + 1], lines[line]
        content = b"\n".join(lines)
    elif mutation == "truncate":
        content = content[:at]
    path.write_bytes(content)
    before = digest(data)
    code, output = run_validate(data)
    assert code in (0, 1), output
    for problem in problems(data):
        target = data.parent / problem.file
        assert target.exists() or problem.rule == "missing-file"
        if problem.line is not None:
            assert 1 <= problem.line <= target.read_bytes().count(b"\n") + 1, problem
    assert digest(data) == before


def _killed_midway(command, check, attempts=6):
    """Start `command`, kill it after a growing delay, and call `check` after each kill."""
    for attempt in range(attempts):
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(0.3 + 0.25 * attempt)
        process.send_signal(signal.SIGKILL)
        process.wait()
        check()


def test_a_killed_format_leaves_every_file_old_or_new(tmp_path):
    data = tmp_path / "data"
    subprocess.run([sys.executable, "-m", "scripts", "generate", str(data), "--appearances", "100000"], cwd=ROOT,
                   check=True, capture_output=True)
    for path in data.iterdir():  # CRLF everywhere, so format rewrites every file
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    old = {p.name: p.read_bytes() for p in data.iterdir()}
    new = {name: content.replace(b"\r\n", b"\n") for name, content in old.items()}

    def every_file_old_or_new():
        # A process killed with SIGKILL runs no clean-up: it may leave the temporary file it was writing. That
        # file has a name of its own that validate ignores, and the next format removes it; every table is
        # either old or new.
        for path in data.iterdir():
            if fnmatch.fnmatch(path.name, ".*.csv.*.tmp"):
                assert path.name.split(".")[1] + ".csv" in old, f"stray file {path.name}"
                continue
            assert path.name in old, f"stray file {path.name}"
            assert path.read_bytes() in (old[path.name], new[path.name]), path.name
        assert "unexpected-file" not in {p.rule for p in problems(data)}  # validate passes over the leftover

    _killed_midway([sys.executable, "-m", "scripts", "format", "--data", str(data)], every_file_old_or_new)
    assert subprocess.run([sys.executable, "-m", "scripts", "format", "--data", str(data)], cwd=ROOT).returncode == 0
    assert {p.name: p.read_bytes() for p in data.iterdir()} == new  # no leftover, every file new


def test_a_killed_build_leaves_the_previous_dist_whole(tmp_path):
    data = tmp_path / "data"
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "scripts", "generate", str(data), "--appearances", "100000"], cwd=ROOT,
                   check=True, capture_output=True)
    assert build(data, dist, tmp_path).problems == []
    old = digest(dist)

    def dist_is_whole():
        assert digest(dist) == old  # the same data rebuilds byte-identically, so old and new are equal

    _killed_midway([sys.executable, "-m", "scripts", "build", "--data", str(data), "--dist", str(dist)],
                   dist_is_whole)
