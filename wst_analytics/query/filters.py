"""The pieces every indicator function shares: which schema to read, checking indicator ids,
and the WHERE clauses for places, periods and breakdowns (values always as parameters)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

import duckdb

from wst_analytics.query.places import Area, choose_areas
from wst_analytics.query.connection import has_table

SOURCES = ("marts", "published")
PERIOD_TYPES = ("financial_year", "month")
#: An area argument: a place's code, several codes, or None for the default (the partnership).
AreaArg = str | Iterable[str] | None


class UnknownIndicator(ValueError):
    """No indicator of that id in the catalogue of the schema asked for."""


def resolve_source(con: duckdb.DuckDBPyConnection, source: str | None) -> str:
    """`marts` or `published`: the one asked for, or marts when the copy has it."""
    if source is None:
        return "marts" if has_table(con, "marts", "indicator_values") else "published"
    if source not in SOURCES:
        raise ValueError(f"source is 'marts' or 'published', not '{source}'")
    if not has_table(con, source, "indicator_values"):
        raise ValueError(f"this copy has no {source} schema: open the analyst copy for marts")
    return source


def indicator_ids(con: duckdb.DuckDBPyConnection, source: str, indicator_id: str | Iterable[str]) -> list[str]:
    """The ids asked for, each checked against the schema's catalogue (with the nearest ids)."""
    ids = [indicator_id] if isinstance(indicator_id, str) else list(indicator_id)
    column = "id" if source == "marts" else "indicator_id"
    known = [row[0] for row in con.execute(f"SELECT {column} FROM {source}.indicators").fetchall()]
    for one in ids:
        if one not in known:
            close = difflib.get_close_matches(one, known, n=3, cutoff=0.5)
            hint = f"; did you mean {', '.join(close)}?" if close else ": see catalogue(con)"
            raise UnknownIndicator(f"no indicator '{one}' in {source}.indicators{hint}")
    return ids


def add_filter(where: list[str], params: list, column: str, wanted) -> None:
    """`column IN (wanted)`: one value or several; nothing when `wanted` is None."""
    if wanted is None:
        return
    values = [wanted] if isinstance(wanted, str) else list(wanted)
    where.append(f"{column} IN (SELECT unnest(?::VARCHAR[]))")
    params.append(values)


def add_area(con: duckdb.DuckDBPyConnection, where: list[str], params: list, area: AreaArg) -> list[Area]:
    """The places `area` names (by default the partnership), as a clause on (area_type,
    area_code); returns them."""
    chosen = choose_areas(con, area)
    where.append("(" + " OR ".join(["(area_type = ? AND area_code = ?)"] * len(chosen)) + ")")
    params += [value for place in chosen for value in (place.area_type, place.area_code)]
    return chosen


def is_month_and_year(period: str) -> bool:
    """Whether a label is both a month and a financial year: `2010-11` is November 2010 and
    the year April 2010 to March 2011."""
    found = re.fullmatch(r"(\d{4})-(\d{2})", period)
    return bool(found) and 1 <= int(found[2]) <= 12 and int(found[2]) == (int(found[1]) + 1) % 100


def add_periods(where: list[str], params: list, periods, period_type: str | None) -> None:
    """Periods (and their type): a label that is both a month and a year needs `period_type`."""
    periods = [periods] if isinstance(periods, str) else None if periods is None else list(periods)
    if period_type is not None:
        if period_type not in PERIOD_TYPES:
            raise ValueError(f"period_type is 'financial_year' or 'month', not '{period_type}'")
        where.append("period_type = ?")
        params.append(period_type)
    elif periods is not None:
        both = [p for p in periods if is_month_and_year(p)]
        if both:
            raise ValueError(f"'{both[0]}' is both a month and a financial year: say "
                             "period_type='month' or period_type='financial_year'")
    add_filter(where, params, "period", periods)
