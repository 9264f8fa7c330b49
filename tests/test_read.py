"""CSV hygiene: encoding, line endings, header, structure, cells, order, and the data folder itself."""

import os

import pandas as pd

from schemas import TABLES_BY_NAME, parallel
from scripts import read
from scripts.formatting import format_tables
from tests.conftest import ROOT, insert_line, locations, problems, set_cell


def rewrite(data, file, change):
    path = data / file
    path.write_bytes(change(path.read_bytes()))


def test_a_byte_order_mark_is_reported(data):
    rewrite(data, "teams.csv", lambda b: b"\xef\xbb\xbf" + b)
    assert ("data/teams.csv", 1, None, "byte-order-mark") in locations(data)


def test_windows_line_endings_are_reported_once(data):
    rewrite(data, "teams.csv", lambda b: b.replace(b"\n", b"\r\n"))
    found = [p for p in problems(data) if p.file == "data/teams.csv"]
    assert [(p.line, p.rule) for p in found] == [(1, "line-endings")]


def test_latin1_is_located_at_the_bad_byte(data):
    rewrite(data, "people.csv", lambda b: b.replace(b"Milan", "Milán".encode("latin-1")))
    problem = next(p for p in problems(data) if p.file == "data/people.csv")
    assert (problem.line, problem.rule) == (2, "encoding")
    assert "0xe1" in problem.message


def test_a_mac_roman_export_with_cr_line_endings_is_located_at_its_line(data):
    rewrite(data, "people.csv", lambda b: b.decode("utf-8").replace("Milan", "Milán").replace("\n", "\r")
            .encode("mac_roman"))
    problem = next(p for p in problems(data) if p.file == "data/people.csv")
    lines = (data / "people.csv").read_bytes().split(b"\r")
    line, text = next((n, text) for n, text in enumerate(lines, 1) if not text.isascii())
    at = next(i for i, byte in enumerate(text) if byte > 127)
    assert (problem.line, problem.rule) == (line, "encoding") and line > 1
    assert f"{text[at]:#04x} at character {at + 1} of this line" in problem.message and "Mac Roman" in problem.message


def test_utf16_is_reported(data):
    rewrite(data, "people.csv", lambda b: b.decode("utf-8").encode("utf-16"))
    assert ("data/people.csv", 1, None, "encoding") in locations(data)


def test_a_missing_final_newline_is_reported(data):
    rewrite(data, "teams.csv", lambda b: b.rstrip(b"\n"))
    assert ("data/teams.csv", 5, None, "final-newline") in locations(data)


def test_a_blank_line_is_reported(data):
    insert_line(data, "teams.csv", 3, "")
    assert ("data/teams.csv", 3, None, "blank-line") in locations(data)


def test_a_renamed_column_is_reported_with_a_suggestion(data):
    rewrite(data, "people.csv", lambda b: b.replace(b"birth_date", b"birthdate", 1))
    (problem,) = [p for p in problems(data) if p.file == "data/people.csv"]
    assert (problem.line, problem.col, problem.rule) == (1, 4, "header")
    assert "did you mean 'birth_date'" in problem.message


def test_reordered_columns_are_reported(data):
    rewrite(data, "teams.csv", lambda b: b.replace(b"team_id,name,", b"name,team_id,", 1))
    assert ("data/teams.csv", 1, None, "header") in locations(data)


def test_a_row_with_an_extra_cell_is_reported(data):
    rewrite(data, "teams.csv", lambda b: b.replace(b"Q900103,", b"Q900103,,"))
    assert ("data/teams.csv", 4, None, "row-width") in locations(data)


def test_an_unclosed_quote_is_reported_where_it_opens(data):
    rewrite(data, "teams.csv", lambda b: b.replace(b"Red FC", b'"Red FC'))
    problem = next(p for p in problems(data) if p.file == "data/teams.csv")
    assert (problem.line, problem.rule) == (4, "malformed-csv")


def test_a_line_after_a_multiline_cell_is_the_line_an_editor_shows(data):
    set_cell(data, "stints.csv", 3, "goals", "many")
    set_cell(data, "stints.csv", 2, "notes", "first line\nsecond line\nthird line")
    # the note spans lines 2 to 4, so the next row starts on line 5
    assert locations(data) == {("data/stints.csv", 5, 10, "type")}


