"""The workbook's shared texts (`xl/sharedStrings.xml`): most text cells hold only the number
of a text kept once here. A text is the `<t>` of its `<si>`, or of each of its rich-text runs
(`<r>`) joined, without the phonetic guides (`<rPh>`) that Japanese text may carry.

Each text's size in bytes is kept beside it (0 for a text that is empty or only white space,
which reads as an empty cell), so that the sheet can count what its cells would expand to
before any of them is copied: one long text shared by many cells is how a small workbook
expands to gigabytes.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field

from wst_analytics.ingest.xlsx_values import size, unescape
from wst_analytics.ingest.xlsx_xml import names, parse

ELEMENTS = names("si", "t", "rPh")


@dataclass
class SharedStrings:
    texts: list[str] = field(default_factory=list)
    sizes: list[int] = field(default_factory=list)


class _Reader:
    """expat handlers: the text of each `<si>`, outside phonetic guides."""

    def __init__(self):
        self.strings = SharedStrings()
        self.parts: list[str] | None = None  # the current <si>'s text so far
        self.phonetic = 0
        self.capture: list[str] | None = None

    def start(self, name: str, _attrs: dict) -> None:
        element = ELEMENTS.get(name)
        if element == "si":
            self.parts, self.phonetic = [], 0
        elif element == "rPh":
            self.phonetic += 1
        elif element == "t" and self.parts is not None and not self.phonetic:
            self.capture = self.parts

    def end(self, name: str) -> None:
        element = ELEMENTS.get(name)
        if element == "t":
            self.capture = None
        elif element == "rPh":
            self.phonetic -= 1
        elif element == "si" and self.parts is not None:
            text = unescape("".join(self.parts))
            self.strings.texts.append(text)
            self.strings.sizes.append(size(text) if text.strip() else 0)
            self.parts = None

    def text(self, data: str) -> None:
        if self.capture is not None:
            self.capture.append(data)


def shared_strings(archive: zipfile.ZipFile, path: str | None) -> SharedStrings:
    """The shared texts in order (none if the workbook has no shared-strings part)."""
    reader = _Reader()
    if path is not None:
        with archive.open(path) as stream:
            parse(stream, reader.start, reader.end, reader.text, part="the workbook's shared text")
    return reader.strings
