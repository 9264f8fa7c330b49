"""Cross-table career rules, each a small vectorised function over typed frames (index = editor line).

A rule returns the rows that break it as Violations, located at the row and column to fix. Partial
dates stand for every day they could be: a rule fires only when the data is wrong whichever day it was.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from schemas import TABLES, dates
from schemas.vocabularies import COMPATIBLE_STINT_ROLES

# Nobody plays or coaches senior football before this age.
MIN_AGE_YEARS = 14


@dataclass(frozen=True)
class Violation:
    table: str
    line: int
    column: str | None
    rule: str
    message: str
    value: object = None


Frames = dict[str, pd.DataFrame]
RULES: list[tuple[str, tuple[str, ...], Callable[[Frames], list[Violation]]]] = []


def rule(name: str, *tables: str):
    """Register a rule; it runs only when every table it reads could be read."""
    def register(function):
        RULES.append((name, tables, function))
        return function
    return register


def check_all(frames: Frames) -> list[Violation]:
    found = []
    for _name, tables, function in RULES:
        if all(table in frames for table in tables):
            found.extend(function(frames))
    return found


def violations(table: str, rule_name: str, column: str, rows: pd.DataFrame, messages: pd.Series) -> list[Violation]:
    """One Violation per row of `rows` (which carry a `line` column), with the matching message."""
    values = rows[column] if column in rows else pd.Series([None] * len(rows), index=rows.index)
    return [Violation(table, int(line), column, rule_name, str(message), None if pd.isna(value) else value)
            for line, message, value in zip(rows["line"], messages, values)]


def text(series: pd.Series) -> pd.Series:
    return series.astype("string").fillna("?")


def day(series: pd.Series) -> pd.Series:
    return series.dt.strftime("%Y-%m-%d").astype("string").fillna("?")


# --- references ---------------------------------------------------------------------------------

@rule("foreign-key")
def references(frames: Frames) -> list[Violation]:
    found = []
    for table in TABLES:
        if table.name not in frames:
            continue
        frame = frames[table.name].reset_index()
        for column, (target, target_column) in table.foreign_keys.items():
            if target not in frames:
                continue
            known = frames[target][target_column].dropna()
            dangling = frame[frame[column].notna() & ~frame[column].isin(known)]
            messages = ("no row in " + target + ".csv has " + target_column + " " + text(dangling[column])
                        + "; add that row to " + target + ".csv, or correct this id")
            found += violations(table.name, "foreign-key", column, dangling, messages)
    return found


# --- stints -------------------------------------------------------------------------------------

def stint_spans(stints: pd.DataFrame) -> pd.DataFrame:
    """Stints with the earliest and latest day each bound may stand for; an open end is far in the future."""
    spans = stints.reset_index()
    spans["start_lo"], spans["start_hi"] = dates.bounds(spans["start"])
    spans["end_lo"], spans["end_hi"] = dates.bounds(spans["end"])
    open_end = spans["end"].isna()
    spans.loc[open_end, "end_lo"] = dates.OPEN_END
    spans.loc[open_end, "end_hi"] = dates.OPEN_END
    return spans


@rule("stint-dates", "stints")
def stint_dates(frames: Frames) -> list[Violation]:
    spans = stint_spans(frames["stints"])
    backwards = spans[spans["end_hi"] < spans["start_lo"]]
    messages = ("the stint ends (" + text(backwards["end"]) + ") before it starts (" + text(backwards["start"])
                + "); correct the start or the end")
    return violations("stints", "stint-dates", "end", backwards, messages)


@rule("stint-within-life", "stints", "people")
def stints_within_life(frames: Frames) -> list[Violation]:
    people = frames["people"][["person_id", "birth_date", "death_date"]].copy()
    people["birth_lo"], _ = dates.bounds(people["birth_date"])
    _, people["death_hi"] = dates.bounds(people["death_date"])
    spans = stint_spans(frames["stints"]).merge(people, on="person_id", how="inner")
    earliest_start = spans["birth_lo"] + pd.DateOffset(years=MIN_AGE_YEARS)
    too_young = spans[spans["start_hi"] < earliest_start]
    found = violations("stints", "stint-within-life", "start", too_young,
                       "the stint starts (" + text(too_young["start"]) + ") before " + too_young["person_id"]
                       + " was " + str(MIN_AGE_YEARS) + " (born " + text(too_young["birth_date"])
                       + "); check the start and the birth date")
    after_death = spans[spans["start_lo"] > spans["death_hi"]]
    found += violations("stints", "stint-within-life", "start", after_death,
                        "the stint starts (" + text(after_death["start"]) + ") after " + after_death["person_id"]
                        + " died (" + text(after_death["death_date"]) + "); check the start and the death date")
    ends_late = spans[(spans["start_lo"] <= spans["death_hi"]) & spans["end"].notna()
                      & (spans["end_lo"] > spans["death_hi"])]
    found += violations("stints", "stint-within-life", "end", ends_late,
                        "the stint ends (" + text(ends_late["end"]) + ") after " + ends_late["person_id"]
                        + " died (" + text(ends_late["death_date"]) + "); end it on or before the death date")
    return found


@rule("player-stints-overlap", "stints", "teams")
def player_stints_overlap(frames: Frames) -> list[Violation]:
    clubs = frames["teams"].loc[frames["teams"]["kind"] == "club", "team_id"]
    spans = stint_spans(frames["stints"])
    spans = spans[(spans["role"] == "player") & spans["team_id"].isin(clubs) & (spans["on_loan"] != True)  # noqa: E712
                  & spans["start_lo"].notna() & spans["end_lo"].notna()]
    columns = ["line", "person_id", "stint_id", "start", "end", "start_lo", "start_hi", "end_lo", "end_hi"]
    pairs = spans[columns].merge(spans[columns], on="person_id", suffixes=("", "_other"))
    earlier = (pairs["start_lo_other"] < pairs["start_lo"]) | (
        (pairs["start_lo_other"] == pairs["start_lo"]) & (pairs["line_other"] < pairs["line"]))
    # Certain overlap: each spell surely starts before the other surely ends.
    overlapping = pairs[earlier & (pairs["start_hi"] < pairs["end_lo_other"])
                        & (pairs["start_hi_other"] < pairs["end_lo"])]
    messages = ("this playing spell (" + text(overlapping["start"]) + " to " + overlapping["end"].astype("string")
                .fillna("now") + ") overlaps " + overlapping["stint_id_other"] + " on line "
                + overlapping["line_other"].astype("string") + "; a player's club spells cannot overlap unless one "
                "is a loan (on_loan = true): correct the dates or mark the loan")
    return violations("stints", "player-stints-overlap", "start", overlapping, messages)


def covering_stints(facts: pd.DataFrame, stints: pd.DataFrame, start: str, end: str) -> pd.Index:
    """Lines of `facts` (person_id, team_id, role, and [start, end] day columns) that a stint of that person
    at that team, in a compatible role, may cover."""
    compatible = pd.DataFrame([(role, stint_role) for role, stint_roles in COMPATIBLE_STINT_ROLES.items()
                               for stint_role in stint_roles], columns=["role", "stint_role"])
    spans = stint_spans(stints)[["person_id", "team_id", "role", "start_lo", "end_hi"]]
    spans = spans.rename(columns={"role": "stint_role"})
    period = facts[["line", "person_id", "team_id", "role"]].assign(fact_start=facts[start], fact_end=facts[end])
    candidates = period.merge(compatible, on="role").merge(spans, on=["person_id", "team_id", "stint_role"])
    covered = candidates[(candidates["start_lo"] <= candidates["fact_end"])
                         & (candidates["end_hi"] >= candidates["fact_start"])]
    return pd.Index(covered["line"].unique())


# --- matches ------------------------------------------------------------------------------------

def final_scores(matches: pd.DataFrame) -> pd.DataFrame:
    """Each match's score at the end of play (after extra time where played) and who won it, penalties counted."""
    scores = matches.reset_index()
    scores["home_final"] = scores["home_score_aet"].fillna(scores["home_score"])
    scores["away_final"] = scores["away_score_aet"].fillna(scores["away_score"])
    home_won = (scores["home_final"] > scores["away_final"]) | (
        (scores["home_final"] == scores["away_final"]) & (scores["home_penalties"] > scores["away_penalties"]))
    away_won = (scores["home_final"] < scores["away_final"]) | (
        (scores["home_final"] == scores["away_final"]) & (scores["home_penalties"] < scores["away_penalties"]))
    scores["winner_id"] = scores["home_team_id"].where(home_won.fillna(False).astype(bool))
    scores["winner_id"] = scores["winner_id"].where(~away_won.fillna(False).astype(bool), scores["away_team_id"])
    scores["loser_id"] = scores["away_team_id"].where(home_won.fillna(False).astype(bool))
    scores["loser_id"] = scores["loser_id"].where(~away_won.fillna(False).astype(bool), scores["home_team_id"])
    return scores


