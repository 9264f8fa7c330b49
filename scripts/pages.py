"""What each page of the site shows, from the typed frames: rows of plain text and links, ready for a template.

Every fact row links to its line in the CSV on GitHub (the frames are indexed by that line) and to the page of
its source. Links inside the site are relative to the site's root; a template puts them under its own folder.
The frames are turned into plain records once: a page is a few dozen rows, and pandas costs more per small
frame than the rows themselves.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pandas as pd

from schemas import TABLES
from scripts import codebook, package

REPOSITORY = package.HOMEPAGE
RESULTS = {"winner": "won", "runner_up": "runner-up", "third_place": "third"}
# Columns of short values that read wrongly when broken across lines (2016-07 as "2016-" and "07").
UNBROKEN = {"From", "To", "Season", "Row", "Apps", "Goals", "Rows", "Result"}


@dataclass(frozen=True)
class Link:
    text: str
    href: str
    internal: bool = False  # a page of the site, relative to its root
    title: str = ""


@dataclass
class Table:
    """One table on a page: its column headings and rows of cells (text, a Link, a list of both, or None)."""

    headings: list[str]
    rows: list[list[object]] = field(default_factory=list)

    @property
    def unbroken(self) -> list[bool]:
        return [heading in UNBROKEN for heading in self.headings]


class Site:
    """The data as records (dicts, None for empty, `line` the CSV line), looked up by key or grouped by column."""

    def __init__(self, frames: dict[str, pd.DataFrame], ref: str):
        self.ref = ref
        self.records = {name: _records(frame) for name, frame in frames.items()}
        self.by_key = {table.name: {row[table.primary_key[0]]: row for row in self.records[table.name]}
                       for table in TABLES if len(table.primary_key) == 1}
        self._groups: dict[tuple[str, str], dict[str, list[dict]]] = {}

    def rows_of(self, table: str, column: str, value: str) -> list[dict]:
        key = (table, column)
        if key not in self._groups:
            groups = defaultdict(list)
            for row in self.records[table]:
                groups[row[column]].append(row)
            self._groups[key] = groups
        return self._groups[key].get(value, [])

    def row(self, table: str, line: int) -> Link:
        return Link(f"{table}.csv:{line}", f"{REPOSITORY}/blob/{self.ref}/data/{table}.csv#L{line}",
                    title=f"this row of data/{table}.csv on GitHub")

    def source(self, source_id: str) -> Link | str:
        source = self.by_key["sources"].get(source_id)
        if source is None:
            return source_id
        return Link(f"{source['title']} · {source['publisher']}", source["url"], title=source_id)

    def person(self, person_id: str) -> Link:
        person = self.by_key["people"].get(person_id)
        return Link(person["name"] if person else person_id, f"people/{person_id}.html", internal=True)

    def team(self, team_id: str | None) -> Link | None:
        if team_id is None:
            return None
        team = self.by_key["teams"].get(team_id)
        return Link(team["name"] if team else team_id, f"teams/{team_id}.html", internal=True)

    def name(self, table: str, key: str | None) -> str | None:
        row = self.by_key[table].get(key)
        return row["name"] if row else key

    def match(self, match_id: str | None) -> list[object] | None:
        """A match as 'date home score away (row)', with links to both teams and to its row."""
        match = self.by_key["matches"].get(match_id)
        if match is None:
            return None
        return [f"{match['date']:%Y-%m-%d} ", self.team(match["home_team_id"]), f" {score(match)} ",
                self.team(match["away_team_id"]), " (", self.row("matches", match["line"]), ")"]


def _records(frame: pd.DataFrame) -> list[dict]:
    plain = frame.reset_index().astype(object)
    return plain.where(plain.notna(), None).to_dict("records")


def score(match: dict) -> str:
    if match["home_score"] is None or match["away_score"] is None:
        return "v"
    text = f"{match['home_score']}–{match['away_score']}"
    if match["home_score_aet"] is not None:
        text += f", {match['home_score_aet']}–{match['away_score_aet']} a.e.t."
    if match["home_penalties"] is not None:
        text += f", {match['home_penalties']}–{match['away_penalties']} pens"
    return text


def text(value: object) -> str | None:
    """A cell as written: a partial date stays as precise as its source; empty stays empty."""
    if value is None:
        return None
    return f"{value:%Y-%m-%d}" if isinstance(value, pd.Timestamp) else str(value)


def words(value: str | None) -> str | None:
    """A vocabulary value as words: head_coach -> head coach."""
    return value.replace("_", " ") if value else None


def end_of(stint: dict) -> str:
    if stint["end_date"] is not None:
        return stint["end_date"]
    return "ongoing" if stint["ongoing"] else "unknown"


def in_career_order(stints: list[dict]) -> list[dict]:
    """By start as written (1991 before 1991-07); a spell with no start at its end's place."""
    return sorted(stints, key=lambda s: (s["start_date"] or s["end_date"] or "", s["stint_id"]))


