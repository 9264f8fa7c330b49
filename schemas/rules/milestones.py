"""Milestones: the person took part in the match, in the right role, and no appearance contradicts it
(an earlier appearance than a debut, a later one than a last match)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from schemas.rules.registry import Context, Violation, day, rule, text, violations
from schemas.vocabularies import COACHING_MILESTONES, MILESTONES, ONCE_PER_CAREER, ROLES

COACHING_ROLES = ("head_coach", "caretaker_coach")
NATIONAL = ("national_team_debut", "national_team_last")
# where the people with milestones have more than this share of the appearances, all of them are compared
MOST = 0.5
# milestone -> (the appearances it is compared with, whether they must all come after it)
FIRST_OR_LAST = {"senior_debut": True, "last_match_as_player": False, "national_team_debut": True,
                 "national_team_last": False, "first_match_as_coach": True, "last_match_as_coach": False}


def milestone_rows(frames: Context) -> pd.DataFrame:
    """Each milestone with its line, the person's position in people.csv, the person's appearance in the match
    (team, role; the first one if the key repeats) and the match date; `appearance_line` is empty where the
    person has no appearance in the match."""
    def make() -> pd.DataFrame:
        rows = frames["milestones"].reset_index()
        rows["person_position"] = frames.position("milestones", "person_id")
        appearances = milestone_people_appearances(frames)
        match = frames.position("milestones", "match_id")
        # the appearances in the milestones' matches: the few among which each milestone's is looked for
        near = np.flatnonzero(np.isin(appearances["match_position"].to_numpy(), match[match >= 0]))
        found = _first_with_key(_match_person_key(appearances["match_position"].to_numpy()[near],
                                                  appearances["person_position"].to_numpy()[near], frames),
                                _match_person_key(match, rows["person_position"], frames))
        absent = found < 0
        found = np.where(absent, -1, near[np.maximum(found, 0)]) if len(near) else found
        picked = appearances.iloc[np.maximum(found, 0)] if len(appearances) else appearances.reindex(found)
        for column in ("team_id", "role"):  # the texts of the few picked rows, taken from appearances.csv's frame
            rows[column] = _texts(frames, column, picked["appearance"]) if len(appearances) else None
        rows["date"] = picked["date"].to_numpy()
        for column in ("team_id", "role", "date"):
            rows.loc[absent, column] = None
        rows["team"] = np.where(absent, -1, picked["team"].to_numpy())
        rows["appearance_line"] = pd.array(picked["line"].to_numpy(), dtype="Int64")
        rows.loc[absent, "appearance_line"] = pd.NA
        return rows
    return frames.memo("milestone_rows", make)


def _match_person_key(match_position, person_position, frames: Context) -> np.ndarray:
    """One integer for a (match, person) pair of positions; -1 where either is unknown."""
    match_position, person_position = np.asarray(match_position), np.asarray(person_position)
    key = match_position.astype("int64") * (len(frames["people"]) + 1) + person_position
    return np.where((match_position >= 0) & (person_position >= 0), key, -1)


def _first_with_key(keys: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """For each wanted key, the position of the first of `keys` equal to it, or -1."""
    if not len(keys):
        return np.full(len(wanted), -1)
    order = np.argsort(keys, kind="stable")  # stable: among equal keys, the first in the file comes first
    sorted_keys = keys[order]
    at = np.minimum(np.searchsorted(sorted_keys, wanted), len(keys) - 1)
    return np.where((wanted >= 0) & (sorted_keys[at] == wanted), order[at], -1)


def milestone_people_appearances(frames: Context) -> pd.DataFrame:
    """The appearances the milestone rules compare with, held as numbers: `appearance`, the row's position in
    appearances.csv's frame, where its texts are; `team`, the code of its team_id (equal ids, equal codes, dangling
    ones too); whether its role is a player's or a coach's. Those of the people who have milestones, where they are
    few; where they are most (a debut and a last match for nearly everyone), all of them, as columns of
    `appearances_with_matches` and the codes, not copied: the rules look them up by the milestones' people, and a
    copy of most of a million rows was half of the milestone rules' time."""
    def make() -> pd.DataFrame:
        rows = frames.appearances_with_matches
        team_codes, _ = frames.codes.of("appearances", "team_id")
        is_player, is_coaching = (frames.appearances_holding("role", wanted) for wanted in (["player"], COACHING_ROLES))
        columns = pd.DataFrame({"line": rows["line"].to_numpy(), "match_position": rows["match_position"].to_numpy(),
                                "person_position": rows["person_position"].to_numpy(),
                                "date": rows["date"].to_numpy(),
                                "appearance": rows.index.to_numpy(),  # the frame's rows are appearances.csv's
                                "team": frames.of_known_matches(team_codes),
                                "is_player": is_player, "is_coaching": is_coaching}, copy=False)
        people = np.unique(frames.position("milestones", "person_id"))
        keep = np.isin(columns["person_position"].to_numpy(), people[people >= 0])
        return columns if not len(keep) or keep.mean() > MOST else columns[keep]
    return frames.memo("milestone_people_appearances", make)


