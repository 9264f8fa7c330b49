import pandas as pd
from pandera.typing import Series

from schemas import columns
from schemas.base import TableModel, keys
from schemas.vocabularies import LINEUPS, ROLES, described


class Appearances(TableModel):
    match_id: Series[str] = columns.slug("Match", "The match (matches.csv).")
    person_id: Series[str] = columns.slug("Person", "Who took part (people.csv).")
    team_id: Series[str] = columns.slug("Team", "The side the person was on: the match's home or away team.")
    role: Series[str] = columns.choice(list(ROLES), "Role", "In what role. " + described(ROLES))
    lineup: Series[str] = columns.choice(list(LINEUPS), "Line-up", "For a player: " + described(LINEUPS)
                                         + ". Empty for staff.", required=False)
    minute_on: Series[pd.Int64Dtype] = columns.minute("Minute on", "The minute a substitute came on.")
    minute_off: Series[pd.Int64Dtype] = columns.minute("Minute off", "The minute the player was taken off.")
    goals: Series[pd.Int64Dtype] = columns.count("Goals", "Goals the player scored in the match (shoot-out "
                                                          "penalties excluded); empty when unknown.")
    source_id: Series[str] = columns.source()
    notes: Series[str] = columns.notes()

    class Config:
        name = "appearances"
        title = "Appearances"
        description = "Who took part in a match, on which side and how."
        unique = ["match_id", "person_id"]
        metadata = keys(["match_id", "person_id"], {"match_id": ("matches", "match_id"), "person_id": ("people", "person_id"),
                                     "team_id": ("teams", "team_id"), "source_id": ("sources", "source_id")})
