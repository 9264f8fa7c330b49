"""Career timelines: every stint is drawn, a date is drawn as precise as it is known, the SVG is reproducible."""

import xml.etree.ElementTree as ElementTree

import pytest

from scripts import timeline
from scripts.validate import validate
from tests.conftest import ROOT, set_cell


@pytest.fixture(scope="module")
def real_frames():
    checked = validate(ROOT / "data", ROOT)
    assert checked.ok
    return checked.frames


def svg_ids(svg: str) -> set[str]:
    return {element.get("id") for element in ElementTree.fromstring(svg).iter() if element.get("id")}


def stint(frames, stint_id):
    stints = frames["stints"]
    return stints[stints["stint_id"] == stint_id].iloc[0]


def test_every_stint_of_a_person_appears_in_their_timeline(real_frames):
    for person_id in ("massimo-carrera", "paolo-montero"):
        ids = svg_ids(timeline.svg_text(real_frames, person_id))
        stints = real_frames["stints"]
        for stint_id in stints.loc[stints["person_id"] == person_id, "stint_id"]:
            assert f"stint-{stint_id}" in ids, stint_id
            assert f"stint-{stint_id}-label" in ids, stint_id


def test_a_year_precise_end_is_drawn_as_uncertain_and_a_day_precise_one_is_not(real_frames):
    ids = svg_ids(timeline.svg_text(real_frames, "massimo-carrera"))
    year_end = "massimo-carrera-juventus-player-1991"
    assert stint(real_frames, year_end)["end_date"] == "1996"
    assert f"stint-{year_end}-end-uncertain" in ids
    assert f"stint-{year_end}-start-uncertain" in ids
    day_end = "massimo-carrera-spartak-moscow-head-coach-2016"
    assert stint(real_frames, day_end)["end_date"] == "2018-10-22"
    assert f"stint-{day_end}-end-uncertain" not in ids
    assert f"stint-{day_end}-start-uncertain" not in ids
    month_start = "massimo-carrera-italy-assistant-coach-2014"
    assert stint(real_frames, month_start)["start_date"] == "2014-08"
    assert f"stint-{month_start}-start-uncertain" in ids


def test_the_uncertain_part_spans_every_day_the_date_may_be(real_frames):
    person = timeline.career(real_frames, "massimo-carrera")
    span = next(s for s in person.spans if s.stint_id == "massimo-carrera-juventus-player-1991")
    bar = timeline._bar(span, 1980.0, 2030.0, person.as_of)
    assert (bar.left, bar.solid_from) == (1991.0, pytest.approx(1991 + 364 / 365))
    assert (bar.solid_to, bar.right) == (pytest.approx(1996 + 1 / 366), 1997.0)


def test_an_ongoing_spell_runs_open_and_an_unknown_end_is_drawn_otherwise(data):
    set_cell(data, "stints.csv", 2, "end_date", "")
    set_cell(data, "stints.csv", 2, "ongoing", "true")  # ada-rossi-blue-fc-player-1991 goes on
    set_cell(data, "stints.csv", 6, "end_date", "")  # bruno-verdi-blue-fc-head-coach-1990: end unknown
    checked = validate(data, data.parent)
    assert checked.ok, checked.problems
    player = svg_ids(timeline.svg_text(checked.frames, "ada-rossi"))
    assert {"stint-ada-rossi-blue-fc-player-1991-ongoing", "stint-ada-rossi-blue-fc-player-1991-ongoing-arrow"} <= player
    assert "stint-ada-rossi-blue-fc-player-1991-end-unknown" not in player
    coach = svg_ids(timeline.svg_text(checked.frames, "bruno-verdi"))
    assert "stint-bruno-verdi-blue-fc-head-coach-1990-end-unknown" in coach
    assert "stint-bruno-verdi-blue-fc-head-coach-1990-ongoing" not in coach


def test_loans_honours_and_milestones_are_marked(data):
    frames = validate(data, data.parent).frames
    ids = svg_ids(timeline.svg_text(frames, "ada-rossi"))
    assert "honour-ada-rossi-big-cup-1992-93" in ids
    assert "milestone-last_match_as_player-1993-05-19-white-fc-blue-fc" in ids
    assert "stint-ada-rossi-white-fc-player-1993" in ids  # the loan, hatched
    day_precise = svg_ids(timeline.svg_text(frames, "bruno-verdi"))
    assert "stint-bruno-verdi-blue-fc-head-coach-1990-end-uncertain" not in day_precise


def test_the_svg_is_byte_identical_run_after_run(data):
    frames = validate(data, data.parent).frames
    first = timeline.svg_text(frames, "ada-rossi")
    assert first == timeline.svg_text(frames, "ada-rossi")
    assert "<dc:date>" not in first


def test_a_png_is_written_where_a_place_needs_one(data, tmp_path):
    frames = validate(data, data.parent).frames
    timeline.write(frames, "ada-rossi", tmp_path / "ada.png")
    assert (tmp_path / "ada.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    with pytest.raises(ValueError):
        timeline.write(frames, "ada-rossi", tmp_path / "ada.pdf")


def test_the_timeline_command_writes_svg_or_png_and_refuses_anything_else(data, tmp_path):
    from tests.test_cli import run

    written = run("timeline", "ada-rossi", "--data", str(data), "--output", str(tmp_path / "ada.svg"))
    assert written.returncode == 0, written.stderr
    assert "stint-ada-rossi-red-fc-player-1985" in svg_ids((tmp_path / "ada.svg").read_text(encoding="utf-8"))
    wrong_suffix = run("timeline", "ada-rossi", "--data", str(data), "--output", str(tmp_path / "ada.pdf"))
    assert wrong_suffix.returncode == 2 and ".svg or .png" in wrong_suffix.stderr
    nobody = run("timeline", "nobody", "--data", str(data), "--output", str(tmp_path / "nobody.svg"))
    assert nobody.returncode == 2 and "no person 'nobody'" in nobody.stderr
    assert not (tmp_path / "nobody.svg").exists()
