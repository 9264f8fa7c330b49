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
from tests.conftest import ROOT
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
    dist = tmp_path_factory.mktemp("package") / "dist"
    result = subprocess.run([sys.executable, "-m", "scripts", "release", "--dist", str(dist)], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return dist / "release"


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
    parquet = release_folder.parent / "parquet"
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                             "--wheel-dir", str(tmp_path), str(ROOT)], cwd=ROOT, capture_output=True, text=True,
                            env={"FOOTBALL_CAREERS_PARQUET": str(parquet), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    after = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True,
                           text=True).stdout
    assert after == before


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *arguments):
        pass
