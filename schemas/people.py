from pandera.typing import Series

from schemas import columns
from schemas.base import TableModel, keys
from schemas.vocabularies import POSITIONS, described


class People(TableModel):
    person_id: Series[str] = columns.slug("Person id", "Stable id of the person: the common name, such as massimo-carrera.")
    name: Series[str] = columns.text("Name", "The name the person is commonly known by.", required=True)
    full_name: Series[str] = columns.text("Full name", "The full name, where a source gives it.")
    birth_date: Series[str] = columns.partial_date("Birth date", "Date of birth, as precise as the source gives it.",
                                                   required=False)
    birth_place: Series[str] = columns.text("Birth place", "Town or city of birth, as the source names it.")
    death_date: Series[str] = columns.partial_date("Death date", "Date of death; empty while alive.", required=False)
    nationality: Series[str] = columns.country("Nationality", "The country the person represents (countries.csv).",
                                               required=False)
    position: Series[str] = columns.choice(list(POSITIONS), "Position",
                                           "Main playing position; empty for people who never played. "
                                           + described(POSITIONS), required=False)
    wikidata_id: Series[str] = columns.wikidata()
    transfermarkt_id: Series[str] = columns.transfermarkt()
    ids_source_id: Series[str] = columns.ids_source()
    source_id: Series[str] = columns.source()
    notes: Series[str] = columns.notes()

    class Config:
        name = "people"
        title = "People"
        description = "Players, coaches and staff."
        unique = ["person_id"]
        metadata = keys(["person_id"], {"nationality": ("countries", "country_code"), "source_id": ("sources", "source_id"),
                                        "ids_source_id": ("sources", "source_id")})
