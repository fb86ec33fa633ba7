"""Building the `published` schema: the disclosure-controlled tables report authors read.

- `published.indicator_values`: every publishable indicator, place, period and breakdown the
  policy publishes (DfE children's figures: financial years only, see docs/disclosure.md),
  with `value` (null when suppressed or missing), `value_text` (what to print: the figure or
  its symbol, `u` beside a figure of an incomplete year), `symbol`, `revision` (`p` not yet
  released, `r` revised since released: `wst_analytics.releases.revisions`), `completeness` (complete,
  incomplete, missing) and `missing_returns` (the owed returns not received). Keyed as the
  marts are, `area_type` and `area_code` included when present.
- `published.indicator_yoy`: financial years against the previous year, computed from the
  published values only; a change is suppressed when either year is.
- `published.symbols`, `published.notes`, `published.indicators`: what the symbols mean, notes
  every export carries, and the catalogue entries of the published indicators.
"""

from __future__ import annotations

import duckdb
import polars as pl

from wst_analytics.disclosure import policies
from wst_analytics.disclosure.benchmarks import benchmark_tables
from wst_analytics.disclosure.cells import KEY, Members, read_members, with_places
from wst_analytics.disclosure.relations import check_links
from wst_analytics.disclosure.numbers import number_text, rounded
from wst_analytics.disclosure.symbols import INCOMPLETE, NOTES, SYMBOLS
from wst_analytics.indicators.catalogue import Catalogue
from wst_analytics.releases.revisions import marked
from wst_analytics.warehouse.sql import insert_frame, transaction

#: The periods each policy publishes (the others stay in marts, for use inside the partnership).
PERIOD_TYPES = {"dfe_children": ("financial_year",), "sac_adults": ("financial_year", "month"),
                "none": ("financial_year", "month")}


def _text(value: float | None, symbol: str | None, unit: str, completeness: str = "complete") -> str:
    """What to print: the symbol of a hidden figure, or the figure (with `u` beside it when its
    year is incomplete, see docs/indicators.md)."""
    if symbol is not None:
        return symbol
    return number_text(value, unit) + (f" {INCOMPLETE}" if completeness == "incomplete" else "")


def published_values(marts: pl.DataFrame, catalogue: Catalogue, members: Members | None = None) -> pl.DataFrame:
    """Every publishable cell under its policy; `members`: each partnership's LAs."""
    check_links(catalogue)
    marts, had_places = with_places(marts)
    for column, default in (("completeness", "complete"), ("missing_returns", None)):
        if column not in marts.columns:
            marts = marts.with_columns(pl.lit(default, pl.String).alias(column))
    parts = []
    for policy, period_types in PERIOD_TYPES.items():
        ids = [i.id for i in catalogue if i.publishable and i.disclosure == policy]
        part = marts.filter(pl.col("indicator_id").is_in(ids) & pl.col("period_type").is_in(period_types))
        parts.append(policies.apply(policy, part, catalogue, members))
    frame = pl.concat(parts)
    units = {i.id: i.unit for i in catalogue}
    shown = [rounded(v, units[i]) for i, v in zip(frame["indicator_id"], frame["value"])]
    texts = [_text(v, s, units[i], c) for i, v, s, c in
             zip(frame["indicator_id"], shown, frame["symbol"], frame["completeness"])]
    frame = frame.with_columns(value=pl.Series(shown, dtype=pl.Float64), value_text=pl.Series(texts, dtype=pl.String))
    places = ["area_type", "area_code"] if had_places else []
    columns = ["indicator_id", *places, "period", "period_type", "breakdown"]  # as before places
    shown = ("value", "value_text", "symbol", "completeness", "missing_returns")
    return frame.select(*columns, *shown).sort([c for c in KEY if c in columns])


def published_yoy(published: pl.DataFrame) -> pl.DataFrame:
    """Each financial year against the previous one, from the published values alone: the
    change and the percentage change of the shown (rounded) figures, so that neither tells
    more than the figures; suppressed (with the year's symbol) when either year is, and `x`
    when there is no previous year. Both years' completeness is shown beside the change (an
    incomplete year undercounts)."""
    places = [c for c in ("area_type", "area_code") if c in published.columns]
    series = ["indicator_id", *places, "period_type", "breakdown"]
    years = published.filter(pl.col("period_type") == "financial_year").with_columns(
        previous_period=(pl.col("period").str.slice(0, 4).cast(pl.Int32) - 1).cast(pl.String)
        + "-" + pl.col("period").str.slice(2, 2))
    previous = years.select(*series, previous_period="period", previous_value="value", previous_symbol="symbol",
                            previous_completeness="completeness")
    joined = years.join(previous, on=[*series, "previous_period"], how="left")
    either = pl.coalesce("symbol", "previous_symbol")
    symbol = pl.when(either.is_in(["c", "[c]"])).then(either).when(
        pl.col("previous_value").is_null() | pl.col("value").is_null()).then(pl.lit("x"))
    change = pl.col("value") - pl.col("previous_value")
    shown = pl.col("change_symbol").is_null()
    return joined.with_columns(change_symbol=symbol).select(
        "indicator_id", *places, "period", "period_type", "breakdown", "value", "value_text",
        "previous_period", "previous_value",
        change=pl.when(shown).then(change),
        change_pct=pl.when(shown & (pl.col("previous_value") != 0))
        .then((100 * change / pl.col("previous_value")).round(2)),
        change_symbol=pl.col("change_symbol"), completeness=pl.col("completeness"),
        previous_completeness=pl.col("previous_completeness"),
    ).sort("indicator_id", *places, "period", "breakdown")


def publish(con: duckdb.DuckDBPyConnection, catalogue: Catalogue) -> dict[str, int]:
    """Rebuild the published schema from marts, in one transaction."""
    marts = con.sql("SELECT * FROM marts.indicator_values").pl()
    values = marked(con, published_values(marts, catalogue, read_members(con)))
    yoy = published_yoy(values)
    symbols = pl.DataFrame({"symbol": list(SYMBOLS), "meaning": list(SYMBOLS.values())})
    notes = pl.DataFrame({"note": NOTES})
    indicators = pl.DataFrame([
        {"indicator_id": i.id, "title": i.title, "definition": i.definition, "unit": i.unit,
         "polarity": i.polarity, "disclosure": i.disclosure} for i in catalogue if i.publishable])
    tables = {"indicator_values": values, "indicator_yoy": yoy, "symbols": symbols, "notes": notes,
              "indicators": indicators}
    tables |= benchmark_tables(con, values, catalogue)  # published.indicator_benchmarks, published.areas
    with transaction(con):
        con.execute("CREATE SCHEMA IF NOT EXISTS published")
        for name, frame in tables.items():
            insert_frame(con, f"published.{name}", frame, create=True)
    return {name: frame.height for name, frame in tables.items()}
