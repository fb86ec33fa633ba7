"""What a cell's stored text reads as, by the cell's type: the rules Excel itself follows.

- A number is stored as text (`<v>0.57999999999999996</v>`). A whole number written out in
  full is kept exactly as written, never through a float, so `123456789012345678` stays every
  digit of itself. Any other number reads as Excel shows it, to 15 significant digits (`0.58`,
  `7.0` as `7`). A number of more than 15 digits written with an exponent
  (`1.23456789012345E+17`) is how Excel stores a long number it has already rounded: it is
  kept as written and marked rounded, so that its row is quarantined rather than given
  invented digits.
- A date is a number of days (a serial) in a cell whose style formats dates: from 1900 (where
  Excel keeps Lotus 1-2-3's 29 February 1900, serial 60, which never existed: it reads as
  `1900-02-29`, an invalid date) or from 1904 (`date1904` workbooks).
- Text may carry Excel's escapes for characters XML cannot hold (`_x000D_`, a carriage return).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

INTEGER = re.compile(r"[+-]?[0-9]+")  # ASCII digits only: `\d` and float() take any script's
NUMBER = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
EXACT = 1e15  # Excel keeps 15 significant digits: from here on a number's last digits are lost
LAST_SERIAL = 2958465  # 9999-12-31 in the 1900 system
ERRORS = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A",
                    "#GETTING_DATA", "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!",
                    "#BUSY!", "#UNKNOWN!", "#EXTERNAL!", "#PYTHON!"})
BOOLEANS = {"1": "true", "0": "false"}


def number(text: str) -> tuple[str, bool] | None:
    """(what the number reads as, whether Excel stored it rounded), or None if `text` is not a
    number."""
    if INTEGER.fullmatch(text):
        return text, False
    if not NUMBER.fullmatch(text):
        return None
    value = float(text)
    if abs(value) >= EXACT:
        return text, "e" in text or "E" in text
    return format(value, ".15g"), False


def serial_date(text: str, date1904: bool) -> str | None:
    """A date cell's serial as `YYYY-MM-DD` (with ` HH:MM:SS` if it has a time of day), or None
    if it is not a serial of a day Excel can show."""
    serial = float(text)
    if not 0 <= serial <= LAST_SERIAL:
        return None
    days = int(serial)
    seconds = round((serial - days) * 86400)
    days, seconds = days + seconds // 86400, seconds % 86400
    time = f" {seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}" if seconds else ""
    if not date1904 and days in (0, 60):  # Excel's 0 January and 29 February 1900: neither exists
        return ("1900-01-00" if days == 0 else "1900-02-29") + time
    start = date(1904, 1, 1) if date1904 else date(1899, 12, 31 if days < 60 else 30)
    try:
        return (start + timedelta(days)).isoformat() + time
    except OverflowError:  # after 9999-12-31
        return None


def iso_date(text: str) -> str:
    """A `t="d"` cell (an ISO 8601 date-time) as a date, or as written if it is not one."""
    try:
        moment = datetime.fromisoformat(text.strip().rstrip("Z"))
    except ValueError:
        return text
    return moment.date().isoformat() if moment.time() == datetime.min.time() else \
        moment.strftime("%Y-%m-%d %H:%M:%S")


def error_name(text: str) -> str:
    """The Excel error a `t="e"` cell holds, as a phrase; never text that is not an error."""
    name = text.strip()
    return f"the Excel error {name}" if name in ERRORS else "an Excel error"


def _unescape_one(match: re.Match) -> str:
    code = int(match[1], 16)
    return match[0] if 0xD800 <= code <= 0xDFFF else chr(code)  # a lone surrogate is no text


def unescape(text: str) -> str:
    """Excel's `_xHHHH_` escapes decoded (`_x005F_` is an underscore)."""
    return ESCAPE.sub(_unescape_one, text) if "_x" in text else text


def size(text: str) -> int:
    """The bytes a text takes once stored (UTF-8)."""
    return len(text) if text.isascii() else len(text.encode("utf-8", "replace"))