def test_whitespace_formula_and_placeholder_cells_are_reported(data):
    set_cell(data, "teams.csv", 2, "name", " Blue FC")
    set_cell(data, "teams.csv", 3, "notes", "=HYPERLINK(\"http://x\")")
    set_cell(data, "teams.csv", 4, "city", "null")
    found = locations(data)
    assert ("data/teams.csv", 2, 2, "whitespace") in found
    assert ("data/teams.csv", 3, 9, "formula-injection") in found
    assert ("data/teams.csv", 4, 5, "placeholder") in found


def test_a_stray_space_is_one_message_and_the_cell_is_judged_as_format_leaves_it(data):
    """A space a spreadsheet kept is one mistake, which `make format` mends: the date and the id are checked
    trimmed, so neither is also a pattern problem, and the id still matches the rows that name it."""
    set_cell(data, "stints.csv", 2, "start_date", "1991 ")
    set_cell(data, "teams.csv", 2, "team_id", "blue-fc ")
    assert locations(data) == {("data/stints.csv", 2, 5, "whitespace"), ("data/teams.csv", 2, 1, "whitespace")}
    format_tables(data, data.parent)
    assert locations(data) == set()


def test_a_value_wrong_once_trimmed_is_reported_for_its_space_and_for_what_is_wrong(data):
    set_cell(data, "stints.csv", 2, "start_date", "199x ")
    set_cell(data, "teams.csv", 2, "notes", " =SUM(1)")  # trimmed, a formula a spreadsheet would run
    assert locations(data) == {("data/stints.csv", 2, 5, "whitespace"), ("data/stints.csv", 2, 5, "pattern"),
                               ("data/teams.csv", 2, 9, "whitespace"), ("data/teams.csv", 2, 9, "formula-injection")}


def test_a_tab_inside_a_text_cell_is_named_and_one_at_its_end_is_whitespace(data):
    """A name pasted from a web table may hold a tab, which no editor shows; a note may still span lines."""
    set_cell(data, "people.csv", 2, "name", "Ada\tRossi")
    set_cell(data, "teams.csv", 2, "name", "Blue FC\t")
    set_cell(data, "teams.csv", 3, "notes", "Two lines\nof notes")
    found = {(p.file, p.line, p.col, p.rule): p.message for p in problems(data)}
    assert set(found) == {("data/people.csv", 2, 2, "control-character"), ("data/teams.csv", 2, 2, "whitespace")}
    assert "a tab (U+0009)" in found[("data/people.csv", 2, 2, "control-character")]


def test_rows_out_of_order_are_reported(data):
    lines = (data / "teams.csv").read_text().split("\n")
    lines[1], lines[2] = lines[2], lines[1]
    (data / "teams.csv").write_text("\n".join(lines))
    assert ("data/teams.csv", 3, 1, "sort-order") in locations(data)


def test_a_missing_file_an_extra_file_and_an_outside_link(data, tmp_path):
    (data / "honours.csv").unlink()
    (data / "notes.txt").write_text("hello")
    outside = tmp_path.parent / f"{tmp_path.name}-outside.csv"
    outside.write_text("secret\n")
    (data / "matches.csv").unlink()
    os.symlink(outside, data / "matches.csv")
    found = locations(data)
    assert ("data/honours.csv", None, None, "missing-file") in found
    assert ("data/notes.txt", None, None, "unexpected-file") in found
    assert ("data/matches.csv", None, None, "symlink") in found


def test_an_empty_file_is_reported(data):
    (data / "teams.csv").write_bytes(b"")
    assert ("data/teams.csv", 1, None, "empty-file") in locations(data)


def test_a_nul_byte_is_reported(data):
    rewrite(data, "teams.csv", lambda b: b.replace(b"Red FC", b"Red\x00FC"))
    assert ("data/teams.csv", 4, None, "nul-byte") in locations(data)


def test_a_trailing_comma_in_the_header_is_named_as_such(data):
    rewrite(data, "people.csv", lambda b: b.replace(b"\n", b",\n", 1))
    (problem,) = [p for p in problems(data) if p.file == "data/people.csv"]
    assert (problem.line, problem.col, problem.rule) == (1, 14, "header")
    assert "has no name (a stray comma?)" in problem.message


