"""Synthetic data with the real schema, at any size, deterministic from a seed, for tests and benchmarks.

Careers are built to be consistent, so that every cross-table rule does real work and finds nothing: players
move between clubs in three-season spells that never overlap; each club-season has a squad of about 24
players and a head coach; every match draws its line-ups from the two squads; a team's score is the sum of
its players' goals; league and cup winners' squads receive honours, cup winners' with the final.
`inject` then plants mistakes of mixed kinds and returns where each one is, so tests can check they are found.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from schemas import TABLES_BY_NAME

TEAMS_PER_LEAGUE = 20
SEASONS = 30
FIRST_SEASON = 1990
SPELL_SEASONS = 3  # a player's and a coach's spell at a club
SPELLS_PER_CAREER = 5
NEW_PLAYERS_PER_TEAM_SEASON = 8  # with three-season spells: squads of 24
PLAYERS_PER_SIDE = 14  # 11 starters and 3 substitutes
APPEARANCES_PER_MATCH = 2 * (PLAYERS_PER_SIDE + 1)  # players and the head coach on each side
SOURCES = 10


@dataclass
class Mistake:
    file: str
    line: int
    rule: str


def generate(appearances: int, seed: int = 0) -> dict[str, pd.DataFrame]:
    """Every table as text cells, sorted by primary key, with about `appearances` appearances."""
    rng = np.random.default_rng(seed)
    matches_wanted = max(1, appearances // APPEARANCES_PER_MATCH)
    seasons = min(SEASONS, max(1, matches_wanted // 40))
    leagues = max(1, -(-matches_wanted // (seasons * TEAMS_PER_LEAGUE * (TEAMS_PER_LEAGUE - 1))))
    teams = _teams(leagues)
    squads, stints, people = _careers(rng, teams, seasons)
    coaches, coach_stints, coach_people = _coaches(teams, seasons)
    matches = _league_matches(rng, teams, seasons, leagues, matches_wanted)
    appearances_frame, matches = _appearances(rng, matches, squads, coaches)
    finals, honours = _honours(rng, teams, squads, coaches, seasons, leagues)
    tables = {
        "countries": _countries(leagues),
        "sources": _sources(),
        "people": pd.concat([people, coach_people]),
        "teams": teams,
        "competitions": _competitions(leagues),
        "stints": pd.concat([stints, coach_stints]),
        "matches": pd.concat([matches, finals]),
        "appearances": appearances_frame,
        "honours": honours,
        "milestones": _debuts(appearances_frame, matches),
    }
    return {name: _finish(name, frame, rng) for name, frame in tables.items()}


def write(tables: dict[str, pd.DataFrame], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, frame in tables.items():
        frame.to_csv(folder / f"{name}.csv", index=False, lineterminator="\n")


def inject(tables: dict[str, pd.DataFrame], count: int, seed: int = 0) -> list[Mistake]:
    """Plant `count` mistakes of mixed kinds, each on its own row; return where validate must report them."""
    rng = np.random.default_rng(seed + 1)
    kinds = [_set("stints", "role", "coach", "vocabulary"), _set("people", "wikidata_id", "Q0", "pattern"),
             _set("stints", "goals", "-1", "range"), _unknown_source("appearances"),
             _set("stints", "end_date", "1900", "stint-dates"), _bad_minute, _stray_whitespace, _same_teams,
             _too_many_goals, _unknown_source("honours")]
    per_kind = [count // len(kinds) + (1 if i < count % len(kinds) else 0) for i in range(len(kinds))]
    used: dict[str, set[int]] = {}
    mistakes = []
    for kind, n in zip(kinds, per_kind):
        mistakes += kind(tables, rng, n, used)
    return mistakes


# --- the tables ---------------------------------------------------------------------------------

def _finish(name: str, frame: pd.DataFrame, rng) -> pd.DataFrame:
    table = TABLES_BY_NAME[name]
    frame = frame.reindex(columns=table.columns).fillna("").astype(str)
    key = frame[table.primary_key[0]]
    for column in table.primary_key[1:]:
        key = key + "\x00" + frame[column]
    return frame.iloc[np.argsort(key.to_numpy(), kind="stable")].reset_index(drop=True)


def _code(i: np.ndarray | int) -> np.ndarray:
    i = np.asarray(i)
    letters = np.array(list("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    return np.char.add(np.char.add(letters[(i // 676) % 26], letters[(i // 26) % 26]), letters[i % 26])


def _countries(leagues: int) -> pd.DataFrame:
    codes = _code(np.arange(leagues))
    return pd.DataFrame({"country_code": codes, "name": np.char.add("Country ", codes),
                         "wikidata_id": [f"Q{800000 + i}" for i in range(leagues)],
                         "ids_source_id": "synthetic-source-07"})


def _sources() -> pd.DataFrame:
    return pd.DataFrame({"source_id": [f"synthetic-source-{i:02d}" for i in range(SOURCES)],
                         "url": [f"https://example.org/source/{i}" for i in range(SOURCES)],
                         "title": [f"Synthetic source {i}" for i in range(SOURCES)],
                         "publisher": "Example", "language": "en", "accessed": "2026-11-25"})


def _teams(leagues: int) -> pd.DataFrame:
    index = np.arange(leagues * TEAMS_PER_LEAGUE)
    return pd.DataFrame({"team_index": index, "league": index // TEAMS_PER_LEAGUE,
                         "team_id": [f"club-{i:05d}" for i in index], "name": [f"Club {i}" for i in index],
                         "kind": "club", "country": _code(index // TEAMS_PER_LEAGUE), "city": "Somewhere",
                         "wikidata_id": [f"Q{700000 + i}" for i in index], "transfermarkt_id": (index + 1).astype(str),
                         "ids_source_id": "synthetic-source-07"})


def _competitions(leagues: int) -> pd.DataFrame:
    league_ids = [f"league-{i:03d}" for i in range(leagues)]
    return pd.DataFrame({"competition_id": league_ids + ["synthetic-cup"],
                         "name": [f"League {i}" for i in range(leagues)] + ["Synthetic Cup"],
                         "kind": ["league"] * leagues + ["continental_club"],
                         "country": list(_code(np.arange(leagues))) + [""],
                         "confederation": [""] * leagues + ["UEFA"],
                         "wikidata_id": [f"Q{600000 + i}" for i in range(leagues + 1)],
                         "ids_source_id": "synthetic-source-07"})


def _season_label(year: np.ndarray) -> np.ndarray:
    year = np.asarray(year)
    return np.char.add(np.char.add(year.astype(str), "-"), np.char.zfill(((year + 1) % 100).astype(str), 2))


def _careers(rng, teams: pd.DataFrame, seasons: int):
    """Player spells: every club-season, 8 players start a three-season spell; spells chain into careers."""
    starts = np.arange(-(SPELL_SEASONS - 1), seasons)  # season indexes at which spells begin
    per_start = len(teams) * NEW_PLAYERS_PER_TEAM_SEASON
    slot = np.tile(np.arange(per_start), len(starts))
    start = np.repeat(starts, per_start)
    team = (slot // NEW_PLAYERS_PER_TEAM_SEASON + rng.integers(0, len(teams), per_start)[slot] * (start > 0)
            + start * 7) % len(teams)
    # Slot j's spell at start s continues the career of slot j at s - 3; a career has five spells.
    phase = (start + SPELL_SEASONS * 10) % SPELL_SEASONS
    step = (start + SPELL_SEASONS * 10) // SPELL_SEASONS
    career = (step // SPELLS_PER_CAREER) * (SPELL_SEASONS * per_start) + phase * per_start + slot
    person_ids = np.char.add("player-", np.char.zfill(career.astype(str), 7))
    year = FIRST_SEASON + start
    team_ids = teams["team_id"].to_numpy()[team]
    appearances = rng.integers(0, 100, len(slot))
    stints = pd.DataFrame({
        "stint_id": np.char.add(np.char.add(np.char.add(np.char.add(person_ids, "-"), team_ids), "-player-"),
                                year.astype(str)),
        "person_id": person_ids, "team_id": team_ids, "role": "player",
        "start_date": np.char.add(year.astype(str), "-07"),
        "end_date": np.char.add((year + SPELL_SEASONS).astype(str), "-06"),
        "on_loan": "false", "appearances": appearances.astype(str),
        "goals": np.minimum(rng.integers(0, 10, len(slot)), appearances).astype(str),
        "source_id": np.char.add("synthetic-source-0", (slot % SOURCES).astype(str)),
    })
    first_year = stints.groupby("person_id")["start_date"].min().str.slice(0, 4).astype(int)
    births = first_year - rng.integers(18, 23, len(first_year))
    people = pd.DataFrame({
        "person_id": first_year.index, "name": "Player " + first_year.index.str.slice(7),
        "birth_date": births.astype(str) + "-" + pd.Series(rng.integers(1, 13, len(births)), index=births.index)
        .astype(str).str.zfill(2) + "-15",
        "birth_place": "Somewhere", "nationality": "AAA",
        "position": rng.choice(["goalkeeper", "defender", "midfielder", "forward"], len(births)),
        "wikidata_id": "Q" + (1000000 + np.arange(len(births))).astype(str),
        "transfermarkt_id": (1000000 + np.arange(len(births))).astype(str), "ids_source_id": "synthetic-source-07",
        "source_id": "synthetic-source-00"})
    squads = pd.DataFrame({"person_id": np.repeat(person_ids, SPELL_SEASONS),
                           "team_id": np.repeat(team_ids, SPELL_SEASONS),
                           "season": np.repeat(start, SPELL_SEASONS) + np.tile(np.arange(SPELL_SEASONS), len(start))})
    squads = squads[(squads["season"] >= 0) & (squads["season"] < seasons)]
    squads["rank"] = squads.groupby(["team_id", "season"]).cumcount()
    return squads.reset_index(drop=True), stints, people


def _coaches(teams: pd.DataFrame, seasons: int):
    blocks = np.arange(0, seasons, SPELL_SEASONS)
    team = np.tile(teams["team_index"].to_numpy(), len(blocks))
    block = np.repeat(blocks, len(teams))
    coach = (team + block // SPELL_SEASONS * 3) % len(teams) + (block // (SPELL_SEASONS * 4)) * len(teams)
    person_ids = np.char.add("coach-", np.char.zfill(coach.astype(str), 6))
    team_ids = teams["team_id"].to_numpy()[team]
    year = FIRST_SEASON + block
    stints = pd.DataFrame({
        "stint_id": np.char.add(np.char.add(np.char.add(np.char.add(person_ids, "-"), team_ids), "-head-coach-"),
                                year.astype(str)),
        "person_id": person_ids, "team_id": team_ids, "role": "head_coach",
        "start_date": np.char.add(year.astype(str), "-07-01"),
        "end_date": np.char.add((year + SPELL_SEASONS).astype(str), "-06-30"), "source_id": "synthetic-source-01"})
    ids = np.unique(person_ids)
    people = pd.DataFrame({"person_id": ids, "name": np.char.add("Coach ", ids), "birth_date": "1950",
                           "nationality": "AAA", "wikidata_id": [f"Q{2000000 + i}" for i in range(len(ids))],
                           "ids_source_id": "synthetic-source-07", "source_id": "synthetic-source-00"})
    coaches = pd.DataFrame({"person_id": np.repeat(person_ids, SPELL_SEASONS),
                            "team_id": np.repeat(team_ids, SPELL_SEASONS),
                            "season": np.repeat(block, SPELL_SEASONS) + np.tile(np.arange(SPELL_SEASONS), len(block))})
    return coaches[coaches["season"] < seasons], stints, people


def _league_matches(rng, teams, seasons, leagues, wanted) -> pd.DataFrame:
    home, away = np.meshgrid(np.arange(TEAMS_PER_LEAGUE), np.arange(TEAMS_PER_LEAGUE))
    pairs = np.stack([home.ravel(), away.ravel()], axis=1)
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]
    per_league_season = min(len(pairs), -(-wanted // (leagues * seasons)))
    frames = []
    for league in range(leagues):
        for season in range(seasons):
            chosen = pairs[rng.permutation(len(pairs))[:per_league_season]]
            frames.append(pd.DataFrame({"league": league, "season_index": season,
                                        "home": chosen[:, 0] + league * TEAMS_PER_LEAGUE,
                                        "away": chosen[:, 1] + league * TEAMS_PER_LEAGUE}))
    matches = pd.concat(frames, ignore_index=True).iloc[:wanted]
    year = FIRST_SEASON + matches["season_index"].to_numpy()
    day = pd.to_datetime(pd.Series(year.astype(str)) + "-08-15") + pd.to_timedelta(rng.integers(0, 275, len(matches)), "D")
    ids = teams["team_id"].to_numpy()
    matches["date"] = day.dt.strftime("%Y-%m-%d").to_numpy()
    matches["home_team_id"], matches["away_team_id"] = ids[matches["home"]], ids[matches["away"]]
    matches["match_id"] = matches["date"] + "-" + matches["home_team_id"] + "-" + matches["away_team_id"]
    matches["competition_id"] = "league-" + matches["league"].astype(str).str.zfill(3)
    matches["season"] = _season_label(year)
    matches["stage"] = "league"
    matches["venue"], matches["city"], matches["source_id"] = "Stadium", "Somewhere", "synthetic-source-02"
    return matches


def _appearances(rng, matches: pd.DataFrame, squads: pd.DataFrame, coaches: pd.DataFrame):
    sides = []
    for side in ("home", "away"):
        lineup = matches[["match_id", f"{side}_team_id", "season_index"]].set_axis(
            ["match_id", "team_id", "season"], axis=1)
        lineup["turn"] = np.arange(len(lineup))
        players = lineup.merge(squads, on=["team_id", "season"])
        size = players.groupby(["match_id"])["rank"].transform("size")
        players = players[(players["rank"] + players["turn"]) % size < PLAYERS_PER_SIDE].copy()
        order = players.groupby("match_id").cumcount()
        players["role"] = "player"
        players["lineup"] = np.where(order < 11, "starter", "substitute")
        players["minute_on"] = np.where(order < 11, "", rng.integers(46, 90, len(players)).astype(str))
        players["goals"] = rng.binomial(1, 0.06, len(players))
        bench = lineup.merge(coaches, on=["team_id", "season"]).assign(role="head_coach")
        sides += [players, bench]
    appearances = pd.concat(sides, ignore_index=True)
    appearances["source_id"] = "synthetic-source-03"
    scores = appearances[appearances["role"] == "player"].groupby(["match_id", "team_id"])["goals"].sum()
    for side in ("home", "away"):
        key = pd.MultiIndex.from_arrays([matches["match_id"], matches[f"{side}_team_id"]])
        matches[f"{side}_score"] = scores.reindex(key).fillna(0).astype(int).to_numpy()
    appearances["goals"] = appearances["goals"].astype("Int64").astype(str).where(appearances["role"] == "player", "")
    return appearances, matches


def _honours(rng, teams, squads, coaches, seasons, leagues):
    ids = teams["team_id"].to_numpy()
    season = np.arange(seasons)
    year = FIRST_SEASON + season
    # The cup final: two clubs of league 0, a 2-1 win for the first.
    winner, loser = season % TEAMS_PER_LEAGUE, (season + 1) % TEAMS_PER_LEAGUE
    finals = pd.DataFrame({"date": np.char.add((year + 1).astype(str), "-05-28"), "competition_id": "synthetic-cup",
                           "season": _season_label(year), "stage": "final", "home_team_id": ids[winner],
                           "away_team_id": ids[loser], "home_score": 2, "away_score": 1, "venue": "Final Stadium",
                           "city": "Somewhere", "source_id": "synthetic-source-04"})
    finals["match_id"] = finals["date"] + "-" + finals["home_team_id"] + "-" + finals["away_team_id"]
    champions = pd.DataFrame({"season": np.tile(season, leagues), "league": np.repeat(np.arange(leagues), seasons)})
    champions["team_id"] = ids[champions["league"] * TEAMS_PER_LEAGUE + (champions["season"] * 3) % TEAMS_PER_LEAGUE]
    champions["competition_id"] = "league-" + champions["league"].astype(str).str.zfill(3)
    cup = pd.concat([
        pd.DataFrame({"season": season, "team_id": ids[winner], "result": "winner"}),
        pd.DataFrame({"season": season, "team_id": ids[loser], "result": "runner_up"})])
    cup["competition_id"], cup["final_match_id"] = "synthetic-cup", np.tile(finals["match_id"].to_numpy(), 2)
    won = pd.concat([champions.assign(result="winner"), cup], ignore_index=True)
    people = pd.concat([squads.assign(role="player"), coaches.assign(role="head_coach")])
    honours = won.merge(people[["person_id", "team_id", "season", "role"]], on=["team_id", "season"])
    honours["season"] = _season_label(FIRST_SEASON + honours["season"].to_numpy())
    honours["honour_id"] = honours["person_id"] + "-" + honours["competition_id"] + "-" + honours["season"]
    honours["source_id"] = "synthetic-source-05"
    return finals, honours.drop_duplicates("honour_id")


def _debuts(appearances: pd.DataFrame, matches: pd.DataFrame) -> pd.DataFrame:
    """Each player's first appearance in the data as his senior debut."""
    players = appearances[appearances["role"] == "player"][["match_id", "person_id"]]
    dated = players.merge(matches[["match_id", "date"]], on="match_id").sort_values(["date", "match_id"])
    debuts = dated.drop_duplicates("person_id")[["person_id", "match_id"]]
    return debuts.assign(milestone="senior_debut", source_id="synthetic-source-06")


