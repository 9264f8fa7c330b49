"""What the data covers, generated into docs/coverage.md between markers (the rest of the page is curated):
rows per person, the milestone matches present and missing for each researched person, the Juventus squads
of 1991-96 checked against the season pages, and the external ids."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pandas as pd

from schemas import dates
from schemas.vocabularies import MILESTONES

PLAYING = {"player"}
COACHING = {"head_coach", "caretaker_coach", "assistant_coach", "technical_staff", "youth_coach",
            "youth_coordinator", "sporting_director"}
IN_CHARGE = ("head_coach", "caretaker_coach")
AGE_GROUP = re.compile(r"-(?:u\d+|olympic|b)$")  # italy-u21, italy-olympic, italy-b: not the senior side
MARKER = re.compile(r"<!-- generated:(?P<name>[a-z-]+) .*?-->\n.*?<!-- /generated:(?P=name) -->", re.S)
MILESTONE_GAPS = "docs/milestone-gaps.csv"  # person_id,milestone,team_id,stint_id,reason (curated)
SQUADS = "docs/squads.csv"  # the season squads read from the cited season pages (curated)
ID_GAPS = "docs/id-gaps.csv"  # table,id,reason: why a team or competition has no external id (curated)


def rewrite(document: str, frames: dict[str, pd.DataFrame], root: Path) -> str:
    """The document with every generated block replaced by its current content."""
    sections = {"people": people_table(frames), "milestones": milestones_section(frames, root),
                "squads": squads_section(frames, root), "ids": ids_section(frames, root)}

    def replace(found: re.Match) -> str:
        name = found["name"]
        return (f"<!-- generated:{name} (by `make format`; do not edit by hand) -->\n{sections[name]}\n"
                f"<!-- /generated:{name} -->")
    return MARKER.sub(replace, document)


# --- rows per person -----------------------------------------------------------------------------

def counts(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Per person: playing and coaching stints, honours won and lost, finals and other matches, milestones."""
    people = frames["people"].set_index("person_id")
    stints, honours, appearances = frames["stints"], frames["honours"], frames["appearances"]
    matches = frames["matches"].set_index("match_id")
    staged = appearances.join(matches["stage"], on="match_id")
    table = pd.DataFrame(index=people.index)
    table["name"] = people["name"]
    table["playing stints"] = stints[stints["role"].isin(PLAYING)].groupby("person_id").size()
    table["coaching and staff stints"] = stints[stints["role"].isin(COACHING)].groupby("person_id").size()
    table["honours won"] = honours[honours["result"] == "winner"].groupby("person_id").size()
    table["finals lost, other places"] = honours[honours["result"] != "winner"].groupby("person_id").size()
    table["finals taken part in"] = staged[staged["stage"] == "final"].groupby("person_id").size()
    table["other matches"] = staged[staged["stage"] != "final"].groupby("person_id").size()
    table["milestones"] = frames["milestones"].groupby("person_id").size()
    return table.fillna(0).astype({c: int for c in table.columns if c != "name"})


def people_table(frames: dict[str, pd.DataFrame]) -> str:
    table = counts(frames)
    columns = list(table.columns)
    lines = ["| person | " + " | ".join(columns[1:]) + " |", "|---" * len(columns) + "|"]
    for person_id, row in table.iterrows():
        lines.append(f"| {row['name']} (`{person_id}`) | " + " | ".join(str(row[c]) for c in columns[1:]) + " |")
    return "\n".join(lines)


# --- milestones ----------------------------------------------------------------------------------

