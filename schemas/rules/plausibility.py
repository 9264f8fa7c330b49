"""Plausibility: figures and ages within what football allows.

Each bound is generous, so that a rule speaks only of a typo or a wrong row:
- No league plays more than 46 league matches a season (England's 24-club divisions); a spell may count at
  most MAX_LEAGUE_MATCHES_PER_SEASON per season it may span. More is impossible: an error.
- No national team plays more than about 20 matches a year; MAX_CAPS_PER_YEAR per year spanned: an error.
- Goals without appearances are impossible (an error); more than GOALS_PER_APPEARANCE goals a match over a
  spell has never been sustained (Bican averaged 1.5 in the Czech league): a warning, since a short spell may.
- Players have played senior football from 14 (an error below, see stint-within-life) and past 50 (Kazu
  Miura), so an age outside PLAYER_AGES is a warning; likewise a coach or staff member outside STAFF_AGES.
A warning that has been checked against the sources is silenced by writing `checked: <rule>` in the row's notes.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from schemas.rules.registry import (
    WARNING,
    Context,
    Violation,
    day,
    rule,
    text,
    violations,
)
from schemas.rules.stints import births_against_spells
from schemas.vocabularies import ROLES

MAX_LEAGUE_MATCHES_PER_SEASON = 50
MAX_CAPS_PER_YEAR = 20
GOALS_PER_APPEARANCE = 1.5
PLAYER_AGES = (15, 45)
STAFF_AGES = (18, 85)


@rule("appearances-per-season", "stints", "teams")
def appearances_per_season(frames: Context) -> list[Violation]:
    spans = frames.stint_spans
    national = spans["team_id"].isin(frames["teams"].loc[frames["teams"]["kind"] == "national_team", "team_id"])
    end = spans["end_hi"].where(spans["end_date"].notna() | (spans["ongoing"] == True).fillna(False).astype(bool),  # noqa: E712
                                pd.NaT).clip(upper=frames.today)
    years = (end - spans["start_lo"]).dt.days / 365.25
    # a spell may touch one season more than the years it lasts (a split season at each end)
    limit = np.where(national, MAX_CAPS_PER_YEAR * np.ceil(years), MAX_LEAGUE_MATCHES_PER_SEASON * (np.floor(years) + 2))
    limit = pd.Series(np.maximum(limit, np.where(national, MAX_CAPS_PER_YEAR, MAX_LEAGUE_MATCHES_PER_SEASON)),
                      index=spans.index)
    too_many = spans[spans["appearances"].notna() & (years >= 0) & (spans["appearances"] > limit)]
    limits = limit[too_many.index].astype("int64").astype("string")
    kind = pd.Series(np.where(national[too_many.index], "caps (at most " + limits + " in these years at "
                              + str(MAX_CAPS_PER_YEAR) + " a year)", "league matches (at most " + limits
                              + " in these seasons at " + str(MAX_LEAGUE_MATCHES_PER_SEASON) + " a season)"),
                     index=too_many.index)
    return violations("stints", "appearances-per-season", "appearances", too_many, lambda too_many: (
        too_many["appearances"].astype("string") + " appearances from " + text(too_many["start_date"])
        + " to " + text(too_many["end_date"]).replace("?", "now") + " is more " + kind
        + " than can be played; check the figure and the dates"))


@rule("goals-per-appearance", "stints")
def goals_per_appearance(frames: Context) -> list[Violation]:
    stints = frames["stints"].reset_index()
    known = stints["goals"].notna() & stints["appearances"].notna()
    without = stints[known & (stints["appearances"] == 0) & (stints["goals"] > 0)]
    found = violations("stints", "goals-per-appearance", "goals", without, lambda without: (
        without["goals"].astype("string") + " goals in 0 appearances cannot be; check both figures"))
    many = stints[known & (stints["appearances"] > 0) & (stints["goals"] > GOALS_PER_APPEARANCE * stints["appearances"])]
    found += violations("stints", "goals-per-appearance", "goals", many, lambda many: (
        many["goals"].astype("string") + " goals in " + many["appearances"].astype("string")
        + " appearances is more than " + str(GOALS_PER_APPEARANCE) + " a match; check the figures "
        "(goals and appearances both count league matches for a club)"), severity=WARNING)
    return found


@rule("age-at-stint", "stints", "people")
def age_at_stint(frames: Context) -> list[Violation]:
    spans = frames.stint_spans.merge(frames.people_lives, on="person_id", how="inner")
    spans = spans[spans["role"].isin(list(ROLES))  # an unknown role is reported as such, and so is a birth date
                  & ~spans["person_id"].isin(births_against_spells(frames))]  # that spells contradict
    youngest, oldest = whole_years(spans["start_lo"], spans["birth_hi"]), whole_years(spans["start_hi"], spans["birth_lo"])
    low, high = _bounds(spans["role"] == "player")
    outside = spans[(oldest < low) | (youngest > high)]
    return violations("stints", "age-at-stint", "start_date", outside, lambda outside: (
        _age_message(outside, "at the start of this " + outside["role"] + " spell (" +
                     text(outside["start_date"]) + ")", low, high)), severity=WARNING)


@rule("age-at-match", "appearances", "matches", "people")
def age_at_match(frames: Context) -> list[Violation]:
    rows = frames.appearances_with_matches
    judged = ((rows["person_position"].to_numpy() >= 0) & frames.appearances_holding("role", ROLES)
              & ~frames.appearances_holding("person_id", births_against_spells(frames)))
    in_season = frames.dated_in_season(rows["match_position"])
    judged = judged if in_season is None else judged & in_season
    rows, is_player = rows[judged], frames.appearances_holding("role", ["player"])[judged]
    people = frames["people"]
    # each match's and each person's days as numbers once, then taken to every appearance by position; each age
    # is reckoned in the array its birth days were taken into (at ten million appearances every new array is 80 MB
    # of memory touched for the first time, dearer than the arithmetic)
    match_day = _day_number(frames["matches"]["date"])[rows["match_position"].to_numpy()]
    person = rows["person_position"].to_numpy()
    birth_lo, birth_hi = frames.bounds("people", "birth_date")
    youngest = _completed_years(match_day, _day_number(birth_hi)[person])
    oldest = _completed_years(match_day, _day_number(birth_lo)[person])
    del match_day
    low, high = _bounds(pd.Series(is_player, index=rows.index))
    outside = rows[(oldest < low.to_numpy()) | (youngest > high.to_numpy())].copy()
    outside["birth_date"] = people["birth_date"].to_numpy()[outside["person_position"].to_numpy()]
    return violations("appearances", "age-at-match", "person_id", outside, lambda outside: (
        _age_message(outside, "on the day of this match (" + day(outside["date"]) + ")", low, high)),
                      severity=WARNING)


def _day_number(days: pd.Series) -> np.ndarray:
    """Each day as the number year * 10000 + month * 100 + day (1993-05-19 is 19930519), a float: NaN where the
    day is missing. One number a day is one array to take to ten million appearances, not two."""
    return (days.dt.year * 10000 + days.dt.month * 100 + days.dt.day).to_numpy(dtype="float64", na_value=np.nan)


def _completed_years(later: np.ndarray, earlier: np.ndarray) -> np.ndarray:
    """Like whole_years, on arrays from _day_number: the difference's ten-thousands, less one where the later
    day of the year comes before the earlier (month and day make less than 10000); NaN where either day is
    missing (so never out of range). Reckoned in `earlier`, which it returns."""
    np.subtract(later, earlier, out=earlier)
    earlier /= 10000
    return np.floor(earlier, out=earlier)


def whole_years(later: pd.Series, earlier: pd.Series) -> pd.Series:
    """Completed years from `earlier` to `later` (an age), missing where either day is."""
    before_birthday = (later.dt.month * 100 + later.dt.day) < (earlier.dt.month * 100 + earlier.dt.day)
    return (later.dt.year - earlier.dt.year - before_birthday.astype("Int64")).astype("Int64")


def _bounds(is_player: pd.Series) -> tuple[pd.Series, pd.Series]:
    """The usual lowest and highest age of each row's role, as bytes (ages below 128): an eighth of the memory."""
    low = pd.Series(np.where(is_player, np.int8(PLAYER_AGES[0]), np.int8(STAFF_AGES[0])), index=is_player.index)
    high = pd.Series(np.where(is_player, np.int8(PLAYER_AGES[1]), np.int8(STAFF_AGES[1])), index=is_player.index)
    return low, high


def _age_message(rows: pd.DataFrame, when: pd.Series, low: pd.Series, high: pd.Series) -> pd.Series:
    low, high = low[rows.index].astype("string"), high[rows.index].astype("string")
    return (rows["person_id"] + " (born " + text(rows["birth_date"]) + ") was outside the usual ages of "
            + low + " to " + high + " " + when + "; check the dates and the birth date")
