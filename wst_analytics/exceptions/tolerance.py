"""`tolerance` exceptions: a year-on-year change beyond the catalogue's amber or red threshold,
and a value on the wrong side of a target, read with the indicator's polarity.

Changes in either direction are raised (an improvement well beyond tolerance is news too), and
the message says which way it reads. The latest financial year with a previous year counts.
"""

from __future__ import annotations

import polars as pl

from wst_analytics.exceptions.text import exception, figure, reading
from wst_analytics.indicators.catalogue import Catalogue


def tolerance_exceptions(yoy: pl.DataFrame, catalogue: Catalogue) -> list[dict]:
    raised = []
    headline = yoy.filter((pl.col("breakdown") == "") & pl.col("value").is_not_null())
    for indicator in catalogue:
        rows = headline.filter(pl.col("indicator_id") == indicator.id).sort("period")
        if rows.height == 0:
            continue
        latest = rows.row(-1, named=True)
        change = latest["change_pct"]
        if change is not None and abs(change) >= indicator.tolerance_amber_pct:
            red = abs(change) >= indicator.tolerance_red_pct
            threshold = indicator.tolerance_red_pct if red else indicator.tolerance_amber_pct
            raised.append(exception(
                "tolerance", "red" if red else "amber",
                f"{indicator.title}: {figure(latest['value'], indicator)} in {latest['period']} against "
                f"{figure(latest['previous_value'], indicator)} in {latest['previous_period']}, "
                f"{'up' if change > 0 else 'down'} {abs(change):.1f}%, beyond the "
                f"{'red' if red else 'amber'} tolerance of {threshold:g}%; "
                f"{reading(1 if change > 0 else -1, indicator)}",
                indicator_id=indicator.id, period=latest["period"], value=latest["value"],
                reference_value=latest["previous_value"], detail=f"change_pct={change:.2f}"))
        if indicator.target is not None:
            below = indicator.target_direction == "at_least" and latest["value"] < indicator.target
            above = indicator.target_direction == "at_most" and latest["value"] > indicator.target
            if below or above:
                raised.append(exception(
                    "tolerance", "red",
                    f"{indicator.title}: {figure(latest['value'], indicator)} in {latest['period']} is "
                    f"{'below' if below else 'above'} its target of {figure(indicator.target, indicator)}",
                    indicator_id=indicator.id, period=latest["period"], value=latest["value"],
                    reference_value=indicator.target, detail="target"))
    return raised
