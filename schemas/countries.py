from pandera.typing import Series

from schemas import columns
from schemas.base import TableModel, keys


class Countries(TableModel):
    country_code: Series[str] = columns.country(
        "Country code",
        "FIFA-style three-letter code. Covers the home nations (ENG, SCO, WAL, NIR) and former states "
        "(URS for the Soviet Union, YUG, TCH, FRG, GDR) that ISO 3166 does not.")
    name: Series[str] = columns.text("Name", "The country's English name.", required=True)
    wikidata_id: Series[str] = columns.wikidata()
    ids_source_id: Series[str] = columns.ids_source()
    notes: Series[str] = columns.notes()

    class Config:
        name = "countries"
        title = "Countries"
        description = "The country codes that nationality and country columns may use."
        unique = ["country_code"]
        metadata = keys(["country_code"], {"ids_source_id": ("sources", "source_id")})
