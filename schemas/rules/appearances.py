"""Appearances: on a side that played the match, covered by a stint, with goals the team scored."""

from __future__ import annotations

import numpy as np
import pandas as pd

from schemas.rules.cover import covering_stints
from schemas.rules.registry import Context, Violation, day, rule, violations


@rule("appearance-team", "appearances", "matches", "teams")
def appearance_team(frames: Context) -> list[Violation]:
    rows = frames.appearances_with_matches
    team = rows["team_position"]
    # a match between a team and itself is reported once (match-teams), not on each appearance
    elsewhere = rows[(team != rows["home_position"]) & (team != rows["away_position"])
                     & (rows["home_position"] != rows["away_position"])].copy()
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
    missing = rows[~covering_stints(rows, frames, "date", "date", (codes, roles))]
    return violations("appearances", "appearance-stint", "person_id", missing, lambda missing: (
        "no stint in stints.csv has " + missing["person_id"] + " at " + missing["team_id"] + " as "
        + missing["role"] + " on " + day(missing["date"]) + "; add or correct the stint, or "
        "correct this appearance"))


def totals_by_key(key: np.ndarray, goals: np.ndarray, lines: np.ndarray) -> pd.DataFrame:
    """Each distinct key with the sum of its goals and the first of its lines (`lines` rising, as in a file), in
    the order the keys first appear: coded once, where pandas' groupby also sorted them and aggregated twice."""
    codes, distinct = pd.factorize(key)
    first_rows = pd.Series(codes).drop_duplicates().index.to_numpy()  # the first row of each code, by code
    return pd.DataFrame({"key": distinct, "line": lines[first_rows],
                         "goals": np.bincount(codes, weights=goals, minlength=len(distinct)).astype("int64")})


@rule("goals-within-score", "appearances", "matches", "teams")
def goals_within_score(frames: Context) -> list[Violation]:
    rows = frames.appearances_with_matches
    players = ((rows["role"] == "player") & rows["goals"].notna() & (rows["team_position"] >= 0)).to_numpy(bool)
    teams = len(frames["teams"]) + 1
    key = (rows["match_position"].to_numpy()[players].astype("int64") * teams
           + rows["team_position"].to_numpy()[players])
    totals = totals_by_key(key, rows["goals"].to_numpy(dtype="int64", na_value=0)[players],
                           rows["line"].to_numpy()[players])
    totals["match"], totals["team"] = np.divmod(totals["key"].to_numpy(), teams)
    scores = frames.final_scores
    home_final = scores["home_final"].to_numpy()[totals["match"]]
    away_final = scores["away_final"].to_numpy()[totals["match"]]
    is_home = frames.position("matches", "home_team_id")[totals["match"]] == totals["team"].to_numpy()
    totals["score"] = np.where(is_home, home_final, away_final)
    totals["team_id"] = frames["teams"]["team_id"].to_numpy()[totals["team"]]
    over = totals[totals["goals"] > totals["score"]]
    return violations("appearances", "goals-within-score", "goals", over, lambda over: (
        "the players of " + over["team_id"] + " score " + over["goals"].astype("string")
        + " goals in this match here, but the team scored " + over["score"].astype("string")
        + "; check the goals and the match score"))


