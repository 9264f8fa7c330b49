"""Identifiers: an id that encodes fields agrees with its row, and no two rows share an external id."""

from __future__ import annotations

import numpy as np
import pandas as pd

from schemas import TABLES
from schemas.columns import kind_of
from schemas.rules.registry import Context, Violation, iso_days, rule, violations

# How each encoded id is made from its row; a numeric suffix (-2, -3) tells apart two rows that would clash.
ID_RECIPES = {
    "stints": ("stint_id", "person-team-role-start year, such as massimo-carrera-juventus-player-1991"),
    "matches": ("match_id", "date-home team-away team, such as 1993-05-19-borussia-dortmund-juventus"),
    "honours": ("honour_id", "person-competition-season, such as massimo-carrera-uefa-cup-1992-93"),
}
SUFFIXED = r".*-[2-9]"


def expected_ids(table: str, frame: pd.DataFrame) -> pd.Series:
    """The id each row's own fields give."""
    if table == "stints":
        year = frame["start_date"].astype("string").str.slice(0, 4)
        base = (frame["person_id"].astype("string") + "-" + frame["team_id"] + "-"
                + frame["role"].astype("string").str.replace("_", "-"))
        return (base + ("-" + year).fillna("")).astype("string")
    if table == "matches":
        return (iso_days(frame["date"]) + "-" + frame["home_team_id"] + "-" + frame["away_team_id"]).astype("string")
    return (frame["person_id"].astype("string") + "-" + frame["competition_id"] + "-" + frame["season"]).astype("string")


@rule("id-fields")
def id_fields(frames: Context) -> list[Violation]:
    found = []
    for table, (column, recipe) in ID_RECIPES.items():
        if table not in frames.frames:
            continue
        frame = frames[table]
        expected = expected_ids(table, frame)
        actual = frame[column].astype("string")
        agrees = (actual == expected).fillna(True).to_numpy(dtype=bool)  # an empty field gives no id to disagree with
        if not agrees.all():  # an id with a suffix -2 to -9 (a second spell, a replay) agrees too
            differ = ~agrees
            agrees[differ] = ((actual[differ].str.slice(0, -2) == expected[differ])
                              & actual[differ].str.fullmatch(SUFFIXED)).fillna(True).to_numpy(dtype=bool)
        disagrees = ~agrees & expected.notna().to_numpy(dtype=bool)
        wrong = frame[disagrees].reset_index()
        wrong_expected = expected[disagrees].to_numpy()
        found += violations(table, "id-fields", column, wrong, lambda wrong: (
            pd.Series([f"the {column} does not agree with its row, which gives {want}; ids are "
                       f"{recipe}: rename it (and every row that refers to it)"
                       for want in wrong_expected], index=wrong.index)))
    return found


@rule("external-id-source")
def external_ids_cited(frames: Context) -> list[Violation]:
    """An external id is a fact like any other: it names the page or register file that states it."""
    found = []
    for table in TABLES:
        if table.name not in frames.frames or "ids_source_id" not in table.columns:
            continue
        frame = frames[table.name]
        ids = [name for name, column in table.schema.columns.items()
               if kind_of(column).name in ("wikidata", "transfermarkt")]
        uncited = frame[frame[ids].notna().any(axis=1) & frame["ids_source_id"].isna()].reset_index()
        found += violations(table.name, "external-id-source", "ids_source_id", uncited,
                            "this row gives " + " and ".join(ids) + " values but no ids_source_id; name the page or "
                            "register file that states them (add it to sources.csv)")
    return found


@rule("external-id-unique")
def external_ids_unique(frames: Context) -> list[Violation]:
    """Two rows with one Wikidata or Transfermarkt id are one item twice, or one id is wrong."""
    found = []
    for table in TABLES:
        if table.name not in frames.frames:
            continue
        for name, column in table.schema.columns.items():
            if kind_of(column).name not in ("wikidata", "transfermarkt"):
                continue
            codes, distinct = frames.codes.of(table.name, name)
            if np.count_nonzero(codes >= 0) == len(distinct):  # every id given once: none is repeated
                continue
            rows = frames[table.name][[table.primary_key[0], name]].reset_index()
            pattern = next(c.statistics["pattern"] for c in column.checks if c.name == "matches_pattern")
            rows = rows[rows[name].astype("string").str.fullmatch(pattern).fillna(False).astype(bool)]
            first = rows.drop_duplicates(name).set_index(name)
            again = rows[rows.duplicated(name)]
            if again.empty:
                continue
            earlier = first.loc[again[name]]
            messages = ("line " + earlier["line"].astype("string").to_numpy() + " (" + earlier[table.primary_key[0]]
                        .astype("string").to_numpy() + ") has the same " + name + "; two rows cannot be one item: "
                        "merge them, or correct the id")
            found += violations(table.name, "external-id-unique", name, again, pd.Series(messages, index=again.index))
    return found
