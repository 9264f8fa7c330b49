"""Which stints may cover a fact: the person at the team, in a compatible role, over the fact's days."""

from __future__ import annotations

import numpy as np
import pandas as pd

from schemas import dates
from schemas.rules.registry import POSITION, Context
from schemas.vocabularies import COMPATIBLE_STINT_ROLES, ROLES

# Each stint serves the fact roles (as codes) whose compatible stint roles include its own.
# A stint whose role is not in the vocabulary (reported as such) is given the benefit of the doubt: it serves all.
SERVES = pd.DataFrame([(list(ROLES).index(role), stint_role) for role, stint_roles in COMPATIBLE_STINT_ROLES.items()
                       for stint_role in stint_roles], columns=["fact_role", "role"])
UNKNOWN_ROLE = "\x00unknown"
SERVES = pd.concat([SERVES, pd.DataFrame({"fact_role": range(len(ROLES)), "role": UNKNOWN_ROLE})], ignore_index=True)
ROLE_CODES = len(ROLES) + 1  # a code for each role, and the last for an empty or unknown one, which no stint serves
# a table with a slot for every possible stint key, when it holds at most this many slots per fact, or this many
DENSE_KEYS_PER_FACT, DENSE_KEYS_ALWAYS = 4, 1 << 20


def covering_stints(facts: pd.DataFrame, context: Context, start: str, end: str,
                    coded_roles: tuple[np.ndarray, pd.Index] | None = None) -> np.ndarray:
    """For each row of `facts` (person_position, team_position, role, and [start, end] day columns), whether a
    stint of that person at that team, in a compatible role, may cover it. Facts may be millions of rows: each
    looks its candidate stints up by an integer key in the sorted stints, with no join. Facts whose person or
    team is unknown count as covered (the foreign-key rule reports them), and so do facts whose day or role is not
    known;
    a stint whose start is unknown may have begun any day before its end. `coded_roles`: the roles' codes and
    distinct values (as pd.factorize gives them), where the caller has them already."""
    teams = len(context["teams"]) + 1
    person, team = facts["person_position"].to_numpy(), facts["team_position"].to_numpy()
    fact_start, fact_end = facts[start].to_numpy(), facts[end].to_numpy()
    spans = context.stint_spans
    stint_person, stint_team = context.position("stints", "person_id"), context.position("stints", "team_id")
    stint_known = (stint_person >= 0) & (stint_team >= 0)
    stint_roles = spans["role"].where(spans["role"].isin(list(ROLES)), UNKNOWN_ROLE).to_numpy()
    # an unknown start may be any day before the end; a spell that ends before it starts may cover any day, as
    # either date may be the wrong one
    every_stint = pd.DataFrame({"person": stint_person, "team": stint_team, "role": stint_roles,
                                "start_lo": spans["start_lo"].where(~spans["backwards"]).fillna(dates.OPEN_START),
                                "end_hi": spans["end_hi"].to_numpy()})
    stints = every_stint[stint_known].merge(SERVES, on="role")
    stints["key"] = (stints["person"].astype("int64") * teams + stints["team"]) * ROLE_CODES + stints["fact_role"]
    stints = stints.sort_values("key", kind="stable")
    keys, stint_start, stint_end = (stints[c].to_numpy() for c in ("key", "start_lo", "end_hi"))
    fact_roles = _fact_roles(coded_roles or pd.factorize(facts["role"]))
    # the facts' keys live only as long as the lookup
    first, count = _candidates(keys, _fact_keys(person, team, fact_roles, teams))
    # unknown days, and a role that is empty or not in the vocabulary (reported as such): no judgement
    covered = (person < 0) | (team < 0) | pd.isna(fact_start) | pd.isna(fact_end) | (fact_roles == len(ROLES))
    # each round's candidate stint and its first, then its last day, in arrays made once and filled in place: at ten
    # million facts each new array is 80 MB of memory touched for the first time, dearer than the arithmetic
    candidate = np.empty_like(first)
    candidate_day = np.empty(len(first), np.result_type(stint_start, stint_end))
    for k in range(int(count.max(initial=0))):  # over the stints a fact may match (a handful), not over rows
        np.minimum(first + k if k else first, len(keys) - 1, out=candidate)
        np.take(stint_start, candidate, out=candidate_day, mode="clip")
        may_cover = (count > k) & (candidate_day <= fact_end)
        np.take(stint_end, candidate, out=candidate_day, mode="clip")
        covered |= may_cover & (candidate_day >= fact_start)
    if not stint_known.all() and not covered.all():
        uncovered = np.flatnonzero(~covered)
        facts_left = pd.DataFrame({"fact": uncovered, "person": person[uncovered], "team": team[uncovered],
                                   "fact_role": fact_roles[uncovered],
                                   "start": fact_start[uncovered], "end": fact_end[uncovered]})
        doubtful = every_stint[~stint_known].merge(SERVES, on="role")
        covered[_covered_by_doubtful_stints(facts_left, doubtful)] = True
    return covered


