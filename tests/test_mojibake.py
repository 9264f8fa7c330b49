"""Text garbled by a wrong encoding: found exactly, and mended to the text it was."""

import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from scripts import mojibake


def windows_1252(byte):
    """The character Windows-1252 reads a byte as (Latin-1's where it defines none, as Windows does)."""
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


def garbled(text):
    """The text as a program saves a UTF-8 file it opened as Windows-1252."""
    return "".join(windows_1252(byte) for byte in text.encode("utf-8"))


# letters of names in many languages, emoji, and the characters that garbled text is made of
LETTERS = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=20)
GARBLE_LIKE = st.text(alphabet=st.sampled_from([windows_1252(byte) for byte in range(0x80, 0x100)] + list("ab -.")),
                      max_size=12)


@settings(max_examples=300, deadline=None)
@given(LETTERS)
def test_garbled_text_is_mended_to_the_text_it_was(text):
    if text.isascii():  # ASCII reads the same in both encodings: nothing to garble
        assert mojibake.restored(garbled(text)) is None
    else:
        assert mojibake.restored(garbled(text)) == text
        assert mojibake.garbled(pa.array([garbled(text)])).to_pylist() == [True]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(LETTERS, GARBLE_LIKE), min_size=1, max_size=8))
def test_arrow_finds_every_value_that_python_mends(values):
    """Arrow's look for a garbled letter misses none that the exact test finds, and flags no other."""
    assert mojibake.garbled(pa.array(values)).to_pylist() == [mojibake.restored(v) is not None for v in values]


def test_each_garbled_word_is_named_with_the_word_it_was():
    value = "Commonly known as " + garbled("Totò") + " Schillaci, from " + garbled("Città") + " di Castello."
    assert mojibake.garbled_words(value) == [("TotÃ²", "Totò"), ("CittÃ\xa0", "Città")]
    assert mojibake.restored(value) == "Commonly known as Totò Schillaci, from Città di Castello."


def test_real_names_and_notes_are_not_garbled():
    for text in ["Júlio César", "Nicolò Barella", "Vučinić", "Đurić", "Müller", "São Paulo", "Zürich", "1992–93",
                 "“Il Trap”", "€ 50,000", "Ibrahimović", "Çalhanoğlu", "Şükür", "Ødegaard", "日本"]:
        assert mojibake.restored(text) is None, text
