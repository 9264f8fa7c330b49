"""Stints: a spell ends after it starts, lies within the person's life, and a player is at one club at a time."""

from __future__ import annotations

import pandas as pd

from schemas.rules.registry import Context, Violation, listed, rule, text, violations

# Nobody plays or coaches senior football before this age.
MIN_AGE_YEARS = 14


@rule("stint-dates", "stints")
def stint_dates(frames: Context) -> list[Violation]:
    spans = stint_spans_as_written(frames)
    backwards = spans[spans["end_hi"] < spans["start_lo"]]
    return violations("stints", "stint-dates", "end_date", backwards, lambda backwards: (
        "the stint ends (" + text(backwards["end_date"]) + ") before it starts (" + text(backwards["start_date"])
        + "); correct the start or the end"))


def stint_spans_as_written(frames: Context) -> pd.DataFrame:
    spans = frames["stints"][["start_date", "end_date"]].reset_index()
    spans["start_lo"] = frames.bounds("stints", "start_date")[0].reset_index(drop=True)
    spans["end_hi"] = frames.bounds("stints", "end_date")[1].reset_index(drop=True)
    return spans


@rule("stint-ongoing", "stints")
def stint_ongoing(frames: Context) -> list[Violation]:
    """An ongoing spell has no end; a finished one cannot end after today."""
    spans = frames.stint_spans
    ongoing = (spans["ongoing"] == True).fillna(False).astype(bool)  # noqa: E712
    ended_yet_ongoing = spans[ongoing & spans["end_date"].notna()]
    found = violations("stints", "stint-ongoing", "ongoing", ended_yet_ongoing, lambda ended_yet_ongoing: (
        "ongoing is true but the spell has an end_date (" + text(ended_yet_ongoing["end_date"])
        + "); empty end_date while the spell goes on, or set ongoing to false"))
    future = spans[spans["end_date"].notna() & (spans["end_lo"] > frames.today)]
    found += violations("stints", "stint-ongoing", "end_date", future, lambda future: (
        "the spell ends in the future (" + text(future["end_date"]) + "); a spell that still goes "
        "on has an empty end_date and ongoing true (a contract's end date belongs in notes)"))
    return found


def births_against_spells(frames: Context) -> pd.Index:
    """The people two or more of whose spells start before they were MIN_AGE_YEARS by their birth date: the birth
    date is the likely mistake (2005 typed for 1975 gave 48 messages, one or two for each spell), so it is reported
    once, at itself, with the spells it contradicts, and no age of theirs is judged by it."""
    if "stints" not in frames.frames or "people" not in frames.frames:  # a rule that reads neither asks too
        return pd.Index([])
    counts = _spells_too_early(frames)["person_id"].value_counts()
    return counts.index[counts >= 2]


def _spells_too_early(frames: Context) -> pd.DataFrame:
    """The spells (with their person's life) that start before the person was MIN_AGE_YEARS."""
    def make() -> pd.DataFrame:
        spans = frames.stint_spans.merge(frames.people_lives, on="person_id", how="inner")
        return spans[spans["start_hi"] < spans["birth_lo"] + pd.DateOffset(years=MIN_AGE_YEARS)]
    return frames.memo("spells too early", make)


