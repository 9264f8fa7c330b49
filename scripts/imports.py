"""How a command imports: without the libraries that a dependency imports for features no command uses, and
out of the garbage collector's way.

pandera imports hypothesis, wherever it is installed (the tests need it), to register a data-generation strategy
for each check as the check is defined: 0.13–0.22 s of the 1.1 s start-up of `validate` here. No command
generates data with pandera; with hypothesis marked absent while a command runs, pandera skips the strategies,
as it does where hypothesis is not installed. A process that has already imported hypothesis (pytest) keeps it.
In the same way ADBC's SQLite driver imports polars, wherever it is installed (the tests read the published
tables with it), to offer query results as polars frames: 0.1–0.2 s of `build`, which binds Arrow tables and
reads nothing back. With polars marked absent the driver uses pyarrow, its default anyway.

The imports make about a million objects (modules, classes, functions) that live as long as the process. Python's
cyclic garbage collector walks them at every full collection while they are being made, and all of them once more
as the process exits, and never finds one to free: 0.15-0.2 s of the 0.85 s that `validate` of the committed data
took here (whole processes, interleaved, 16-24 runs each). Made with the collector paused, they are then frozen
(`gc.freeze`), left out of every later collection; what the command itself makes is collected as usual.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager

UNUSED = ("hypothesis", "polars")


@contextmanager
def without_unused() -> Iterator[None]:
    """While this runs, `import hypothesis` (or polars) fails as if it were not installed; afterwards it works again."""
    blocked = [name for name in UNUSED if name not in sys.modules]
    for name in blocked:
        sys.modules[name] = None  # the import system's own marker for a module that must not be imported
    try:
        yield
    finally:
        for name in blocked:
            if sys.modules.get(name, ...) is None:
                del sys.modules[name]


@contextmanager
def long_lived() -> Iterator[None]:
    """Imports made inside are made with the garbage collector paused, then frozen out of its later collections.
    A process that had already imported them all (pytest) freezes nothing."""
    enabled, modules = gc.isenabled(), len(sys.modules)
    gc.disable()
    try:
        yield
    finally:
        if len(sys.modules) > modules:
            gc.freeze()
        if enabled:
            gc.enable()
