"""The fast path for plain CSV files must read exactly what the careful reader reads.

Hypothesis writes files from cells that are meant to trip it (white space of every kind,
separators, quotes, line breaks, control characters, blank rows, ragged rows): whenever the
fast path accepts a file, its header, cells, row numbers, blank rows and line count are the
careful reader's. Files it declines go to the careful reader, which the other tests cover.
"""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wst_analytics.ingest.decode import decode
from wst_analytics.ingest.fast_csv import read_plain_csv
from wst_analytics.ingest.read_csv import read_csv_carefully

BOUNDED = settings(derandomize=True, database=None, deadline=None, max_examples=400,
                   suppress_health_check=[HealthCheck.too_slow])
TRICKY = ["", " ", "\t", "\u00a0", "\u2003", "\u3000", "\x85", "\x1c", "\x0b", "x", " x ", "1",
          "é", "2019-04-05", '"', "\r", ";", "\ufeff"]
cells = st.sampled_from(TRICKY) | st.text(st.characters(blacklist_categories=("Cs",),
                                                        blacklist_characters='\x00,\n"'), max_size=4)
lines = st.lists(st.lists(cells, min_size=1, max_size=4).map(",".join), min_size=1, max_size=6)
endings = st.sampled_from(["\n", "\r\n"])


def both(data: bytes):
    """(the fast path's table or None, and the careful reader's when the fast path took it)"""
    text, encoding = decode(data)
    fast = read_plain_csv(data, text, encoding)
    return fast, (read_csv_carefully(text, encoding) if fast is not None else None)


def same(fast, careful) -> None:
    assert fast.header == careful.header
    assert fast.row_values() == careful.row_values()
    assert fast.row_numbers() == careful.row_numbers()
    assert (fast.blank_rows, fast.physical_lines, fast.rows_read) == \
           (careful.blank_rows, careful.physical_lines, careful.rows_read)
    assert not careful.problems


@BOUNDED
@given(header=st.lists(cells, min_size=2, max_size=4), body=lines, ending=endings,
       final=st.booleans())
def test_whatever_the_fast_path_accepts_it_reads_as_the_careful_reader_does(header, body, ending, final):
    text = ending.join([",".join(header), *body]) + (ending if final else "")
    data = text.encode("utf-8")
    fast, careful = both(data)
    if fast is not None:
        same(fast, careful)


def test_a_plain_file_takes_the_fast_path():
    fast, careful = both(b"a,b,c\r\n1,2,3\r\n , ,\t\r\n4,,6\r\n")
    assert fast is not None and fast.frame is not None
    same(fast, careful)
    assert fast.blank_rows == 1 and fast.row_values() == [["1", "2", "3"], ["4", None, "6"]]


def test_quotes_ragged_rows_and_lone_carriage_returns_go_to_the_careful_reader():
    for data in (b'a,b\n"1",2\n', b"a,b\n1,2,3\n4\n", b"a,b\r1,2\r", b"a,b\n1,2\n\n3,4\n", b"a,b\n1,\x1c\n"):
        assert both(data)[0] is None, data


def test_windows_1252_files_take_the_fast_path_too():
    data = "title,fee\r\nAdults – Level 2,£50\r\n".encode("cp1252")
    fast, careful = both(data)
    same(fast, careful)
    assert fast.encoding == "windows-1252" and fast.row_values() == [["Adults – Level 2", "£50"]]
