"""Validate, then write the browsable site to dist/site/: a home page, a page per person (with their career
timeline) and per team, the teams' index and the codebook. Plain HTML and CSS: no JavaScript, nothing fetched
from the network, every fact linked to its CSV row on GitHub.

The site is built in a temporary folder beside dist/site and moved into place whole, so a failed build leaves
the previous site as it was. Only the person pages draw a timeline; the data is validated once.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import yaml

from schemas import VERSION
from scripts import atomic, career, pages, timeline
from scripts.problems import Problem
from scripts.validate import validate

TEMPLATES = Path(__file__).parent / "templates"
SQLITE = Path("sqlite") / "football-careers.sqlite"  # in dist/, where the SQLite build puts it
SUMS = Path("release") / "SHA256SUMS"  # in dist/, where `release` puts it
PAGES_URL = "https://football-careers.github.io/football-careers"
# GitHub release downloads send no CORS headers, so Datasette Lite reads the copy that Pages serves.
DATASETTE_LITE = f"https://lite.datasette.io/?url={PAGES_URL}/{SQLITE.name}"


@dataclass
class BuiltSite:
    problems: list[Problem] = field(default_factory=list)
    pages: int = 0


def build_site(data_dir: Path, dist: Path, root: Path, ref: str = "main") -> BuiltSite:
    checked = validate(data_dir, root)
    if checked.errors:
        return BuiltSite(checked.errors)
    dist.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-", dir=dist))
    try:
        count = write_site(checked.frames, staging, dist, root, ref)
        atomic.replace_directory(staging, dist / "site")
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return BuiltSite([], count)


def write_site(frames: dict, folder: Path, dist: Path, root: Path, ref: str) -> int:
    """Write every page into `folder`; the number of HTML pages."""
    site = pages.Site(frames, ref)
    render = _renderer(ref, career.as_of(frames))
    sqlite = dist / SQLITE
    files = {
        "index.html": render("home.html", "", pages.home_page(site, downloads(dist), sqlite.exists(),
                                                              citation(root)), datasette_lite=DATASETTE_LITE),
        "teams.html": render("teams.html", "", pages.teams_index(site)),
        "codebook.html": render("codebook.html", "", pages.codebook_page()),
        "style.css": (TEMPLATES / "style.css").read_text(encoding="utf-8"),
    }
    for person_id, person in career.careers(frames).items():
        svg = timeline.career_svg(person)
        files[f"people/{person_id}.svg"] = svg
        files[f"people/{person_id}.html"] = render("person.html", "../", pages.person_page(site, person_id),
                                                   **_image(svg, person))
    for team_id in frames["teams"]["team_id"]:
        files[f"teams/{team_id}.html"] = render("team.html", "../", pages.team_page(site, team_id))
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    if sqlite.exists():
        shutil.copyfile(sqlite, folder / SQLITE.name)
    return sum(name.endswith(".html") for name in files)


def downloads(dist: Path) -> list[tuple[str, str, str]]:
    """(file, SHA-256, download address) of each file of the release in dist/release/, if one was built."""
    sums = dist / SUMS
    if not sums.exists():
        return []
    base = f"{pages.REPOSITORY}/releases/download/v{VERSION}"
    found = []
    for line in sums.read_text(encoding="utf-8").splitlines():
        digest, _, name = line.partition("  ")
        if name:
            found.append((name, digest, f"{base}/{name}"))
    return found


def citation(root: Path) -> str:
    """The citation CITATION.cff asks for, as one line of text."""
    path = root / "CITATION.cff"
    cff = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}
    authors = ", ".join(author.get("name", "") for author in cff.get("authors", [])) or "football-careers contributors"
    title = cff.get("title", "football-careers")
    version = cff.get("version", VERSION)
    return f"{authors}. {title} (version {version}) [Data set]. {cff.get('repository-code', pages.REPOSITORY)}"


def _renderer(ref: str, as_of):
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                                     undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    common = {"version": VERSION, "ref": ref, "as_of": f"{as_of:%Y-%m-%d}", "repository": pages.REPOSITORY}

    def render(template: str, root: str, context: dict, **extra) -> str:
        return environment.get_template(template).render(**common, **context, **extra, root=root)

    return render


def _image(svg: str, person: career.Career) -> dict:
    """The timeline's size (from the SVG's own, in points) and a text alternative for the <img>."""
    width, height = (float(re.search(rf'{side}="([0-9.]+)pt"', svg).group(1)) for side in ("width", "height"))
    roles = ", ".join(role.replace("_", " ") for role in person.roles)
    alt = (f"Career timeline of {person.name}: {len(person.spans)} stints ({roles}) and "
           f"{len(person.events)} honours and finals; the tables below list every one.")
    return {"timeline_width": round(width * 4 / 3), "timeline_height": round(height * 4 / 3), "timeline_alt": alt}
