"""Places: every local authority and partnership a copy (or the warehouse) has figures for, and
choosing one by its code.

A place is named by its code: an LA by its GSS code (`E08000031`), a partnership by its code
in the partner registry (`wst`). Where no place is given, the default is the partnership: the
registry's only one (with several, say which). The places come from `marts.areas` (its names
and regions), or on the report copy, which has only `published`, from the published figures.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import duckdb
import polars as pl

from wst_analytics.query.connection import has_table

PARTNERSHIP, LOCAL_AUTHORITY = "partnership", "local_authority"
COLUMNS = {"area_type": pl.String, "area_code": pl.String, "name": pl.String, "region_code": pl.String}
NAMED_IN_FULL = 20  # beyond this many LAs, an error names their codes only


class UnknownArea(ValueError):
    """No place of that code, or no single default place."""


@dataclass(frozen=True)
class Area:
    area_type: str
    area_code: str
    name: str | None

    @property
    def label(self) -> str:
        """`Walsall (local authority E08000030)`, `Black Country (partnership bc)`."""
        kind = self.area_type.replace("_", " ")
        return f"{self.name} ({kind} {self.area_code})" if self.name else f"{kind} {self.area_code}"


def areas(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """Every place: `area_type`, `area_code`, `name`, `region_code`; partnerships first.

    >>> areas(con).filter(pl.col("area_type") == "partnership")["area_code"].to_list()
    ['wst']
    """
    if has_table(con, "marts", "areas"):
        sql = "SELECT area_type, area_code, name, region_code FROM marts.areas"
    else:
        sql = ("SELECT DISTINCT area_type, area_code, NULL AS name, NULL AS region_code "
               "FROM published.indicator_values")
    frame = con.sql(f"{sql} ORDER BY area_type = 'local_authority', area_code").pl()
    return frame.cast(COLUMNS)


def known(frame: pl.DataFrame) -> str:
    """The places, for an error message: `partnerships: wst (...); local authorities: ...`."""
    def named(row: dict, full: bool) -> str:
        return f"{row['area_code']} ({row['name']})" if row["name"] and full else row["area_code"]

    partnerships = [r for r in frame.iter_rows(named=True) if r["area_type"] == PARTNERSHIP]
    las = [r for r in frame.iter_rows(named=True) if r["area_type"] == LOCAL_AUTHORITY]
    full = len(las) <= NAMED_IN_FULL
    parts = [f"partnerships: {', '.join(named(r, True) for r in partnerships)}" if partnerships else "",
             f"local authorities: {', '.join(named(r, full) for r in las)}" if las else ""]
    return "; ".join(p for p in parts if p) or "none (has a load run?)"


def choose_area(con: duckdb.DuckDBPyConnection, code: str | None = None) -> Area:
    """The place of `code` (an LA's GSS code or a partnership's code; any case), or by default
    the only partnership. Raises UnknownArea naming the known places.

    >>> choose_area(con).label
    'Wolverhampton Safeguarding Together (partnership wst)'
    >>> choose_area(con, "e08000031").label
    'Wolverhampton (local authority E08000031)'
    """
    frame = areas(con)
    if code is None:
        rows = frame.filter(pl.col("area_type") == PARTNERSHIP)
        if rows.height != 1:
            raise UnknownArea(f"there are {rows.height} partnerships: say which place ({known(frame)})")
    else:
        rows = frame.filter(pl.col("area_code").str.to_lowercase() == str(code).strip().lower())
        if rows.height == 0:
            raise UnknownArea(f"no place '{code}': choose one of the {known(frame)}")
    row = rows.row(0, named=True)
    return Area(row["area_type"], row["area_code"], row["name"])


def choose_areas(con: duckdb.DuckDBPyConnection, area: str | Iterable[str] | None) -> list[Area]:
    """The places an `area=` argument names: one code, several, or None for the default."""
    if area is None or isinstance(area, str):
        return [choose_area(con, area)]
    chosen = [choose_area(con, code) for code in area]
    if not chosen:
        raise UnknownArea(f"no place given: choose one or more of the {known(areas(con))}")
    return chosen
