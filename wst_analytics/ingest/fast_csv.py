"""The fast path for plain CSV files: parsed by polars, in native code, into one text frame.

Most returns are plain: no quote characters at all, every line with the header's number of
fields. For such a file each physical line is exactly one record, so polars can split it
without quoting rules and give the same cells, row numbers and blank rows as the careful
reader in `read_csv`. Whether a file is plain is proved before the parse, from its bytes:

- no `"` anywhere (so no quoted field, no line break inside a field, no broken quoting);
- no carriage return that is not part of CRLF, and no control character other than tab
  (Python and polars would not agree on which of those are white space);
- white space is found as Python finds it: a cell of white space only is empty, and a row of
  empty cells is blank (counted, not read);
- the number of commas is exactly (header fields - 1) x lines, and polars, told to refuse a
  line with too many fields, accepts the file: then no line has too few either, so there is
  no ragged row and no empty line.

Anything else returns None and the careful reader takes the file (it names each row problem).
"""

from __future__ import annotations

import polars as pl

from wst_analytics.ingest.table import RawTable

NOT_PLAIN = bytes([*range(0x09), 0x0b, 0x0c, *range(0x0e, 0x20), 0x7f, ord('"')])
# First bytes of the white space, beyond ASCII, that Python's str.isspace() knows, in UTF-8.
WHITE_SPACE_LEADS = (b"\xc2", b"\xe1", b"\xe2", b"\xe3")  # of U+0085, U+00A0, U+1680, U+2000...

def _maybe_untidy(raw: bytes) -> bool:
    """False when no cell can be white space only and no row blank, from the bytes alone: a
    line of commas, or a cell of white space, needs one of these."""
    return (any(pair in raw for pair in (b", ", b",\t", b"\n ", b"\n\t", b"\n,"))
            or raw[:1] in (b" ", b"\t", b",")
            or any(lead in raw for lead in WHITE_SPACE_LEADS))


def _utf8(data: bytes, text: str, encoding: str) -> bytes:
    if encoding == "utf-8":
        return data
    if encoding == "utf-8-sig":
        return data[3:]
    return text.encode("utf-8")  # Windows-1252, re-encoded once


def read_plain_csv(data: bytes, text: str, encoding: str) -> RawTable | None:
    """A RawTable for a plain file (see the module's docstring), or None if it is not plain."""
    raw = _utf8(data, text, encoding)
    if len(raw.translate(None, NOT_PLAIN)) != len(raw) or raw.count(b"\r") != raw.count(b"\r\n"):
        return None
    lines = raw.count(b"\n") + (0 if raw.endswith(b"\n") else 1)
    first = raw.split(b"\n", 1)[0]
    fields = first.count(b",") + 1
    if fields < 2 or raw.count(b",") != (fields - 1) * lines:
        return None
    names = [f"c{i}" for i in range(fields)]
    try:
        frame = pl.read_csv(raw, has_header=False, separator=",", quote_char=None, new_columns=names,
                            infer_schema=False, truncate_ragged_lines=False)
    except pl.exceptions.PolarsError:
        return None
    if frame.height != lines or frame.width != fields:
        return None
    header = [(cell or "").strip() or None for cell in frame.row(0)]
    body = frame.slice(1).with_row_index("source_row", offset=2)
    blank_rows = 0
    if _maybe_untidy(raw):  # blank out white-space cells, then drop the rows left empty
        read = body.height
        body = body.lazy().with_columns(
            pl.when(pl.col(c).str.strip_chars() != "").then(pl.col(c)).alias(c) for c in names
        ).filter(~pl.all_horizontal(pl.col(c).is_null() for c in names)).collect()
        blank_rows = read - body.height
    return RawTable(header=header, rows=[], source_rows=[], encoding=encoding,
                    physical_lines=lines, blank_rows=blank_rows, frame=body)
