"""Turning a CSV file's bytes into text: UTF-8 (with or without BOM) or Windows-1252.

Detection, not guessing: a BOM means UTF-8; otherwise the bytes are UTF-8 if they decode as
UTF-8 without error (Windows-1252 text with any byte above 127 almost never does), and
Windows-1252 if they do not. Bytes that are neither, NUL bytes and UTF-16 are rejected.
"""

from __future__ import annotations

import codecs

from wst_analytics.ingest.errors import FileRejected


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name) or raise FileRejected with the reason."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise FileRejected("encoding", "the file is UTF-16 (Excel's 'Unicode text'): "
                           "save it as 'CSV UTF-8' or 'CSV (comma delimited)'")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise FileRejected("encoding", f"the file contains NUL bytes (the first at byte {nul}): "
                           "it is not a text CSV file")
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8):].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as error:
            raise FileRejected("encoding", f"the file starts with a UTF-8 byte order mark but "
                               f"byte {error.start + 3} is not UTF-8") from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "windows-1252"
    except UnicodeDecodeError as error:
        raise FileRejected("encoding", f"byte {error.start} (0x{data[error.start]:02X}) is "
                           "neither UTF-8 nor Windows-1252: save the file as CSV UTF-8") from None
