import pandas as pd
from pandera.typing import Series

from schemas import columns
from schemas.base import TableModel, keys
from schemas.vocabularies import STAGES, described


class Matches(TableModel):
    match_id: Series[str] = columns.slug("Match id", "Stable id: date, home team, away team, such as "
                                                     "1993-05-19-borussia-dortmund-juventus.")
    date: Series[pd.Timestamp] = columns.date("Date", "The day the match was played.")
    competition_id: Series[str] = columns.slug("Competition", "The competition (competitions.csv).")
    season: Series[str] = columns.season("Season", "The season the match was played in: 1992-93, or 1994 for a "
                                                   "calendar-year season or a tournament.")
    stage: Series[str] = columns.choice(list(STAGES), "Stage", described(STAGES))
    leg: Series[pd.Int64Dtype] = columns.count("Leg", "1 or 2 for a two-legged tie; empty for a single match.",
                                               maximum=2)
    home_team_id: Series[str] = columns.slug("Home team", "The team named first (teams.csv).")
    away_team_id: Series[str] = columns.slug("Away team", "The team named second (teams.csv).")
    home_score: Series[pd.Int64Dtype] = columns.count("Home score", "Home goals after 90 minutes; empty when no source gives "
                                                                           "the score.")
    away_score: Series[pd.Int64Dtype] = columns.count("Away score", "Away goals after 90 minutes; empty when no source gives "
                                                                           "the score.")
    home_score_aet: Series[pd.Int64Dtype] = columns.count("Home score after extra time",
                                                          "Home goals after extra time; empty when none was played.")
    away_score_aet: Series[pd.Int64Dtype] = columns.count("Away score after extra time",
                                                          "Away goals after extra time; empty when none was played.")
    home_penalties: Series[pd.Int64Dtype] = columns.count("Home penalties", "Home penalties scored in a shoot-out; "
                                                                            "empty when there was none.")
    away_penalties: Series[pd.Int64Dtype] = columns.count("Away penalties", "Away penalties scored in a shoot-out; "
                                                                            "empty when there was none.")
    venue: Series[str] = columns.text("Venue", "The stadium.")
    city: Series[str] = columns.text("City", "The stadium's city.")
    source_id: Series[str] = columns.source()
    notes: Series[str] = columns.notes()

    class Config:
        name = "matches"
        title = "Matches"
        description = "Matches in which one of the dataset's people took part."
        unique = ["match_id"]
        metadata = keys(["match_id"], {"competition_id": ("competitions", "competition_id"),
                                     "home_team_id": ("teams", "team_id"), "away_team_id": ("teams", "team_id"),
                                     "source_id": ("sources", "source_id")})