def person_page(site: Site, person_id: str) -> dict:
    person = site.by_key["people"][person_id]
    matches = site.by_key["matches"]
    appearances = sorted(site.rows_of("appearances", "person_id", person_id),
                         key=lambda a: (matches[a["match_id"]]["date"], a["match_id"]))
    return {
        "title": person["name"],
        "person_id": person_id,
        "facts": _person_facts(site, person),
        "stints": _stints_table(site, in_career_order(site.rows_of("stints", "person_id", person_id)), by="team"),
        "honours": _honours_table(site, _by_season(site.rows_of("honours", "person_id", person_id)), by="team"),
        "appearances": _appearances_table(site, appearances),
        "milestones": _milestones_table(site, site.rows_of("milestones", "person_id", person_id)),
    }


def _person_facts(site: Site, person: dict) -> list[tuple[str, object]]:
    born = " in ".join(part for part in (person["birth_date"], person["birth_place"]) if part)
    wikidata = person["wikidata_id"]
    facts = [("Full name", person["full_name"]), ("Born", born or None), ("Died", person["death_date"]),
             ("Nationality", site.name("countries", person["nationality"])), ("Position", person["position"]),
             ("Wikidata", Link(wikidata, f"https://www.wikidata.org/wiki/{wikidata}") if wikidata else None),
             ("Transfermarkt id", person["transfermarkt_id"]), ("Notes", person["notes"]),
             ("Source", site.source(person["source_id"])), ("Row", site.row("people", person["line"]))]
    return [(label, value) for label, value in facts if value]


def _by_season(honours: list[dict]) -> list[dict]:
    return sorted(honours, key=lambda h: (h["season"], h["honour_id"]))


def _stints_table(site: Site, stints: list[dict], by: str) -> Table:
    table = Table([by.capitalize(), "Role", "From", "To", "Loan", "Apps", "Goals", "Source", "Row", "Notes"])
    for stint in stints:
        who = site.team(stint["team_id"]) if by == "team" else site.person(stint["person_id"])
        table.rows.append([who, words(stint["role"]), stint["start_date"] or "unknown", end_of(stint),
                           "loan" if stint["on_loan"] else None, text(stint["appearances"]), text(stint["goals"]),
                           site.source(stint["source_id"]), site.row("stints", stint["line"]), stint["notes"]])
    return table


def _honours_table(site: Site, honours: list[dict], by: str) -> Table:
    table = Table(["Season", "Competition", by.capitalize(), "Role", "Result", "Final", "Source", "Row", "Notes"])
    for honour in honours:
        who = (site.team(honour["team_id"]) or "individual award") if by == "team" else site.person(honour["person_id"])
        table.rows.append([honour["season"], site.name("competitions", honour["competition_id"]), who,
                           words(honour["role"]), RESULTS.get(honour["result"], honour["result"]),
                           site.match(honour["final_match_id"]), site.source(honour["source_id"]),
                           site.row("honours", honour["line"]), honour["notes"]])
    return table


