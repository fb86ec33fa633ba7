import pytest

from wst_analytics.ingest.errors import FileRejected
from wst_analytics.ingest.read_csv import read_csv


def test_utf8_without_bom():
    table = read_csv("a,b\r\n1,é\r\n".encode("utf-8"))
    assert (table.encoding, table.header, table.row_values()) == ("utf-8", ["a", "b"], [["1", "é"]])


def test_utf8_with_bom_is_detected_and_stripped():
    table = read_csv(b"\xef\xbb\xbfa,b\n1,2\n")
    assert (table.encoding, table.header) == ("utf-8-sig", ["a", "b"])


def test_windows_1252_pound_sign_and_en_dash():
    table = read_csv("title,fee\r\nAdults – Level 2,£50\r\n".encode("cp1252"))
    assert table.encoding == "windows-1252"
    assert table.row_values() == [["Adults – Level 2", "£50"]]


def test_bytes_neither_utf8_nor_windows_1252_reject_the_file():
    with pytest.raises(FileRejected, match="neither UTF-8 nor Windows-1252"):
        read_csv(b"a,b\n1,\x81\n")


def test_nul_bytes_reject_the_file():
    with pytest.raises(FileRejected, match="NUL"):
        read_csv(b"a,b\n1,\x002\n")


def test_utf16_rejected_with_advice():
    with pytest.raises(FileRejected, match="UTF-16"):
        read_csv("a,b\n".encode("utf-16"))


def test_empty_file_rejected():
    with pytest.raises(FileRejected, match="empty"):
        read_csv(b"\r\n")


def test_quoted_comma_and_embedded_newline_stay_in_their_field():
    table = read_csv(b'a,b\n"x, y","line one\nline two"\n3,4\n')
    assert table.row_values() == [["x, y", "line one\nline two"], ["3", "4"]]
    assert table.row_numbers() == [2, 3]
    assert table.physical_lines == 4


def test_ragged_row_is_a_row_problem_and_the_rest_loads():
    table = read_csv(b"a,b,c\n1,2,3\n4,5\n6,7,8\n")
    assert table.row_values() == [["1", "2", "3"], ["6", "7", "8"]]
    assert [(p.source_row, p.rule) for p in table.problems] == [(3, "ragged_row")]
    assert table.rows_read == 3


def test_broken_quoting_is_a_row_problem():
    table = read_csv(b'a,b\n1,"2"x\n3,4\n')
    assert table.row_values() == [["3", "4"]]
    assert [(p.source_row, p.rule) for p in table.problems] == [(2, "csv_syntax")]


def test_unterminated_quote_rejects_rather_than_swallowing_rows():
    with pytest.raises(FileRejected, match="line 3 is never closed"):
        read_csv(b'a,b\n1,2\n3,"open\n5,6\n7,8\n')


def test_blank_and_empty_rows_are_counted_not_read():
    table = read_csv(b"a,b\n1,2\n\n,\n3,4\n")
    assert table.row_values() == [["1", "2"], ["3", "4"]]
    assert table.row_numbers() == [2, 5]
    assert table.blank_rows == 2


def test_empty_cells_are_none():
    assert read_csv(b"a,b\n1,  \n").row_values() == [["1", None]]


def test_every_physical_line_is_accounted_for():
    text = b'a,b\r\n1,2\r\n\r\n"x\r\ny",3\r\n4,"5"z\r\n6,7,8\r\n'
    table = read_csv(text)
    assert table.physical_lines == 7
    assert table.rows_read + table.blank_rows == 5  # header line, and one record on two lines
