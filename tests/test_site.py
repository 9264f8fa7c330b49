"""The site: built from the committed data, opened page by page in a real headless Chromium (Debian's package),
over http from a local server: no console errors, no failed or outside requests, no broken internal links, no
horizontal scrolling on a 390-pixel-wide phone. A screenshot of Carrera's page is left in dist/screenshots/."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlparse

import pytest

from schemas import VERSION
from scripts.site import DATASETTE_LITE, build_site
from tests.conftest import ROOT, set_cell

CHROMIUM = Path("/usr/bin/chromium")
# The machine has no network: without these flags Chromium tries (and fails) to reach Google's services.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PHONE = {"width": 390, "height": 844}
SCREENSHOTS = ROOT / "dist" / "screenshots"
REPOSITORY = "https://github.com/football-careers/football-careers"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The site of the committed data, built once for this module."""
    dist = tmp_path_factory.mktemp("dist")
    built = build_site(ROOT / "data", dist, ROOT, "main")
    assert built.problems == []
    return dist / "site"


@pytest.fixture(scope="module")
def server(site):
    """dist/site served over http on a free port of 127.0.0.1, from a thread."""
    handler = functools.partial(QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=10)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 (the standard library's name)
        pass


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Chromium is not installed: run `apt-get install -y chromium` (as .ci/run does) to open "
                    "the site in a real browser")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def pages_of(site: Path) -> list[str]:
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html"))


def test_every_page_opens_cleanly_on_a_phone_and_its_links_resolve(site, server, browser):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda message: message.type == "error" and problems.append(f"console: {message.text}"))
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on("requestfailed", lambda request: problems.append(f"failed: {request.url}"))
    page.on("response", lambda response: response.status >= 400 and problems.append(
        f"HTTP {response.status}: {response.url}"))
    page.on("request", lambda request: request.url.startswith(server) or request.url.startswith("data:")
            or problems.append(f"a request leaves the machine: {request.url}"))
    links: dict[str, set[str]] = {}
    try:
        for name in pages_of(site):
            page.goto(f"{server}/{name}", wait_until="load")
            seen = page.evaluate(LOOK)
            if seen["width"] > PHONE["width"]:
                problems.append(f"{name}: scrolls sideways at {PHONE['width']} px (scrollWidth {seen['width']})")
            problems += [f"{name}: image not shown: {src}" for src in seen["broken_images"]]
            for href in seen["links"]:
                if href.startswith(server):
                    links.setdefault(href, set()).add(name)
    finally:
        context.close()
    problems += broken_links(site, server, links)
    assert problems == [], "\n".join(problems[:40])
    linked = {unquote(urlparse(urldefrag(href)[0]).path).lstrip("/") for href in links}
    assert set(pages_of(site)) - linked == set(), "pages that no page links to"


# What the test reads from each page once it has loaded.
LOOK = """() => ({
  width: document.documentElement.scrollWidth,
  broken_images: [...document.images].filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src),
  links: [...document.querySelectorAll("a[href]")].map(a => a.href),
})"""


def broken_links(site: Path, server: str, links: dict[str, set[str]]) -> list[str]:
    """Internal links whose file is missing, or whose #fragment names no element of that file."""
    broken = []
    for href, sources in sorted(links.items()):
        address, fragment = urldefrag(href)
        path = site / unquote(urlparse(address).path).lstrip("/")
        path = path / "index.html" if path.is_dir() else path
        if not path.is_file():
            broken.append(f"{sorted(sources)[0]}: broken link {href}")
        elif fragment and path.suffix == ".html" and f'id="{fragment}"' not in _text(path):
            broken.append(f"{sorted(sources)[0]}: no #{fragment} in {path.name}")
    return broken


@functools.cache
def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_a_screenshot_of_carreras_page_is_written_for_review(server, browser):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for name, viewport, full_page in (("massimo-carrera.png", {"width": 1280, "height": 1000}, True),
                                      ("massimo-carrera-phone.png", PHONE, False)):
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        page.goto(f"{server}/people/massimo-carrera.html", wait_until="load")
        page.screenshot(path=str(SCREENSHOTS / name), full_page=full_page)
        context.close()
        assert (SCREENSHOTS / name).read_bytes().startswith(b"\x89PNG")


def test_each_fact_links_to_its_csv_row_and_its_source(site):
    html = (site / "people" / "massimo-carrera.html").read_text(encoding="utf-8")
    stints = (ROOT / "data" / "stints.csv").read_text(encoding="utf-8").splitlines()
    lines = [number for number, row in enumerate(stints, start=1) if ",massimo-carrera," in row]
    assert len(lines) == 21
    for line in lines:
        assert f'href="{REPOSITORY}/blob/main/data/stints.csv#L{line}"' in html
    assert 'href="https://en.wikipedia.org/wiki/Massimo_Carrera"' in html
    assert 'href="../teams/juventus.html"' in html and '<img src="massimo-carrera.svg"' in html
    team = (site / "teams" / "juventus.html").read_text(encoding="utf-8")
    assert 'href="../people/massimo-carrera.html"' in team and "caretaker coach" in team
    assert "<script" not in html + team and "@import" not in (site / "style.css").read_text()


def test_the_home_page_lists_the_tables_and_says_where_releases_are(site):
    home = (site / "index.html").read_text(encoding="utf-8")
    for table in ("stints.csv", "honours.csv", "milestones.csv", "How to cite", "How to contribute"):
        assert table in home
    assert f'href="{REPOSITORY}/releases"' in home
    assert "lite.datasette.io" not in home  # no SQLite file was built
    assert (site / "codebook.html").read_text(encoding="utf-8").count("<h2 id=") == 10


def test_a_release_lists_its_files_with_checksums_and_its_sqlite_opens_in_datasette_lite(data, tmp_path):
    dist = tmp_path / "dist"
    (dist / "release").mkdir(parents=True)
    (dist / "release" / "SHA256SUMS").write_text("ab" * 32 + "  stints.parquet\n" + "cd" * 32 + "  RELEASE_NOTES.md\n")
    (dist / "sqlite").mkdir()
    (dist / "sqlite" / "football-careers.sqlite").write_bytes(b"SQLite format 3\x00")
    assert build_site(data, dist, tmp_path, "v" + VERSION).problems == []
    home = (dist / "site" / "index.html").read_text(encoding="utf-8")
    assert f'{REPOSITORY}/releases/download/v{VERSION}/stints.parquet' in home and "ab" * 32 in home
    assert f'href="{DATASETTE_LITE}"' in home
    assert DATASETTE_LITE == ("https://lite.datasette.io/?url="
                              "https://football-careers.github.io/football-careers/football-careers.sqlite")
    assert (dist / "site" / "football-careers.sqlite").read_bytes() == b"SQLite format 3\x00"
    person = (dist / "site" / "people" / "ada-rossi.html").read_text(encoding="utf-8")
    assert f"/blob/v{VERSION}/data/stints.csv#L2" in person


def test_a_failed_validation_leaves_the_previous_site_as_it_was(data, tmp_path):
    dist = tmp_path / "dist"
    assert build_site(data, dist, tmp_path).problems == []
    before = {p: p.read_bytes() for p in sorted((dist / "site").rglob("*")) if p.is_file()}
    set_cell(data, "stints.csv", 2, "role", "coach")
    assert build_site(data, dist, tmp_path).problems
    assert {p: p.read_bytes() for p in sorted((dist / "site").rglob("*")) if p.is_file()} == before
    assert sorted(p.name for p in dist.iterdir()) == ["site"]  # no staging folder left behind
