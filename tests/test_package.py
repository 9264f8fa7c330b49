"""What a user installs: the release's wheel in a fresh virtual environment loads every table, equal to the
CSVs, with real types; a release served over HTTP loads too, and a tampered file is refused; and the wheel
puts nothing but `football_careers` at the top of site-packages."""

import functools
import http.server
import json
import subprocess
import sys
import threading
import venv

import pandas as pd
import pytest

from schemas import TABLES, VERSION
from tests.conftest import ROOT, built
from tests.test_build import expected_values

DUMP = """
import json, sys
import pandas as pd
import football_careers
release = sys.argv[1] if len(sys.argv) > 1 else None
out = {"version": football_careers.__version__, "tables": {}, "dtypes": {}}
for name, frame in football_careers.load_all(release=release).items():
    out["dtypes"][name] = {c: str(t) for c, t in frame.dtypes.items()}
    out["tables"][name] = {c: [None if pd.isna(v) else (v.isoformat() if hasattr(v, "isoformat") else
                               (bool(v) if isinstance(v, bool) or str(frame[c].dtype) == "boolean" else
                                (int(v) if str(frame[c].dtype) == "Int64" else str(v))))
                               for v in frame[c].astype(object)] for c in frame.columns}
out["codebook"] = len(football_careers.codebook())
print(json.dumps(out))
"""


@pytest.fixture(scope="module")
def release_folder(tmp_path_factory):
    return built("release", tmp_path_factory.mktemp("package") / "dist") / "release"


@pytest.fixture(scope="module")
def fresh(release_folder, tmp_path_factory):
    """A new virtual environment with only the wheel (and what it depends on) installed."""
    folder = tmp_path_factory.mktemp("fresh") / "venv"
    venv.create(folder, with_pip=True)
    python = folder / "bin" / "python"
    (wheel,) = release_folder.glob("*.whl")
    result = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                             "-c", str(ROOT / "requirements.lock"), str(wheel)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return python


def run_in(python, code, *arguments, env=None, cwd=None):
    return subprocess.run([str(python), "-c", code, *map(str, arguments)], capture_output=True, text=True,
                          env=env, cwd=cwd)


def expected(table):
    csv_frame = pd.read_csv(ROOT / "data" / table.file_name, dtype=str, keep_default_na=False)
    values = expected_values(table, csv_frame)
    return {c: [v.isoformat() if hasattr(v, "isoformat") else v for v in vs] for c, vs in values.items()}


def test_the_wheel_installs_only_football_careers_at_the_top_of_site_packages(fresh):
    listed = run_in(fresh, "import sysconfig, os; print('\\n'.join(os.listdir(sysconfig.get_paths()['purelib'])))")
    names = set(listed.stdout.split())
    assert "football_careers" in names
    assert not names & {"scripts", "schemas", "tests", "data"}, names


def test_every_table_loads_in_a_fresh_environment_equal_to_the_csvs(fresh, tmp_path):
    result = run_in(fresh, DUMP, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    assert loaded["version"] == VERSION and loaded["codebook"] > 100
    for table in TABLES:
        assert loaded["tables"][table.name] == expected(table), table.name
    stints = loaded["dtypes"]["stints"]
    assert stints["appearances"] == "Int64" and stints["on_loan"] == "boolean" and stints["role"] == "category"
    assert stints["start_date_earliest"] == "datetime64[ms]" and stints["start_date"] == "string"


def test_a_release_served_over_http_loads_and_a_tampered_file_is_refused(fresh, release_folder, tmp_path):
    served = tmp_path / "served"
    served.mkdir()
    for path in release_folder.iterdir():
        (served / path.name).write_bytes(path.read_bytes())
    handler = functools.partial(_QuietHandler, directory=str(served))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    address = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        env = {"FOOTBALL_CAREERS_CACHE": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
        result = run_in(fresh, DUMP, address, env=env, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)["tables"]["people"] == expected(TABLES[2])

        # a cached file that was truncated is fetched again, and checked, before use
        (cached,) = (tmp_path / "cache").glob("*/people.parquet")
        cached.write_bytes(cached.read_bytes()[:100])
        assert run_in(fresh, DUMP, address, env=env, cwd=tmp_path).returncode == 0

        # a file changed on the server is refused, with a message and no traceback of its own making
        (served / "stints.parquet").write_bytes((served / "stints.parquet").read_bytes() + b"tampered")
        env["FOOTBALL_CAREERS_CACHE"] = str(tmp_path / "fresh-cache")
        refused = run_in(fresh, "import sys, football_careers\n"
                                "try:\n    football_careers.load('stints', release=sys.argv[1])\n"
                                "except football_careers.ChecksumError as error:\n    print(error); sys.exit(3)",
                         address, env=env, cwd=tmp_path)
        assert refused.returncode == 3, refused.stdout + refused.stderr
        assert "stints.parquet does not match SHA256SUMS" in refused.stdout
        assert not list((tmp_path / "fresh-cache").glob("*/stints.parquet"))  # nothing unverified is kept
    finally:
        server.shutdown()
        server.server_close()


def test_a_local_release_folder_loads_and_a_tampered_file_is_refused(fresh, release_folder, tmp_path):
    local = tmp_path / "release"
    local.mkdir()
    for path in release_folder.iterdir():
        (local / path.name).write_bytes(path.read_bytes())
    assert run_in(fresh, DUMP, local, cwd=tmp_path).returncode == 0
    (local / "honours.parquet").write_bytes((local / "honours.parquet").read_bytes()[:-10])
    refused = run_in(fresh, "import sys, football_careers\nfootball_careers.load('honours', release=sys.argv[1])",
                     local, cwd=tmp_path)
    assert refused.returncode == 1 and "ChecksumError" in refused.stderr and "not used" in refused.stderr


def test_building_the_wheel_leaves_no_untracked_file_in_the_clone(release_folder, tmp_path):
    before = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True,
                            text=True).stdout
    # also what .gitignore hides (build/, *.egg-info), but not Python's own bytecode cache of hatch_build.py
    entries = {path.name for path in ROOT.iterdir()} | {"__pycache__"}
    parquet = release_folder.parent / "parquet"
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                             "--wheel-dir", str(tmp_path), str(ROOT)], cwd=ROOT, capture_output=True, text=True,
                            env={"FOOTBALL_CAREERS_PARQUET": str(parquet), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    after = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True,
                           text=True).stdout
    assert after == before
    assert {path.name for path in ROOT.iterdir()} - entries == set()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *arguments):
        pass


