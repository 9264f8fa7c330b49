from pandera.typing import Series

from schemas import columns
from schemas.base import TableModel, keys
from schemas.vocabularies import TEAM_KINDS, described


class Teams(TableModel):
    team_id: Series[str] = columns.slug(
        "Team id", "Stable id of the team: the club's common English name (juventus), or the country's for a "
                   "national team (italy, italy-u21).")
    name: Series[str] = columns.text("Name", "The team's common name.", required=True)
    kind: Series[str] = columns.choice(list(TEAM_KINDS), "Kind", described(TEAM_KINDS))
    country: Series[str] = columns.country("Country", "The country the team plays in, or represents (countries.csv).")
    city: Series[str] = columns.text("City", "The club's home city; empty for national teams.")
    wikidata_id: Series[str] = columns.wikidata()
    transfermarkt_id: Series[str] = columns.transfermarkt()
    ids_source_id: Series[str] = columns.ids_source()
    notes: Series[str] = columns.notes()

    class Config:
        name = "teams"
        title = "Teams"
        description = "Clubs and national teams."
        unique = ["team_id"]
        metadata = keys(["team_id"], {"country": ("countries", "country_code"),
                                      "ids_source_id": ("sources", "source_id")})