def test_an_empty_column_a_spreadsheet_saved_is_one_message_and_format_removes_it(data):
    """The header and every row end with a comma (quoted cells and CRLF too, as a spreadsheet saves them): one
    message at the first column past the table's, no other problem anywhere (every reference to the file still
    resolves), and `format` gives back the file as it was."""
    before = (data / "people.csv").read_bytes()
    rewrite(data, "people.csv", lambda b: b.replace(b"\n", b",,\r\n"))
    assert locations(data) == {("data/people.csv", 1, None, "line-endings"), ("data/people.csv", 1, 14, "empty-column")}
    (problem,) = [p for p in problems(data) if p.rule == "empty-column"]
    assert "end with 2 empty columns after 'notes'" in problem.message and "make format" in problem.message
    outcome = format_tables(data, data.parent)
    assert outcome.changed == ["data/people.csv"] and outcome.refused == []
    assert (data / "people.csv").read_bytes() == before
    assert locations(data) == set()


def test_a_stray_comma_in_some_rows_only_is_still_reported_at_each_row(data):
    """Only where the header and every row carry the same empty cells is a column empty; an extra cell in one row
    may shift the values after it, so that row is reported, not mended."""
    rewrite(data, "teams.csv", lambda b: b.replace(b"\n", b",\n"))
    lines = (data / "teams.csv").read_text(encoding="utf-8").split("\n")
    lines[2] = lines[2][:-1]  # the second row without the comma
    (data / "teams.csv").write_text("\n".join(lines), encoding="utf-8")
    assert {rule for _, _, _, rule in locations(data)} >= {"header"}
    assert "empty-column" not in {rule for _, _, _, rule in locations(data)}


def test_a_file_parsed_in_blocks_is_read_as_one_chunk_a_column(monkeypatch):
    """pyarrow parses a large file in blocks, a chunk each; every filter of a chunked column copies all of it first,
    so the cells come as one chunk a column, and the same cells as a file parsed in one block."""
    table = TABLES_BY_NAME["stints"]
    whole = read.read_table(ROOT / "data" / table.file_name, table, "data/stints.csv")
    monkeypatch.setattr(read, "BLOCK_SIZE", 16 << 10)  # the committed stints are about 200 KiB: a dozen blocks
    blocks = read.read_table(ROOT / "data" / table.file_name, table, "data/stints.csv")
    assert len(blocks.cells) > 500 and blocks.problems == whole.problems == []
    assert {blocks.cells[column].array._pa_array.num_chunks for column in table.columns} == {1}
    assert blocks.cells.equals(whole.cells)
    for column in table.columns:  # each block's codes rewritten to the file's one list of distinct values
        codes, distinct = blocks.codes[column]
        expected_codes, expected_distinct = pd.factorize(whole.cells[column])
        assert codes.dtype == "int32" and codes.flags.writeable and codes.tolist() == expected_codes.tolist()
        assert distinct.tolist() == expected_distinct.tolist() == whole.codes[column][1].tolist()


def test_a_file_of_many_rows_has_its_columns_written_in_threads_as_one_thread_writes_them(monkeypatch):
    """From parallel.ONE_THREAD_UP_TO rows the columns' text and codes are written on every core: the same cells,
    the same codes and distinct values, the same problems, in several blocks or in one."""
    table = TABLES_BY_NAME["stints"]
    one_thread = read.read_table(ROOT / "data" / table.file_name, table, "data/stints.csv")
    monkeypatch.setattr(parallel, "ONE_THREAD_UP_TO", 0)
    for block_size in (read.BLOCK_SIZE, 16 << 10):
        monkeypatch.setattr(read, "BLOCK_SIZE", block_size)
        threads = read.read_table(ROOT / "data" / table.file_name, table, "data/stints.csv")
        assert threads.cells.equals(one_thread.cells) and threads.problems == one_thread.problems == []
        assert threads.codes.keys() == one_thread.codes.keys() == set(table.columns)
        for column, (codes, distinct) in threads.codes.items():
            expected_codes, expected_distinct = one_thread.codes[column]
            assert codes.dtype == "int32" and codes.flags.writeable and codes.tolist() == expected_codes.tolist()
            assert distinct.tolist() == expected_distinct.tolist()
