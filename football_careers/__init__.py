"""football-careers: who played for or coached which team, when, and what they won; every fact cited.

    import football_careers
    stints = football_careers.load("stints")          # a pandas DataFrame with real types
    tables = football_careers.load_all()              # every table, by name
    football_careers.tables()                         # what each table holds
    football_careers.codebook("stints")               # every column: type, title, description

The data of this version ships inside the package. For a newer release without upgrading, pass
`release=` a release's download address (or a folder holding a release's files): every file is checked
against the release's SHA256SUMS before use, and cached.
"""

from football_careers.releases import ChecksumError
from football_careers.tables import codebook, load, load_all, tables, version

__version__ = version()
__all__ = ["ChecksumError", "codebook", "load", "load_all", "tables", "__version__"]
