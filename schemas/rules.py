"""Cross-table career rules, each a small vectorised function over typed frames (index = editor line).

A rule returns the rows that break it as Violations, located at the row and column to fix. Partial
dates stand for every day they could be: a rule fires only when the data is wrong whichever day it was.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from schemas import TABLES, TABLES_BY_NAME, dates
from schemas.vocabularies import COMPATIBLE_STINT_ROLES, ROLES

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


class Context:
    """The typed frames, and what several rules derive from them, each computed once."""

    def __init__(self, frames: Frames):
        self.frames = frames
        self._positions: dict[tuple[str, str], np.ndarray] = {}

    def __getitem__(self, table: str) -> pd.DataFrame:
        return self.frames[table]

    def position(self, table: str, column: str) -> np.ndarray:
        """For each row of `table`, the position in the referenced table of the row that `column` points to:
        -1 where nothing matches (a dangling reference), -2 where the cell is empty. Computed once per column."""
        key = (table, column)
        if key not in self._positions:
            target, target_column = TABLES_BY_NAME[table].foreign_keys[column]
            codes, uniques = pd.factorize(self.frames[table][column])  # look each distinct id up once
            keys = pd.Index(self.frames[target][target_column]).drop_duplicates()
            position = np.full(len(codes), -2, dtype="int64")
            filled = codes >= 0
            position[filled] = keys.get_indexer(uniques)[codes[filled]]
            if not keys.is_unique or len(keys) != len(self.frames[target]):
                # duplicated keys (reported as primary-key problems): point at the first row with the key
                first = pd.Index(self.frames[target][target_column]).get_indexer_for(keys)
                position = np.where(position >= 0, first[np.maximum(position, 0)], position)
            self._positions[key] = position
        return self._positions[key]

    @cached_property
    def stint_spans(self) -> pd.DataFrame:
        return stint_spans(self.frames["stints"])

    @cached_property
    def appearances_with_matches(self) -> pd.DataFrame:
        """Appearances (with `line`) and their match's date and teams; appearances of unknown matches left out."""
        matches = self.frames["matches"]
        appearances = self.frames["appearances"]
        rows = appearances[["match_id", "person_id", "team_id", "role", "goals"]].reset_index()
        position = self.position("appearances", "match_id")
        known = position >= 0
        if not known.all():
            rows = rows[known]
            position = position[known]
        rows["date"] = matches["date"].to_numpy()[position]
        rows["match_position"] = position
        if "people" in self.frames:
            rows["person_position"] = self.position("appearances", "person_id")[known]
        if "teams" in self.frames:  # rules that compare teams by position require teams.csv
            rows["team_position"] = self.position("appearances", "team_id")[known]
            for side in ("home", "away"):
                rows[f"{side}_position"] = self.position("matches", f"{side}_team_id")[position]
        return rows

    @cached_property
    def final_scores(self) -> pd.DataFrame:
        return final_scores(self.frames["matches"])


RULES: list[tuple[str, tuple[str, ...], Callable[[Context], list[Violation]]]] = []


def rule(name: str, *tables: str):
    """Register a rule; it runs only when every table it reads could be read."""
    def register(function):
        RULES.append((name, tables, function))
        return function
    return register


def check_all(frames: Frames) -> list[Violation]:
    context = Context(frames)
    found = []
    for _name, tables, function in RULES:
        if all(table in frames for table in tables):
            found.extend(function(context))
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
def references(frames: Context) -> list[Violation]:
    found = []
    for table in TABLES:
        if table.name not in frames.frames:
            continue
        for column, (target, target_column) in table.foreign_keys.items():
            if target not in frames.frames:
                continue
            dangling_rows = frames.position(table.name, column) == -1
            if not dangling_rows.any():
                continue
            dangling = frames[table.name][dangling_rows].reset_index()
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
def stint_dates(frames: Context) -> list[Violation]:
    spans = frames.stint_spans
    backwards = spans[spans["end_hi"] < spans["start_lo"]]
    messages = ("the stint ends (" + text(backwards["end"]) + ") before it starts (" + text(backwards["start"])
                + "); correct the start or the end")
    return violations("stints", "stint-dates", "end", backwards, messages)


