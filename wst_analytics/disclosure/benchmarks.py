"""The comparators report authors may show: `published.indicator_benchmarks` and
`published.areas`.

The place's figure is its published (disclosure-controlled) one, and the comparisons are made
again from it, with the query that makes marts.indicator_benchmarks: a suppressed figure has no
rank or quartile (they would narrow it down), and a rounded one is ranked as it is printed (the
rank of the exact figure behind it would tell more than the figure shown). The comparators are
the publishers' own figures, public already; the neighbours' mean is rounded as the figures
are. Only publishable indicators have rows (those of published.indicator_values).
"""

from __future__ import annotations

import duckdb
import polars as pl

from wst_analytics.disclosure.numbers import rounded
from wst_analytics.indicators.benchmarks import comparisons_query
from wst_analytics.indicators.catalogue import Catalogue
from wst_analytics.places import REGIONS

KEY = ["indicator_id", "area_type", "area_code", "period_type", "period", "breakdown"]
FIGURES = "published_figures"  # the published figures, as the comparisons query reads them


def published_benchmarks(con: duckdb.DuckDBPyConnection, values: pl.DataFrame,
                         catalogue: Catalogue) -> pl.DataFrame:
    """The comparators of every published figure (`values`: published.indicator_values)."""
    con.register(FIGURES, values.select(*KEY, "value"))
    try:
        compared = con.sql(comparisons_query(FIGURES)).pl()
    finally:
        con.unregister(FIGURES)
    units = {i.id: i.unit for i in catalogue}
    mean = [rounded(m, units[i]) for i, m in zip(compared["indicator_id"], compared["neighbours_mean"])]
    shown = values.select(*KEY, "value_text", "symbol")
    return compared.with_columns(neighbours_mean=pl.Series(mean, dtype=pl.Float64)).join(
        shown, on=KEY, how="left").select(
        *KEY, "value", "value_text", "symbol", *[c for c in compared.columns if c not in (*KEY, "value")]
    ).sort(KEY)


def published_areas(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """Every place (each LA and partnership) with its name and its region's."""
    areas = con.sql("SELECT area_type, area_code, name, region_code FROM marts.areas "
                    "ORDER BY area_type DESC, area_code").pl()
    return areas.with_columns(region_name=pl.col("region_code").replace_strict(REGIONS, default=None))


def benchmark_tables(con: duckdb.DuckDBPyConnection, values: pl.DataFrame,
                     catalogue: Catalogue) -> dict[str, pl.DataFrame]:
    """The published tables of places and comparators, by name."""
    return {"indicator_benchmarks": published_benchmarks(con, values, catalogue),
            "areas": published_areas(con)}
