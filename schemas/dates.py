"""Partial dates and seasons: parse them into the interval of days they may stand for.

A contributor writes what the source says: `1991`, `1991-07` or `1991-07-01`. A partial date
stands for every day it could be, so each one becomes a pair (earliest, latest); rules compare
those bounds and report only what is wrong whichever day the date really was.
"""

from __future__ import annotations

import datetime
import functools
import re

import numpy as np
import pandas as pd

PARTIAL_DATE_PATTERN = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
FULL_DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
SEASON_PATTERN = r"^[0-9]{4}(-[0-9]{2})?$"

# An open end ("still there") is compared as this far-future day, an unknown start as this far-past one.
OPEN_END = pd.Timestamp("2200-12-31")
OPEN_START = pd.Timestamp("1800-01-01")

# A split season such as 1992-93 is taken to run from 1 June of its first year (early qualifiers,
# Intertoto) to 31 August of its second (finals delayed into summer, as in 2020).
SPLIT_SEASON_START = (6, 1)
SPLIT_SEASON_END = (8, 31)

PRECISION_BY_LENGTH = {4: "year", 7: "month", 10: "day"}
UNIT_BY_LENGTH = {4: "Y", 7: "M", 10: "D"}  # numpy's units of a year, a month and a day
PARTIAL_DATE = re.compile(PARTIAL_DATE_PATTERN)
BOUND_DTYPE = "datetime64[us]"  # the unit pandas gives dates read from text


def once_per_distinct(function):
    """`function`, which maps a column value by value to a pair of columns, computed on the column's distinct
    values and spread to its rows: a million matches have a few dozen seasons. Missing values stay missing."""
    @functools.wraps(function)
    def spread(values: pd.Series) -> tuple[pd.Series, pd.Series]:
        codes, distinct = pd.factorize(values)
        found = function(pd.Series(distinct, dtype=values.dtype))
        return tuple(pd.Series(pd.api.extensions.take(column.array, codes, allow_fill=True), index=values.index)
                     for column in found)
    return spread


