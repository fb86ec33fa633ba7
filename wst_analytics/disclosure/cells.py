"""Cells and their keys: what identifies one published figure, and the periods around it.

A cell is one row of `marts.indicator_values`, keyed by (`indicator_id`, `area_type`,
`area_code`, `period_type`, `period`, `breakdown`): a month `2010-11` (November 2010) and the
financial year `2010-11` are two periods, so `period_type` is in every key. Frames without
the place columns (one place) are given empty ones here and lose them again on the way out.
"""

from __future__ import annotations

import duckdb
import polars as pl

KEY = ("indicator_id", "area_type", "area_code", "period_type", "period", "breakdown")
PLACE = ("area_type", "area_code")
Key = tuple[str, str, str, str, str, str]
Place = tuple[str, str]
#: partnership (area_type, area_code) -> the places it is the sum of
Members = dict[Place, list[Place]]


def with_places(frame: pl.DataFrame) -> tuple[pl.DataFrame, bool]:
    """The frame with `area_type` and `area_code` (empty: one place) and whether it had them."""
    had = all(column in frame.columns for column in PLACE)
    if not had:
        frame = frame.with_columns(area_type=pl.lit("", pl.String), area_code=pl.lit("", pl.String))
    return frame, had


def key_of(row: dict) -> Key:
    return tuple(row[column] for column in KEY)  # type: ignore[return-value]


def financial_year(month: str) -> str:
    """The financial year (1 April to 31 March) a month `YYYY-MM` falls in: `YYYY-YY`."""
    year, number = int(month[:4]), int(month[5:7])
    start = year if number >= 4 else year - 1
    return f"{start}-{str(start + 1)[2:]}"


def months_of(year: str) -> list[str]:
    """The twelve months of a financial year, April first."""
    start = int(year[:4])
    return [f"{start + (m < 4)}-{m:02d}" for m in (*range(4, 13), *range(1, 4))]


def previous_period(period_type: str, period: str) -> str:
    """The period just before: the previous month, or the previous financial year."""
    if period_type == "financial_year":
        start = int(period[:4]) - 1
        return f"{start}-{str(start + 1)[2:]}"
    year, number = int(period[:4]), int(period[5:7])
    return f"{year - (number == 1)}-{(number - 2) % 12 + 1:02d}"


def members_from_rows(rows: list[tuple[str, str, str]]) -> Members:
    """(area_type, area_code, la_code) rows, as in `marts.area_members`, as a Members map: each
    area that is the sum of other places (an LA listing only itself is left out)."""
    members: Members = {}
    for area_type, area_code, la_code in rows:
        if (area_type, area_code) != ("local_authority", la_code):
            members.setdefault((area_type, area_code), []).append(("local_authority", la_code))
    return {area: sorted(places) for area, places in members.items()}


def read_members(con: duckdb.DuckDBPyConnection) -> Members:
    """The area membership from `marts.area_members`, or none (one place) before it exists."""
    exists = con.execute("SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'marts' "
                         "AND table_name = 'area_members'").fetchall()[0][0]
    if not exists:
        return {}
    return members_from_rows(con.execute(
        "SELECT area_type, area_code, la_code FROM marts.area_members").fetchall())