def expected_milestones(frames: dict[str, pd.DataFrame], person_id: str) -> list[tuple[str, str, str]]:
    """(milestone, team_id, stint_id) that a career of these stints has: debuts and a last match for a player,
    a first and last cap for each senior national side, and a first (and, once over, last) match of each spell
    in charge of a team."""
    kinds = frames["teams"].drop_duplicates("team_id").set_index("team_id")["kind"]
    stints = frames["stints"][frames["stints"]["person_id"] == person_id]
    kind = stints["team_id"].map(kinds)
    expected = []
    clubs = stints[(stints["role"] == "player") & (kind == "club")]
    if len(clubs):
        expected += [("senior_debut", "", ""), ("top_division_debut", "", "")]
        if not clubs["ongoing"].fillna(False).astype(bool).any():
            expected.append(("last_match_as_player", "", ""))
    national = stints[(stints["role"] == "player") & (kind == "national_team")
                      & ~stints["team_id"].str.contains(AGE_GROUP)]
    for team in dict.fromkeys(national["team_id"]):
        expected += [("national_team_debut", team, ""), ("national_team_last", team, "")]
    for stint in stints[stints["role"].isin(IN_CHARGE)].itertuples():
        expected.append(("first_match_as_coach", stint.team_id, stint.stint_id))
        if not (pd.notna(stint.ongoing) and stint.ongoing):
            expected.append(("last_match_as_coach", stint.team_id, stint.stint_id))
    return expected


def milestones_section(frames: dict[str, pd.DataFrame], root: Path) -> str:
    gaps = _curated(root / MILESTONE_GAPS, ["person_id", "milestone", "team_id", "stint_id"])
    found = _milestone_matches(frames)
    names = frames["people"].drop_duplicates("person_id").set_index("person_id")["name"]
    lines = []
    researched = list(dict.fromkeys(frames["milestones"]["person_id"]))
    totals = [0, 0]
    for person_id in sorted(researched, key=lambda p: names.get(p, p)):
        rows, present = [], 0
        for milestone, team, stint in expected_milestones(frames, person_id):
            match = _find(found, frames, person_id, milestone, team, stint)
            where = f"`{stint}`" if stint else (f"`{team}`" if team else "")
            if match is None:
                reason = gaps.get((person_id, milestone, team, stint), "not found on the pages read so far")
                rows.append(f"| {MILESTONE_TITLES[milestone]} | {where} | missing: {reason} |")
            else:
                present += 1
                rows.append(f"| {MILESTONE_TITLES[milestone]} | {where} | {match} |")
        totals[0] += present
        totals[1] += len(rows)
        lines += [f"#### {names.get(person_id, person_id)}: {present} of {len(rows)}", "",
                  "| milestone | team or spell | match |", "|---|---|---|", *rows, ""]
    head = [f"{totals[0]} of the {totals[1]} milestone matches that the careers of the {len(researched)} "
            f"researched people call for are in the data ({round(100 * totals[0] / max(totals[1], 1))}%). "
            "The milestones of the other people (the Juventus players of 1991-96) are not researched yet.", ""]
    return "\n".join(head + lines).rstrip("\n")


MILESTONE_TITLES = {name: name.replace("_", " ").capitalize() for name in MILESTONES}