@once_per_distinct
def bounds(dates: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(earliest, latest) day for each partial date; NaT where the text is missing or no real date."""
    texts = dates.astype("string").to_numpy(dtype=object, na_value="")
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    written = np.fromiter((PARTIAL_DATE.fullmatch(text) is not None for text in texts), dtype=bool, count=len(texts))
    earliest = np.full(len(texts), np.datetime64("NaT"), dtype="datetime64[D]")
    latest = earliest.copy()
    for length, unit in UNIT_BY_LENGTH.items():  # a year, a month or a day: the period the text names
        these = written & (lengths == length)
        periods = _periods(texts[these], unit)
        earliest[these] = periods.astype("datetime64[D]")
        latest[these] = (periods + 1).astype("datetime64[D]") - 1  # the day before the next period begins
    return (pd.Series(earliest.astype(BOUND_DTYPE), index=dates.index),
            pd.Series(latest.astype(BOUND_DTYPE), index=dates.index))


def _periods(texts: np.ndarray, unit: str) -> np.ndarray:
    """numpy's reading of ISO dates (the one pandas uses), as periods of `unit`: NaT for a month or a day that
    does not exist. All at once, unless one of them does not exist."""
    try:
        return np.array(texts, dtype=f"datetime64[{unit}]")
    except ValueError:
        return np.array([_period(text, unit) for text in texts], dtype=f"datetime64[{unit}]")


def _period(text: str, unit: str) -> np.datetime64:
    try:
        return np.datetime64(text, unit)
    except ValueError:
        return np.datetime64("NaT")


def precision(dates: pd.Series) -> pd.Series:
    """`year`, `month` or `day` for each partial date (missing where the date is)."""
    return dates.astype("string").str.len().map(PRECISION_BY_LENGTH).astype("string")


def is_real_partial_date(dates: pd.Series) -> pd.Series:
    """True where the text is a partial date that exists on the calendar (1991-02-30 does not); a value not
    written as a date at all is left to the pattern check, so that it gets one message."""
    earliest, _ = bounds(dates)
    written = dates.astype("string").str.fullmatch(PARTIAL_DATE_PATTERN).fillna(False).astype(bool)
    return earliest.notna() | dates.isna() | ~written


@once_per_distinct
def season_bounds(seasons: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(first, last) day of each season: `1993` is the calendar year, `1992-93` a split season; none for a split
    season whose years do not follow each other (1987-58, reported as such), which may be wrong in either year."""
    text = seasons.astype("string")
    first_year = pd.to_numeric(text.str.slice(0, 4), errors="coerce").astype("Int64")
    split = (text.str.len() == 7).fillna(False).astype(bool)
    consecutive = is_consecutive_season(seasons)
    start = _day(first_year, *SPLIT_SEASON_START).where(split, _day(first_year, 1, 1)).where(consecutive)
    end = _day(first_year + 1, *SPLIT_SEASON_END).where(split, _day(first_year, 12, 31)).where(consecutive)
    return start, end


def is_consecutive_or_unwritten(seasons: pd.Series) -> pd.Series:
    """The season check: True where a split season's second year follows its first, and for a value not written
    as a season at all, which the pattern check reports (1992/94 is one mistake, not two)."""
    written = seasons.astype("string").str.fullmatch(SEASON_PATTERN).fillna(False).astype(bool)
    return is_consecutive_season(seasons) | ~written


def is_consecutive_season(seasons: pd.Series) -> pd.Series:
    """True where a split season's second year follows its first (1992-93 yes, 1992-94 no)."""
    text = seasons.astype("string")
    split = text.str.len() == 7
    first = pd.to_numeric(text.str.slice(0, 4), errors="coerce")
    second = pd.to_numeric(text.str.slice(5, 7), errors="coerce")
    return (~split | ((first + 1) % 100 == second)).fillna(True).astype(bool)


def _day(years: pd.Series, month: int, day: int) -> pd.Series:
    text = years.astype("string").str.zfill(4) + f"-{month:02d}-{day:02d}"
    return pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")


# Dates as spreadsheets and other languages write them, and how to write them here.
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"  # hyphen look-alikes: en and em dashes, minus sign
DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})")  # 3/8/63 too, as Excel saves m/d/yy
YEAR_MONTH_DAY = re.compile(r"(\d{4})[/.\-](\d{1,2})(?:[/.\-](\d{1,2}))?")
MONTH_YEAR = re.compile(r"(\d{1,2})[/.\-](\d{4})")
SEASON_OTHERWISE = re.compile(r"(\d{4})[/\-](\d{2}|\d{4})")
WITH_TIME = re.compile(r"(\d{4}-\d{2}-\d{2})[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?")  # a date-time cell
SPREADSHEET_DAY = re.compile(r"[1-9]\d{4}")  # a date cell shown as a number: days since 1899-12-30 (1927-2173)
SPREADSHEET_EPOCH = datetime.date(1899, 12, 30)
# Months by name, in English and in Italian (the seed's sources are Italian), whole or cut short as spreadsheets
# show them: 8 March 1963, 8 marzo 1963, 1º luglio 1991, 1-Jul-91, Jul-91, July 1991, March 8, 1963.
MONTHS = {name: number for number, names in enumerate([
    ("january", "jan", "gennaio", "gen"), ("february", "feb", "febbraio"), ("march", "mar", "marzo"),
    ("april", "apr", "aprile"), ("may", "maggio", "mag"), ("june", "jun", "giugno", "giu"),
    ("july", "jul", "luglio", "lug"), ("august", "aug", "agosto", "ago"), ("september", "sep", "sept", "settembre",
                                                                          "set"),
    ("october", "oct", "ottobre", "ott"), ("november", "nov", "novembre"), ("december", "dec", "dicembre", "dic"),
], start=1) for name in names}
_DAY, _YEAR = r"(\d{1,2})(?:º|°|st|nd|rd|th)?", r"(\d{4}|\d{2})"
DAY_MONTH_NAME = re.compile(rf"(?:{_DAY}[\s\-./]+)?([^\W\d_]+)\.?[\s\-./,]+{_YEAR}")
MONTH_NAME_DAY = re.compile(rf"([^\W\d_]+)\.?\s+{_DAY},?\s+{_YEAR}")


def written_here(text: str, kind: str = "partial_date") -> str | None:
    """The way to write `text` (a date or a season written another way) in this dataset, as advice such as
    `write 2018-07-03`; None if `text` is no date written in a way we recognise."""
    value = text.strip()
    for dash in DASHES:
        value = value.replace(dash, "-")
    if kind == "season":
        season = SEASON_OTHERWISE.fullmatch(value)
        if season and len(season[2]) == 4 and int(season[2]) == int(season[1]) + 1:
            return f"write {season[1]}-{season[2][2:]}"
        if season and len(season[2]) == 2 and (int(season[1]) + 1) % 100 == int(season[2]):
            return f"write {season[1]}-{season[2]}"
        return _season_read_as_date(value)
    if (found := DAY_MONTH_YEAR.fullmatch(value)):
        year, note = _year(found[3])
        return _day_or_month_first(int(found[1]), int(found[2]), year) + note
    if (found := WITH_TIME.fullmatch(value)):
        return f"write {found[1]}, the date without its time of day"
    if SPREADSHEET_DAY.fullmatch(value):
        day = (SPREADSHEET_EPOCH + datetime.timedelta(days=int(value))).isoformat()
        return (f"write {day} if that is the day ({value} is a spreadsheet's number for it, as a date cell saved "
                f"as a number shows it{'; ' + _filled_in(day, kind) if _filled_in(day, kind) else ''})")
    if (named := _named_month(value)) is not None:
        return _write_named(*named, kind, spreadsheet="-" in value)
    if (found := YEAR_MONTH_DAY.fullmatch(value)):
        parts = [found[1], f"{int(found[2]):02d}"] + ([f"{int(found[3]):02d}"] if found[3] else [])
        return f"write {'-'.join(parts)}"
    if kind == "partial_date" and (found := MONTH_YEAR.fullmatch(value)):
        return f"write {found[2]}-{int(found[1]):02d}"
    return None


