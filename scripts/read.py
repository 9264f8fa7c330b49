"""CSV file -> cells (all text, indexed by the line an editor shows) and the file's hygiene problems.

Never raises on bad input: every defect becomes a Problem. Files in canonical form are parsed by
pyarrow; any other file is parsed again, strictly, by the csv module, which locates each defect.
"""

from __future__ import annotations

import csv
import io
import os
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from schemas import Table, parallel
from schemas.codes import coded, codes_of
from schemas.columns import FLAG_WORDS, kind_of
from scripts import canonical, mojibake
from scripts.problems import Problem, preview

MAX_CELL_CHARACTERS = 5_000  # a note longer than this is surely a paste gone wrong
PLACEHOLDERS = {"nan", "null", "none", "n/a", "na", "nil", "undefined", "#n/a", "missing"}
PLACEHOLDER_VALUES = pa.array(sorted(PLACEHOLDERS))
FORMULA_STARTS = ("=", "+", "-", "@")
# a tab or another control character inside a text cell (a line break is allowed: a note may span lines), as a
# table pasted from a web page brings in unseen; at either end of a cell it is whitespace, which `format` trims
CONTROL_CHARACTERS = r"[\x{0}-\x{8}\x{9}\x{b}-\x{1f}\x{7f}-\x{9f}]"
CONTROL_NAMES = {"\t": "a tab (U+0009)"}  # a carriage return never gets this far: line endings become LF first
FORMAT_HINT = "run `make format` to fix it"
FLAG_VALUES = list(FLAG_WORDS)  # `format` lowercases TRUE and False to these
QUOTING_LINES_SHOWN = 5  # beyond this many rows quoted another way, one message for the file
SHORT_ROWS_SHOWN = 5  # beyond this many rows short of their last empty cells, one message for the file
GARBLED_CELLS_SHOWN = 5  # beyond this many cells garbled by a wrong encoding, one message for the file
CHANGED_BY_FORMAT = {"whitespace", "sort-order", "flag-case", "repeated-header"}  # problems of a parsed file that
# `format` rewrites
TEXT_CODES = pa.dictionary(pa.int32(), pa.large_string())  # int32 codes: half the memory, no column has 2^31 values
# a row that could not be read: the rules that compare this table with others wait for it (RawTable.rows_unread)
COMPARED_ONCE_FIXED = "the other tables are compared with this one once it is fixed"
BLOCK_SIZE = 16 << 20  # pyarrow parses blocks in parallel; 16 MiB measured fastest on 100 MB of CSV


@dataclass
class RawTable:
    table: Table
    file: str  # as reported, such as data/people.csv
    header: list[str] = field(default_factory=list)
    cells: pd.DataFrame | None = None  # None when the file cannot be read as this table (validate puts the typed
    # frame in their place once typed)
    problems: list[Problem] = field(default_factory=list)
    canonical: bool = False  # True when the file is known to be in canonical form, byte for byte
    repaired: bool = False  # True when the bytes needed a repair, or the strict parser, to be read
    # each column's cells as pd.factorize gives them (codes as int32, an empty cell -1): hashing a million cells is
    # the dearest step of judging them, and the hygiene checks, the typing and the checks of text columns all need it
    codes: dict[str, tuple[np.ndarray, pd.Index]] = field(default_factory=dict)
    in_key_order: bool = False  # True when no row sorts before the row above it (the primary key's text order)
    # True when rows could not be read: a row of the wrong width, or every row below a line that cannot be parsed
    # (an unclosed quote may hold them all). The rows read are checked, but no rule reads the table, which would
    # report every reference to a lost row as dangling: one mistake, then as many messages as the row's person has
    # appearances, stints and honours
    rows_unread: bool = False

    def problem(self, rule: str, message: str, line: int | None = None, column: str | None = None,
                value: object = None) -> None:
        col = self.header.index(column) + 1 if column in self.header else None
        self.problems.append(Problem(self.file, line, col, column, rule, message, preview(value)))


