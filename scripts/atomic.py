"""Write a file or a directory so that readers see the old one or the new one, never half of either."""

from __future__ import annotations

import ctypes
import os
import shutil
import tempfile
from pathlib import Path


TEMPORARY = ".{name}.*.tmp"  # the name of a file being written; a killed writer may leave one behind


def write_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def remove_leftovers(path: Path) -> None:
    """Delete temporary files that an interrupted write of `path` left beside it (a process killed with
    SIGKILL runs no clean-up, so the next writer does it)."""
    for leftover in path.parent.glob(TEMPORARY.format(name=path.name)):
        leftover.unlink(missing_ok=True)


def write_text(path: Path, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))


def replace_directory(built: Path, target: Path) -> None:
    """Put a fully built directory in place of `target` in one atomic step, then remove the old one."""
    built.chmod(0o755)  # a temporary directory starts private; the result is an ordinary folder
    if not target.exists():
        os.replace(built, target)
    elif _exchange(built, target):
        shutil.rmtree(built)  # it now holds the previous contents
    else:  # no atomic exchange on this system: the old directory is gone for a moment
        old = target.with_name(f".{target.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        os.replace(target, old)
        os.replace(built, target)
        shutil.rmtree(old)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically with Linux's renameat2(RENAME_EXCHANGE); False where that is unavailable."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange) == 0
