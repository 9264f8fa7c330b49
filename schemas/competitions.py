from pandera.typing import Series

from schemas import columns
from schemas.base import TableModel, keys
from schemas.vocabularies import COMPETITION_KINDS, CONFEDERATIONS, described


class Competitions(TableModel):
    competition_id: Series[str] = columns.slug(
        "Competition id", "Stable id of the competition, such as serie-a or european-cup (the European Cup and "
                          "the UEFA Champions League are one competition).")
    name: Series[str] = columns.text("Name", "The competition's common English name.", required=True)
    kind: Series[str] = columns.choice(list(COMPETITION_KINDS), "Kind", described(COMPETITION_KINDS))
    country: Series[str] = columns.country("Country", "The country of a national competition (countries.csv); "
                                                      "empty for international ones.", required=False)
    confederation: Series[str] = columns.choice(list(CONFEDERATIONS), "Confederation",
                                                "The confederation running an international competition; empty for "
                                                "national ones. " + described(CONFEDERATIONS), required=False)
    wikidata_id: Series[str] = columns.wikidata()
    transfermarkt_id: Series[str] = columns.transfermarkt(code=True)
    ids_source_id: Series[str] = columns.ids_source()
    notes: Series[str] = columns.notes()

    class Config:
        name = "competitions"
        title = "Competitions"
        description = "Leagues, cups, international tournaments and individual awards."
        unique = ["competition_id"]
        metadata = keys(["competition_id"], {"country": ("countries", "country_code"),
                                             "ids_source_id": ("sources", "source_id")})
