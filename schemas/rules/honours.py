"""Honours: won during a stint, and agreeing with their final."""

from __future__ import annotations

import pandas as pd

from schemas import dates
from schemas.rules.cover import covering_stints
from schemas.rules.registry import Context, Violation, day, rule, violations


def honour_seasons(frames: Context) -> pd.DataFrame:
    honours = frames["honours"].reset_index()
    honours["season_start"], honours["season_end"] = dates.season_bounds(honours["season"])
    return honours


@rule("honour-stint", "honours", "stints", "people", "teams")
def honour_stint(frames: Context) -> list[Violation]:
    honours = honour_seasons(frames)
    honours["person_position"] = frames.position("honours", "person_id")
    honours["team_position"] = frames.position("honours", "team_id")
    with_team = honours[(honours["team_position"] >= 0) & (honours["person_position"] >= 0)]
    missing = with_team[~covering_stints(with_team, frames, "season_start", "season_end")]
    return violations("honours", "honour-stint", "team_id", missing, lambda missing: (
        "no stint in stints.csv has " + missing["person_id"] + " at " + missing["team_id"] + " as "
        + missing["role"] + " during the season " + missing["season"]
        + "; add or correct the stint, or correct this honour"))


@rule("honour-final", "honours", "matches")
def honour_final(frames: Context) -> list[Violation]:
    honours = honour_seasons(frames)
    finals = frames.final_scores[["match_id", "date", "leg", "home_team_id", "away_team_id",
                                                "winner_id", "loser_id"]]
    rows = honours[honours["final_match_id"].notna()].merge(finals, left_on="final_match_id", right_on="match_id")
    found = []
    misdated = frames["matches"]["match_id"][frames.out_of_season]  # reported as such (match-season)
    outside = rows[((rows["date"] < rows["season_start"]) | (rows["date"] > rows["season_end"]))
                   & ~rows["final_match_id"].isin(misdated)]
    found += violations("honours", "honour-final", "final_match_id", outside, lambda outside: (
        "the final was played on " + day(outside["date"]) + ", outside the season "
        + outside["season"] + "; correct the season or the final"))
    # a final whose home or away team id is empty or matches no row is reported as such (required, foreign-key):
    # who played it and who won it are judged once it is fixed
    known_team = (rows["team_id"].isin(frames["teams"]["team_id"]) if "teams" in frames.frames
                  else rows["team_id"].notna())
    with_team = rows[known_team & ~rows["final_match_id"].isin(_matches_of_unknown_teams(frames))]
    absent = with_team[(with_team["team_id"] != with_team["home_team_id"])
                       & (with_team["team_id"] != with_team["away_team_id"])]
    found += violations("honours", "honour-final", "final_match_id", absent, lambda absent: (
        absent["team_id"] + " did not play in this final (" + absent["home_team_id"] + " v "
        + absent["away_team_id"] + "); correct the team or the final"))
    single = with_team[with_team["leg"].isna() & with_team["winner_id"].notna()]
    wrong = single[((single["result"] == "winner") & (single["winner_id"] != single["team_id"]))
                   | ((single["result"] == "runner_up") & (single["loser_id"] != single["team_id"]))]
    found += violations("honours", "honour-final", "result", wrong, lambda wrong: (
        "the honour says " + wrong["result"] + " but " + wrong["winner_id"]
        + " won the final on the score (penalties counted); correct the result or the match score"))
    return found


def _matches_of_unknown_teams(frames: Context) -> pd.Series:
    """The ids of the matches whose home or away team id is empty or names no team."""
    if "teams" not in frames.frames:
        return frames["matches"]["match_id"].iloc[:0]
    unknown = (frames.position("matches", "home_team_id") < 0) | (frames.position("matches", "away_team_id") < 0)
    return frames["matches"]["match_id"][unknown]

