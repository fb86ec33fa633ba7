"""`tolerance` exceptions: a year-on-year change beyond the catalogue's amber or red threshold,
and a value on the wrong side of a target, read with the indicator's polarity.

Changes in either direction are raised (an improvement well beyond tolerance is news too), and
the message says which way it reads. Each place's latest financial year with a figure counts,
against its own previous year, when both years are complete: a year with a missing monthly
return (`completeness` incomplete) undercounts, so its change would be an artefact of the gap,
not news; the latest pair of complete years is compared instead.
"""

from __future__ import annotations

import polars as pl

from wst_analytics.disclosure.numbers import percent_text
from wst_analytics.exceptions.text import exception, figure, reading
from wst_analytics.indicators.catalogue import Catalogue, Indicator


def latest_years(yoy: pl.DataFrame) -> pl.DataFrame:
    """Each place's latest complete financial year of each indicator's headline figure
    (marts.indicator_yoy), with its previous year if that is complete too."""
    for column in ("completeness", "previous_completeness"):  # a frame without them: complete years
        if column not in yoy.columns:
            yoy = yoy.with_columns(pl.lit(None, pl.String).alias(column))
    complete = pl.col("completeness").fill_null("complete").eq("complete")
    headline = yoy.filter((pl.col("period_type") == "financial_year") & (pl.col("breakdown") == "")
                          & pl.col("value").is_not_null() & complete
                          & pl.col("previous_completeness").fill_null("complete").eq("complete"))
    return headline.sort("period").group_by("indicator_id", "area_type", "area_code", maintain_order=True).last()


def tolerance_exceptions(yoy: pl.DataFrame, catalogue: Catalogue) -> list[dict]:
    raised = []
    latest_rows = latest_years(yoy).sort("area_type", "area_code")
    by_indicator = latest_rows.partition_by("indicator_id", as_dict=True)
    for indicator in catalogue:
        rows = by_indicator.get((indicator.id,))
        for latest in [] if rows is None else rows.iter_rows(named=True):
            raised += _latest_exceptions(latest, indicator)
    return raised


def _latest_exceptions(latest: dict, indicator: Indicator) -> list[dict]:
    raised, change = [], latest["change_pct"]
    where = {"area": (latest["area_type"], latest["area_code"]), "indicator_id": indicator.id,
             "period_type": "financial_year", "period": latest["period"], "value": latest["value"]}
    if change is not None and abs(change) >= indicator.tolerance_amber_pct:
        red = abs(change) >= indicator.tolerance_red_pct
        threshold = indicator.tolerance_red_pct if red else indicator.tolerance_amber_pct
        raised.append(exception(
            "tolerance", "red" if red else "amber",
            f"{indicator.title}: {figure(latest['value'], indicator)} in {latest['period']} against "
            f"{figure(latest['previous_value'], indicator)} in {latest['previous_period']}, "
            f"{'up' if change > 0 else 'down'} {percent_text(abs(change))}, beyond the "
            f"{'red' if red else 'amber'} tolerance of {threshold:g}%; "
            f"{reading(1 if change > 0 else -1, indicator)}",
            reference_value=latest["previous_value"], detail=f"change_pct={change:.2f}", **where))
    if indicator.target is not None:
        below = indicator.target_direction == "at_least" and latest["value"] < indicator.target
        above = indicator.target_direction == "at_most" and latest["value"] > indicator.target
        if below or above:
            raised.append(exception(
                "tolerance", "red",
                f"{indicator.title}: {figure(latest['value'], indicator)} in {latest['period']} is "
                f"{'below' if below else 'above'} its target of {figure(indicator.target, indicator)}",
                reference_value=indicator.target, detail="target", **where))
    return raised