@rule("stint-within-life", "stints", "people")
def stints_within_life(frames: Context) -> list[Violation]:
    people = frames["people"][["person_id", "birth_date", "death_date"]].copy()
    people["birth_lo"], _ = dates.bounds(people["birth_date"])
    _, people["death_hi"] = dates.bounds(people["death_date"])
    spans = frames.stint_spans.merge(people, on="person_id", how="inner")
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
def player_stints_overlap(frames: Context) -> list[Violation]:
    clubs = frames["teams"].loc[frames["teams"]["kind"] == "club", "team_id"]
    spans = frames.stint_spans
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


# Each stint serves the fact roles (as codes) whose compatible stint roles include its own.
SERVES = pd.DataFrame([(list(ROLES).index(role), stint_role) for role, stint_roles in COMPATIBLE_STINT_ROLES.items()
                       for stint_role in stint_roles], columns=["fact_role", "role"])


def covering_stints(facts: pd.DataFrame, context: Context, start: str, end: str) -> np.ndarray:
    """For each row of `facts` (person_position, team_position, role, and [start, end] day columns), whether a
    stint of that person at that team, in a compatible role, may cover it. Facts may be millions of rows: each
    looks its candidate stints up by an integer key in the sorted stints, with no join. Facts whose person or
    team is unknown count as covered: the foreign-key rule reports them."""
    teams = len(context["teams"]) + 1
    person = facts["person_position"].to_numpy().astype("int64")
    team = facts["team_position"].to_numpy().astype("int64")
    roles = len(ROLES) + 1  # the last code stands for an empty or unknown role, which no stint serves
    role_codes, role_names = pd.factorize(facts["role"])  # few distinct roles: map each once
    role_of_name = pd.Index(list(ROLES)).get_indexer(role_names)
    fact_roles = np.append(np.where(role_of_name < 0, len(ROLES), role_of_name), len(ROLES))[role_codes]
    fact_keys = (person * teams + team) * roles + fact_roles
    fact_start, fact_end = facts[start].to_numpy(), facts[end].to_numpy()
    spans = context.stint_spans
    stint_person, stint_team = context.position("stints", "person_id"), context.position("stints", "team_id")
    stint_known = (stint_person >= 0) & (stint_team >= 0)
    stints = (pd.DataFrame({"pair": stint_person.astype("int64") * teams + stint_team, "role": spans["role"].to_numpy(),
                            "start_lo": spans["start_lo"].to_numpy(), "end_hi": spans["end_hi"].to_numpy()})
              [stint_known].merge(SERVES, on="role"))
    stints["key"] = stints["pair"] * roles + stints["fact_role"]
    stints = stints.sort_values("key", kind="stable")
    keys, stint_start, stint_end = (stints[c].to_numpy() for c in ("key", "start_lo", "end_hi"))
    fact_codes, distinct = pd.factorize(fact_keys)  # facts share few keys: look each distinct key up once
    first_of_key = np.searchsorted(keys, distinct, side="left")
    first = first_of_key[fact_codes]
    count = (np.searchsorted(keys, distinct, side="right") - first_of_key)[fact_codes]
    covered = (person < 0) | (team < 0)
    for k in range(int(count.max(initial=0))):  # over the stints a fact may match (a handful), not over rows
        has = count > k
        candidate = np.minimum(first + k, len(keys) - 1)
        covered |= has & (stint_start[candidate] <= fact_end) & (stint_end[candidate] >= fact_start)
    return covered


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
def match_teams(frames: Context) -> list[Violation]:
    matches = frames["matches"].reset_index()
    same = matches[matches["home_team_id"] == matches["away_team_id"]]
    return violations("matches", "match-teams", "away_team_id", same,
                      "the home team and the away team are both " + same["home_team_id"]
                      + "; a team cannot play itself")