def read_table(path: Path, table: Table, file: str) -> RawTable:
    raw = RawTable(table, file)
    data = _read_bytes(path, raw)
    if data is None:
        return raw
    raw.repaired = not _is_plain(data)
    if raw.repaired:  # the usual file needs no repair and is parsed without decoding it first
        text = _repaired_text(data, raw)
        if text is None:
            return raw
        data = text.encode("utf-8")
    first_line = data[: data.index(b"\n")].decode("utf-8", "replace")
    if _separator_hint(first_line, raw) or _other_delimiter(first_line, raw):
        return raw
    raw.header = next(csv.reader([first_line]))
    data = _without_empty_columns(data, raw)
    if not _check_header(raw):
        return raw
    quoted, size = b'"' in data, len(data)
    encoded = _parsed(data, table, quoted)
    fast = None
    if encoded is not None:
        if not quoted:  # nothing left that would send the file to the strict parser: the bytes are let go before
            data = None  # the text is written from the codes (at 10^7 appearances a gigabyte of the reading's peak)
        decoded, encoded = _decoded(encoded), None  # the blocks let go as soon as the text is written
        fast = _fast_cells(*decoded, quoted, size)
        del decoded
    if fast is not None:
        raw.cells, raw.codes = fast
    raw.repaired = raw.repaired or fast is None
    if raw.cells is None:
        text = _decode(data, raw)  # pyarrow refused the bytes: say where they are not UTF-8, or parse strictly
        if text is None:
            return raw
        raw.cells = _strict_cells(text, raw)
    _check_cells(raw)
    _check_order(raw)
    raw.canonical = _known_canonical(raw, quoted)
    return raw


def _known_canonical(raw: RawTable, quoted: bool) -> bool:
    """Whether the file is its own canonical rendering, without rendering it. A file that pyarrow parsed with no
    repair and that holds no quote has one row a line and no cell that needs quoting; with its cells trimmed and
    its rows in order, rendering it again would give the same bytes."""
    return not raw.repaired and not quoted and not any(p.rule in CHANGED_BY_FORMAT for p in raw.problems)


def _repaired_text(data: bytes, raw: RawTable) -> str | None:
    """The file as text with LF line endings and a final newline, each repair reported; None if unreadable."""
    text = _decode(data, raw)
    if text is None:
        return None
    text = _normalise_line_endings(text, raw)
    if "\x00" in text:
        first = text.index("\x00")
        raw.problem("nul-byte", "the file holds a NUL byte (often a sign of a binary or UTF-16 file); "
                                "save it as UTF-8 text", line=text.count("\n", 0, first) + 1)
        return None
    if not text.endswith("\n"):
        raw.problem("final-newline", f"the last line has no line break at its end; {FORMAT_HINT}",
                    line=text.count("\n") + 1)
        text += "\n"
    return text


def _read_bytes(path: Path, raw: RawTable) -> bytes | None:
    if not path.exists():
        raw.problem("missing-file", f"the file is missing; every table needs its file, with at least the "
                                    f"header line: {','.join(raw.table.columns)}")
        return None
    data = path.read_bytes()
    if not data:
        raw.problem("empty-file", f"the file is empty; it needs at least the header line: "
                                  f"{','.join(raw.table.columns)}", line=1)
        return None
    return data


def _decode(data: bytes, raw: RawTable) -> str | None:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raw.problem("encoding", "the file is UTF-16; save it as UTF-8", line=1)
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        raw.problem("byte-order-mark", f"the file starts with a byte-order mark (BOM); {FORMAT_HINT}", line=1)
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        # lines as an editor counts them: a file saved with CR (old Mac) line endings is not one long line
        before = data[: error.start].replace(b"\r\n", b"\n").replace(b"\r", b"\n")
        line = before.count(b"\n") + 1
        line_start = max(data.rfind(b"\n", 0, error.start), data.rfind(b"\r", 0, error.start)) + 1
        line_end = min((end for end in (data.find(b"\n", error.start), data.find(b"\r", error.start)) if end >= 0),
                       default=len(data))
        column = len(data[line_start: error.start].decode("utf-8", "replace")) + 1
        around = data[max(line_start, error.start - 20): min(line_end, error.start + 20)]  # within its line
        raw.problem("encoding", f"byte {data[error.start]:#04x} at character {column} of this line is not "
                                f"UTF-8; save the file as UTF-8 (it looks like {_likely_encoding(data)})",
                    line=line, value=around.decode("utf-8", "replace"))
        return None


def _likely_encoding(data: bytes) -> str:
    """Lines ending in CR alone are what Excel for Mac's 'CSV (Macintosh)' saves, in Mac Roman."""
    if b"\r" in data and b"\n" not in data:
        return "Mac Roman, as Excel for Mac saves 'CSV (Macintosh)'; choose 'CSV UTF-8' instead"
    return "Latin-1 or Windows-1252"


