"""The files generated from schemas/ and data/ and committed, so that readers see them on GitHub (the README's
timeline among them): each with the function that makes it. `make format` writes them; `format --check` (and CI) says when one is stale."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from scripts import atomic, codebook, coverage, package


@dataclass(frozen=True)
class Generated:
    path: str  # relative to the repository
    make: Callable[[Path, dict[str, pd.DataFrame] | None, str], str]  # (root, valid frames, current text) -> text
    needs_data: bool  # made from the data, so only when it is valid


GENERATED = [
    Generated("datapackage.json", lambda root, frames, current: package.descriptor_text(package.descriptor()), False),
    Generated("docs/codebook.md", lambda root, frames, current: codebook.as_markdown(), False),
    Generated("docs/coverage.md", lambda root, frames, current: coverage.rewrite(current, frames, root), True),
    # the career timeline near the top of the README
    Generated("docs/timeline-massimo-carrera.svg", lambda root, frames, current: _timeline(frames), True),
]


def _timeline(frames: dict[str, pd.DataFrame]) -> str:
    from scripts import timeline  # matplotlib is slow to import: only when a timeline is drawn

    return timeline.svg_text(frames, "massimo-carrera")


def stale(root: Path, frames: dict[str, pd.DataFrame] | None) -> dict[str, str]:
    """path -> its up-to-date text, for each generated file that differs from it (or is missing); files made
    from the data are left out when `frames` is None (the data has errors)."""
    found = {}
    for generated in GENERATED:
        if generated.needs_data and frames is None:
            continue
        path = root / generated.path
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        text = generated.make(root, frames, current)
        if text != current:
            found[generated.path] = text
    return found


def write(root: Path, texts: dict[str, str]) -> None:
    for name, text in texts.items():
        atomic.write_text(root / name, text)
