"""Column kinds used by many tables, each defined once: its checks, its hint and its Frictionless type.

A model declares a column as `name: Series[dtype] = columns.slug(...)`. The kind travels in the
field's metadata, so that the reader knows how to parse the cell, the validator how to explain a
failure, and the package builder how to describe the column.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pandera.pandas as pa
import pyarrow as pa_arrow
import pyarrow.compute as pc
from pandera import extensions

from schemas import dates

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
WIKIDATA_PATTERN = r"^Q[1-9][0-9]*$"
TRANSFERMARKT_NUMBER_PATTERN = r"^[1-9][0-9]*$"  # people and clubs: /profil/spieler/8024, /startseite/verein/506
TRANSFERMARKT_CODE_PATTERN = r"^[A-Z0-9]{1,8}$"  # competitions: IT1, CL, FIWC
COUNTRY_CODE_PATTERN = r"^[A-Z]{3}$"
LANGUAGE_PATTERN = r"^[a-z]{2}$"
URL_PATTERN = r"^https?://[^\s]+$"
FLAG_WORDS = {"true": True, "false": False}  # how the data writes a yes/no cell


@dataclass(frozen=True)
class Kind:
    """What every column of one kind shares."""

    name: str
    hint: str  # what a contributor should write, in plain words
    frictionless_type: str  # the Table Schema field type
    frictionless_format: str | None = None


KINDS = {
    kind.name: kind
    for kind in [
        Kind("slug", "an id is lowercase letters and digits joined by single hyphens, "
             "such as massimo-carrera", "string"),
        Kind("wikidata", "a Wikidata id is Q followed by digits, such as Q42", "string"),
        Kind("transfermarkt", "a Transfermarkt id as it appears in the page's address: digits for people and "
             "teams (such as 506), capitals and digits for competitions (such as IT1)", "string"),
        Kind("country", "a three-letter country code from countries.csv, such as ITA, ENG or URS", "string"),
        Kind("language", "a two-letter ISO 639-1 language code, such as it or en", "string"),
        Kind("partial_date", "write a date as the source gives it: 1991, 1991-07 or 1991-07-01", "string"),
        Kind("date", "write a full date as YYYY-MM-DD, such as 1993-05-19", "date"),
        Kind("season", "write a season as 1992-93 (two consecutive years) or 1993 (a calendar year)", "string"),
        Kind("choice", "use one of the listed values", "string"),
        Kind("count", "write a whole number of zero or more, such as 12", "integer"),
        Kind("minute", "write the minute as a whole number from 1 to 130", "integer"),
        Kind("flag", "write true or false", "boolean"),
        Kind("url", "write the page's full address, starting with https:// or http://", "string", "uri"),
        Kind("text", "write plain text", "string"),
    ]
}


def kind_of(column: pa.Column) -> Kind:
    return KINDS[(column.metadata or {}).get("kind", "text")]


# Registered checks: vectorised over a whole column, named so that failures can be explained.
@extensions.register_check_method(statistics=["pattern"], check_type="vectorized")
def matches_pattern(series: pd.Series, *, pattern: str) -> pd.Series:
    """Like str_matches, but each distinct value is matched once: ids repeat a lot in fact tables."""
    codes, uniques = pd.factorize(series)
    matched = full_matches(uniques, pattern)
    result = np.ones(len(codes), dtype=bool)  # an empty cell is judged by nullability, not here
    result[codes >= 0] = matched[codes[codes >= 0]]
    return pd.Series(result, index=series.index)


def full_matches(values: pd.Index, pattern: str) -> np.ndarray:
    """Whether each value (none missing) matches `pattern` as a whole, as pandas' str.fullmatch judges it.

    A pattern with no escape sequence (every one here but the address's \\s) means the same to RE2 as to Python's
    re, and is matched by Arrow's RE2 on the values themselves: pandas' str.fullmatch first reads the pattern with
    Python's parser to choose between the two, and converts the values and the result, on each call. The 50
    pattern checks of a validation took 0.22 s at a million appearances, 1.3 ms for each short column."""
    if "\\" in pattern or not isinstance(values.dtype, pd.StringDtype):
        return pd.Series(values, dtype="string").str.fullmatch(pattern).fillna(False).to_numpy(dtype=bool)
    whole = f"^(?:{pattern.removeprefix('^').removesuffix('$')})$"
    return pc.match_substring_regex(pa_arrow.array(values, type=pa_arrow.large_string()), whole).to_numpy(
        zero_copy_only=False)


@extensions.register_check_method(statistics=["enabled"], check_type="vectorized")
def real_partial_date(series: pd.Series, *, enabled: bool) -> pd.Series:
    return dates.is_real_partial_date(series) if enabled else series.notna() | series.isna()


@extensions.register_check_method(statistics=["enabled"], check_type="vectorized")
def consecutive_season(series: pd.Series, *, enabled: bool) -> pd.Series:
    return dates.is_consecutive_or_unwritten(series) if enabled else series.notna() | series.isna()


def _field(kind: str, title: str, description: str, *, required: bool, metadata: dict | None = None,
           **checks) -> pa.Field:
    return pa.Field(
        nullable=not required,
        title=title,
        description=description,
        metadata={"kind": kind, **(metadata or {})},
        **checks,
    )


def slug(title: str, description: str, *, required: bool = True) -> pa.Field:
    return _field("slug", title, description, required=required, matches_pattern={"pattern": SLUG_PATTERN})


def wikidata(title: str = "Wikidata id", description: str = "", *, required: bool = False) -> pa.Field:
    return _field("wikidata", title, description or "The item's id on Wikidata, such as Q42; empty until a page "
                                                    "that states it has been read (never guessed).",
                  required=required, matches_pattern={"pattern": WIKIDATA_PATTERN})


def transfermarkt(title: str = "Transfermarkt id", description: str = "", *, code: bool = False) -> pa.Field:
    pattern = TRANSFERMARKT_CODE_PATTERN if code else TRANSFERMARKT_NUMBER_PATTERN
    return _field("transfermarkt", title, description or (
        "The id in the item's Transfermarkt address, such as " + ("IT1" if code else "506")
        + "; empty unless a citable source states it (never guessed)."),
        required=False, matches_pattern={"pattern": pattern})


def ids_source() -> pa.Field:
    return slug("Source of the ids", "The source_id (in sources.csv) of the page or register file that states this "
                                     "row's Wikidata and Transfermarkt ids; needed when either is given.",
                required=False)


def country(title: str, description: str, *, required: bool = True) -> pa.Field:
    return _field("country", title, description, required=required, matches_pattern={"pattern": COUNTRY_CODE_PATTERN})


def language(title: str, description: str, *, required: bool = True) -> pa.Field:
    return _field("language", title, description, required=required, matches_pattern={"pattern": LANGUAGE_PATTERN})


def partial_date(title: str, description: str, *, required: bool = True) -> pa.Field:
    return _field("partial_date", title, description, required=required,
                  matches_pattern={"pattern": dates.PARTIAL_DATE_PATTERN}, real_partial_date={"enabled": True})


def date(title: str, description: str, *, required: bool = True) -> pa.Field:
    return _field("date", title, description, required=required)


def season(title: str, description: str, *, required: bool = True) -> pa.Field:
    return _field("season", title, description, required=required,
                  matches_pattern={"pattern": dates.SEASON_PATTERN}, consecutive_season={"enabled": True})


def choice(values: list[str], title: str, description: str, *, required: bool = True) -> pa.Field:
    return _field("choice", title, description, required=required, isin=list(values))


def count(title: str, description: str, *, required: bool = False, maximum: int | None = None) -> pa.Field:
    bounds = {"ge": 0} if maximum is None else {"in_range": {"min_value": 0, "max_value": maximum}}
    return _field("count", title, description, required=required, **bounds)


def minute(title: str, description: str, *, required: bool = False) -> pa.Field:
    return _field("minute", title, description, required=required,
                  in_range={"min_value": 1, "max_value": 130})


def flag(title: str, description: str, *, required: bool = False, empty_means: bool | None = None) -> pa.Field:
    """A true/false column; with `empty_means`, an empty cell is published as that value."""
    metadata = {} if empty_means is None else {"empty_means": empty_means}
    return _field("flag", title, description, required=required, metadata=metadata)


def url(title: str, description: str, *, required: bool = True) -> pa.Field:
    return _field("url", title, description, required=required, matches_pattern={"pattern": URL_PATTERN})


def text(title: str, description: str, *, required: bool = False) -> pa.Field:
    return _field("text", title, description, required=required)


def source(description: str = "") -> pa.Field:
    return slug("Source", description or "The source_id (in sources.csv) of the page that states this row's facts.")


def notes() -> pa.Field:
    return text("Notes", "Free text: caveats, and disagreements between sources with the value each gives.")
