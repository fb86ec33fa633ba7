"""A workbook's index: which part holds its first worksheet, its date system, its shared texts
and date styles, and what it holds that is never run or followed (macros, links to other files).

The contract reads "the first worksheet": the first sheet in the workbook's order (the order
of its tabs). That sheet must be a visible worksheet: a hidden or very hidden first sheet (a
lookup list, an old copy) is rejected rather than read without a word, and so is a first sheet
that is a chart. Its part must be inside the archive: a relationship pointing outside it
(`../`, another file) rejects the workbook. Sheet names are never read into anything kept:
they may hold a child's name.
"""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass, field

from wst_analytics.ingest.errors import FileRejected
from wst_analytics.ingest.xlsx_strings import SharedStrings, shared_strings
from wst_analytics.ingest.xlsx_styles import date_styles
from wst_analytics.ingest.xlsx_xml import names, parse, relationship_id
from wst_analytics.ingest.xlsx_zip import DAMAGED, MAX_MEMBERS, open_workbook

WORKBOOK, RELATIONSHIPS = "xl/workbook.xml", "xl/_rels/workbook.xml.rels"
ELEMENTS = names("sheet", "workbookPr", "Relationship")
NEVER_OPENED = (("/vbaProject", "xl/vbaProject", "the workbook contains macros (a VBA project): "
                 "they were not run"),
                ("/externalLink", "xl/externalLinks/", "the workbook links to other workbooks: the "
                 "values it last saved from them were read, and the links were not followed"))


@dataclass
class Book:
    archive: zipfile.ZipFile
    sheet: str  # the first worksheet's part
    sheets: int = 1
    date1904: bool = False
    date_styles: frozenset[str] = frozenset()
    strings: SharedStrings = field(default_factory=SharedStrings)
    notes: list[str] = field(default_factory=list)


class _Index:
    """expat handlers for workbook.xml (the first sheet, the date system) and its
    relationships (id -> type, target, mode)."""

    def __init__(self):
        self.first: dict | None = None
        self.sheets, self.date1904 = 0, False
        self.targets: dict[str, tuple[str, str, str]] = {}

    def workbook(self, name: str, attrs: dict) -> None:
        element = ELEMENTS.get(name)
        if element == "sheet":
            self.sheets += 1
            self.first = self.first or {"state": attrs.get("state", "visible"), "id": relationship_id(attrs)}
        elif element == "workbookPr":
            self.date1904 = attrs.get("date1904", "").strip().lower() in ("1", "true")

    def relationship(self, name: str, attrs: dict) -> None:
        if ELEMENTS.get(name) == "Relationship":
            if len(self.targets) >= MAX_MEMBERS:
                raise FileRejected("xlsx", DAMAGED)
            self.targets[attrs.get("Id", "")] = (attrs.get("Type", ""), attrs.get("Target", ""),
                                                 attrs.get("TargetMode", "Internal"))


def _part(archive: zipfile.ZipFile, target: str, mode: str) -> str | None:
    """The archive member a relationship's target names, or None if it is outside the archive."""
    path = posixpath.normpath(target[1:] if target.startswith("/") else f"xl/{target}")
    inside = mode == "Internal" and not path.startswith(("../", "/")) and path != ".."
    return path if inside and path in archive.NameToInfo else None


def _of_type(archive, index: _Index, kind: str, usual: str) -> str | None:
    found = [_part(archive, target, mode) for own, target, mode in index.targets.values()
             if own.endswith(kind)]
    return found[0] if found else (usual if usual in archive.NameToInfo else None)


def _first_sheet(archive: zipfile.ZipFile, index: _Index) -> str:
    if index.first is None or index.first["id"] not in index.targets:
        raise FileRejected("xlsx", DAMAGED)
    if index.first["state"] in ("hidden", "veryHidden"):
        raise FileRejected("xlsx", "the workbook's first worksheet is hidden: the contract reads "
                           "the first sheet, so unhide it, or move the sheet to be read to the "
                           "front (and delete the hidden one if it is not needed)")
    kind, target, mode = index.targets[index.first["id"]]
    if not kind.endswith("/worksheet"):
        raise FileRejected("xlsx", "the workbook's first sheet is not a worksheet (it is a chart "
                           "or another kind of sheet): move the sheet with the table to the front")
    path = _part(archive, target, mode)
    if path is None:
        raise FileRejected("xlsx", "the workbook's first sheet is not in the workbook (its part is "
                           "missing, or points to another file): save it again from Excel")
    return path


def open_book(data: bytes) -> Book:
    """Check the archive and read the workbook's index; or raise FileRejected."""
    archive, index = open_workbook(data), _Index()
    for member, handler in ((WORKBOOK, index.workbook), (RELATIONSHIPS, index.relationship)):
        if member not in archive.NameToInfo:
            raise FileRejected("xlsx", DAMAGED)
        with archive.open(member) as stream:
            parse(stream, handler, part="the workbook's index")
    book = Book(archive, _first_sheet(archive, index), index.sheets, index.date1904)
    book.strings = shared_strings(archive, _of_type(archive, index, "/sharedStrings", "xl/sharedStrings.xml"))
    book.date_styles = date_styles(archive, _of_type(archive, index, "/styles", "xl/styles.xml"))
    kinds = [kind for kind, _, _ in index.targets.values()]
    book.notes = [note for kind, prefix, note in NEVER_OPENED
                  if any(own.endswith(kind) for own in kinds)
                  or any(name.startswith(prefix) for name in archive.NameToInfo)]
    return book