@rule("match-season", "matches")
def match_season(frames: Context) -> list[Violation]:
    matches = frames["matches"].reset_index()
    first, last = dates.season_bounds(matches["season"])
    outside = matches[(matches["date"] < first) | (matches["date"] > last)]
    return violations("matches", "match-season", "date", outside,
                      "the match is dated " + day(outside["date"]) + ", outside the season " + outside["season"]
                      + "; correct the date or the season")


@rule("match-scores", "matches")
def match_scores(frames: Context) -> list[Violation]:
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

@rule("appearance-team", "appearances", "matches", "teams")
def appearance_team(frames: Context) -> list[Violation]:
    rows = frames.appearances_with_matches
    team = rows["team_position"]
    elsewhere = rows[(team != rows["home_position"]) & (team != rows["away_position"])].copy()
    for side in ("home_team_id", "away_team_id"):
        elsewhere[side] = frames["matches"][side].to_numpy()[elsewhere["match_position"]]
    return violations("appearances", "appearance-team", "team_id", elsewhere,
                      elsewhere["team_id"] + " did not play in this match (" + elsewhere["home_team_id"] + " v "
                      + elsewhere["away_team_id"] + "); use the home or the away team")


@rule("appearance-stint", "appearances", "matches", "stints", "people", "teams")
def appearance_stint(frames: Context) -> list[Violation]:
    rows = frames.appearances_with_matches
    missing = rows[~covering_stints(rows, frames, "date", "date")]
    return violations("appearances", "appearance-stint", "person_id", missing,
                      "no stint in stints.csv has " + missing["person_id"] + " at " + missing["team_id"] + " as "
                      + missing["role"] + " on " + day(missing["date"]) + "; add or correct the stint, or "
                      "correct this appearance")


@rule("goals-within-score", "appearances", "matches", "teams")
def goals_within_score(frames: Context) -> list[Violation]:
    rows = frames.appearances_with_matches
    players = ((rows["role"] == "player") & rows["goals"].notna() & (rows["team_position"] >= 0)).to_numpy(bool)
    teams = len(frames["teams"]) + 1
    key = rows["match_position"].to_numpy()[players] * teams + rows["team_position"].to_numpy()[players]
    scored = pd.DataFrame({"key": key, "goals": rows["goals"].to_numpy(dtype="int64", na_value=0)[players],
                           "line": rows["line"].to_numpy()[players]})
    totals = scored.groupby("key", as_index=False).agg(goals=("goals", "sum"), line=("line", "min"))
    totals["match"], totals["team"] = np.divmod(totals["key"].to_numpy(), teams)
    scores = frames.final_scores
    home_final = scores["home_final"].to_numpy()[totals["match"]]
    away_final = scores["away_final"].to_numpy()[totals["match"]]
    is_home = frames.position("matches", "home_team_id")[totals["match"]] == totals["team"].to_numpy()
    totals["score"] = np.where(is_home, home_final, away_final)
    totals["team_id"] = frames["teams"]["team_id"].to_numpy()[totals["team"]]
    over = totals[totals["goals"] > totals["score"]]
    return violations("appearances", "goals-within-score", "goals", over,
                      "the players of " + over["team_id"] + " score " + over["goals"].astype("string")
                      + " goals in this match here, but the team scored " + over["score"].astype("string")
                      + "; check the goals and the match score")


# --- honours ------------------------------------------------------------------------------------

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
    return violations("honours", "honour-stint", "team_id", missing,
                      "no stint in stints.csv has " + missing["person_id"] + " at " + missing["team_id"] + " as "
                      + missing["role"] + " during the season " + missing["season"]
                      + "; add or correct the stint, or correct this honour")


@rule("honour-final", "honours", "matches")
def honour_final(frames: Context) -> list[Violation]:
    honours = honour_seasons(frames)
    finals = frames.final_scores[["match_id", "date", "leg", "home_team_id", "away_team_id",
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