def _normalise_line_endings(text: str, raw: RawTable) -> str:
    if "\r" not in text:
        return text
    first = text.index("\r")
    kind = "Windows (CRLF)" if text.startswith("\r\n", first) else "old Mac (CR)"
    raw.problem("line-endings", f"lines end with {kind} line breaks; use LF (Unix) line breaks; {FORMAT_HINT}",
                line=text.count("\n", 0, first) + 1)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _separator_hint(first_line: str, raw: RawTable) -> bool:
    """`sep=,` on the first line: Excel's note of the delimiter, which some exports write above the header. One
    message for it, not one for each column the header then seems to lack."""
    if not (first_line.startswith("sep=") and len(first_line) <= len("sep=,")):
        return False
    raw.problem("separator-line", f"the first line, {first_line!r}, is Excel's note of the delimiter, not the header; "
                                  f"delete that line, so that the header comes first: {','.join(raw.table.columns)}",
                line=1)
    return True


def _other_delimiter(first_line: str, raw: RawTable) -> bool:
    """A file whose cells are separated by semicolons or tabs, as spreadsheets save CSV in many locales: one
    message for the whole file, saying how to save it with commas."""
    expected = len(raw.table.columns)
    for name, delimiter in (("semicolon", ";"), ("tab", "\t")):
        if "," not in first_line and first_line.count(delimiter) == expected - 1:
            raw.problem("delimiter", f"the file is {name}-separated, as a spreadsheet saves CSV in some languages and "
                                     "countries; save it comma-separated (LibreOffice: File > Save As > Text CSV, "
                                     "field delimiter ','; Excel: Save As > CSV UTF-8 (Comma delimited)), then run "
                                     "`make format`", line=1)
            return True
    return False


def _without_empty_columns(data: bytes, raw: RawTable) -> bytes:
    """A spreadsheet that takes an empty column after the last one to be in use saves it: the header names the
    table's columns and then nothing, and every row has as many more cells, all empty. Without them no value
    changes, so the file is read without them, with one message for the file, which `format` repairs. Any other
    file is returned as it is: a stray comma in the header alone, or in some rows, is reported where it is."""
    expected, header = raw.table.columns, raw.header
    extra = len(header) - len(expected)
    if extra < 1 or header[:len(expected)] != expected or any(header[len(expected):]):
        return data
    try:
        records = list(csv.reader(io.StringIO(data.decode("utf-8"), newline=""), strict=True))
    except (UnicodeDecodeError, csv.Error):
        return data
    if len(records) < 2 or any(len(record) != len(header) or any(record[len(expected):]) for record in records):
        return data
    raw.problems.append(Problem(raw.file, 1, len(expected) + 1, None, "empty-column", (
        f"the header and every row end with {extra} empty column{'s' if extra > 1 else ''} after "
        f"{expected[-1]!r}, as a spreadsheet saves a column it takes to be in use; {FORMAT_HINT}: it removes "
        "them without changing a value")))
    raw.header = list(expected)
    raw.repaired = True  # read from other bytes than the file's
    return canonical.render_rows([record[:len(expected)] for record in records]).encode("utf-8")


def _check_header(raw: RawTable) -> bool:
    expected, actual = raw.table.columns, raw.header
    if actual == expected:
        return True
    raw.header = []  # locate header problems by position, since names are what is wrong
    suggested = set()
    for position, name in enumerate(actual, start=1):
        if actual.count(name) > 1 and actual.index(name) + 1 != position:
            _header_problem(raw, position, name, f"column {name!r} appears twice in the header")
        elif not name:
            _header_problem(raw, position, name, f"column {position} of the header has no name (a stray comma?); "
                                                 f"the header must be exactly: {','.join(expected)}")
        elif name not in expected:
            near = expected[position - 1] if position <= len(expected) and expected[position - 1] not in actual else None
            hint = f"; did you mean {near!r}?" if near else f"; this table's columns are: {','.join(expected)}"
            _header_problem(raw, position, name, f"the header names an unknown column {name!r}{hint}")
            suggested.add(near)
    for name in expected:
        if name not in actual and name not in suggested:
            raw.problem("header", f"the header lacks the column {name!r}; the header must be exactly: "
                                  f"{','.join(expected)}", line=1)
    if sorted(set(actual)) == sorted(expected) and len(actual) == len(expected):
        raw.problem("header", f"the columns are in the wrong order; the header must be exactly: "
                              f"{','.join(expected)}", line=1)
    return False