# --- mistakes -----------------------------------------------------------------------------------

def _rows(tables, table, rng, n, used, where=None) -> np.ndarray:
    frame = tables[table]
    candidates = np.arange(len(frame)) if where is None else np.flatnonzero(where(frame).to_numpy())
    taken = used.setdefault(table, set())
    candidates = np.array([c for c in rng.permutation(candidates)[: n * 3 + 10] if c not in taken])[:n]
    taken.update(candidates.tolist())
    return candidates.astype(int)


def _plant(tables, table, rows, column, values, rule) -> list[Mistake]:
    frame = tables[table]
    frame.iloc[rows, frame.columns.get_loc(column)] = values
    return [Mistake(f"data/{table}.csv", int(row) + 2, rule) for row in rows]


def _set(table: str, column: str, value: str, rule: str):
    """A kind of mistake that writes one wrong value into `column` of random rows of `table`."""
    def plant(tables, rng, n, used):
        return _plant(tables, table, _rows(tables, table, rng, n, used), column, value, rule)
    return plant


def _unknown_source(table: str):
    """Rows citing a source no row of sources.csv has, each another (rows citing one id are one message)."""
    def plant(tables, rng, n, used):
        rows = _rows(tables, table, rng, n, used)
        return _plant(tables, table, rows, "source_id", np.char.add("no-such-source-", rows.astype(str)), "foreign-key")
    return plant


def _bad_minute(tables, rng, n, used):
    rows = _rows(tables, "appearances", rng, n, used, where=lambda f: f["lineup"] == "substitute")
    return _plant(tables, "appearances", rows, "minute_on", "sixty", "type")


def _stray_whitespace(tables, rng, n, used):
    rows = _rows(tables, "people", rng, n, used)
    names = tables["people"].iloc[rows]["name"].to_numpy()
    return _plant(tables, "people", rows, "name", np.char.add(names.astype(str), " "), "whitespace")


def _same_teams(tables, rng, n, used):
    rows = _rows(tables, "matches", rng, n, used, where=lambda f: f["stage"] == "league")
    home = tables["matches"].iloc[rows]["home_team_id"].to_numpy()
    return _plant(tables, "matches", rows, "away_team_id", home, "match-teams")


def _too_many_goals(tables, rng, n, used):
    frame = tables["appearances"]
    players = frame["role"] == "player"
    first = players & ~frame[["match_id", "team_id"]].where(players).duplicated()  # each side's first player row
    rows = _rows(tables, "appearances", rng, n, used, where=lambda f: first)
    return _plant(tables, "appearances", rows, "goals", "30", "goals-within-score")
