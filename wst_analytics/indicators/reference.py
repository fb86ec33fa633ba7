"""Reference tables the indicator SQL reads: places, periods, working days, code lists, the
catalogue.

- `marts.areas`, `marts.area_members`, `marts.partner_areas`: the places of the registry (every
  LA, every partnership), the LAs each place is made of, and the LAs each partner serves;
  `marts.<extract>_by_place`: each current record once for every place it belongs to.
- `marts.coverage` / `marts.periods` / `marts.place_periods`: the months and financial years
  each place's returns cover.
- `marts.calendar`: every day with whether it is a working day in England (weekends and
  England and Wales bank holidays excluded, from the maintained `holidays` library) and a
  running count of working days, so working days between two dates is one subtraction.
- `marts.codes`: the code lists of the extract schemas, so breakdowns show every code.
- `marts.indicators`: the catalogue, for notebooks and reports.
"""

from __future__ import annotations

from datetime import date, timedelta

import duckdb
import holidays
import polars as pl

from wst_analytics.extracts import MONTHLY, SCHEMAS
from wst_analytics.indicators.catalogue import Catalogue
from wst_analytics.registry import Registry
from wst_analytics.warehouse.sql import insert_frame, sql_file


def working_day_calendar(first: date, last: date) -> pl.DataFrame:
    """One row per day from `first` to `last` with `is_working_day` and `working_day_number`."""
    bank_holidays = holidays.UnitedKingdom(subdiv="ENG", years=range(first.year, last.year + 1))
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    working = [d.weekday() < 5 and d not in bank_holidays for d in days]
    return pl.DataFrame({"date": days, "is_working_day": working}).with_columns(
        working_day_number=pl.col("is_working_day").cast(pl.Int64).cum_sum())


def _calendar_span(con: duckdb.DuckDBPyConnection) -> tuple[date, date]:
    first, last = con.execute(
        "SELECT least(min(p.start_date), (SELECT min(strategy_discussion_date) FROM core.cp_plans)), "
        "max(p.end_date) FROM marts.periods AS p").fetchall()[0]
    today = date.today()
    return (first or date(today.year - 1, 1, 1)) - timedelta(days=366), (last or today) + timedelta(days=366)


def codes_frame() -> pl.DataFrame:
    rows = [(extract, name, code) for extract, schema in SCHEMAS.items()
            for name, column in schema.columns.items() for code in column.metadata.get("values", [])]
    return pl.DataFrame(rows, schema=["extract", "column_name", "code"], orient="row")


def catalogue_frame(catalogue: Catalogue) -> pl.DataFrame:
    lists = {"rebase": pl.List(pl.String), "inflows": pl.List(pl.String), "outflows": pl.List(pl.String)}
    return pl.DataFrame([{**vars(i), "sources": list(i.sources), "counts_from": list(i.counts_from),
                          "rebase": [f"{r['month']}: {r['reason']}" for r in i.rebase],
                          "inflows": list(i.inflows), "outflows": list(i.outflows)}
                         for i in catalogue], schema_overrides=lists)


def place_frames(registry: Registry) -> dict[str, pl.DataFrame]:
    """The registry's places as the tables marts.areas, marts.area_members, marts.partner_areas."""
    places = registry.places
    served = [(p.code, la) for p in registry.partners.values() for la in registry.served(p.code)]
    return {
        "areas": pl.DataFrame(places.areas(), orient="row", schema={
            "area_type": pl.String, "area_code": pl.String, "name": pl.String, "region_code": pl.String}),
        "area_members": pl.DataFrame(places.members(), orient="row", schema={
            "area_type": pl.String, "area_code": pl.String, "la_code": pl.String}),
        "partner_areas": pl.DataFrame(served, orient="row", schema={"partner": pl.String, "la_code": pl.String}),
    }


def build_reference(con: duckdb.DuckDBPyConnection, catalogue: Catalogue, registry: Registry) -> None:
    """(Re)build the reference tables, inside the caller's transaction."""
    con.execute("CREATE SCHEMA IF NOT EXISTS marts")
    for name, frame in place_frames(registry).items():
        insert_frame(con, f"marts.{name}", frame, create=True)
    for extract in MONTHLY:
        con.execute(sql_file("marts/by_place.sql").format(extract=extract))
    con.execute(sql_file("marts/coverage.sql"), {"monthly": list(MONTHLY)})
    con.execute(sql_file("marts/periods.sql"))
    first, last = _calendar_span(con)
    for name, frame in (("calendar", working_day_calendar(first, last)), ("codes", codes_frame()),
                        ("indicators", catalogue_frame(catalogue))):
        insert_frame(con, f"marts.{name}", frame, create=True)
    for extract in MONTHLY:
        counted_by = SCHEMAS[extract].metadata.get("counted_by")
        if counted_by:
            con.execute(sql_file("marts/in_period.sql").format(extract=extract, date=counted_by))
    con.execute(sql_file("marts/blocks.sql"))
