"""`release` and `diff`: archives, checksums, notes with the diff, the shrink refusal, safe archive reading."""

import hashlib
import json
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


def snapshot(data, tmp_path, name):
    """A copy of the data folder as it is now, to serve as the previous release."""
    target = tmp_path / name
    subprocess.run(["cp", "-r", str(data), str(target)], check=True)
    return target


def test_a_release_has_archives_parquet_notes_and_checksums(data, tmp_path):
    previous = snapshot(data, tmp_path, "previous")
    set_cell(data, "stints.csv", 2, "appearances", "115")
    insert_line(data, "countries.csv", 3, "FRA,France,Q142,")
    released = release(data, tmp_path / "dist", data.parent, previous=str(previous))
    assert released.problems == [] and released.refusals == []
    folder = tmp_path / "dist" / "release"
    names = sorted(p.name for p in folder.iterdir())
    assert f"{STEM}.zip" in names and f"{STEM}-parquet.zip" in names and "stints.parquet" in names
    sums = (folder / "SHA256SUMS").read_text().splitlines()
    assert len(sums) == len(names) - 1
    for line in sums:
        digest, name = line.split("  ")
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest
    notes = (folder / "RELEASE_NOTES.md").read_text()
    assert "| stints | 5 |" in notes
    assert "- changed `ada-rossi-blue-fc-player-1991`: appearances" in notes
    assert "- added `FRA`" in notes
    with zipfile.ZipFile(folder / f"{STEM}.zip") as package:
        assert f"{STEM}/datapackage.json" in package.namelist()
        assert f"{STEM}/data/stints.csv" in package.namelist()


def test_two_releases_are_byte_identical(data, tmp_path):
    digests = []
    for name in ("one", "two"):
        assert release(data, tmp_path / name, data.parent, previous=str(data)).files
        folder = tmp_path / name / "release"
        digests.append({p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()})
    assert digests[0] == digests[1]


def test_a_release_that_loses_rows_is_refused_unless_allowed(data, tmp_path):
    previous = snapshot(data, tmp_path, "previous")
    insert_line(previous, "countries.csv", 3, "FRA,France,Q142,")  # the previous release had one more row
    released = release(data, tmp_path / "dist", data.parent, previous=str(previous))
    assert released.files == [] and "countries lost 1 rows" in released.refusals[0]
    assert not (tmp_path / "dist" / "release").exists()
    allowed = release(data, tmp_path / "dist", data.parent, previous=str(previous), allow_shrink=True)
    assert allowed.refusals == [] and allowed.files


def test_diff_compares_folders_and_release_archives_by_primary_key(data, tmp_path):
    before_dist, after_dist = tmp_path / "before", tmp_path / "after"
    assert release(data, before_dist, data.parent, previous=str(data)).files
    set_cell(data, "people.csv", 3, "birth_place", "Genoa")
    insert_line(data, "countries.csv", 3, "FRA,France,Q142,")
    assert release(data, after_dist, data.parent, previous=str(data)).files
    for before, after in [(before_dist / "release" / f"{STEM}.zip", after_dist / "release" / f"{STEM}.zip"),
                          (before_dist, after_dist)]:
        result = subprocess.run([sys.executable, "-m", "scripts", "diff", str(before), str(after), "--output",
                                 "json"], cwd=ROOT, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        tables = {t["table"]: t for t in json.loads(result.stdout)["tables"]}
        assert tables["people"]["changed"] == {"bruno-verdi": ["birth_place"]}
        assert tables["countries"]["added"] == ["FRA"]
        assert tables["stints"]["added"] == tables["stints"]["removed"] == []


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
    good = tmp_path / "dist" / "release" / f"{STEM}.zip"
    members = archive.read_zip(good)
    members[f"{STEM}/data/people.csv"] += b"extra,row\n"
    tampered = tmp_path / "tampered.zip"
    archive.write_zip(tampered, list(members.items()))
    with pytest.raises(archive.UnsafeArchive, match="checksum"):
        versions.load(str(tampered), ROOT)


def test_compare_reports_removed_rows(data, tmp_path):
    previous = snapshot(data, tmp_path, "previous")
    insert_line(previous, "countries.csv", 3, "FRA,France,Q142,")
    changes = {c.table: c for c in compare(versions.load(str(previous), ROOT), versions.load(str(data), ROOT))}
    assert changes["countries"].removed == ["FRA"]
