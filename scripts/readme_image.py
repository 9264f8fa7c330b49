"""The career timeline near the top of the README, generated from data/ like the other committed documents, so
that a test can tell when it is stale; `make datapackage` rewrites it."""

from __future__ import annotations

from pathlib import Path

from scripts import timeline
from scripts.validate import validate

PERSON = "massimo-carrera"
PATH = Path("docs") / f"timeline-{PERSON}.svg"  # from the repository's root


def svg(data_dir: Path) -> str:
    checked = validate(data_dir, data_dir.parent)
    if not checked.ok:
        raise ValueError(f"{data_dir} has problems; run `make validate` before drawing the README's timeline")
    return timeline.svg_text(checked.frames, PERSON)
