"""Drop-folder file names: `raw/<extract>/<partner>_<YYYY-MM>[_<suffix>].<csv|xlsx>`.

A name that does not fit the contract is not loaded; `parse_return_path` says why.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from wst_analytics.ingest.errors import FileRejected
from wst_analytics.registry import Registry

NAME = re.compile(r"^(?P<partner>[a-z0-9]+(?:-[a-z0-9]+)*)_(?P<year>\d{4})-(?P<month>\d{2})"
                  r"(?:_(?P<suffix>[A-Za-z0-9-]+(?:_[A-Za-z0-9-]+)*))?\.(?P<ext>csv|xlsx)$")


@dataclass(frozen=True)
class ReturnFile:
    """One file version in the drop folder, identified by its contract name."""

    path: Path
    relative: str  # path under the drop folder, with forward slashes
    extract: str
    partner: str
    month: date  # first day of the reporting month
    suffix: str | None
    file_format: str  # csv or xlsx
    areas: tuple[str, ...] = ()  # the LAs (GSS codes) the partner may send records of

    @property
    def month_end(self) -> date:
        return self.month.replace(day=calendar.monthrange(self.month.year, self.month.month)[1])


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


def parse_return_path(path: Path, raw_dir: Path, registry: Registry) -> ReturnFile:
    """Read extract, partner, month and suffix from a path under the drop folder."""
    relative = relative_name(path, raw_dir)
    parts = relative.split("/")
    if len(parts) != 2:
        raise FileRejected("file_name", "files go in raw/<extract>/, one level down")
    extract, name = parts
    if extract not in registry.extracts:
        known = ", ".join(sorted(registry.extracts))
        raise FileRejected("file_name", f"'{extract}' is not an extract ({known})")
    match = NAME.match(name)
    if not match:
        raise FileRejected("file_name", "the name must be "
                           "<partner>_<YYYY-MM>[_<suffix>].csv or .xlsx, in lower case")
    partner, year, month = match["partner"], int(match["year"]), int(match["month"])
    if not 1 <= month <= 12:
        raise FileRejected("file_name", f"{year}-{month:02d} is not a month")
    reason = registry.refuses(partner, extract)
    if reason:
        raise FileRejected("partner", reason)
    return ReturnFile(path=path, relative=relative, extract=extract, partner=partner,
                      month=date(year, month, 1), suffix=match["suffix"], file_format=match["ext"],
                      areas=registry.served(partner))
