"""`release` and `diff`: archives, wheel, checksums, notes with the diff; what a release refuses, leaving the
previous one as it was; diff's old -> new cells, exit codes and refusal of what it cannot read."""

import hashlib
import json
import shutil
import subprocess
import sys
import zipfile

import pytest

from schemas import VERSION
from scripts import archive, versions
from scripts.diff import compare
from scripts.release import release
from tests.conftest import ROOT, insert_line, set_cell

STEM = f"football-careers-{VERSION}"
FRANCE = "FRA,France,Q142,example-en-ada-rossi,"


def snapshot(data, tmp_path, name):
    """A copy of the data folder as it is now, to serve as the previous release."""
    target = tmp_path / name
    shutil.copytree(data, target)
    return target


def tree_digest(folder):
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def diff(*arguments):
    return subprocess.run([sys.executable, "-m", "scripts", "diff", *map(str, arguments)], cwd=ROOT,
                          capture_output=True, text=True)


def test_a_release_has_archives_parquet_sqlite_a_wheel_notes_and_checksums(data, tmp_path):
    previous = snapshot(data, tmp_path, "previous")
    set_cell(data, "stints.csv", 2, "appearances", "115")
    insert_line(data, "countries.csv", 3, FRANCE)
    released = release(data, tmp_path / "dist", data.parent, previous=str(previous))
    assert released.problems == [] and released.refusals == []
    folder = tmp_path / "dist" / "release"
    names = sorted(p.name for p in folder.iterdir())
    for expected in (f"{STEM}.zip", f"{STEM}-parquet.zip", "stints.parquet", "datapackage.json",
                     "football-careers.sqlite", "metadata.json", f"football_careers-{VERSION}-py3-none-any.whl"):
        assert expected in names
    sums = (folder / "SHA256SUMS").read_text().splitlines()
    assert len(sums) == len(names) - 1
    for line in sums:
        digest, name = line.split("  ")
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest
    notes = (folder / "RELEASE_NOTES.md").read_text()
    assert "| stints | 5 |" in notes
    assert "- changed `ada-rossi-blue-fc-player-1991`: appearances '114' → '115'" in notes
    assert "- added `FRA`" in notes
    assert "- `stints.end` is now `stints.end_date`" in notes
    with zipfile.ZipFile(folder / f"{STEM}.zip") as package:
        assert f"{STEM}/datapackage.json" in package.namelist()
        assert f"{STEM}/data/stints.csv" in package.namelist()
    with zipfile.ZipFile(folder / f"{STEM}-parquet.zip") as package:
        descriptor = json.loads(package.read(f"{STEM}-parquet/datapackage.json"))
        assert {r["path"] for r in descriptor["resources"]} == {n.removeprefix(f"{STEM}-parquet/")
                                                                for n in package.namelist() if n.endswith(".parquet")}


def test_two_releases_are_byte_identical(data, tmp_path):
    digests = []
    for name in ("one", "two"):
        assert release(data, tmp_path / name, data.parent, previous=str(data)).files
        digests.append(tree_digest(tmp_path / name / "release"))
    assert digests[0] == digests[1]


def test_a_refused_release_leaves_the_previous_one_as_it_was(data, tmp_path):
    dist = tmp_path / "dist"
    assert release(data, dist, data.parent, previous=str(data)).files
    before = tree_digest(dist)
    previous = snapshot(data, tmp_path, "previous")
    insert_line(previous, "countries.csv", 3, FRANCE)  # the previous release had one more row
    set_cell(data, "people.csv", 3, "birth_place", "Genoa")
    released = release(data, dist, data.parent, previous=str(previous))
    assert released.files == [] and "countries lost 1 rows" in released.refusals[0] and "FRA" in released.refusals[0]
    assert tree_digest(dist) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_lost_row_passes_when_removals_csv_gives_the_reason_or_shrinking_is_allowed(data, tmp_path):
    previous = snapshot(data, tmp_path, "previous")
    insert_line(previous, "countries.csv", 3, FRANCE)
    (data.parent / "removals.csv").write_text("table,key,reason\ncountries,FRA,\n")
    assert release(data, tmp_path / "dist", data.parent, previous=str(previous)).refusals  # a reason is needed
    (data.parent / "removals.csv").write_text("table,key,reason\ncountries,FRA,no player of France is in the data\n")
    assert release(data, tmp_path / "dist", data.parent, previous=str(previous)).refusals == []
    (data.parent / "removals.csv").unlink()
    assert release(data, tmp_path / "dist", data.parent, previous=str(previous), allow_shrink=True).refusals == []


def test_a_version_already_tagged_on_other_data_is_refused(data, tmp_path):
    repo = data.parent
    for command in (["init", "-q"], ["add", "data"], ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "x"],
                    ["tag", f"v{VERSION}"]):
        subprocess.run(["git", *command], cwd=repo, check=True)
    assert release(data, tmp_path / "dist", repo).refusals == []  # the tagged data again: the same release
    set_cell(data, "people.csv", 3, "birth_place", "Genoa")
    (refusal,) = release(data, tmp_path / "dist", repo).refusals
    assert f"was released as tag v{VERSION} with other data" in refusal and "bump VERSION" in refusal


