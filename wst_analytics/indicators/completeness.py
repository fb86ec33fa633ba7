"""Completeness of the indicator figures: a missing return is not a zero.

A return is owed for every (partner, extract, month) the registry says it is due
(`exceptions.returns.returns_due`), up to the latest reporting month any partner has sent. A
month whose owed return was never received (no version loaded, or purged since) is `missing`
for every place the partner serves and every indicator reading that extract: its value,
numerator and denominator are null. A financial year holding such a month is `incomplete`: its
figure is computed from what arrived and flagged. Any other figure is `complete`, a month whose
return arrived with no rows included (a true zero). `missing_returns` names the returns.
"""

from __future__ import annotations

import duckdb
import polars as pl

from wst_analytics.exceptions.returns import latest_month_sent, returns_due
from wst_analytics.indicators.catalogue import Catalogue
from wst_analytics.registry import Registry
from wst_analytics.warehouse.sql import insert_frame, sql_file

#: The completeness of a figure, as marts and published tables spell it.
COMPLETENESS = ("complete", "incomplete", "missing")


def mark_completeness(con: duckdb.DuckDBPyConnection, catalogue: Catalogue, registry: Registry) -> None:
    """Write marts.returns_owed and mark marts.indicator_values' missing months and incomplete
    years (inside the caller's transaction)."""
    insert_frame(con, "marts.returns_owed", returns_due(registry, latest_month_sent(con)), create=True)
    sources = pl.DataFrame([(i.id, s) for i in catalogue for s in i.monthly_sources],
                           schema={"indicator_id": pl.String, "extract": pl.String}, orient="row")
    con.register("indicator_sources", sources.to_arrow())
    try:
        con.execute(sql_file("marts/completeness.sql"))
    finally:
        con.unregister("indicator_sources")