def _covered_by_doubtful_stints(facts: pd.DataFrame, stints: pd.DataFrame) -> np.ndarray:
    """The facts (by position) covered by a stint whose person or team id matches no row or is empty (reported as
    such): its person may be anyone, or its team any team, so it covers the facts of its person (or of anyone) at
    its team (or at any) in a compatible role over its days. A team id typed wrong in one spell had each of its
    appearances and honours reported as not covered too. The facts are those no other stint covered, and the
    stints few: each kind is joined on the ids it knows."""
    found = []
    for known in (["person"], ["team"], []):  # the ids the stint knows: one of them, or neither
        unknown = [column for column in ("person", "team") if column not in known]
        kind = stints[np.logical_and.reduce([stints[c].to_numpy() >= 0 for c in known]
                                            + [stints[c].to_numpy() < 0 for c in unknown])]
        pairs = facts.merge(kind.drop(columns=unknown), on=known + ["fact_role"])
        found.append(pairs.loc[(pairs["start_lo"] <= pairs["end"]) & (pairs["end_hi"] >= pairs["start"]), "fact"])
    return np.concatenate([f.to_numpy() for f in found])


def _fact_keys(person: np.ndarray, team: np.ndarray, fact_roles: np.ndarray, teams: int) -> np.ndarray:
    """(person * teams + team) * roles + role for each fact, computed in place in one new array."""
    keys = person.astype("int64")
    keys *= teams
    keys += team
    keys *= ROLE_CODES
    keys += fact_roles
    return keys


def _fact_roles(coded_roles: tuple[np.ndarray, pd.Index]) -> np.ndarray:
    """Each fact's role as its code in ROLES (an empty or unknown role: the last code, which no stint serves)."""
    role_codes, role_names = coded_roles  # few distinct roles: each mapped once
    role_of_name = pd.Index(list(ROLES)).get_indexer(role_names)
    return np.append(np.where(role_of_name < 0, len(ROLES), role_of_name), len(ROLES)).astype(np.int8)[role_codes]


def _candidates(keys: np.ndarray, fact_keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each fact key, where its stints begin among the sorted stint `keys`, and how many there are. Where the
    keys are few enough, a table with a slot for every key answers each fact at once; beyond that (ten million
    appearances of forty thousand people), each distinct fact key is looked up once."""
    space = int(keys.max(initial=-1)) + 1
    if space <= DENSE_KEYS_PER_FACT * len(fact_keys) + DENSE_KEYS_ALWAYS:
        return candidates_by_table(keys, fact_keys)
    return candidates_by_distinct_key(keys, fact_keys)


def candidates_by_table(keys: np.ndarray, fact_keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    space = int(keys.max(initial=-1)) + 1
    distinct, first_of_key, count_of_key = np.unique(keys, return_index=True, return_counts=True)
    first_table = np.zeros(space + 1, dtype=POSITION)  # the last slot: a key no stint has
    count_table = np.zeros(space + 1, dtype=POSITION)
    first_table[distinct], count_table[distinct] = first_of_key, count_of_key
    slot = np.where((fact_keys >= 0) & (fact_keys < space), fact_keys, space)
    return first_table[slot], count_table[slot]


def candidates_by_distinct_key(keys: np.ndarray, fact_keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    fact_codes, distinct = pd.factorize(fact_keys)  # facts share few keys: look each distinct key up once
    first_of_key = np.searchsorted(keys, distinct, side="left").astype(POSITION)
    count_of_key = np.searchsorted(keys, distinct, side="right").astype(POSITION) - first_of_key
    return first_of_key[fact_codes], count_of_key[fact_codes]
