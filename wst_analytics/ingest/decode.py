"""Turning a CSV file's bytes into text: UTF-8 (with or without BOM) or Windows-1252.

Detection, not guessing: a BOM means UTF-8; otherwise the bytes are UTF-8 if they decode as
UTF-8 without error (Windows-1252 text with any byte above 127 almost never does), and
Windows-1252 if they do not. Bytes that are neither, NUL bytes and UTF-16 are rejected, and so
is a file that mixes the two: UTF-8 characters in one place and bytes that are not UTF-8 in
another (read as Windows-1252, every UTF-8 character in it would silently become two or three
wrong ones). A workbook or other zip archive named .csv is rejected saying so.
"""

from __future__ import annotations

import codecs
import re

from wst_analytics.ingest.errors import FileRejected

# A well-formed UTF-8 character of two to four bytes: Windows-1252 text almost never has one
# ('Ã©' and the like), so one of these beside bytes that are not UTF-8 means a mixed file.
UTF8_CHARACTER = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _not_text(data: bytes) -> None:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise FileRejected("encoding", "the file is UTF-16 (Excel's 'Unicode text'): "
                           "save it as 'CSV UTF-8' or 'CSV (comma delimited)'")
    if data.startswith(b"PK\x03\x04"):
        raise FileRejected("encoding", "the file is a zip archive (an Excel workbook?), not a "
                           "text CSV file: save it as CSV, or name it .xlsx")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise FileRejected("encoding", f"the file contains NUL bytes (the first at byte {nul}): "
                           "it is not a text CSV file")


def _windows_1252(data: bytes, error: UnicodeDecodeError) -> str:
    mixed = UTF8_CHARACTER.search(data)
    if mixed:
        raise FileRejected("encoding", f"the file mixes encodings: it has UTF-8 characters (the "
                           f"first at byte {mixed.start()}) but byte {error.start} "
                           f"(0x{data[error.start]:02X}) is not UTF-8; save it again as CSV UTF-8")
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as bad:
        raise FileRejected("encoding", f"byte {bad.start} (0x{data[bad.start]:02X}) is neither "
                           "UTF-8 nor Windows-1252: save the file as CSV UTF-8") from None


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name) or raise FileRejected with the reason."""
    _not_text(data)
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8):].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as error:
            raise FileRejected("encoding", f"the file starts with a UTF-8 byte order mark but "
                               f"byte {error.start + 3} is not UTF-8") from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        return _windows_1252(data, error), "windows-1252"
