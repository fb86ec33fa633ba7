"""CSV to the contract: comma-delimited, header in the first row, quoting per RFC 4180.

The dialect is fixed, never sniffed. A row with the wrong number of fields, or broken quoting,
is a row problem (quarantined); a quoted field that is never closed would swallow every row
after it, so that rejects the whole file.
"""

from __future__ import annotations

import csv
import io
import re
import sys

from wst_analytics.ingest.decode import decode
from wst_analytics.ingest.errors import FileRejected
from wst_analytics.ingest.fast_csv import read_plain_csv
from wst_analytics.ingest.table import RawTable, RowProblem

# Long values are a row rule (`too_long`), not a parser error that would split a record.
csv.field_size_limit(sys.maxsize)


class ContractDialect(csv.Dialect):
    delimiter = ","
    quotechar = '"'
    doublequote = True
    skipinitialspace = False
    strict = True
    lineterminator = "\r\n"
    quoting = csv.QUOTE_MINIMAL


LINE_BREAK = re.compile(r"\r\n|\n|\r")


def _cell(value: str) -> str | None:
    return value if value.strip() else None


def count_lines(text: str) -> int:
    """Physical lines, counted independently of the CSV parser."""
    return len(LINE_BREAK.findall(text)) + (0 if text.endswith(("\n", "\r")) else 1)


def _lines_of(fields: list[str]) -> int:
    """Physical lines one parsed record spans: one, plus line breaks inside quoted fields."""
    return 1 + sum(len(LINE_BREAK.findall(field)) for field in fields if "\n" in field or "\r" in field)


def read_csv(data: bytes) -> RawTable:
    """Parse a CSV file's bytes into a RawTable, or raise FileRejected. A plain file (no
    quotes, no ragged rows: most of them) is parsed by `fast_csv`; the rest here, record by
    record, so each row problem is named."""
    text, encoding = decode(data)
    if not text.strip():
        raise FileRejected("empty", "the file is empty: even a month with nothing to report "
                           "needs the header row")
    plain = read_plain_csv(data, text, encoding)
    return plain if plain is not None else read_csv_carefully(text, encoding)


def read_csv_carefully(text: str, encoding: str) -> RawTable:
    """The reader for every file: record by record with Python's csv module, in the contract's
    dialect, naming each row problem."""
    physical_lines = count_lines(text)
    reader = csv.reader(io.StringIO(text, newline=""), dialect=ContractDialect)
    header: list[str] | None = None
    table = RawTable(header=[], rows=[], source_rows=[], encoding=encoding,
                     physical_lines=physical_lines)
    record = accounted = 0
    while True:
        start_line = reader.line_num + 1
        try:
            fields = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            record += 1
            if reader.line_num >= physical_lines and "end of data" in str(error):
                raise FileRejected("csv_syntax", f"the quoted field opened on line {start_line} "
                                   "is never closed, so every row after it would be lost: "
                                   "close the quote or remove it") from None
            if header is None:
                raise FileRejected("csv_syntax", f"the header row cannot be read: {error}") from None
            table.problems.append(RowProblem(record, "csv_syntax", f"broken quoting on line "
                                             f"{start_line}: {error}"))
            accounted += reader.line_num - start_line + 1
            continue
        record += 1
        accounted += _lines_of(fields)
        if header is None:
            header = [cell.strip() for cell in fields]
            table.header = [cell or None for cell in header]
            continue
        if not any(cell.strip() for cell in fields):
            table.blank_rows += 1
            continue
        if len(fields) != len(header):
            table.problems.append(RowProblem(record, "ragged_row", f"the row has {len(fields)} "
                                             f"fields but the header has {len(header)}"))
            continue
        table.rows.append([_cell(cell) for cell in fields])
        table.source_rows.append(record)
    if accounted != physical_lines:
        raise FileRejected("line_count", f"the file has {physical_lines} lines but its rows account "
                           f"for {accounted}: some lines could not be read as rows")
    return table