def _milestone_matches(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    milestones = frames["milestones"].merge(frames["appearances"][["match_id", "person_id", "team_id"]],
                                            on=["match_id", "person_id"], how="left")
    matches = frames["matches"].drop_duplicates("match_id").set_index("match_id")
    milestones["date"] = milestones["match_id"].map(matches["date"])
    return milestones


def _find(found: pd.DataFrame, frames: dict, person_id: str, milestone: str, team: str, stint: str) -> str | None:
    rows = found[(found["person_id"] == person_id) & (found["milestone"] == milestone)]
    if team:
        rows = rows[rows["team_id"] == team]
    if stint:
        spell = frames["stints"].set_index("stint_id").loc[stint]
        start, _ = dates.bounds(pd.Series([spell["start_date"]]))
        _, end = dates.bounds(pd.Series([spell["end_date"]]))
        start = start.iloc[0] if pd.notna(start.iloc[0]) else dates.OPEN_START
        end = end.iloc[0] if pd.notna(end.iloc[0]) else dates.OPEN_END
        rows = rows[(rows["date"] >= start) & (rows["date"] <= end)]
    if rows.empty:
        return None
    row = rows.iloc[0]
    return f"{row['date']:%Y-%m-%d} `{row['match_id']}`"


# --- squads --------------------------------------------------------------------------------------

def squads_section(frames: dict[str, pd.DataFrame], root: Path) -> str:
    squads = pd.read_csv(root / SQUADS, dtype=str, keep_default_na=False)
    check = squad_check(frames, squads)
    lines = ["| season | league players | with a Juventus stint covering the season | not confirmed or did not play |",
             "|---|---|---|---|"]
    for season, rows in check.groupby("season", sort=True):
        players = rows[rows["role"] == "player"]
        played = players[players["played"] == "yes"]
        covered = played[played["covered"]]
        others = ", ".join(f"{r.person_id} ({r.played})" for r in players[players["played"] != "yes"].itertuples())
        lines.append(f"| {season} | {len(played)} | {len(covered)}"
                     + ("" if len(covered) == len(played) else " (missing: " + ", ".join(
                         played.loc[~played["covered"], "person_id"]) + ")") + f" | {others or '-'} |")
    return "\n".join(lines)


def squad_check(frames: dict[str, pd.DataFrame], squads: pd.DataFrame) -> pd.DataFrame:
    """Each squad row with `covered`: whether a stint of the person at the team, in the role, may cover the
    season (its possible days overlap the season's)."""
    stints = frames["stints"].copy()
    stints["start_lo"], _ = dates.bounds(stints["start_date"])
    _, stints["end_hi"] = dates.bounds(stints["end_date"])
    stints["start_lo"] = stints["start_lo"].fillna(dates.OPEN_START)
    stints["end_hi"] = stints["end_hi"].fillna(dates.OPEN_END)
    squads = squads.copy()
    squads["season_start"], squads["season_end"] = dates.season_bounds(squads["season"])
    pairs = squads.reset_index().merge(stints[["person_id", "team_id", "role", "start_lo", "end_hi"]],
                                       on=["person_id", "team_id", "role"], how="left")
    pairs["covered"] = (pairs["start_lo"] <= pairs["season_end"]) & (pairs["end_hi"] >= pairs["season_start"])
    covered = pairs.groupby("index")["covered"].any()
    squads["covered"] = covered.reindex(squads.index, fill_value=False).to_numpy()
    return squads


# --- external ids --------------------------------------------------------------------------------

def ids_section(frames: dict[str, pd.DataFrame], root: Path) -> str:
    gaps = pd.read_csv(root / ID_GAPS, dtype=str, keep_default_na=False)
    lines = ["| table | rows | with a Wikidata id | with a Transfermarkt id | without, and why |", "|---|---|---|---|---|"]
    for table in ("teams", "competitions", "people", "countries"):
        frame = frames[table]
        transfermarkt = int(frame["transfermarkt_id"].notna().sum()) if "transfermarkt_id" in frame else "-"
        reasons = gaps[gaps["table"] == table]["reason"].map(_reason_kind).value_counts()
        why = "; ".join(f"{count} {kind}" for kind, count in reasons.items()) or (
            "no page read states one" if table in ("people", "countries") else "-")
        lines.append(f"| {table} | {len(frame)} | {int(frame['wikidata_id'].notna().sum())} | {transfermarkt} | {why} |")
    return "\n".join(lines)


def _reason_kind(reason: str) -> str:
    for prefix, kind in (("national team", "national or age-group sides (the register holds clubs only)"),
                         ("ambiguous", "ambiguous between register rows"), ("homonyms", "homonyms our row cannot tell"),
                         ("not under this name", "only under a later name the register does not link"),
                         ("historical entity", "historical clubs the register does not hold"),
                         ("the register's only", "register rows that may be a later refoundation"),
                         ("not in the register", "not in the register")):
        if reason.startswith(prefix):
            return kind
    return "others (see docs/id-gaps.csv)"


def _curated(path: Path, key: list[str]) -> dict[tuple, str]:
    if not path.exists():
        return {}
    rows = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8")))
    return {tuple(row[k] for k in key): row["reason"] for row in rows}