def _texts(frames: Context, column: str, appearance: pd.Series) -> pd.api.extensions.ExtensionArray:
    """The cells of `column` of appearances.csv at the given positions of its frame."""
    return frames["appearances"][column].iloc[appearance.to_numpy()].array


@rule("milestone-appearance", "milestones", "appearances", "matches", "people")
def milestone_appearance(frames: Context) -> list[Violation]:
    rows = milestone_rows(frames)
    # a match or a person id that names no row is reported as such (foreign-key)
    known = (frames.position("milestones", "match_id") >= 0) & (rows["person_position"].to_numpy() >= 0)
    absent = rows[known & rows["appearance_line"].isna().to_numpy(dtype=bool)
                  & ~_may_be_an_appearance_with_a_wrong_id(frames)]
    found = violations("milestones", "milestone-appearance", "match_id", absent, lambda absent: (
        absent["person_id"] + " has no row in appearances.csv for this match; add the appearance, "
        "or correct the match"))
    coaching = rows["milestone"].isin(COACHING_MILESTONES)
    # a milestone or a role not in its vocabulary is reported as such (vocabulary), not judged here too
    judged = rows["milestone"].isin(list(MILESTONES)) & rows["role"].isin(list(ROLES))
    wrong_role = rows[rows["appearance_line"].notna() & judged & (
        (coaching & ~rows["role"].isin(COACHING_ROLES)) | (~coaching & (rows["role"] != "player")))]
    found += violations("milestones", "milestone-appearance", "milestone", wrong_role, lambda wrong_role: (
        "a " + wrong_role["milestone"] + " needs an appearance as " + pd.Series(
            ["head_coach or caretaker_coach" if m in COACHING_MILESTONES else "player"
             for m in wrong_role["milestone"]], index=wrong_role.index, dtype="string")
        + ", but the appearance (line " + wrong_role["appearance_line"].astype("Int64").astype("string")
        + ") is as " + text(wrong_role["role"]) + "; correct the milestone or the appearance"))
    if "teams" in frames.frames:
        kinds = frames["teams"].drop_duplicates("team_id").set_index("team_id")["kind"]
        national = rows[rows["milestone"].isin(NATIONAL) & rows["team_id"].notna()]
        clubs = national[national["team_id"].map(kinds).eq("club").fillna(False).astype(bool)]
        found += violations("milestones", "milestone-appearance", "milestone", clubs, lambda clubs: (
            "a " + clubs["milestone"] + " is a match for a national team, but the appearance is for "
            "the club " + clubs["team_id"] + "; correct the milestone or the appearance"))
    return found


def _may_be_an_appearance_with_a_wrong_id(frames: Context) -> np.ndarray:
    """For each milestone, whether its appearance may be a row whose match or person id names no row (reported as
    such): the person has an appearance in a match not in matches.csv, or the match one of a person not in
    people.csv. A typo in the appearance is one message, not also a milestone without its appearance."""
    match, person = frames.position("appearances", "match_id"), frames.position("appearances", "person_id")
    milestone_match = frames.position("milestones", "match_id")
    milestone_person = frames.position("milestones", "person_id")
    return (np.isin(milestone_person, person[match < 0]) | np.isin(milestone_match, match[person < 0])) \
        if (match < 0).any() or (person < 0).any() else np.zeros(len(milestone_match), dtype=bool)


