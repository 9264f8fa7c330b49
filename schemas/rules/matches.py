"""Matches: between two teams, within their season, with scores that add up."""

from __future__ import annotations

from schemas.rules.registry import Context, Violation, counted_scores, day, rule, violations


@rule("match-teams", "matches")
def match_teams(frames: Context) -> list[Violation]:
    matches = frames["matches"].reset_index()
    same = matches[matches["home_team_id"] == matches["away_team_id"]]
    return violations("matches", "match-teams", "away_team_id", same, lambda same: (
        "the home team and the away team are both " + same["home_team_id"]
        + "; a team cannot play itself"))


@rule("match-season", "matches")
def match_season(frames: Context) -> list[Violation]:
    outside = frames["matches"].reset_index()[frames.out_of_season]
    return violations("matches", "match-season", "date", outside, lambda outside: (
        "the match is dated " + day(outside["date"]) + ", outside the season " + outside["season"]
        + "; correct the date or the season"))


@rule("match-scores", "matches")
def match_scores(frames: Context) -> list[Violation]:
    counted = counted_scores(frames["matches"])  # a negative score is reported once, as out of range
    matches = frames["matches"].reset_index()
    found = []
    for side in ("home", "away"):
        lower = matches[(counted[f"{side}_score_aet"] < counted[f"{side}_score"]).to_numpy(dtype=bool,
                                                                                          na_value=False)]
        found += violations("matches", "match-scores", f"{side}_score_aet", lower,
                            "the score after extra time is lower than after 90 minutes; goals are never taken away")
    for pair in (("home_score_aet", "away_score_aet"), ("home_penalties", "away_penalties")):
        half = matches[matches[pair[0]].isna() != matches[pair[1]].isna()]
        found += violations("matches", "match-scores", pair[0], half,
                            f"give both {pair[0]} and {pair[1]}, or neither")
    level = matches[matches["home_penalties"] == matches["away_penalties"]]
    found += violations("matches", "match-scores", "home_penalties", level,
                        "a penalty shoot-out cannot end level; check the penalties")
    return found


