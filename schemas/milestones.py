from pandera.typing import Series

from schemas import columns
from schemas.base import TableModel, keys
from schemas.vocabularies import MILESTONES, described


class Milestones(TableModel):
    person_id: Series[str] = columns.slug("Person", "Whose milestone (people.csv).")
    match_id: Series[str] = columns.slug("Match", "The match (matches.csv), in which the person has an appearance.")
    milestone: Series[str] = columns.choice(list(MILESTONES), "Milestone", described(MILESTONES))
    source_id: Series[str] = columns.source("The source_id (in sources.csv) of the page that says this match was "
                                            "the milestone (the match's own facts may cite another page).")
    notes: Series[str] = columns.notes()

    class Config:
        name = "milestones"
        title = "Milestones"
        description = ("Debuts, first and last caps, last matches as a player, and each coaching spell's first "
                       "and last match: the matches that mark a career.")
        unique = ["person_id", "match_id", "milestone"]
        metadata = keys(["person_id", "match_id", "milestone"],
                        {"person_id": ("people", "person_id"), "match_id": ("matches", "match_id"),
                         "source_id": ("sources", "source_id")})