def _season_read_as_date(value: str) -> str | None:
    """The advice for a season that a spreadsheet took for a month and saved as it shows a date: 2001-02 (the
    seasons 2000-01 to 2011-12, whose second part is a month's number) becomes February 2001, saved as Feb-01 or
    feb-01, or as the first of that month (2001-02-01, 2/1/2001, 01/02/2001). None for any other value."""
    if (named := _named_month(value)) is not None and named[0] in (None, 1):
        month, (year, short) = named[1], _year(named[2])
    elif (found := YEAR_MONTH_DAY.fullmatch(value)) and found[3] and int(found[3]) == 1:
        month, year, short = int(found[2]), found[1], ""
    elif (found := DAY_MONTH_YEAR.fullmatch(value)) and 1 in (int(found[1]), int(found[2])):
        year, short = _year(found[3])
        month = int(found[2]) if int(found[1]) == 1 else int(found[1])
    else:
        return None
    if month != (int(year) + 1) % 100:
        return None
    season = f"{year}-{month:02d}"
    return (f"write {season}{short}; a spreadsheet read the season {season} as a date, {_MONTH_NAMES[month - 1]} "
            f"{year}, and saved it as it shows that date (open the file with this column read as text, and it "
            "stays as written)")


_MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December"]


def _day_or_month_first(first: int, second: int, year: str) -> str:
    day_first, month_first = f"{year}-{second:02d}-{first:02d}", f"{year}-{first:02d}-{second:02d}"
    if first > 12 or first == second:
        return f"write {day_first} (day/month/year)"
    if second > 12:
        return f"write {month_first} (month/day/year)"
    return (f"write {day_first} if it is day/month/year (as in Italy or Britain), or {month_first} if it is "
            "month/day/year (as in the United States)")


def _year(written: str) -> tuple[str, str]:
    """The year in four digits, and a note where it was written in two, read as spreadsheets read them (00-29 this
    century, 30-99 the last)."""
    if len(written) == 4:
        return written, ""
    year = ("20" if int(written) < 30 else "19") + written
    return year, f" (the year written {written} read as {year}; the other century if the source means it)"


def _named_month(value: str) -> tuple[int | None, int, str] | None:
    """(day or None, month, year as written) of a date with its month by name."""
    for pattern, day_group, month_group in ((DAY_MONTH_NAME, 1, 2), (MONTH_NAME_DAY, 2, 1)):
        found = pattern.fullmatch(value)
        if found and found[month_group].lower() in MONTHS:
            day = found[day_group]
            return (int(day) if day else None), MONTHS[found[month_group].lower()], found[3]
    return None


def _write_named(day: int | None, month: int, written_year: str, kind: str, spreadsheet: bool) -> str | None:
    """The advice for a date with its month by name; `spreadsheet` where it is written as spreadsheets show a date
    (1-Jul-91), whose day may be one the spreadsheet filled in."""
    year, short = _year(written_year)
    if day is None:
        return f"write {year}-{month:02d}{short}" if kind == "partial_date" else \
            f"write the day too, as {year}-{month:02d}-DD{short}"
    try:
        date = datetime.date(int(year), month, day).isoformat()
    except ValueError:  # no such day: the date check says so
        return None
    caution = f" ({_filled_in(date, kind)})" if spreadsheet and _filled_in(date, kind) else ""
    return f"write {date}{short}{caution}"


def _filled_in(date: str, kind: str) -> str:
    """The caution for a first of the month, which a spreadsheet fills in for a date given only to the month."""
    if not date.endswith("-01") or kind != "partial_date":
        return ""
    return f"or {date[:7]} if the source gives only the month, since a spreadsheet fills in the 1st"
