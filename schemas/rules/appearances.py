"""Appearances: on a side that played the match, covered by a stint, with goals the team scored."""

from __future__ import annotations

import numpy as np
import pandas as pd

from schemas.rules.cover import covering_stints
from schemas.rules.registry import Context, Violation, day, rule, violations


@rule("appearance-team", "appearances", "matches", "teams")
def appearance_team(frames: Context) -> list[Violation]:
    rows = frames.appearances_with_matches
    team, home, away = rows["team_position"], rows["home_position"], rows["away_position"]
    # a match between a team and itself is reported once (match-teams), not on each appearance; a team id that is
    # empty (-2) or matches no row (-1), the appearance's or the match's, is reported as such (required,
    # foreign-key), and the appearance cannot be judged until it is fixed: one mistake, one message
    elsewhere = rows[(team != home) & (team != away) & (home != away) & (team >= 0) & (home >= 0) & (away >= 0)].copy()
    for side in ("home_team_id", "away_team_id"):
        elsewhere[side] = frames["matches"][side].to_numpy()[elsewhere["match_position"]]
    return violations("appearances", "appearance-team", "team_id", elsewhere, lambda elsewhere: (
        elsewhere["team_id"] + " did not play in this match (" + elsewhere["home_team_id"] + " v "
        + elsewhere["away_team_id"] + "); use the home or the away team"))


@rule("appearance-stint", "appearances", "matches", "stints", "people", "teams")
def appearance_stint(frames: Context) -> list[Violation]:
    rows = frames.appearances_with_matches
    codes, roles = frames.codes.of("appearances", "role")  # the rows are the frame's, by position
    if len(rows) < len(codes):  # appearances of unknown matches were left out
        codes = codes[rows.index.to_numpy()]
    in_season = frames.dated_in_season(rows["match_position"])
    if in_season is not None:
        rows, codes = rows[in_season], codes[in_season]
    missing = rows[~covering_stints(rows, frames, "date", "date", (codes, roles))]
    return violations("appearances", "appearance-stint", "person_id", missing, lambda missing: (
        "no stint in stints.csv has " + missing["person_id"] + " at " + missing["team_id"] + " as "
        + missing["role"] + " on " + day(missing["date"]) + "; add or correct the stint, or "
        "correct this appearance"))


def first_lines(slots: np.ndarray, lines: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """For each of the `wanted` slots (sorted, each held by a row), the first line of the rows that hold it (`lines`
    rising, as in a file)."""
    held = np.isin(slots, wanted)
    found, first = np.unique(slots[held], return_index=True)
    return lines[held][first][np.searchsorted(found, wanted)]


@rule("goals-within-score", "appearances", "matches", "teams")
def goals_within_score(frames: Context) -> list[Violation]:
    """The goals of a team's players in a match add up to no more than the team's final score.

    Each side of each match is a slot of its own, 2 * match + side, and the goals are summed by counting into the
    slots (hashing a million keys of match and team was half of the rule's time). A team on neither side, which
    appearance-team reports, takes a slot after them, and is held to the away score, as a team not at home."""
    rows = frames.appearances_with_matches
    players = (frames.appearances_holding("role", ["player"]) & rows["goals"].notna().to_numpy(bool)
               & (rows["team_position"].to_numpy() >= 0))
    match = rows["match_position"].to_numpy()[players].astype("int64")
    team = rows["team_position"].to_numpy()[players]
    at_home = team == rows["home_position"].to_numpy()[players]
    neither = ~at_home & (team != rows["away_position"].to_numpy()[players])
    slots = 2 * match + ~at_home
    matches = len(frames["matches"])
    slot_match, slot_at_home = np.repeat(np.arange(matches), 2), np.tile([True, False], matches)
    slot_team = np.column_stack([frames.position("matches", "home_team_id"),
                                 frames.position("matches", "away_team_id")]).ravel()
    if neither.any():
        other = len(frames["teams"]) + 1
        codes, distinct = pd.factorize(match[neither] * other + team[neither])
        slots[neither] = 2 * matches + codes
        extra_match, extra_team = np.divmod(np.asarray(distinct), other)
        slot_match, slot_team = np.r_[slot_match, extra_match], np.r_[slot_team, extra_team]
        slot_at_home = np.r_[slot_at_home, np.zeros(len(distinct), dtype=bool)]
    totals = np.bincount(slots, weights=rows["goals"].to_numpy(dtype="int64", na_value=0)[players],
                         minlength=len(slot_match))
    scores = frames.final_scores
    finals = np.where(slot_at_home, scores["home_final"].to_numpy(dtype="float64", na_value=np.nan)[slot_match],
                      scores["away_final"].to_numpy(dtype="float64", na_value=np.nan)[slot_match])
    over = np.flatnonzero(totals > finals)  # an unknown score (NaN) is never exceeded; no score is negative
    lines = first_lines(slots, rows["line"].to_numpy()[players], over)
    # reported at the first of the team's rows, with the goals that row gives (not the total, which no cell holds)
    over_rows = pd.DataFrame({"line": lines, "goals": frames["appearances"]["goals"].loc[lines].to_numpy(),
                              "total": totals[over].astype("int64"), "score": finals[over].astype("int64"),
                              "team_id": frames["teams"]["team_id"].to_numpy()[slot_team[over]]})
    return violations("appearances", "goals-within-score", "goals", over_rows, lambda over: (
        "the players of " + over["team_id"] + " score " + over["total"].astype("string")
        + " goals in this match here, but the team scored " + over["score"].astype("string")
        + "; check the goals and the match score"))


