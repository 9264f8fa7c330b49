import pandas as pd
from pandera.typing import Series

from schemas import columns
from schemas.base import TableModel, keys


class Sources(TableModel):
    source_id: Series[str] = columns.slug(
        "Source id", "Stable id of the page: publisher, language and subject, such as wikipedia-en-massimo-carrera.")
    url: Series[str] = columns.url("URL", "The page's address.")
    title: Series[str] = columns.text("Title", "The page's title.", required=True)
    publisher: Series[str] = columns.text("Publisher", "Who publishes the page (Wikipedia, UEFA, La Gazzetta dello Sport).",
                                          required=True)
    language: Series[str] = columns.language("Language", "The page's language as an ISO 639-1 code.")
    accessed: Series[pd.Timestamp] = columns.date("Accessed", "The day the page was read.")
    notes: Series[str] = columns.notes()

    class Config:
        name = "sources"
        title = "Sources"
        description = "The pages that the facts cite. Every fact row names one of them."
        unique = ["source_id"]
        metadata = keys(["source_id"])
