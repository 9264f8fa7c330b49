"""The command line as contributors and CI run it: exit codes, output formats, nothing written."""

import hashlib
import json
import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT, set_cell


def run(*arguments, env=None, cwd=ROOT):
    """The command as a contributor types it in `cwd` (the repository is on the path, as in a clone)."""
    return subprocess.run([sys.executable, "-m", "scripts", *arguments], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})})


def digest(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_validate_exits_0_on_clean_data(data):
    result = run("validate", "--data", str(data))
    assert result.returncode == 0, result.stdout
    assert "No problems found" in result.stdout


def test_validate_exits_1_with_located_text_and_writes_nothing(data):
    set_cell(data, "stints.csv", 2, "role", "coach")
    before = digest(data)
    result = run("validate", "--data", str(data))
    assert result.returncode == 1
    assert "stints.csv:2:4: vocabulary in column role:" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert digest(data) == before


def test_a_short_row_with_a_byte_not_utf8_is_one_message_and_no_traceback(data):
    """pyarrow refuses the row; nothing it calls back may print a traceback on its way to the strict parser."""
    with open(data / "people.csv", "ab") as file:
        file.write("x,Mil\u00e1n,y\n".encode("latin-1"))
    result = run("validate", "--data", "data", cwd=data.parent)
    assert result.returncode == 1
    assert result.stderr == ""
    lines = len((data / "people.csv").read_bytes().splitlines())
    assert result.stdout.splitlines()[0] == (
        f"data/people.csv:{lines}: encoding: byte 0xe1 at character 6 of this line is not UTF-8; save the file as "
        "UTF-8 (it looks like Latin-1 or Windows-1252) (value: 'x,Mil\ufffdn,y')")


def test_validate_json_lists_every_problem(data):
    set_cell(data, "stints.csv", 2, "goals", "-3")
    set_cell(data, "teams.csv", 2, "wikidata_id", "X")
    report = json.loads(run("validate", "--data", "data", "--output", "json", cwd=data.parent).stdout)
    assert report["count"] == 2
    assert {(p["file"], p["line"], p["col"], p["rule"]) for p in report["problems"]} == {
        ("data/stints.csv", 2, 10, "range"), ("data/teams.csv", 2, 6, "pattern")}


def test_github_annotations_are_capped_and_the_summary_has_everything(data, tmp_path):
    for line in range(2, 7):
        set_cell(data, "stints.csv", line, "notes", "+1 for this")
    for line in range(2, 6):
        set_cell(data, "teams.csv", line, "wikidata_id", "X")
    for line in range(2, 4):
        set_cell(data, "people.csv", line, "wikidata_id", "X")
    summary = tmp_path / "summary.md"
    result = run("validate", "--data", "data", "--output", "github", env={"GITHUB_STEP_SUMMARY": str(summary)},
                 cwd=data.parent)
    lines = result.stdout.splitlines()
    assert result.returncode == 1
    assert len([line for line in lines if line.startswith("::error file=")]) == 10
    assert lines[0].startswith("::error file=") and ",line=" in lines[0] and ",col=" in lines[0]
    assert "more errors" in lines[-1]
    assert summary.read_text().count("| data/") == 11


def test_validate_exits_2_when_it_cannot_run(tmp_path):
    result = run("validate", "--data", str(tmp_path / "nowhere"))
    assert result.returncode in (1, 2)
    result = run("no-such-command")
    assert result.returncode == 2


def test_the_allocator_tuning_keeps_even_a_large_block_in_the_reusable_heap_on_glibc():
    """In a process of its own, as commands run it: a block of 512 MiB, larger than the heap's spare room, which
    glibc would map on its own and unmap when freed, comes from the heap, where a free keeps it for the next
    array (reserved, not touched: the test costs no memory)."""
    import platform

    if platform.libc_ver()[0] != "glibc":
        pytest.skip("the tuning is for glibc's malloc")
    script = """if True:
        from scripts import allocator
        print(allocator.keep_freed_memory())
        import numpy
        block = numpy.empty(64 << 20)
        heap = next(line.split()[0] for line in open("/proc/self/maps") if line.rstrip().endswith("[heap]"))
        low, high = (int(bound, 16) for bound in heap.split("-"))
        print(low <= block.ctypes.data < high)
    """
    found = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    assert found.stdout.split() == ["True", "True"]


def test_pages_that_pyarrow_frees_are_handed_back_at_once():
    """In a process of its own, as the reader works: a CSV parsed in blocks on pyarrow's threads, then one chunk a
    column. With jemalloc's usual decay the process kept the freed blocks and the parser's buffers as well: its
    memory grew by 2.6-3.2 times the table's size in fifteen runs; handed back at once, by 1.7-2.0 times."""
    script = """if True:
        from scripts import allocator
        import pyarrow as pa, pyarrow.csv as pacsv
        pool = allocator.arrow_pool()
        def resident():
            return int(open("/proc/self/statm").read().split()[1]) * 4096
        data = b"a,b\\n" + b"".join(b"row-%d,text-%d\\n" % (i, i) for i in range(2_000_000))
        before = resident()
        table = pacsv.read_csv(pa.BufferReader(data), read_options=pacsv.ReadOptions(block_size=1 << 20))
        table = pa.table({name: table.column(name).combine_chunks() for name in table.column_names})
        print(pool, (resident() - before) / table.nbytes)
    """
    found = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True,
                           env={**{k: v for k, v in os.environ.items() if k != "ARROW_DEFAULT_MEMORY_POOL"},
                                "PYTHONPATH": str(ROOT)})
    pool, growth = found.stdout.split()
    if pool != "jemalloc":
        pytest.skip("a pyarrow built without jemalloc")
    assert float(growth) < 2.3


