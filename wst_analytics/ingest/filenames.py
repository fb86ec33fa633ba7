"""Drop-folder file names: `raw/<extract>/<partner>_<YYYY-MM>[_<suffix>].<csv|xlsx>`.

A name that does not fit the contract is not loaded; `parse_return_path` says why, without
quoting the name or any part of it (a partner may put a child's name in a file name). Of a name
that fits, only the partner and the month are ever kept: the suffix tells files apart in the
drop folder and nowhere else. A stored or shown file is named by its label (`return_label`).
The month is ASCII digits only, and a name holding a control character or any other character
that does not print (bidi overrides, zero-width characters, line separators, bytes that are not
UTF-8) is rejected before anything else is read from it, so it never reaches a terminal or a log.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from wst_analytics import settings
from wst_analytics.ingest.errors import FileRejected
from wst_analytics.registry import Registry

#: The whole name (`fullmatch`: `$` would let a trailing line break through). ASCII only.
NAME = re.compile(r"(?P<partner>[a-z0-9]+(?:-[a-z0-9]+)*)_(?P<year>[0-9]{4})-(?P<month>[0-9]{2})"
                  r"(?:_[A-Za-z0-9-]+(?:_[A-Za-z0-9-]+)*)?\.(?P<ext>csv|xlsx)")


@dataclass(frozen=True)
class ReturnFile:
    """One file version in the drop folder, identified by its contract name."""

    path: Path
    relative: str  # path under the drop folder: to read the file, never stored, logged or shown
    extract: str
    partner: str
    month: date  # first day of the reporting month
    file_format: str  # csv or xlsx
    areas: tuple[str, ...] = ()  # the LAs (GSS codes) the partner may send records of

    @property
    def month_end(self) -> date:
        return self.month.replace(day=calendar.monthrange(self.month.year, self.month.month)[1])


def return_label(extract: str, partner: str, month: date, version: int) -> str:
    """How a file version is named wherever it is stored or shown: its return and its place
    among the versions of that return taken in, e.g. `cp_plans/cwc-cs_2019-04 (version 2)`."""
    return f"{extract}/{partner}_{month:%Y-%m} (version {version})"


def relative_name(path: Path, raw_dir: Path) -> str:
    """The path under the drop folder, or FileRejected if it is not under it."""
    try:
        relative = path.relative_to(raw_dir)
    except ValueError:
        raise FileRejected("file_name", "the file is not in the drop folder: only files under "
                           "raw/<extract>/ are read") from None
    if ".." in relative.parts:
        raise FileRejected("file_name", "the path leads out of the drop folder ('..'): only "
                           "files under raw/<extract>/ are read")
    return relative.as_posix()


def _check_name(relative: str, registry: Registry) -> tuple[str, re.Match]:
    """(extract, the name's match), or FileRejected saying why the name does not fit."""
    if not relative.isprintable():
        raise FileRejected("file_name", "the name holds control characters or other characters "
                           "that do not print (invisible or direction-changing): rename the "
                           "file <partner>_<YYYY-MM>.csv or .xlsx")
    parts = relative.split("/")
    if len(parts) != 2:
        raise FileRejected("file_name", "files go in raw/<extract>/, one level down")
    extract, name = parts
    if extract not in registry.extracts:
        known = ", ".join(sorted(registry.extracts))
        raise FileRejected("file_name", f"the folder is not an extract's: files go in the folder "
                           f"of their extract ({known})")
    match = NAME.fullmatch(name)
    if not match:
        raise FileRejected("file_name", "the name must be "
                           "<partner>_<YYYY-MM>[_<suffix>].csv or .xlsx, in lower case")
    if not 1 <= int(match["month"]) <= 12:
        raise FileRejected("file_name", "the month in the name is not a month: it must be "
                           "YYYY-MM with MM from 01 to 12")
    return extract, match


def parse_return_path(path: Path, raw_dir: Path, registry: Registry) -> ReturnFile:
    """Read extract, partner and month from a path under the drop folder."""
    relative = relative_name(path, raw_dir)
    extract, match = _check_name(relative, registry)
    partner = match["partner"]
    if partner not in registry.partners:
        raise FileRejected("partner", "the partner code the name starts with is not in the partner "
                           f"registry ({settings.partners_file().name}): check the code, or add the partner")
    reason = registry.refuses(partner, extract)
    if reason:
        raise FileRejected("partner", reason)
    return ReturnFile(path=path, relative=relative, extract=extract, partner=partner,
                      month=date(int(match["year"]), int(match["month"]), 1),
                      file_format=match["ext"], areas=registry.served(partner))
