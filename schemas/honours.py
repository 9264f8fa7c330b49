from pandera.typing import Series

from schemas import columns
from schemas.base import TableModel, keys
from schemas.vocabularies import RESULTS, ROLES, described


class Honours(TableModel):
    honour_id: Series[str] = columns.slug("Honour id", "Stable id: person, competition and season, such as "
                                                       "massimo-carrera-uefa-cup-1992-93.")
    person_id: Series[str] = columns.slug("Person", "Who (people.csv).")
    team_id: Series[str] = columns.slug("Team", "With which team (teams.csv); empty for an individual award.",
                                        required=False)
    competition_id: Series[str] = columns.slug("Competition", "The competition or award (competitions.csv).")
    season: Series[str] = columns.season("Season", "The season or edition: 1992-93, or 1994.")
    role: Series[str] = columns.choice(list(ROLES), "Role", "The person's role in the team. " + described(ROLES))
    result: Series[str] = columns.choice(list(RESULTS), "Result", described(RESULTS))
    final_match_id: Series[str] = columns.slug("Final", "The final (matches.csv), where there was one and it is "
                                                        "in the dataset.", required=False)
    source_id: Series[str] = columns.source()
    notes: Series[str] = columns.notes()

    class Config:
        name = "honours"
        title = "Honours"
        description = "What the people won, or reached the final of, with a team or on their own."
        unique = ["honour_id"]
        metadata = keys(["honour_id"], {"person_id": ("people", "person_id"), "team_id": ("teams", "team_id"),
                                     "competition_id": ("competitions", "competition_id"),
                                     "final_match_id": ("matches", "match_id"), "source_id": ("sources", "source_id")})