@rule("match-teams", "matches")
def match_teams(frames: Frames) -> list[Violation]:
    matches = frames["matches"].reset_index()
    same = matches[matches["home_team_id"] == matches["away_team_id"]]
    return violations("matches", "match-teams", "away_team_id", same,
                      "the home team and the away team are both " + same["home_team_id"]
                      + "; a team cannot play itself")


@rule("match-season", "matches")
def match_season(frames: Frames) -> list[Violation]:
    matches = frames["matches"].reset_index()
    first, last = dates.season_bounds(matches["season"])
    outside = matches[(matches["date"] < first) | (matches["date"] > last)]
    return violations("matches", "match-season", "date", outside,
                      "the match is dated " + day(outside["date"]) + ", outside the season " + outside["season"]
                      + "; correct the date or the season")


@rule("match-scores", "matches")
def match_scores(frames: Frames) -> list[Violation]:
    matches = frames["matches"].reset_index()
    found = []
    for side in ("home", "away"):
        lower = matches[matches[f"{side}_score_aet"] < matches[f"{side}_score"]]
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


# --- appearances --------------------------------------------------------------------------------

def appearances_with_matches(frames: Frames) -> pd.DataFrame:
    matches = frames["matches"][["match_id", "date", "home_team_id", "away_team_id"]]
    return frames["appearances"].reset_index().merge(matches, on="match_id", how="inner")


