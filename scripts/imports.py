"""What a command does not import: the libraries that a dependency imports for features no command uses.

pandera imports hypothesis, wherever it is installed (the tests need it), to register a data-generation strategy
for each check as the check is defined: 0.13–0.22 s of the 1.1 s start-up of `validate` here. No command
generates data with pandera; with hypothesis marked absent while a command runs, pandera skips the strategies,
as it does where hypothesis is not installed. A process that has already imported hypothesis (pytest) keeps it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

UNUSED = ("hypothesis",)


@contextmanager
def without_unused() -> Iterator[None]:
    """While this runs, `import hypothesis` fails as if it were not installed; afterwards it works again."""
    blocked = [name for name in UNUSED if name not in sys.modules]
    for name in blocked:
        sys.modules[name] = None  # the import system's own marker for a module that must not be imported
    try:
        yield
    finally:
        for name in blocked:
            if sys.modules.get(name, ...) is None:
                del sys.modules[name]
