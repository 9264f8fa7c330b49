"""A release's files, from its download address or from a folder, each checked against the release's SHA256SUMS
before it is used; downloads are cached (pooch), and a file that does not match is refused, never used."""

from __future__ import annotations

import hashlib
import os
import tempfile
from functools import lru_cache
from pathlib import Path

import pooch

SUMS = "SHA256SUMS"
LATEST = "https://github.com/football-careers/football-careers/releases/latest/download/"
CACHE_ENV = "FOOTBALL_CAREERS_CACHE"  # where downloads are kept (default: the user's cache folder)
TIMEOUT_SECONDS = 60


class ChecksumError(ValueError):
    """A release file whose bytes differ from its SHA256SUMS entry (changed, truncated or corrupted)."""


def fetch_descriptor(release: str) -> Path:
    """The folder holding `release`'s datapackage.json, verified; for an address, a cache folder."""
    folder = _local_folder(release) or _cache_folder(release)
    verified(folder, "datapackage.json", release)
    return folder


def verified(folder: Path, name: str, release: str | None) -> Path:
    """The path of `name` in `folder` once its bytes match SHA256SUMS (the bundled data needs no check: pip
    verified the wheel)."""
    if release is None:
        return folder / name
    expected = _sums(release).get(name)
    if expected is None:
        raise ChecksumError(f"{release}: {name} is not listed in {SUMS}, so it cannot be verified")
    if _local_folder(release) is not None:
        path = folder / name
        if not path.exists():
            raise FileNotFoundError(f"{release}: {name} is missing")
        actual = pooch.file_hash(str(path), alg="sha256")
        if actual != expected:
            raise ChecksumError(f"{path}: its SHA-256 is {actual}, but {SUMS} says {expected}; the file was changed "
                                "or truncated, and is not used")
        return path
    fetcher = pooch.create(path=folder, base_url=_address(release), registry={name: f"sha256:{expected}"},
                           retry_if_failed=1)
    try:
        return Path(fetcher.fetch(name, downloader=pooch.HTTPDownloader(timeout=TIMEOUT_SECONDS, progressbar=False)))
    except ValueError as error:  # pooch refuses a download whose hash does not match, and deletes it
        raise ChecksumError(f"{_address(release)}{name} does not match {SUMS} ({error}); it is not used") from error


@lru_cache(maxsize=8)
def _sums(release: str) -> dict[str, str]:
    """name -> SHA-256 from the release's SHA256SUMS, read fresh once per process."""
    local = _local_folder(release)
    if local is not None:
        text = (local / SUMS).read_text(encoding="utf-8")
    else:
        with tempfile.TemporaryDirectory() as scratch:
            path = pooch.retrieve(_address(release) + SUMS, known_hash=None, path=scratch, progressbar=False,
                                  downloader=pooch.HTTPDownloader(timeout=TIMEOUT_SECONDS, progressbar=False))
            text = Path(path).read_text(encoding="utf-8")
    sums = {}
    for line in text.splitlines():
        digest, _, name = line.partition("  ")
        if name:
            sums[name.strip()] = digest.strip().lower()
    return sums


def _local_folder(release: str) -> Path | None:
    if release.startswith(("http://", "https://")) or release == "latest":
        return None
    folder = Path(release).expanduser()
    if not (folder / SUMS).exists():
        raise FileNotFoundError(f"{release}: not a release folder (it has no {SUMS})")
    return folder


def _address(release: str) -> str:
    address = LATEST if release == "latest" else release
    return address if address.endswith("/") else address + "/"


def _cache_folder(release: str) -> Path:
    root = Path(os.environ.get(CACHE_ENV) or pooch.os_cache("football-careers"))
    return root / hashlib.sha256(_address(release).encode()).hexdigest()[:16]
