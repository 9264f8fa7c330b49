"""Deterministic zip archives from a fixed list of files, checksums, and a safe reader for archives."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path, PurePosixPath

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
FILE_MODE = 0o644 << 16


class UnsafeArchive(Exception):
    """An archive holds an entry that could escape its folder, or a file whose checksum does not match."""


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_of_file(path: Path, block_size: int = 1 << 20) -> str:
    """The checksum of a file read a block at a time, so a file of gigabytes is never held in memory whole."""
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        while block := file.read(block_size):
            digest.update(block)
    return digest.hexdigest()


def write_zip(path: Path, members: list[tuple[str, bytes]]) -> None:
    """Write `members` (archive name, content) in the given order, with fixed times and modes."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, content in members:
            _check_name(name)
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = FILE_MODE
            info.create_system = 3
            archive.writestr(info, content, compresslevel=9)


def read_zip(path: Path) -> dict[str, bytes]:
    """Every file in the archive by its name, refusing names that are absolute or climb out with `..`."""
    with zipfile.ZipFile(path) as archive:
        members = {}
        for info in archive.infolist():
            _check_name(info.filename)
            if not info.is_dir():
                members[info.filename] = archive.read(info)
        return members


def sums_text(files: list[tuple[str, bytes]]) -> str:
    return "".join(f"{sha256(content)}  {name}\n" for name, content in files)


def verify_sums(sums: str, files: dict[str, bytes]) -> None:
    for line in sums.splitlines():
        digest, _, name = line.partition("  ")
        if name in files and sha256(files[name]) != digest:
            raise UnsafeArchive(f"{name}: checksum does not match SHA256SUMS")


def _check_name(name: str) -> None:
    pure = PurePosixPath(name)
    if pure.is_absolute() or ".." in pure.parts or "\\" in name or (pure.parts and ":" in pure.parts[0]):
        raise UnsafeArchive(f"refusing archive entry {name!r}: absolute paths and '..' are not allowed")
