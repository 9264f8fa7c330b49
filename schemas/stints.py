import pandas as pd
from pandera.typing import Series

from schemas import columns
from schemas.base import TableModel, keys
from schemas.vocabularies import ROLES, described


class Stints(TableModel):
    stint_id: Series[str] = columns.slug(
        "Stint id", "Stable id: person, team, role and start year, such as massimo-carrera-juventus-player-1991.")
    person_id: Series[str] = columns.slug("Person", "Who (people.csv).")
    team_id: Series[str] = columns.slug("Team", "Where (teams.csv).")
    role: Series[str] = columns.choice(list(ROLES), "Role", described(ROLES))
    start_date: Series[str] = columns.partial_date(
        "Start date", "When the spell began, as precise as the source gives it (1991, 1991-07 or 1991-07-01); "
                      "empty when no source gives it.", required=False)
    end_date: Series[str] = columns.partial_date(
        "End date", "When the spell ended, as precise as the source gives it; empty while it goes on, or when no "
                    "source gives it (ongoing says which).", required=False)
    ongoing: Series[pd.BooleanDtype] = columns.flag(
        "Ongoing", "true when a source says the spell still goes on (end_date is then empty); false or empty "
                   "otherwise (published as false). An empty end_date on a spell that is not ongoing means its end "
                   "is unknown.", empty_means=False)
    on_loan: Series[pd.BooleanDtype] = columns.flag("On loan", "For a player: true when the spell was a loan from "
                                                               "another club; empty for staff.")
    appearances: Series[pd.Int64Dtype] = columns.count(
        "Appearances", "For a club: league matches played in the spell; for a national team: all caps. "
                       "Empty when no source gives it.")
    goals: Series[pd.Int64Dtype] = columns.count("Goals", "Goals scored in the matches counted in appearances.")
    source_id: Series[str] = columns.source()
    notes: Series[str] = columns.notes()

    class Config:
        name = "stints"
        title = "Stints"
        description = "One person at one team in one role over one continuous period."
        unique = ["stint_id"]
        metadata = keys(["stint_id"], {"person_id": ("people", "person_id"), "team_id": ("teams", "team_id"),
                                     "source_id": ("sources", "source_id")})