def repeated_milestones(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows that repeat a once-per-career milestone already given above (once per national team for caps)."""
    rows = rows[rows["milestone"].isin(ONCE_PER_CAREER)].copy()
    rows["scope"] = rows["team_id"].where(rows["milestone"].isin(NATIONAL), "").fillna("")
    return rows[rows.duplicated(["person_id", "milestone", "scope"])]


@rule("milestone-once", "milestones", "appearances", "matches", "people")
def milestone_once(frames: Context) -> list[Violation]:
    again = repeated_milestones(milestone_rows(frames))
    return violations("milestones", "milestone-once", "milestone", again, lambda again: (
        again["person_id"] + " has another " + again["milestone"] + " above; a career has one: keep "
        "the right match and delete the other row"))


@rule("milestone-first-last", "milestones", "appearances", "matches", "stints", "people")
def milestone_first_last(frames: Context) -> list[Violation]:
    """A debut has no earlier appearance of its kind, a last match no later one: as a player for any team (senior
    debut, last match), for the national team (caps), or in charge of the team during the same spell (coaching)."""
    rows = milestone_rows(frames)
    rows = rows.loc[rows["milestone"].isin(list(FIRST_OR_LAST)) & rows["date"].notna()
                    & ~rows["line"].isin(repeated_milestones(rows)["line"]),  # a repeat is reported once, as such
                    ["line", "person_id", "match_id", "milestone", "person_position", "team_id", "team", "date"]]
    appearances = milestone_people_appearances(frames)
    if frames.out_of_season.any():  # a match dated outside its season (match-season): its day is not to be trusted
        match = frames.position("milestones", "match_id")[rows.index.to_numpy()]  # -1, -2: no such match
        rows = rows[(match < 0) | ~frames.out_of_season[np.maximum(match, 0)]]
        appearances = appearances[~frames.out_of_season[appearances["match_position"].to_numpy()]]
    # an appearance on an unknown day contradicts nothing
    players = Players(appearances, np.flatnonzero(appearances["is_player"].to_numpy()
                                                  & appearances["date"].notna().to_numpy()),
                      len(frames.codes.of("appearances", "team_id")[1]))
    coaching = rows[rows["milestone"].isin(COACHING_MILESTONES)]
    # both coaching kinds beside the spells' other appearances at once: the spells and appearances a milestone is
    # set beside do not depend on its kind, and the joins were most of the rule's time on the committed data
    in_spells = _in_the_same_spell(coaching, appearances[appearances["is_coaching"].to_numpy()], frames) \
        if len(coaching) else None
    found = []
    for milestone, is_first in FIRST_OR_LAST.items():
        these = rows[rows["milestone"] == milestone]
        if these.empty:
            continue
        if milestone in COACHING_MILESTONES:
            others = in_spells[in_spells["milestone"] == milestone]
        else:
            others = _beside_extreme_appearance(these, players, milestone in NATIONAL, is_first)
        contradicted = others[others["other_date"] < others["date"]] if is_first else \
            others[others["other_date"] > others["date"]]
        if contradicted.empty:
            continue
        if milestone in COACHING_MILESTONES:  # wrong only if wrong in every spell that may hold the match
            spells = others.groupby("line")["spell"].nunique()
            against = contradicted.groupby("line")["spell"].nunique()
            contradicted = contradicted[contradicted["line"].map(against).eq(contradicted["line"].map(spells))]
        contradicted = contradicted.sort_values("other_date", ascending=is_first).drop_duplicates("line")
        word = "earlier" if is_first else "later"
        found += violations("milestones", "milestone-first-last", "match_id", contradicted, lambda contradicted: (
            "appearances.csv line " + contradicted["other_line"].astype("string") + " is " + word
            + " (" + day(contradicted["other_date"]) + ") than this " + milestone + " ("
            + day(contradicted["date"]) + "); correct the milestone or that appearance"))
    return found


class Players:
    """The dated appearances as a player that milestones are compared with (`rows`, positions in `appearances`),
    grouped by person, or by person and team for caps, once for each, as the milestone kinds need them."""

    def __init__(self, appearances: pd.DataFrame, rows: np.ndarray, teams: int):
        self.appearances, self.rows, self.teams = appearances, rows, teams
        self.days = appearances["date"].to_numpy()[rows].view("int64")
        self._grouped: dict[bool, tuple[np.ndarray, np.ndarray]] = {}

    def grouped(self, national: bool) -> tuple[np.ndarray, np.ndarray]:
        """Each row's code among the distinct keys, and the distinct keys in ascending order."""
        if national not in self._grouped:
            self._grouped[national] = pd.factorize(_person_key(self.appearances, national, self.teams)[self.rows],
                                                   sort=True)
        return self._grouped[national]

    def extreme(self, national: bool, is_first: bool) -> tuple[np.ndarray, np.ndarray]:
        """The distinct keys in ascending order, and for each the position in `appearances` of its earliest (or
        latest) day, the first in the file of two on one day: each key's extreme day, then the first row holding
        it, both by ufunc.at over the keys' codes (a pandas grouping's idxmin of the copied rows took twice as
        long)."""
        codes, distinct = self.grouped(national)
        extreme = np.full(len(distinct), np.iinfo(np.int64).max if is_first else np.iinfo(np.int64).min)
        (np.minimum if is_first else np.maximum).at(extreme, codes, self.days)
        reached = np.flatnonzero(self.days == extreme[codes])
        first = np.full(len(distinct), len(self.rows))
        np.minimum.at(first, codes[reached], reached)
        return np.asarray(distinct), self.rows[first]


def _beside_extreme_appearance(milestones: pd.DataFrame, players: Players, national: bool,
                               is_first: bool) -> pd.DataFrame:
    """Each milestone beside its person's earliest (or latest) appearance as a player, at its team for caps: the
    one appearance that can contradict it most. Found on the numbers: each milestone's key looked up among the
    persons' keys (four sorts, renames and joins of frames were a third of the rule's time on the committed data)."""
    extreme_keys, picked = players.extreme(national, is_first)
    wanted = _person_key(milestones, national, players.teams)
    at = np.minimum(np.searchsorted(extreme_keys, wanted), max(len(extreme_keys) - 1, 0))
    known = (wanted >= 0) & (extreme_keys[at] == wanted) if len(extreme_keys) else np.zeros(len(wanted), dtype=bool)
    picked = picked[at[known]]
    return milestones[known].assign(other_date=players.appearances["date"].to_numpy()[picked],
                                    other_line=players.appearances["line"].to_numpy()[picked])


def _person_key(rows: pd.DataFrame, national: bool, teams: int) -> np.ndarray:
    """One integer per row for its person (a position in people.csv), with its team for caps (one of the `teams`
    codes of appearances' team_id, -1 where none); negative where the person is unknown."""
    person = rows["person_position"].to_numpy().astype("int64")
    if not national:
        return person
    return person * (teams + 1) + rows["team"].to_numpy().astype("int64") + 1


def _in_the_same_spell(milestones: pd.DataFrame, coaching: pd.DataFrame, frames: Context) -> pd.DataFrame:
    """Each coaching milestone beside every other coaching appearance at its team that certainly falls in the
    spell that may cover the milestone (an appearance in a month shared by two spells may be either's)."""
    spans = frames.stint_spans
    spans = spans[spans["role"].isin(COACHING_ROLES)][["line", "person_id", "team_id", "start_lo", "start_hi",
                                                       "end_lo", "end_hi"]].rename(columns={"line": "spell"})
    spells = milestones.merge(spans, on=["person_id", "team_id"])
    spells = spells[(spells["start_lo"] <= spells["date"]) & (spells["date"] <= spells["end_hi"])]
    coaching = pd.DataFrame({"person_id": _texts(frames, "person_id", coaching["appearance"]),
                             "team_id": _texts(frames, "team_id", coaching["appearance"]),
                             "other_date": coaching["date"].to_numpy(), "other_line": coaching["line"].to_numpy()})
    others = spells.merge(coaching, on=["person_id", "team_id"])
    # keep one row per spell even when no other appearance falls in it, so that every spell is counted
    inside = (others["start_hi"] <= others["other_date"]) & (others["other_date"] <= others["end_lo"])
    return others[inside | ~others["spell"].isin(others.loc[inside, "spell"])].assign(
        other_date=lambda rows: rows["other_date"].where(inside))