def test_commands_give_pyarrow_jemalloc_unless_the_user_chose_a_pool():
    """In a process of its own: the pool is the process's, and pytest's must stay as it is."""
    script = "from scripts import allocator; print(allocator.arrow_pool())"
    chosen = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT), "ARROW_DEFAULT_MEMORY_POOL": "system"})
    assert chosen.stdout.strip() == "system"
    default = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True,
                             env={**{k: v for k, v in os.environ.items() if k != "ARROW_DEFAULT_MEMORY_POOL"},
                                  "PYTHONPATH": str(ROOT)})
    import pyarrow as pa
    try:
        pa.jemalloc_memory_pool()
    except NotImplementedError:
        assert default.stdout.strip() == pa.default_memory_pool().backend_name  # a pyarrow without jemalloc
    else:
        assert default.stdout.strip() == "jemalloc"
    assert default.stderr == chosen.stderr == ""


def printed_by(script: str) -> list[str]:
    """The words a Python script prints, run in a fresh process from the repository."""
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_a_command_does_not_import_hypothesis_or_polars_and_they_import_again_afterwards():
    script = ("import sys\n"
              "from scripts import imports\n"
              "with imports.without_unused():\n"
              "    from scripts.validate import validate\n"
              "    from scripts import build, sqlite, parquet\n"
              "    loaded = [sys.modules.get(name) is not None for name in ('hypothesis', 'polars')]\n"
              "import pandera.strategies.pandas_strategies as strategies\n"
              "import hypothesis, polars\n"
              "print(*loaded, strategies.HAS_HYPOTHESIS, hypothesis.__name__, polars.__name__)\n")
    assert printed_by(script) == ["False", "False", "False", "hypothesis", "polars"]


def test_a_commands_imports_are_frozen_out_of_the_collector_which_then_collects_as_before():
    script = ("import gc\n"
              "from scripts import imports\n"
              "with imports.long_lived():\n"
              "    paused = not gc.isenabled()\n"
              "    from scripts.validate import validate\n"
              "frozen = gc.get_freeze_count()\n"
              "try:\n"
              "    with imports.long_lived():\n"
              "        raise KeyError\n"
              "except KeyError:\n"
              "    pass\n"
              "class Cycle: pass\n"
              "cycle = Cycle(); cycle.me = cycle; del cycle\n"
              "print(paused, frozen > 100_000, gc.get_freeze_count() == frozen, gc.isenabled(), gc.collect() >= 1)\n")
    assert printed_by(script) == ["True", "True", "True", "True", "True"]