def _appearances_table(site: Site, appearances: list[dict]) -> Table:
    table = Table(["Match", "Competition", "Stage", "Side", "Role", "Line-up", "Goals", "Source", "Row", "Notes"])
    for appearance in appearances:
        match = site.by_key["matches"][appearance["match_id"]]
        table.rows.append([site.match(appearance["match_id"]),
                           f"{site.name('competitions', match['competition_id'])} {match['season']}",
                           words(match["stage"]), site.team(appearance["team_id"]), words(appearance["role"]),
                           words(appearance["lineup"]), text(appearance["goals"]), site.source(appearance["source_id"]),
                           site.row("appearances", appearance["line"]), appearance["notes"]])
    return table


def _milestones_table(site: Site, milestones: list[dict]) -> Table:
    table = Table(["Milestone", "Match", "Source", "Row", "Notes"])
    for milestone in milestones:
        table.rows.append([words(milestone["milestone"]), site.match(milestone["match_id"]),
                           site.source(milestone["source_id"]), site.row("milestones", milestone["line"]),
                           milestone["notes"]])
    return table


def team_page(site: Site, team_id: str) -> dict:
    team = site.by_key["teams"][team_id]
    played = site.rows_of("matches", "home_team_id", team_id) + site.rows_of("matches", "away_team_id", team_id)
    facts = [("Kind", words(team["kind"])), ("Country", site.name("countries", team["country"])),
             ("City", team["city"]), ("Notes", team["notes"]), ("Row", site.row("teams", team["line"]))]
    return {
        "title": team["name"],
        "facts": [(label, value) for label, value in facts if value],
        "stints": _stints_table(site, in_career_order(site.rows_of("stints", "team_id", team_id)), by="person"),
        "honours": _honours_table(site, _by_season(site.rows_of("honours", "team_id", team_id)), by="person"),
        "matches": _matches_table(site, sorted(played, key=lambda m: (m["date"], m["match_id"]))),
    }


def _matches_table(site: Site, matches: list[dict]) -> Table:
    table = Table(["Match", "Competition", "Stage", "Venue", "Source"])
    for match in matches:
        venue = ", ".join(part for part in (match["venue"], match["city"]) if part) or None
        table.rows.append([site.match(match["match_id"]),
                           f"{site.name('competitions', match['competition_id'])} {match['season']}",
                           words(match["stage"]), venue, site.source(match["source_id"])])
    return table


def teams_index(site: Site) -> dict:
    table = Table(["Team", "Kind", "Country", "People in the dataset"])
    for team in sorted(site.records["teams"], key=lambda t: (t["name"], t["team_id"])):
        people = {stint["person_id"] for stint in site.rows_of("stints", "team_id", team["team_id"])}
        table.rows.append([site.team(team["team_id"]), words(team["kind"]), site.name("countries", team["country"]),
                           str(len(people))])
    return {"title": "Teams", "teams": table}


def home_page(site: Site, downloads: list[tuple[str, str, str]], sqlite: bool, citation: str) -> dict:
    tables = Table(["Table", "One row is", "Rows", "CSV", "Columns"])
    for table in TABLES:
        tables.rows.append([table.title, table.description, str(len(site.records[table.name])),
                            Link(table.file_name, f"{REPOSITORY}/blob/{site.ref}/data/{table.file_name}"),
                            Link("codebook", f"codebook.html#{table.name}", internal=True)])
    people = []
    for person in sorted(site.records["people"], key=lambda p: (p["name"], p["person_id"])):
        roles = sorted({words(s["role"]) for s in site.rows_of("stints", "person_id", person["person_id"])})
        people.append((site.person(person["person_id"]), ", ".join(roles)))
    return {"title": "football-careers", "tables": tables, "downloads": downloads, "sqlite": sqlite,
            "citation": citation, "people": people}


def codebook_page() -> dict:
    rows: dict[str, Table] = {}
    for table_name, column, title, csv_type, published_type, required, allowed, description in codebook.rows():
        rows.setdefault(table_name, Table(["Column", "Title", "CSV type", "Published type", "Required", "Allowed",
                                           "Description"]))
        rows[table_name].rows.append([column, title, csv_type, published_type, required, allowed or None,
                                      description])
    return {"title": "Codebook",
            "tables": [(table, ", ".join(table.primary_key), rows[table.name]) for table in TABLES]}