# --- the README's queries, run as a reader would ------------------------------------------------------------

def readme_block(name):
    """The code block that follows `<!-- readme-test: NAME -->` in README.md."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    after = text.split(f"<!-- readme-test: {name} -->", 1)[1]
    return after.split("```", 2)[1].split("\n", 1)[1]


# (team, day, stint) -> (certainly, possibly), worked out by hand from the rows' dates
CASES = [
    ("juventus", "1996-03-01", "massimo-carrera-juventus-player-1991", False, True),  # end 1996: any day of 1996
    ("juventus", "1996-03-01", "paolo-montero-juventus-player-1996", False, True),  # start 1996: any day of 1996
    ("juventus", "1996-03-01", "antonio-conte-juventus-player-1991", True, True),  # 1991-11 to 2004
    ("juventus", "1995-06-01", "massimo-carrera-juventus-player-1991", True, True),  # 1991 to 1996
    ("juventus", "1990-01-01", "massimo-carrera-juventus-player-1991", False, False),  # before 1991
    ("juventus", "1991-11-15", "antonio-conte-juventus-player-1991", False, True),  # start 1991-11: 1 to 30 Nov
    ("juventus", "1991-12-01", "antonio-conte-juventus-player-1991", True, True),
    ("napoli", "2026-06-01", "antonio-conte-napoli-head-coach-2024", True, True),  # ongoing since 2024-06-05
]


def test_the_readme_pandas_query_answers_the_hand_worked_cases(fresh, tmp_path):
    block = readme_block("pandas-certainly")
    assert 'team, day = "juventus", pd.Timestamp("1996-03-01")' in block
    for team, day, stint, certain, possible in CASES:
        code = block.replace('"juventus", pd.Timestamp("1996-03-01")', f'"{team}", pd.Timestamp("{day}")') + (
            "\nimport json\nprint(json.dumps({'certainly': sorted(certainly['stint_id']), "
            "'possibly': sorted(possibly['stint_id'])}))")
        result = run_in(fresh, code, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        answer = json.loads(result.stdout)
        assert (stint in answer["certainly"], stint in answer["possibly"]) == (certain, possible), (team, day, stint)


def test_the_readme_duckdb_query_answers_the_hand_worked_cases(release_folder):
    import duckdb

    block = readme_block("duckdb-certainly").replace("'stints.parquet'", f"'{release_folder / 'stints.parquet'}'")
    for team, day, stint, certain, possible in CASES:
        query = block.replace("'juventus'", f"'{team}'").replace("1996-03-01", day)
        rows = {}
        for person_id, role, start, end, certainly in duckdb.sql(query).fetchall():
            rows[(person_id, role, start)] = certainly
        person, rest = stint.split(f"-{team}-", 1)
        found = [certainly for (person_id, role, start), certainly in rows.items()
                 if person_id == person and role == rest.rsplit("-", 1)[0].replace("-", "_")
                 and (start or "").startswith(rest.rsplit("-", 1)[1])]
        assert (any(found), bool(found)) == (certain, possible), (team, day, stint)


def test_the_readme_join_on_wikidata_ids_runs(release_folder, tmp_path):
    import duckdb

    # three rows of the reep register at the commit the README names (CC0), in its own columns
    register = tmp_path / "teams.csv"
    register.write_text("reep_id,key_wikidata,name,key_uefa,key_fotmob\n"
                        "reep_t7af7c9d1,Q1422,Juventus FC,50139,9885\n"
                        "reep_tbed0101c,Q2693,Parma Calcio 1913,54262,10167\n"
                        "reep_tdb0faf79,Q41420,Borussia Dortmund,52758,9789\n")
    block = readme_block("duckdb-join").replace("'teams.parquet'", f"'{release_folder / 'teams.parquet'}'")
    url = block.split("read_csv('", 1)[1].split("'", 1)[0]
    assert url.startswith("https://raw.githubusercontent.com/withqwerty/reep/")
    rows = duckdb.sql(block.replace(url, str(register))).fetchall()
    assert sorted(rows) == [("borussia-dortmund", "Borussia Dortmund", "52758", "9789"),
                            ("juventus", "Juventus", "50139", "9885"), ("parma", "Parma", "54262", "10167")]