def _header_problem(raw: RawTable, position: int, name: str, message: str) -> None:
    raw.problems.append(Problem(raw.file, 1, position, name, "header", message, preview(name)))


def _is_plain(data: bytes) -> bool:
    """Bytes that need no repair before parsing: the usual case, read without decoding to text first.
    pyarrow still checks that every cell is UTF-8; a file it refuses, or one with a blank line, is read
    again the slow way, which locates the defect."""
    return (data.endswith(b"\n") and b"\r" not in data and b"\x00" not in data
            and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")))


def _parsed(data: bytes, table: Table, quoted: bool) -> pa.Table | None:
    """The cells as pyarrow parses them, coded a block at a time; None for a file pyarrow refuses, or one that
    only the strict parser reads right: a blank line, or the header again.

    Without a quote character the parse is unambiguous, and every row is one line. With quotes, the file
    must also be exactly as long as its canonical rendering (_fast_cells); any other file goes to the strict parser.
    """
    columns = table.columns
    encoded = _parse_with_pyarrow(data, columns, BLOCK_SIZE, quoted)
    if encoded is None and len(data) > BLOCK_SIZE:  # a row longer than a block: parse the file as one block
        encoded = _parse_with_pyarrow(data, columns, len(data) + 1, quoted)
    if encoded is None:
        return None
    if encoded.column_names != columns or encoded.column(table.primary_key[0]).null_count:
        return None  # a blank line reads as a row of empty cells: let the strict parser find it
    # the header again, perhaps: the strict parser tells it from a row. A block's dictionary holds only the
    # values its cells hold
    header = pa.array([columns[0]], type=pa.large_string())
    if any(pc.any(pc.is_in(header, value_set=chunk.dictionary)).as_py() for chunk in encoded.column(0).chunks):
        return None
    return encoded


def _fast_cells(arrow: pa.Table, codes: dict[str, tuple[np.ndarray, pa.Array]], quoted: bool, size: int
                ) -> tuple[pd.DataFrame, dict[str, tuple[np.ndarray, pd.Index]]] | None:
    """The cells as a frame indexed by line (empty cells missing) and each column's codes, from the decoded parse;
    None for a file with quotes that is not its own canonical rendering (`size` bytes long)."""
    if quoted and _canonical_length(arrow) != size:
        return None
    cells = arrow.to_pandas()
    if quoted and arrow.num_rows:
        newlines = None
        for column in arrow.columns:
            counted = pc.count_substring(pc.fill_null(column, ""), "\n")
            newlines = counted if newlines is None else pc.add(newlines, counted)
        line_breaks = pd.Series(newlines.to_numpy(zero_copy_only=False), dtype="int64")
        cells.index = pd.Index(2 + line_breaks.shift(fill_value=0).cumsum() + pd.RangeIndex(arrow.num_rows),
                               name="line")
    else:
        cells.index = pd.RangeIndex(2, arrow.num_rows + 2, name="line")
    return cells, {name: (column_codes, pd.Index(pd.array(distinct, dtype=cells[name].dtype)))
                   for name, (column_codes, distinct) in codes.items()}


def _decoded(encoded: pa.Table) -> tuple[pa.Table, dict[str, tuple[np.ndarray, pa.Array]]]:
    """The cells as text, each column in one chunk, and each column's codes (an empty cell -1) with its distinct
    values in the order they first appear, as pd.factorize gives them.

    pyarrow codes the cells as it parses them, a block per core, so the codes the hygiene checks, the typing and
    the checks need cost little more, and the text is written once from them: parsed as text, concatenated into
    one chunk and then coded, a million appearances took 0.87-0.90 s against 0.73-0.79 s (read_table as a whole:
    1.05 s against 0.87 s, medians), with 13% fewer page faults. One chunk a column, because pyarrow concatenates a
    chunked column on every take: each filter of a million rows copied the whole column.

    The columns are written on every core, as pyarrow parses (parallel.py): the text of a million appearances in
    65-85 ms against 110-150 ms one column after another; at ten million, validate took 11.8-11.9 s against
    14.0-15.7 s."""
    written = parallel.each(_decoded_column, [encoded.column(name) for name in encoded.column_names],
                            encoded.num_rows)
    return (pa.table([text for text, _ in written], names=encoded.column_names),
            dict(zip(encoded.column_names, (codes for _, codes in written))))


def _decoded_column(encoded: pa.ChunkedArray) -> tuple[pa.Array, tuple[np.ndarray, pa.Array]]:
    """One column's text and its codes with its distinct values."""
    # concatenating the blocks unifies their dictionaries: one list of distinct values, in the order they first
    # appear, and each block's codes rewritten to it as they are copied (unified first, then concatenated, the
    # codes were written twice: 0.8-1.8 s more at 10^7 appearances in two runs, and 190 MB more at the peak)
    column = encoded.combine_chunks()
    empty = column.null_count == len(column)  # a column no row fills (notes, often): nothing to look up
    text = pa.nulls(len(column), pa.large_string()) if empty else pc.take(column.dictionary, column.indices)
    return text, (codes_of(column.indices), column.dictionary)


def _parse_with_pyarrow(data: bytes, columns: list[str], block_size: int, quoted: bool) -> pa.Table | None:
    """Without a quote no value can hold a line break, and pyarrow splits the file into blocks faster."""
    try:
        return pacsv.read_csv(
            pa.BufferReader(data),  # read in place, not through a copy
            read_options=pacsv.ReadOptions(block_size=block_size),
            # no invalid_row_handler: pyarrow raises on a row of the wrong width (the strict parser then
            # locates it), and a handler would be handed the row as text, which fails on bytes not UTF-8
            parse_options=pacsv.ParseOptions(newlines_in_values=quoted, ignore_empty_lines=False),
            # coded as parsed (read.py: _decoded); large_string is what pandas keeps its text in: the frame then
            # shares the buffers of the text written from the codes
            convert_options=pacsv.ConvertOptions(column_types={c: TEXT_CODES for c in columns},
                                                 strings_can_be_null=True, null_values=[""],
                                                 quoted_strings_can_be_null=False),
        )
    except (pa.ArrowInvalid, pa.ArrowException):
        return None


def _canonical_length(arrow: pa.Table) -> int:
    """The byte length this table has when written in canonical form, header and final newline included. The
    columns are measured as one (an empty cell adds nothing: the kernels give it no length, no quote, no match,
    and the sums skip it), each kernel called once for the file, not once per column."""
    total = len(canonical.render_rows([arrow.column_names]).encode("utf-8"))
    total += arrow.num_rows * arrow.num_columns  # a comma after each cell but the last, and the line break
    cells = pa.chunked_array([chunk for column in arrow.columns for chunk in column.chunks], type=pa.large_string())
    quoted = pc.match_substring_regex(cells, canonical.NEEDS_QUOTING)
    total += pc.sum(pc.binary_length(cells)).as_py() or 0
    total += 2 * (pc.sum(pc.cast(quoted, pa.int64())).as_py() or 0)
    total += pc.sum(pc.count_substring(cells, '"')).as_py() or 0
    return total


def _strict_cells(text: str, raw: RawTable) -> pd.DataFrame:
    """Cells parsed strictly by the csv module, each defect of structure reported at its line."""
    width = len(raw.header)
    lines = text.split("\n")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records, numbers, empty_rows, wrong_width = [], [], [], []
    previous_end = 0
    try:
        for record in reader:
            start, previous_end = previous_end + 1, reader.line_num
            if start == 1:
                continue
            if not record:
                raw.problem("blank-line", "blank line; delete it", line=start)
            elif not any(record):
                empty_rows.append(start)
            elif record == raw.header:
                raw.problem("repeated-header", "this line repeats the header, as when two files or exports are "
                                               f"pasted together; delete it ({FORMAT_HINT})", line=start)
            elif len(record) != width:
                wrong_width.append((start, record))
            else:
                records.append(record)
                numbers.append(start)
                written = canonical.render_rows([record])
                if written != "\n".join(lines[start - 1: previous_end]) + "\n":
                    raw.problem("quoting", f"this row is not quoted in the canonical way; {FORMAT_HINT}",
                                line=start)
    except csv.Error as error:
        start = previous_end + 1
        raw.rows_unread = True
        raw.problem("malformed-csv", _explain_csv_error(str(error), start, len(lines))
                    + f"; the lines below it are checked and {COMPARED_ONCE_FIXED}", line=start,
                    value=lines[start - 1] if start <= len(lines) else None)
    _one_message_per_block_of_empty_rows(raw, empty_rows)
    _one_message_for_file_wide_quoting(raw, len(records))
    padded = _rows_of_the_wrong_width(raw, wrong_width, lines)
    cells = pd.DataFrame(records + [cells for _, cells in padded], columns=raw.header, dtype="str")
    cells.index = pd.Index(numbers + [line for line, _ in padded], dtype="int64", name="line")
    return cells.where(cells != "").sort_index()


def _rows_of_the_wrong_width(raw: RawTable, rows: list[tuple[int, list[str]]], lines: list[str]
                             ) -> list[tuple[int, list[str]]]:
    """The rows whose count of cells is not the header's (line, cells). Each is a problem at its line, and the table
    is not compared with others (rows_unread), except where many rows only lack cells at their end that may be
    empty: Excel leaves out the commas of a row's last empty cells in some blocks of rows (StataCorp's FAQ "How
    Excel writes empty cells", 1997). Then no value is lost or moved: one message, and the rows read with those cells
    empty, which `format` writes back."""
    width = len(raw.header)
    required = [name not in raw.table.schema.columns or not raw.table.schema.columns[name].nullable
                for name in raw.header]
    short = [len(cells) < width and not any(required[len(cells):]) for _, cells in rows]
    if len(rows) > SHORT_ROWS_SHOWN and all(short):
        first_line, first = rows[0]
        missing = raw.header[len(first):]
        named = repr(missing[0]) if len(missing) == 1 else f"{missing[0]!r} to {missing[-1]!r}"
        raw.problems.append(Problem(raw.file, first_line, len(first) + 1, missing[0], "short-rows", (
            f"{len(rows):,} rows end without the commas of their empty last cells ({named} here), as Excel saves "
            f"some blocks of rows whose last cells are empty; {FORMAT_HINT}: it writes the commas back without "
            "changing a value")))
        return [(line, cells + [""] * (width - len(cells))) for line, cells in rows]
    for line, cells in rows:
        raw.rows_unread = True
        raw.problem("row-width", f"this row has {len(cells)} cells but the header has {width}; check for a missing "
                                 f"or extra comma, or a comma inside an unquoted cell; {COMPARED_ONCE_FIXED}",
                    line=line, value=lines[line - 1])
    return []


def _one_message_per_block_of_empty_rows(raw: RawTable, lines: list[int]) -> None:
    """Rows of commas alone, as a spreadsheet saves rows whose cells it once held or formatted (often many, at the
    end): one message for each block of them, at its first line, not one for each empty required cell; `format`
    removes them, as it removes blank lines."""
    blocks = []
    for line in lines:
        if blocks and line == blocks[-1][-1] + 1:
            blocks[-1].append(line)
        else:
            blocks.append([line])
    for block in blocks:
        which = "this row has" if len(block) == 1 else f"this row and the {len(block) - 1:,} below it have"
        raw.problem("blank-line", f"{which} only empty cells, as a spreadsheet saves rows it once held; delete "
                                  f"{'it' if len(block) == 1 else 'them'} ({FORMAT_HINT})", line=block[0])


def _one_message_for_file_wide_quoting(raw: RawTable, rows: int) -> None:
    """Many rows quoted another way (a spreadsheet that quotes every cell) are one problem of the file, so that
    the problems that are not about quoting stay visible."""
    quoting = [p for p in raw.problems if p.rule == "quoting"]
    if len(quoting) <= QUOTING_LINES_SHOWN and not (len(quoting) == rows > 1):
        return
    raw.problems = [p for p in raw.problems if p.rule != "quoting"]
    every = "every row is" if len(quoting) >= rows else f"{len(quoting)} of {rows} rows are"
    first = ", ".join(str(p.line) for p in quoting[:QUOTING_LINES_SHOWN]) + (", …" if len(quoting) > QUOTING_LINES_SHOWN
                                                                             else "")
    raw.problem("quoting", f"{every} quoted in another way than the canonical one (lines {first}), as some "
                           f"spreadsheets save CSV; {FORMAT_HINT}: it rewrites the file without changing a value")


def _explain_csv_error(message: str, line: int, total: int) -> str:
    if "unexpected end of data" in message or "EOF" in message:
        return (f"a quoted cell opens on this line and is never closed (the file ends at line {total - 1}); "
                "add the closing quote \"")
    if "expected after" in message:
        return ("a quote closes a cell but more text follows it before the comma; write the whole cell "
                "inside the quotes and double any quote within it (\"\")")
    return f"this line cannot be read as CSV ({message}); check its quotes and commas"


def _check_cells(raw: RawTable) -> None:
    """Cell hygiene, judged once per distinct value (ids and codes repeat a great deal), reported per cell. The
    tests are pyarrow's kernels, the very ones pandas' string methods call, run once on the distinct values of all
    the columns end to end (each kernel call costs 15-30 µs however few the values: per column, they were a tenth
    of validating the committed data); beyond the whitespace itself, they judge each value trimmed, as `format`
    leaves it."""
    for name in raw.cells.columns:
        if name not in raw.codes:  # parsed strictly: pyarrow has not coded the cells
            _code(raw, name)
    distinct = [pa.array(raw.codes[name][1], type=pa.large_string()) for name in raw.cells.columns]
    ends = np.cumsum([len(values) for values in distinct])
    values = pa.concat_arrays(distinct)
    stripped = pc.utf8_trim_whitespace(values)
    untrimmed = pc.not_equal(stripped, values)
    # a garbled letter may end in a no-break space or a control character: the garbling is the one mistake
    garbled = mojibake.garbled(values)
    found = {name: _as_numpy(mask) for name, mask in (
        ("untrimmed", untrimmed), ("garbled", garbled),
        ("too long", pc.greater(pc.utf8_length(values), MAX_CELL_CHARACTERS)),
        ("placeholder", pc.is_in(pc.utf8_lower(stripped), value_set=PLACEHOLDER_VALUES)),
        ("formula", _starts_with_any(stripped, FORMULA_STARTS)),
        ("control", pc.match_substring_regex(stripped, CONTROL_CHARACTERS)))}
    garbled_cells = []  # (line, column, value) of each cell garbled by a wrong encoding
    for name, column_values, end in zip(raw.cells.columns, distinct, ends):
        if not len(column_values):
            continue
        marked = {check: mask[end - len(column_values):end] for check, mask in found.items()}
        text_kind = kind_of(raw.table.schema.columns[name]).name == "text"
        intact = ~marked["garbled"]
        checks = [
            ("cell-too-long", marked["too long"], lambda v: (
                f"the cell holds {len(v):,} characters, more than the {MAX_CELL_CHARACTERS:,} a cell may; shorten it")),
            ("whitespace", marked["untrimmed"] & intact if text_kind else marked["untrimmed"], lambda v: (
                f"the cell has {_describe_whitespace(v)}; delete it ({FORMAT_HINT})")),
            ("placeholder", marked["placeholder"], lambda v: (
                f"{v!r} written as text; leave the cell empty when the value is unknown")),
            ("formula-injection", marked["formula"] if text_kind else None, lambda v: (
                "a text cell must not start with =, +, - or @ (spreadsheets run it as a formula); reword it")),
            ("control-character", marked["control"] & intact if text_kind else None,
             lambda v: f"the cell holds {_describe_control(v)}, which a pasted table can bring in unseen; replace it "
                       "with a space"),
        ]
        for rule, bad_values, explain in checks:
            for line, value in _cells_with(raw, name, column_values, bad_values):
                raw.problem(rule, explain(value), line=line, column=name, value=value)
        if text_kind:
            garbled_cells += [(line, name, value)
                              for line, value in _cells_with(raw, name, column_values, marked["garbled"])]
        if kind_of(raw.table.schema.columns[name]).name == "flag":
            _check_flag_case(raw, name, column_values)
        if marked["untrimmed"].any():
            _trim(raw, name)
    _report_garbled(raw, garbled_cells)


def _as_numpy(mask: pa.BooleanArray) -> np.ndarray:
    return mask.to_numpy(zero_copy_only=False)


def _cells_with(raw: RawTable, name: str, values: pa.Array, bad_values: np.ndarray | None) -> Iterable[tuple[int, str]]:
    """The cells of the column (by line) that hold one of the distinct values marked bad."""
    if bad_values is None or not bad_values.any():
        return ()
    cells = raw.cells[name]
    return cells[cells.isin(values.filter(pa.array(bad_values)).to_pylist())].items()


def _report_garbled(raw: RawTable, garbled: list[tuple[int, str, str]]) -> None:
    """A message for each cell garbled by a wrong encoding, with the words it had; many are one mistake, the whole
    file opened and saved in the wrong encoding: one message, at the first, with the way back, so that the problems
    that are not about the encoding stay visible."""
    cause = "the file was opened as Windows-1252, not UTF-8 (as Excel opens a CSV by double-click), and saved again"
    if len(garbled) <= GARBLED_CELLS_SHOWN:
        for line, name, value in garbled:
            words = mojibake.garbled_words(value)
            raw.problem("mojibake", f"the cell writes {' and '.join(repr(word) for word, _ in words)}, garbled: "
                                    f"{cause}; write {' and '.join(repr(mended) for _, mended in words)}",
                        line=line, column=name, value=value)
        return
    line, name, value = min(garbled, key=lambda cell: (cell[0], raw.header.index(cell[1])))
    word, mended = mojibake.garbled_words(value)[0]
    raw.problem("mojibake", f"{len(garbled):,} cells are garbled, such as {word!r} for {mended!r} here: {cause}; take "
                            f"the file as it was (git checkout -- {raw.file}) and make the change again in a program "
                            "that opens it as UTF-8 (LibreOffice: Character set 'Unicode (UTF-8)'; Excel: Data > "
                            "From Text/CSV, File origin '65001: Unicode (UTF-8)')", line=line, column=name, value=value)


def _code(raw: RawTable, name: str) -> pd.Index:
    """Code the column's cells (kept in raw.codes); its distinct values."""
    raw.codes[name] = coded(raw.cells[name])
    return raw.codes[name][1]


def _trim(raw: RawTable, name: str) -> None:
    """The column as `make format` leaves it, each cell trimmed, once its whitespace is reported: the checks that
    follow judge the value the contributor meant, so a date written '1999 ' is one mistake, not also a pattern
    problem, and an id with a trailing space is not also a dangling reference in every table that names it."""
    trimmed = raw.cells[name].str.strip()
    raw.cells[name] = trimmed.where(trimmed != "")
    _code(raw, name)


def _check_flag_case(raw: RawTable, name: str, values: pa.Array) -> None:
    """TRUE and FALSE, as spreadsheets save a yes/no cell: one problem for the column, which `format` repairs."""
    capitalised = pc.and_(pc.is_in(pc.utf8_lower(values), value_set=pa.array(FLAG_VALUES)),
                          pc.invert(pc.is_in(values, value_set=pa.array(FLAG_VALUES))))
    if not pc.any(capitalised).as_py():
        return
    cells = raw.cells[name]
    found = cells[cells.isin(pc.filter(values, capitalised).to_pylist())]
    raw.problem("flag-case", f"{len(found):,} cell(s) of this column write {'/'.join(sorted(set(found)))} in "
                             f"capitals, as a spreadsheet saves yes/no cells; the data writes true or false "
                             f"({FORMAT_HINT})", line=int(found.index[0]), column=name, value=found.iloc[0])


def _starts_with_any(values: pa.Array, prefixes: tuple[str, ...]) -> pa.Array:
    found = pc.starts_with(values, pattern=prefixes[0])
    for prefix in prefixes[1:]:
        found = pc.or_(found, pc.starts_with(values, pattern=prefix))
    return found


def _describe_control(value: str) -> str:
    found = sorted({c for c in value if c != "\n" and unicodedata.category(c) == "Cc"})
    return " and ".join(CONTROL_NAMES.get(c, f"a control character (U+{ord(c):04X})") for c in found)


def _describe_whitespace(value: str) -> str:
    ends = [c for c in (value[:1], value[-1:]) if c and c.isspace() or c in "\u200b\ufeff"]
    names = sorted({unicodedata.name(c, f"U+{ord(c):04X}").lower() for c in ends})
    return "leading or trailing " + " and ".join(names or ["whitespace"])


def _check_order(raw: RawTable) -> None:
    key_codes = [raw.codes[column] for column in raw.table.primary_key]  # every column is coded by now
    out_of_order = raw.cells.index[canonical.coded_before_previous(key_codes)]
    raw.in_key_order = not len(out_of_order)
    first_column = raw.table.primary_key[0]
    for line in out_of_order:
        raw.problem("sort-order", f"rows must be sorted by {', '.join(raw.table.primary_key)}; this row comes "
                                  f"after a row it should precede; {FORMAT_HINT}",
                    line=line, column=first_column, value=raw.cells.at[line, first_column])


def is_link_outside(path: Path, root: Path) -> bool:
    """True for a symbolic link whose target lies outside the repository."""
    if not path.is_symlink():
        return False
    target = Path(os.path.realpath(path))
    return not target.is_relative_to(root.resolve())
