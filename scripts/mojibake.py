"""Text garbled by a wrong encoding: UTF-8 read as Windows-1252 and saved again, so that Júlio César reads
JÃºlio CÃ©sar. Excel does it to a CSV opened by double-click on Windows; the file is still valid UTF-8, so
nothing else notices, and the garbled names would be published.

A letter counts as garbled only when it is exactly that: the characters, written back as the Windows-1252 bytes
they were read from, are one valid UTF-8 letter. That is the test ftfy starts from; ftfy goes on to guess at
otherwise damaged text, which would flag values on a guess, so it is not used here. Real names and notes do not
pass the test by chance: a garbled letter of two bytes is two characters, the first one of Â-ß and the second
one of the 64 that Windows-1252 reads a UTF-8 continuation byte as (such as Ã©, which was é).
"""

from __future__ import annotations

import re

import pyarrow as pa
import pyarrow.compute as pc


def _windows_1252(byte: int) -> str:
    """The character Windows-1252 reads the byte as; Latin-1's for the five bytes it leaves undefined, which
    Windows passes through as those control characters."""
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


def _characters(first: int, last: int, re2: bool = False) -> str:
    """The characters Windows-1252 reads the bytes first..last as, as a regular expression's class: Python's, or
    RE2's (Arrow's), which writes a character as \\x{...}."""
    characters = [_windows_1252(byte) for byte in range(first, last + 1)]
    return "[" + "".join(f"\\x{{{ord(c):x}}}" if re2 else re.escape(c) for c in characters) + "]"


_READ_AS = {_windows_1252(byte): byte for byte in range(0x80, 0x100)}
# a garbled letter: the lead byte of a letter of two, three or four bytes, then its continuation bytes, each read
# as a character; Arrow looks for the first two
GARBLED_LETTER = _characters(0xC2, 0xF4, re2=True) + _characters(0x80, 0xBF, re2=True)
_CONTINUATION = _characters(0x80, 0xBF)
_LETTER = re.compile("|".join([_characters(0xC2, 0xDF) + _CONTINUATION, _characters(0xE0, 0xEF) + _CONTINUATION * 2,
                               _characters(0xF0, 0xF4) + _CONTINUATION * 3]))


def _mend(letter: re.Match) -> str:
    try:
        return bytes(_READ_AS[character] for character in letter.group()).decode("utf-8")
    except UnicodeDecodeError:  # bytes that make no letter: not a garbled one
        return letter.group()


def restored(value: str) -> str | None:
    """The text a garbled value was before it was garbled, each garbled letter mended; None if none is."""
    mended = _LETTER.sub(_mend, value)
    return mended if mended != value else None


def garbled_words(value: str) -> list[tuple[str, str]]:
    """Each word of the value that holds a garbled letter, with the word it was (once each, in order)."""
    pairs = {}
    for word in value.split(" "):  # not at a no-break space, which a garbled à ends in
        mended = restored(word)
        if mended is not None:
            pairs.setdefault(word, mended)
    return list(pairs.items())


def garbled(values: pa.Array) -> pa.BooleanArray:
    """For each text value, whether it is garbled; Arrow finds the few that may be, Python tests those."""
    maybe = pc.fill_null(pc.match_substring_regex(values, GARBLED_LETTER), False)
    if not pc.any(maybe).as_py():
        return maybe
    return pa.array([possible and restored(value) is not None
                     for possible, value in zip(maybe.to_pylist(), values.to_pylist())], type=pa.bool_())
