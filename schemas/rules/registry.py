"""What every rule shares: the Violation record, the registry, and the Context of derived frames."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from schemas import TABLES_BY_NAME, dates, parallel
from schemas.codes import ColumnCodes

ERROR, WARNING = "error", "warning"
# a row's position in its table: half the memory of int64, and no table has 2^31 rows; a key made of positions
# (position * count + position) may pass that, so it is computed in int64
POSITION = np.int32
AMBIGUOUS = -3  # the position of a reference to a key that two rows have
LINES_LISTED = 5  # a message about many rows names the lines of this many


@dataclass(frozen=True)
class Violation:
    table: str
    line: int
    column: str | None
    rule: str
    message: str
    value: object = None
    severity: str = ERROR


Frames = dict[str, pd.DataFrame]
Rule = Callable[["Context"], list[Violation]]
RULES: list[tuple[str, tuple[str, ...], Rule]] = []


def rule(name: str, *tables: str):
    """Register a rule; it runs only when every table it reads could be read."""
    def register(function: Rule) -> Rule:
        RULES.append((name, tables, function))
        return function
    return register


def check_all(frames: Frames, today: datetime.date | None = None, codes: ColumnCodes | None = None) -> list[Violation]:
    context = Context(frames, today, codes)
    found = []
    for _name, tables, function in RULES:
        if all(table in frames for table in tables):
            found.extend(function(context))
    return found


class Context:
    """The typed frames, and what several rules derive from them, each computed once."""

    def __init__(self, frames: Frames, today: datetime.date | None = None, codes: ColumnCodes | None = None):
        self.frames = frames
        self.codes = codes or ColumnCodes(frames)
        self.today = pd.Timestamp(today or datetime.date.today())
        self._positions: dict[tuple[str, str], np.ndarray] = {}
        self._memo: dict[str, object] = {}

    def memo(self, name: str, make: Callable[[], object]):
        """What `make` returns, computed once per validation: for what several rules of one module share."""
        if name not in self._memo:
            self._memo[name] = make()
        return self._memo[name]

    def __getitem__(self, table: str) -> pd.DataFrame:
        return self.frames[table]

    def bounds(self, table: str, column: str) -> tuple[pd.Series, pd.Series]:
        """The earliest and the latest day of each partial date of `column` (indexed as its table's frame),
        computed once per validation: several rules compare the same stint and life dates."""
        return self.memo(f"bounds of {table}.{column}", lambda: dates.bounds(self.frames[table][column]))

    def position(self, table: str, column: str) -> np.ndarray:
        """For each row of `table`, the position in the referenced table of the row that `column` points to:
        -1 where nothing matches (a dangling reference), -2 where the cell is empty, -3 where two rows have the key
        (reported as primary-key): which of them the row means is unknown until that is fixed, and the rules leave
        it alone, as they leave -1 and -2 (an id pasted over another in matches.csv had every appearance of the
        other match judged by this one's date and teams). Computed once per column."""
        key = (table, column)
        if key not in self._positions:
            target, target_column = TABLES_BY_NAME[table].foreign_keys[column]
            codes, uniques = self.codes.of(table, column)  # look each distinct id up once
            all_keys = pd.Index(self.frames[target][target_column])
            keys = all_keys.drop_duplicates()
            # an empty cell's code, -1, takes the last slot: -2
            position = np.append(keys.get_indexer(uniques), -2).astype(POSITION)[codes]
            if len(keys) != len(all_keys):  # duplicated keys: -3 for the keys two rows have, the row for others
                first = ~all_keys.duplicated()  # the rows of `keys`, in order
                row = np.flatnonzero(first)
                row[all_keys.duplicated(keep=False)[first]] = AMBIGUOUS
                position = np.where(position >= 0, row[np.maximum(position, 0)], position).astype(POSITION)
            self._positions[key] = position
        return self._positions[key]

    @cached_property
    def out_of_season(self) -> np.ndarray:
        """Whether each match (by position) is dated outside its season: its date or its season is wrong, which
        match-season reports. The rules that judge appearances and finals by the match's day leave such a match
        alone (no stint covering the day, ages out of bounds, a final outside the honour's season): one mistake,
        one message, and the rest judged once it is fixed."""
        matches = self.frames["matches"]
        first, last = dates.season_bounds(matches["season"])
        return ((matches["date"] < first) | (matches["date"] > last)).to_numpy(dtype=bool)

    def dated_in_season(self, match_position: pd.Series) -> np.ndarray | None:
        """For rows pointing at matches by position, whether the match is dated within its season; None when every
        match is (the usual case, which then needs no filtering)."""
        if not self.out_of_season.any():
            return None
        return ~self.out_of_season[match_position.to_numpy()]

    @cached_property
    def stint_spans(self) -> pd.DataFrame:
        return stint_spans(self.frames["stints"], self.bounds("stints", "start_date"),
                           self.bounds("stints", "end_date"))

    @cached_property
    def final_scores(self) -> pd.DataFrame:
        return final_scores(self.frames["matches"])

    @cached_property
    def people_lives(self) -> pd.DataFrame:
        """person_id with the earliest possible birth, the latest possible birth and the latest possible death."""
        people = self.frames["people"][["person_id", "birth_date", "death_date"]].copy()
        people["birth_lo"], people["birth_hi"] = self.bounds("people", "birth_date")
        _, people["death_hi"] = self.bounds("people", "death_date")
        return people.drop_duplicates("person_id")

    @cached_property
    def appearances_with_matches(self) -> pd.DataFrame:
        """Appearances (with `line`) and their match's date and teams; appearances of unknown matches left out.

        Where every match is known (the usual case), the frame's own columns and the positions, not copies; the
        match's date and teams are taken to the appearances on every core (parallel.py). At ten million appearances
        every new column is 40-80 MB of memory touched for the first time: made column by column, copying the
        frame's, the table took 1.3 s."""
        matches, appearances = self.frames["matches"], self.frames["appearances"]
        position = self.of_known_matches(self.position("appearances", "match_id"))
        of_match = {"date": matches["date"].to_numpy()}
        if "teams" in self.frames:  # rules that compare teams by position require teams.csv
            of_match |= {f"{side}_position": self.position("matches", f"{side}_team_id") for side in ("home", "away")}
        taken = dict(zip(of_match, parallel.each(lambda values: values[position], of_match.values(), len(position))))
        rows = {"line": self.of_known_matches(appearances.index.to_numpy())}
        rows |= {column: self.of_known_matches(appearances[column].array)
                 for column in ("match_id", "person_id", "team_id", "role", "goals")}
        rows |= {"date": taken.pop("date"), "match_position": position}
        if "people" in self.frames:
            rows["person_position"] = self.of_known_matches(self.position("appearances", "person_id"))
        if "teams" in self.frames:
            rows["team_position"] = self.of_known_matches(self.position("appearances", "team_id"))
            rows |= taken
        index = pd.RangeIndex(len(position)) if self.known_matches.all() else np.flatnonzero(self.known_matches)
        return pd.DataFrame(rows, index=index, copy=False)

    @cached_property
    def known_matches(self) -> np.ndarray:
        """Whether each appearance's match is a row of matches.csv: the rows of `appearances_with_matches`."""
        return self.position("appearances", "match_id") >= 0

    def of_known_matches(self, values: np.ndarray) -> np.ndarray:
        """Of a value for each appearance (by its position in the frame), those of the rows of
        `appearances_with_matches`; all of them, not a copy, in the usual case where every match is known."""
        return values if self.known_matches.all() else values[self.known_matches]

    def appearances_holding(self, column: str, values) -> np.ndarray:
        """For each row of `appearances_with_matches`, whether its `column` (a text column of appearances.csv) holds
        one of `values`: the column's distinct values looked up once, and taken to the rows by their codes (an
        empty cell holds none). Comparing a million roles with "player" as texts took 9 ms each time."""
        codes, distinct = self.codes.of("appearances", column)
        return self.of_known_matches(np.append(distinct.isin(list(values)), False)[codes])  # -1: the last, False


SCORES = ("home_score", "away_score", "home_score_aet", "away_score_aet", "home_penalties", "away_penalties")


def counted_scores(matches: pd.DataFrame) -> pd.DataFrame:
    """The matches with each score as the rules judge it: a negative one (reported as out of range) unknown, so
    that a minus sign typed in a score is one message, not also a team's goals above it or a shoot-out lost."""
    matches = matches.reset_index()
    for column in SCORES:
        matches[column] = matches[column].where(matches[column] >= 0)
    return matches


def final_scores(matches: pd.DataFrame) -> pd.DataFrame:
    """Each match's score at the end of play (after extra time where played) and who won it, penalties counted."""
    scores = counted_scores(matches)
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


def stint_spans(stints: pd.DataFrame, start: tuple[pd.Series, pd.Series], end: tuple[pd.Series, pd.Series]
                ) -> pd.DataFrame:
    """Stints with the earliest and latest day each bound may stand for (`start` and `end`: the bounds of
    start_date and end_date). An ongoing spell ends far in the future; a spell whose end is unknown may have ended
    as soon as it began, or may still go on. An end written so that no day can be read from it (15/07/2004, a
    30 February: reported as such) is unknown too, as an unreadable start is: a spell that covered nothing made
    each of its appearances and honours a message of the one mistake."""
    spans = stints.reset_index()
    spans["start_lo"], spans["start_hi"] = (bound.reset_index(drop=True) for bound in start)
    spans["end_lo"], spans["end_hi"] = (bound.reset_index(drop=True) for bound in end)
    no_end = spans["end_hi"].isna()
    ongoing = no_end & (spans["ongoing"] == True).fillna(False).to_numpy(dtype=bool)  # noqa: E712
    spans.loc[ongoing, "end_lo"] = dates.OPEN_END
    spans.loc[no_end & ~ongoing, "end_lo"] = spans.loc[no_end & ~ongoing, "start_lo"]
    spans.loc[no_end, "end_hi"] = dates.OPEN_END
    # an end before the start is reported once (stint-dates); other rules take the end as unknown, and the rules
    # that judge other rows by the spell (which facts it covers, which spells it overlaps) leave it alone: either
    # date may be the wrong one
    backwards = (spans["end_hi"] < spans["start_lo"]).to_numpy(dtype=bool)
    spans.loc[backwards, "end_lo"] = spans.loc[backwards, "start_lo"]
    spans.loc[backwards, "end_hi"] = dates.OPEN_END
    spans["backwards"] = backwards
    return spans


def violations(table: str, rule_name: str, column: str, rows: pd.DataFrame,
               messages: pd.Series | str | Callable[[pd.DataFrame], pd.Series | str],
               severity: str = ERROR) -> list[Violation]:
    """One Violation per row of `rows` (which carry a `line` column), with the matching message: a text, the texts
    as a Series, or a function that makes them of the rows, called only when there are rows. Most rules find
    none, and building texts for no rows was a tenth of the rules' time on the committed data (pandas' cost per
    operation)."""
    if rows.empty:
        return []
    if callable(messages):
        messages = messages(rows)
    values = rows[column] if column in rows else pd.Series([None] * len(rows), index=rows.index)
    if isinstance(messages, str):
        messages = pd.Series([messages] * len(rows), index=rows.index)
    return [Violation(table, int(line), column, rule_name, str(message), _as_written(value), severity)
            for line, message, value in zip(rows["line"], messages, values)]


def _as_written(value: object) -> object:
    """A cell's value as the file writes it: a full date (typed as a timestamp at midnight) as YYYY-MM-DD, which
    is how its column takes it, not with a time of day the cell never held."""
    if pd.isna(value):
        return None
    return value.strftime("%Y-%m-%d") if isinstance(value, pd.Timestamp) else value


def listed(lines, most: int = LINES_LISTED) -> str:
    """The first `most` of `lines` as a message lists them: 2, 3, 4, 5, 6, …"""
    lines = list(lines)
    return ", ".join(str(line) for line in lines[:most]) + (", …" if len(lines) > most else "")


def text(series: pd.Series) -> pd.Series:
    return series.astype("string").fillna("?")


def iso_days(days: pd.Series) -> pd.Series:
    """Each day as YYYY-MM-DD text (missing where the day is), written by Arrow: dt.strftime formats each day in
    turn, 12 ms for the days of 33,000 matches against 2.6 ms."""
    text = pc.cast(pc.cast(pa.array(days), pa.date32()), pa.string())
    return pd.Series(pd.array(text, dtype="string"), index=days.index)


def day(series: pd.Series) -> pd.Series:
    return iso_days(series).fillna("?")