@rule("appearance-team", "appearances", "matches")
def appearance_team(frames: Frames) -> list[Violation]:
    rows = appearances_with_matches(frames)
    elsewhere = rows[(rows["team_id"] != rows["home_team_id"]) & (rows["team_id"] != rows["away_team_id"])]
    return violations("appearances", "appearance-team", "team_id", elsewhere,
                      elsewhere["team_id"] + " did not play in this match (" + elsewhere["home_team_id"] + " v "
                      + elsewhere["away_team_id"] + "); use the home or the away team")


@rule("appearance-stint", "appearances", "matches", "stints")
def appearance_stint(frames: Frames) -> list[Violation]:
    rows = appearances_with_matches(frames)
    covered = covering_stints(rows, frames["stints"], "date", "date")
    missing = rows[~rows["line"].isin(covered)]
    return violations("appearances", "appearance-stint", "person_id", missing,
                      "no stint in stints.csv has " + missing["person_id"] + " at " + missing["team_id"] + " as "
                      + missing["role"] + " on " + day(missing["date"]) + "; add or correct the stint, or "
                      "correct this appearance")


@rule("goals-within-score", "appearances", "matches")
def goals_within_score(frames: Frames) -> list[Violation]:
    players = frames["appearances"].reset_index()
    players = players[(players["role"] == "player") & players["goals"].notna()]
    totals = players.groupby(["match_id", "team_id"], as_index=False).agg(goals=("goals", "sum"),
                                                                          line=("line", "min"))
    scores = final_scores(frames["matches"])
    home = scores[["match_id", "home_team_id", "home_final"]].set_axis(["match_id", "team_id", "score"], axis=1)
    away = scores[["match_id", "away_team_id", "away_final"]].set_axis(["match_id", "team_id", "score"], axis=1)
    totals = totals.merge(pd.concat([home, away]), on=["match_id", "team_id"])
    over = totals[totals["goals"] > totals["score"]]
    return violations("appearances", "goals-within-score", "goals", over,
                      "the players of " + over["team_id"] + " score " + over["goals"].astype("string")
                      + " goals in this match here, but the team scored " + over["score"].astype("string")
                      + "; check the goals and the match score")


# --- honours ------------------------------------------------------------------------------------

def honour_seasons(frames: Frames) -> pd.DataFrame:
    honours = frames["honours"].reset_index()
    honours["season_start"], honours["season_end"] = dates.season_bounds(honours["season"])
    return honours


@rule("honour-stint", "honours", "stints")
def honour_stint(frames: Frames) -> list[Violation]:
    honours = honour_seasons(frames)
    with_team = honours[honours["team_id"].notna()]
    covered = covering_stints(with_team, frames["stints"], "season_start", "season_end")
    missing = with_team[~with_team["line"].isin(covered)]
    return violations("honours", "honour-stint", "team_id", missing,
                      "no stint in stints.csv has " + missing["person_id"] + " at " + missing["team_id"] + " as "
                      + missing["role"] + " during the season " + missing["season"]
                      + "; add or correct the stint, or correct this honour")


@rule("honour-final", "honours", "matches")
def honour_final(frames: Frames) -> list[Violation]:
    honours = honour_seasons(frames)
    finals = final_scores(frames["matches"])[["match_id", "date", "leg", "home_team_id", "away_team_id",
                                                "winner_id", "loser_id"]]
    rows = honours[honours["final_match_id"].notna()].merge(finals, left_on="final_match_id", right_on="match_id")
    found = []
    outside = rows[(rows["date"] < rows["season_start"]) | (rows["date"] > rows["season_end"])]
    found += violations("honours", "honour-final", "final_match_id", outside,
                        "the final was played on " + day(outside["date"]) + ", outside the season "
                        + outside["season"] + "; correct the season or the final")
    with_team = rows[rows["team_id"].notna()]
    absent = with_team[(with_team["team_id"] != with_team["home_team_id"])
                       & (with_team["team_id"] != with_team["away_team_id"])]
    found += violations("honours", "honour-final", "final_match_id", absent,
                        absent["team_id"] + " did not play in this final (" + absent["home_team_id"] + " v "
                        + absent["away_team_id"] + "); correct the team or the final")
    single = with_team[with_team["leg"].isna() & with_team["winner_id"].notna()]
    wrong = single[((single["result"] == "winner") & (single["winner_id"] != single["team_id"]))
                   | ((single["result"] == "runner_up") & (single["loser_id"] != single["team_id"]))]
    found += violations("honours", "honour-final", "result", wrong,
                        "the honour says " + wrong["result"] + " but " + wrong["winner_id"]
                        + " won the final on the score (penalties counted); correct the result or the match score")
    return found
