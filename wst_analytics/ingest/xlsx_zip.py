"""The workbook's zip container, checked before any XML in it is parsed.

An .xlsx file is a zip archive. Before anything reads it, every member is checked against
limits taken from the archive's directory, so nothing is decompressed that could exhaust
memory or take minutes: no member may expand beyond `MAX_MEMBER_BYTES`, the whole workbook
beyond `MAX_WORKBOOK_BYTES`, and no sizeable member may expand more than `MAX_RATIO` times
(a zip bomb: a few kilobytes that expand to gigabytes). Then every member is decompressed once,
within those limits, to check it against its checksum: a member whose stored size understates
what it really holds fails that check, so no later reader can be fed more than was declared.
An encrypted or damaged archive is rejected. Reasons never quote a part's name: it is any
text the sender chose, and may be a child's name.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from wst_analytics.ingest.errors import FileRejected

MAX_MEMBER_BYTES = 256_000_000  # uncompressed, any one member (the first sheet included)
MAX_WORKBOOK_BYTES = 512_000_000  # uncompressed, all members together
MAX_RATIO = 100  # real worksheets compress 5 to 30 times; a zip bomb about 1,000 times
RATIO_FLOOR = 1_000_000  # the ratio is only checked on members larger than this
MAX_MEMBERS = 10_000
DAMAGED = ("the workbook cannot be read: it is damaged or not an .xlsx file saved by a "
           "spreadsheet program")
# What reading a broken archive can raise (zlib, the zip reader, truncated streams).
ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, KeyError,
              NotImplementedError, RuntimeError, UnicodeDecodeError)


def _check_sizes(members: list[zipfile.ZipInfo]) -> None:
    if len(members) > MAX_MEMBERS:
        raise FileRejected("xlsx", f"the workbook holds {len(members):,} parts: "
                           "far more than a spreadsheet has")
    for member in members:
        if member.flag_bits & 0x1:
            raise FileRejected("xlsx", "the workbook is encrypted (password-protected): "
                               "save it without a password")
        if member.file_size > MAX_MEMBER_BYTES:
            raise FileRejected("xlsx", f"one of the workbook's parts would expand to "
                               f"{member.file_size:,} bytes, more than the {MAX_MEMBER_BYTES:,} "
                               "a return may hold: it is not read")
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
            raise FileRejected("xlsx", f"one of the workbook's parts would expand "
                               f"{ratio:,.0f} times (from {member.compress_size:,} to "
                               f"{member.file_size:,} bytes): no spreadsheet compresses like "
                               "that, so it is not read (a 'zip bomb')")
    total = sum(member.file_size for member in members)
    if total > MAX_WORKBOOK_BYTES:
        raise FileRejected("xlsx", f"the workbook would expand to {total:,} bytes, more than "
                           f"the {MAX_WORKBOOK_BYTES:,} a return may hold: it is not read")


def open_workbook(data: bytes) -> zipfile.ZipFile:
    """The workbook's archive, every member within the limits and intact; or FileRejected."""
    try:
        book = zipfile.ZipFile(io.BytesIO(data))
        members = book.infolist()
    except ZIP_ERRORS:
        raise FileRejected("xlsx", DAMAGED) from None
    _check_sizes(members)
    try:
        broken = book.testzip()  # decompresses each member once, up to its declared size
    except ZIP_ERRORS:
        broken = "?"
    if broken is not None:
        raise FileRejected("xlsx", DAMAGED)
    return book
