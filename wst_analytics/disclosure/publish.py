"""Building the `published` schema: the disclosure-controlled tables report authors read.

- `published.indicator_values`: every publishable indicator, period and breakdown, with
  `value` (null when suppressed), `value_text` (what to print: the figure or its symbol) and
  `symbol`.
- `published.indicator_yoy`: financial years against the previous year; a change is
  suppressed when either year is.
- `published.symbols`, `published.notes`, `published.indicators`: what the symbols mean, notes
  every export carries, and the catalogue entries of the published indicators.
"""

from __future__ import annotations

import duckdb
import polars as pl

from wst_analytics.disclosure import policies
from wst_analytics.disclosure.symbols import NOTES, SYMBOLS
from wst_analytics.indicators.catalogue import Catalogue
from wst_analytics.warehouse.sql import transaction

KEY = ["indicator_id", "area_type", "area_code", "period_type", "period", "breakdown"]
DECIMALS = {"count": 0, "rate_per_10k": 1, "percent": 1, "gbp": 2}


def _text(value: float | None, symbol: str | None, unit: str) -> str:
    if symbol is not None:
        return symbol
    return f"{value:,.{DECIMALS[unit]}f}"


def published_values(marts: pl.DataFrame, catalogue: Catalogue) -> pl.DataFrame:
    parts = []
    for policy in ("dfe_children", "sac_adults", "none"):
        ids = [i.id for i in catalogue if i.publishable and i.disclosure == policy]
        part = marts.filter(pl.col("indicator_id").is_in(ids))
        parts.append(policies.apply(policy, part, catalogue))
    frame = pl.concat(parts)
    units = {i.id: i.unit for i in catalogue}
    rounded = [None if v is None else round(v, DECIMALS[units[i]])
               for i, v in zip(frame["indicator_id"], frame["value"])]
    texts = [_text(v, s, units[i]) for i, v, s in zip(frame["indicator_id"], rounded, frame["symbol"])]
    return frame.with_columns(value=pl.Series(rounded, dtype=pl.Float64), value_text=pl.Series(texts)).select(
        *KEY[:5], "breakdown", "value", "value_text", "symbol"
    ).sort(*KEY)


def published_yoy(published: pl.DataFrame, marts: pl.DataFrame, catalogue: Catalogue) -> pl.DataFrame:
    """Change against the previous financial year, from published values; change_pct from the
    unrounded figures (the SAC rule for percentages), suppressed when either year is."""
    years = published.filter(pl.col("period_type") == "financial_year")
    exact = marts.select(*KEY, exact="value")
    current = years.join(exact, on=KEY, how="left").with_columns(
        previous_period=(pl.col("period").str.slice(0, 4).cast(pl.Int32) - 1).cast(pl.String)
        + "-" + pl.col("period").str.slice(2, 2))
    previous = current.select("indicator_id", "area_type", "area_code", "breakdown", previous_period="period",
                              previous_value="value", previous_symbol="symbol", previous_exact="exact")
    joined = current.join(previous, on=["indicator_id", "area_type", "area_code", "breakdown", "previous_period"],
                          how="left")
    either = pl.coalesce("symbol", "previous_symbol")
    symbol = pl.when(either.is_in(["c", "[c]"])).then(either).when(
        pl.col("previous_period").is_in(years["period"].unique().implode()).not_()
        | pl.col("previous_value").is_null() | pl.col("value").is_null()).then(pl.lit("x"))
    change_pct = 100 * (pl.col("exact") - pl.col("previous_exact")) / pl.col("previous_exact")
    return joined.with_columns(change_symbol=symbol).select(
        *KEY, "value", "value_text",
        "previous_period", "previous_value",
        change=pl.when(pl.col("change_symbol").is_null()).then(pl.col("value") - pl.col("previous_value")),
        change_pct=pl.when(pl.col("change_symbol").is_null() & (pl.col("previous_exact") != 0))
        .then(change_pct.round(2)),
        change_symbol=pl.col("change_symbol"),
    ).sort(*KEY)


def publish(con: duckdb.DuckDBPyConnection, catalogue: Catalogue) -> dict[str, int]:
    """Rebuild the published schema from marts, in one transaction."""
    marts = con.sql("SELECT * FROM marts.indicator_values").pl()
    values = published_values(marts, catalogue)
    yoy = published_yoy(values, marts, catalogue)
    symbols = pl.DataFrame({"symbol": list(SYMBOLS), "meaning": list(SYMBOLS.values())})
    notes = pl.DataFrame({"note": NOTES})
    indicators = pl.DataFrame([
        {"indicator_id": i.id, "title": i.title, "definition": i.definition, "unit": i.unit,
         "polarity": i.polarity, "disclosure": i.disclosure} for i in catalogue if i.publishable])
    tables = {"indicator_values": values, "indicator_yoy": yoy, "symbols": symbols, "notes": notes,
              "indicators": indicators}
    with transaction(con):
        con.execute("CREATE SCHEMA IF NOT EXISTS published")
        for name, frame in tables.items():
            con.register("incoming_published", frame)
            con.execute(f"CREATE OR REPLACE TABLE published.{name} AS SELECT * FROM incoming_published")
            con.unregister("incoming_published")
    return {name: frame.height for name, frame in tables.items()}