def test_diff_shows_each_changed_cell_from_old_to_new_for_folders_and_both_archives(data, tmp_path):
    before_dist, after_dist = tmp_path / "before", tmp_path / "after"
    assert release(data, before_dist, data.parent, previous=str(data)).files
    set_cell(data, "people.csv", 3, "birth_place", "Genoa")
    insert_line(data, "countries.csv", 3, FRANCE)
    assert release(data, after_dist, data.parent, previous=str(data)).files
    pairs = [(before_dist / "release" / f"{STEM}.zip", after_dist / "release" / f"{STEM}.zip"),
             (before_dist / "release" / f"{STEM}-parquet.zip", after_dist / "release" / f"{STEM}-parquet.zip"),
             (before_dist / "release", after_dist / "release"), (before_dist, after_dist)]
    for before, after in pairs:
        result = diff(before, after, "--output", "json")
        assert result.returncode == 1, result.stderr  # like diff(1): the versions differ
        tables = {t["table"]: t for t in json.loads(result.stdout)["tables"]}
        assert tables["people"]["changed"] == {"bruno-verdi": {"birth_place": ["Turin", "Genoa"]}}, before.name
        assert tables["countries"]["added"] == ["FRA"]
        assert tables["stints"]["added"] == tables["stints"]["removed"] == []
    text = diff(before_dist, after_dist).stdout
    assert "~ bruno-verdi: birth_place: 'Turin' -> 'Genoa'" in text and "The versions differ." in text


def test_diff_exits_0_for_the_same_data_in_any_form(data, tmp_path):
    assert release(data, tmp_path / "dist", data.parent, previous=str(data)).files
    for other in (tmp_path / "dist" / "release" / f"{STEM}-parquet.zip", tmp_path / "dist" / "release",
                  tmp_path / "dist"):
        result = diff(data, other)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "The versions are the same." in result.stdout


def test_diff_reports_a_renamed_row_as_renamed(data, tmp_path):
    previous = snapshot(data, tmp_path, "previous")
    set_cell(data, "honours.csv", 3, "honour_id", "bruno-verdi-big-cup-1992-93-2")
    (change,) = [c for c in compare(versions.load(str(previous), ROOT), versions.load(str(data), ROOT))
                 if c.table == "honours"]
    assert change.renamed == {"bruno-verdi-big-cup-1992-93": "bruno-verdi-big-cup-1992-93-2"}
    assert change.added == change.removed == []


def test_diff_and_release_refuse_what_they_cannot_read(data, tmp_path):
    (tmp_path / "empty").mkdir()
    not_a_package = tmp_path / "loose.zip"
    with zipfile.ZipFile(not_a_package, "w") as handle:
        handle.writestr("stints.parquet", b"not parquet")
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK\x03\x04 truncated")
    for where in (tmp_path / "empty", tmp_path / "nowhere", not_a_package, broken, "git:no-such-tag"):
        result = diff(where, data)
        assert result.returncode == 2, (where, result.stdout)
        assert result.stderr.startswith("cannot compare: ") and "Traceback" not in result.stderr
    result = subprocess.run([sys.executable, "-m", "scripts", "release", "--data", str(data), "--dist",
                             str(tmp_path / "dist"), "--previous", str(tmp_path / "empty")], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 2 and "cannot release:" in result.stdout and not (tmp_path / "dist").exists()


def test_release_previous_reads_a_parquet_archive_so_the_shrink_guard_holds(data, tmp_path):
    insert_line(data, "countries.csv", 3, FRANCE)
    assert release(data, tmp_path / "first", data.parent, previous=str(data)).files
    lines = (data / "countries.csv").read_text().splitlines()
    (data / "countries.csv").write_text("\n".join(line for line in lines if not line.startswith("FRA")) + "\n")
    parquet_zip = tmp_path / "first" / "release" / f"{STEM}-parquet.zip"
    released = release(data, tmp_path / "second", data.parent, previous=str(parquet_zip))
    assert released.files == [] and "countries lost 1 rows" in released.refusals[0]


def test_an_archive_entry_that_climbs_out_is_refused(tmp_path):
    evil = tmp_path / "evil.zip"
    with zipfile.ZipFile(evil, "w") as handle:
        handle.writestr("../outside.csv", "x")
    with pytest.raises(archive.UnsafeArchive):
        archive.read_zip(evil)
    with pytest.raises(archive.UnsafeArchive):
        archive.write_zip(tmp_path / "out.zip", [("/etc/passwd", b"x")])


def test_an_archive_whose_file_does_not_match_its_checksum_is_refused(data, tmp_path):
    assert release(data, tmp_path / "dist", data.parent, previous=str(data)).files
    for name, member in ((f"{STEM}.zip", f"{STEM}/data/people.csv"),
                         (f"{STEM}-parquet.zip", f"{STEM}-parquet/people.parquet")):
        members = archive.read_zip(tmp_path / "dist" / "release" / name)
        members[member] += b"extra,row\n"
        tampered = tmp_path / f"tampered-{name}"
        archive.write_zip(tampered, list(members.items()))
        with pytest.raises(archive.UnsafeArchive, match="checksum"):
            versions.load(str(tampered), ROOT)
