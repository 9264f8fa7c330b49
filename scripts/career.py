"""One person's career, from the typed frames: each stint as a span between partial dates (every day its start
and end may be), and the dated events that mark it (honours, finals, milestones), each placed on the stint it
belongs to. The timeline draws this; it knows nothing of matplotlib."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from schemas import dates
from schemas.vocabularies import COMPATIBLE_STINT_ROLES, ROLES

OPEN_START = pd.Timestamp("1800-01-01")  # an unknown start is compared as this long-ago day


@dataclass(frozen=True)
class Bound:
    """A partial date as the interval of days it may be; None when no source gives it."""

    earliest: pd.Timestamp
    latest: pd.Timestamp
    precision: str  # year, month or day


@dataclass(frozen=True)
class Span:
    stint_id: str
    team_id: str
    team: str
    role: str
    start: Bound | None
    end: Bound | None
    ongoing: bool
    on_loan: bool


@dataclass(frozen=True)
class Event:
    kind: str  # honour, final or milestone
    event_id: str
    day: pd.Timestamp
    label: str
    result: str | None  # an honour's: winner, runner_up or third_place
    stint_id: str | None  # the stint it happened in, where one is found


@dataclass(frozen=True)
class Career:
    person_id: str
    name: str
    spans: list[Span]
    events: list[Event]
    as_of: pd.Timestamp  # the day the data was last checked: where an ongoing spell is drawn up to

    @property
    def roles(self) -> list[str]:
        """The person's roles, in the order the career reached them (ties in the vocabulary's order)."""
        first = {}
        for span in self.spans:
            day = _first_day(span)
            first[span.role] = min(first.get(span.role, day), day)
        order = list(ROLES)
        return sorted(first, key=lambda role: (first[role], order.index(role)))


def career(frames: dict[str, pd.DataFrame], person_id: str) -> Career:
    found = careers(frames)
    if person_id not in found:
        raise KeyError(f"no person {person_id!r} in people.csv")
    return found[person_id]


def careers(frames: dict[str, pd.DataFrame]) -> dict[str, Career]:
    """Every person's career; each table is read once for all of them."""
    spans = _group(frames["stints"]["person_id"], _spans(frames["stints"], frames["teams"]))
    every_mark = _marks(frames)
    marks = _group([mark[0] for mark in every_mark], every_mark)
    day = as_of(frames)
    found = {}
    for person_id, name in zip(frames["people"]["person_id"], frames["people"]["name"]):
        own = spans.get(person_id, [])
        events = [Event(kind, event_id, when, label, result, _stint_of(own, team_id, role, when))
                  for _, kind, event_id, when, label, result, team_id, role in marks.get(person_id, [])]
        found[person_id] = Career(person_id, str(name), own, sorted(events, key=lambda e: (e.day, e.event_id)), day)
    return found


def as_of(frames: dict[str, pd.DataFrame]) -> pd.Timestamp:
    """The latest day a source was read: the data says nothing later, and it does not depend on the clock."""
    return pd.Timestamp(frames["sources"]["accessed"].max())


def _group(keys, items) -> dict[str, list]:
    grouped: dict[str, list] = {}
    for key, item in zip(keys, items):
        grouped.setdefault(key, []).append(item)
    return grouped


def _spans(stints: pd.DataFrame, teams: pd.DataFrame) -> list[Span]:
    names = dict(zip(teams["team_id"], teams["name"]))
    starts, ends = _bounds(stints["start_date"]), _bounds(stints["end_date"])
    return [Span(row.stint_id, row.team_id, str(names.get(row.team_id, row.team_id)), row.role, start, end,
                 _true(row.ongoing), _true(row.on_loan))
            for row, start, end in zip(stints.itertuples(), starts, ends)]


def _true(flag: object) -> bool:
    return bool(pd.notna(flag) and flag)


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _bounds(column: pd.Series) -> list[Bound | None]:
    earliest, latest = dates.bounds(column)
    precision = dates.precision(column)
    return [None if pd.isna(first) else Bound(first, last, str(kind))
            for first, last, kind in zip(earliest, latest, precision)]


def _marks(frames: dict) -> list[tuple]:
    """(person_id, kind, id, day, label, result, team_id, role) of every honour, final and milestone."""
    return _honours(frames) + _finals(frames) + _milestones(frames)


def _honours(frames: dict) -> list[tuple]:
    honours = frames["honours"]
    finals = dict(zip(frames["matches"]["match_id"], frames["matches"]["date"]))
    competitions = dict(zip(frames["competitions"]["competition_id"], frames["competitions"]["name"]))
    _, season_ends = dates.season_bounds(honours["season"])
    found = []
    for row, season_end in zip(honours.itertuples(), season_ends):
        # The marker stands at the final where there is one in the data, else at the end of the season.
        day = finals.get(_text(row.final_match_id), season_end)
        label = f"{competitions.get(row.competition_id, row.competition_id)} {row.season}"
        found.append((row.person_id, "honour", row.honour_id, pd.Timestamp(day), label, row.result,
                      _text(row.team_id), row.role))
    return found


def _finals(frames: dict) -> list[tuple]:
    """Finals a person took part in that no honour of theirs already marks."""
    matches = frames["matches"][["match_id", "date", "stage", "competition_id", "season"]]
    played = frames["appearances"].merge(matches[matches["stage"] == "final"], on="match_id")
    marked = set(zip(frames["honours"]["person_id"], frames["honours"]["final_match_id"]))
    competitions = dict(zip(frames["competitions"]["competition_id"], frames["competitions"]["name"]))
    return [(row.person_id, "final", row.match_id, pd.Timestamp(row.date),
             f"{competitions.get(row.competition_id, row.competition_id)} {row.season} final", None, row.team_id,
             row.role)
            for row in played.itertuples() if (row.person_id, row.match_id) not in marked]


def _milestones(frames: dict) -> list[tuple]:
    marked = frames["milestones"].merge(frames["matches"][["match_id", "date"]], on="match_id") \
        .merge(frames["appearances"][["match_id", "person_id", "team_id", "role"]], on=["match_id", "person_id"],
               how="left")
    return [(row.person_id, "milestone", f"{row.milestone}-{row.match_id}", pd.Timestamp(row.date),
             row.milestone.replace("_", " "), None, _text(row.team_id), _text(row.role))
            for row in marked.itertuples()]


def _stint_of(spans: list[Span], team_id: str | None, role: str | None, day: pd.Timestamp) -> str | None:
    """The stint at that team, in a role compatible with `role`, whose possible days include `day`."""
    compatible = COMPATIBLE_STINT_ROLES.get(role, {role})
    candidates = [span for span in spans if (span.role == role if team_id is None
                                              else span.team_id == team_id and span.role in compatible)]
    ranked = sorted(candidates, key=lambda span: (_distance(span, day), span.role != role))
    if not ranked or (team_id is None and _distance(ranked[0], day) > pd.Timedelta(0)):
        return None  # an individual award goes on a spell only where it was won during one
    # A season may end after a spell that was in it: a team's honour then goes on the nearest spell there;
    # among spells that fit as well, one in the very role comes first.
    return ranked[0].stint_id


def _distance(span: Span, day: pd.Timestamp) -> pd.Timedelta:
    """How far `day` lies outside the days the span may cover (zero inside)."""
    first = span.start.earliest if span.start else OPEN_START
    last = span.end.latest if span.end else dates.OPEN_END
    return max(first - day, day - last, pd.Timedelta(0))


def _first_day(span: Span) -> pd.Timestamp:
    if span.start is not None:
        return span.start.earliest
    return span.end.earliest if span.end is not None else dates.OPEN_END
