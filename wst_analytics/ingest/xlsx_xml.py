"""Streaming the XML parts of a workbook: expat with namespaces, handlers for the few elements
that matter, never a tree in memory and never a document type (a DTD can declare entities that
expand a few bytes into gigabytes, the 'billion laughs').

Element names are matched by namespace and local name: SpreadsheetML in its transitional
(`schemas.openxmlformats.org`) and strict (`purl.oclc.org/ooxml`) forms, the package
relationships, and no namespace at all; an element of any other namespace (an extension) is
not one of ours, whatever its local name.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import BinaryIO
from xml.parsers import expat

from wst_analytics.ingest.errors import FileRejected
from wst_analytics.ingest.xlsx_zip import DAMAGED, ZIP_ERRORS

SEPARATOR = " "
CHUNK = 1 << 20
OURS = ("", "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
        "http://purl.oclc.org/ooxml/spreadsheetml/main",
        "http://schemas.openxmlformats.org/package/2006/relationships")
RELATIONSHIP_ID = tuple(f"{uri}{SEPARATOR}id" for uri in (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "http://purl.oclc.org/ooxml/officeDocument/relationships"))


def names(*local: str) -> dict[str, str]:
    """Every full name (namespace, separator, local name) that means one of `local`."""
    return {f"{uri}{SEPARATOR}{name}" if uri else name: name for uri in OURS for name in local}


def relationship_id(attrs: dict) -> str | None:
    """The `r:id` attribute, in either form of the relationships namespace."""
    return next((attrs[key] for key in RELATIONSHIP_ID if key in attrs), None)


def _doctype(*_) -> None:
    raise FileRejected("xlsx", "the workbook's XML declares a document type: it was not saved "
                       "by a spreadsheet program")


def xml_parser():
    """An expat parser with namespaces, text in as few pieces as it can, and no DTD."""
    parser = expat.ParserCreate(namespace_separator=SEPARATOR)
    parser.buffer_text, parser.buffer_size = True, 1 << 16
    parser.StartDoctypeDeclHandler = _doctype
    return parser


def parse(stream: BinaryIO, start: Callable, end: Callable | None = None,
          text: Callable | None = None, *, part: str, parser=None) -> None:
    """Feed a part (a file-like object, read in chunks) through expat with the handlers; a part
    that is not well-formed XML, or that cannot be decompressed, rejects the workbook."""
    parser = parser or xml_parser()
    parser.StartElementHandler, parser.EndElementHandler = start, end
    parser.CharacterDataHandler = text
    while True:
        try:
            chunk = stream.read(CHUNK)
        except ZIP_ERRORS:
            raise FileRejected("xlsx", DAMAGED) from None
        try:
            parser.Parse(chunk, not chunk)
        except (expat.ExpatError, LookupError):  # LookupError: an unknown encoding declared
            raise FileRejected("xlsx", f"{part}'s contents are damaged (it is not well-formed "
                               "XML): save it again from Excel") from None
        if not chunk:
            return
