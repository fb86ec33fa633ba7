"""Which cell styles format dates: a date in a workbook is a number whose style's number format
shows it as a date (built-in formats 14-22, 27-36, 45-47 and 50-58, or a format code with day,
month, year, hour or second in it, outside quoted text, escapes and [colour] brackets)."""

from __future__ import annotations

import re
import zipfile

from wst_analytics.ingest.errors import FileRejected
from wst_analytics.ingest.xlsx_xml import names, parse

BUILT_IN_DATES = frozenset({*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59)})
NOT_FORMAT = re.compile(r'"[^"]*"|\\.|_.|\*.|\[(?![hms]+\])[^\]]*\]', re.IGNORECASE)
DATE_PART = re.compile(r"[dmyhs]", re.IGNORECASE)
FORMAT_ID = re.compile(r"[0-9]{1,9}")
MAX_STYLES = 1_000_000  # Excel allows 64,000
ELEMENTS = names("numFmt", "cellXfs", "xf")


def is_date_format(code: str) -> bool:
    """Whether a custom number format code shows a date or a time (its first section, for
    positive numbers)."""
    return bool(DATE_PART.search(NOT_FORMAT.sub("", code).split(";")[0]))


class _Styles:
    """expat handlers: the custom formats, and each cell style's number format in order."""

    def __init__(self):
        self.codes: dict[int, str] = {}
        self.formats: list[int] = []
        self.in_cell_styles = False

    def start(self, name: str, attrs: dict) -> None:
        element = ELEMENTS.get(name)
        if element and len(self.formats) + len(self.codes) >= MAX_STYLES:
            raise FileRejected("xlsx", f"the workbook defines more than {MAX_STYLES:,} cell "
                               "styles: it was not saved by a spreadsheet program")
        if element == "numFmt" and FORMAT_ID.fullmatch(attrs.get("numFmtId", "")):
            self.codes[int(attrs["numFmtId"])] = attrs.get("formatCode", "")
        elif element == "cellXfs":
            self.in_cell_styles = True
        elif element == "xf" and self.in_cell_styles:
            number_format = attrs.get("numFmtId", "0")
            self.formats.append(int(number_format) if FORMAT_ID.fullmatch(number_format) else 0)

    def end(self, name: str) -> None:
        if ELEMENTS.get(name) == "cellXfs":
            self.in_cell_styles = False


def date_styles(archive: zipfile.ZipFile, path: str | None) -> frozenset[str]:
    """The indexes of the cell styles that format dates, as a cell's `s` attribute writes them."""
    if path is None:
        return frozenset()
    styles = _Styles()
    with archive.open(path) as stream:
        parse(stream, styles.start, styles.end, part="the workbook's styles")
    dates = {number for number, code in styles.codes.items() if is_date_format(code)}
    dates |= BUILT_IN_DATES - set(styles.codes)
    return frozenset(str(index) for index, number in enumerate(styles.formats) if number in dates)