@rule("stint-within-life", "stints", "people")
def stints_within_life(frames: Context) -> list[Violation]:
    spans = frames.stint_spans.merge(frames.people_lives, on="person_id", how="inner")
    too_young = _spells_too_early(frames)
    suspect = births_against_spells(frames)
    found = _wrong_births(frames, too_young[too_young["person_id"].isin(suspect)])
    too_young = too_young[~too_young["person_id"].isin(suspect)]
    found += violations("stints", "stint-within-life", "start_date", too_young, lambda too_young: (
        "the stint starts (" + text(too_young["start_date"]) + ") before " + too_young["person_id"]
        + " was " + str(MIN_AGE_YEARS) + " (born " + text(too_young["birth_date"])
        + "); check the start and the birth date"))
    after_death = spans[spans["start_lo"] > spans["death_hi"]]
    found += violations("stints", "stint-within-life", "start_date", after_death, lambda after_death: (
        "the stint starts (" + text(after_death["start_date"]) + ") after " + after_death["person_id"]
        + " died (" + text(after_death["death_date"]) + "); check the start and the death date"))
    ends_late = spans[(spans["start_lo"] <= spans["death_hi"]) & spans["end_date"].notna()
                      & (spans["end_lo"] > spans["death_hi"])]
    found += violations("stints", "stint-within-life", "end_date", ends_late, lambda ends_late: (
        "the stint ends (" + text(ends_late["end_date"]) + ") after " + ends_late["person_id"]
        + " died (" + text(ends_late["death_date"]) + "); end it on or before the death date"))
    ongoing = (spans["ongoing"] == True).fillna(False).astype(bool)  # noqa: E712
    dead = spans[ongoing & spans["death_date"].notna()]
    found += violations("stints", "stint-within-life", "ongoing", dead, lambda dead: (
        "the spell is marked ongoing, but " + dead["person_id"] + " died ("
        + text(dead["death_date"]) + "); give its end_date and set ongoing to false"))
    return found


@rule("player-stints-overlap", "stints", "teams")
def player_stints_overlap(frames: Context) -> list[Violation]:
    clubs = frames["teams"].loc[frames["teams"]["kind"] == "club", "team_id"]
    spans = frames.stint_spans
    spans = spans[(spans["role"] == "player") & spans["team_id"].isin(clubs) & (spans["on_loan"] != True)  # noqa: E712
                  & spans["start_lo"].notna() & spans["end_lo"].notna() & ~spans["backwards"]]
    columns = ["line", "person_id", "stint_id", "start_date", "end_date", "start_lo", "start_hi", "end_lo", "end_hi"]
    pairs = spans[columns].merge(spans[columns], on="person_id", suffixes=("", "_other"))
    earlier = (pairs["start_lo_other"] < pairs["start_lo"]) | (
        (pairs["start_lo_other"] == pairs["start_lo"]) & (pairs["line_other"] < pairs["line"]))
    # Certain overlap: each spell surely starts before the other surely ends.
    overlapping = pairs[earlier & (pairs["start_hi"] < pairs["end_lo_other"])
                        & (pairs["start_hi_other"] < pairs["end_lo"])]
    return violations("stints", "player-stints-overlap", "start_date", overlapping, lambda overlapping: (
        "this playing spell (" + text(overlapping["start_date"]) + " to "
        + overlapping["end_date"].astype("string").fillna("?") + ") overlaps "
        + overlapping["stint_id_other"] + " on line " + overlapping["line_other"].astype("string")
        + "; a player's club spells cannot overlap unless one is a loan (on_loan = true): correct the "
        "dates or mark the loan"))


def _wrong_births(frames: Context, spells: pd.DataFrame) -> list[Violation]:
    """One problem at each birth date that two or more spells of its person contradict (`spells`: those spells)."""
    if spells.empty:
        return []
    spells = spells.sort_values("line")
    lines = spells.groupby("person_id")["line"].agg(listed)
    counts = spells.groupby("person_id").size()
    totals = frames["stints"].groupby("person_id").size()
    people = frames["people"].reset_index().drop_duplicates("person_id")
    people = people[people["person_id"].isin(counts.index)].copy()
    for column, values in (("spells", counts), ("of", totals), ("lines", lines)):
        people[column] = people["person_id"].map(values).astype("string")
    return violations("people", "stint-within-life", "birth_date", people, lambda people: (
        people["spells"] + " of the " + people["of"] + " spells of " + people["person_id"] + " in stints.csv (lines "
        + people["lines"] + ") start before they were " + str(MIN_AGE_YEARS) + " by this birth date; check the "
        "birth date, or those spells"))
