"""SPC on every indicator's monthly series: `marts.spc` (a row per month), `marts.spc_summary`
(a row per indicator: the latest point's icons) and the `spc` exceptions.

An exception is raised when the latest month shows special-cause variation: red when it reads
as a concern (from the indicator's polarity), amber when it is an improvement or neither.
"""

from __future__ import annotations

import polars as pl

from wst_analytics.exceptions import icons
from wst_analytics.exceptions.settings import SpcSettings
from wst_analytics.exceptions.spc import RULES, Point, analyse
from wst_analytics.exceptions.text import exception, figure, month_name, reading
from wst_analytics.indicators.catalogue import Catalogue, Indicator

SPC_SCHEMA = {"indicator_id": pl.String, "breakdown": pl.String, "period": pl.String, "value": pl.Float64,
              "centre": pl.Float64, "lower_limit": pl.Float64, "upper_limit": pl.Float64,
              "lower_2sigma": pl.Float64, "upper_2sigma": pl.Float64, "trial_limits": pl.Boolean,
              "segment": pl.Int64, "special_cause": pl.Int64, **{rule: pl.Int64 for rule in RULES}}
SUMMARY_SCHEMA = {"indicator_id": pl.String, "latest_period": pl.String, "latest_value": pl.Float64,
                  "variation": pl.String, "assurance": pl.String, "trial_limits": pl.Boolean,
                  "points": pl.Int64, "signal": pl.String}


def _run_start(points: list[Point], periods: list[str], rule: str) -> tuple[int, str]:
    """Length and first month of the latest point's run of `rule`."""
    direction, n = points[-1].signals[rule], 0
    while n < len(points) and points[-1 - n].signals.get(rule) == direction:
        n += 1
    return n, periods[-n]


def describe(points: list[Point], periods: list[str], indicator: Indicator) -> str:
    """The latest point's signal, in plain English."""
    latest, limits = points[-1], points[-1].limits
    rule = next(r for r in RULES if r in latest.signals)
    high = latest.signals[rule] > 0
    if rule == "beyond_limit":
        limit = limits.upper if high else limits.lower
        text = (f"{figure(latest.value, indicator)} in {month_name(periods[-1])} is "
                f"{'above the upper' if high else 'below the lower'} process limit ({figure(limit, indicator)})")
    elif rule == "shift":
        n, since = _run_start(points, periods, rule)
        text = (f"{n} months in a row {'above' if high else 'below'} the average "
                f"({figure(limits.centre, indicator)}) since {month_name(since)}")
    elif rule == "trend":
        n, since = _run_start(points, periods, rule)
        text = f"{n} months in a row {'rising' if high else 'falling'} since {month_name(since)}"
    else:
        line = limits.upper_2sigma if high else limits.lower_2sigma
        text = (f"two of the last three months {'above' if high else 'below'} two sigma "
                f"({figure(line, indicator)}), close to the process limit")
    return f"{indicator.title}: {text}; {reading(latest.signals[rule], indicator)}"


def analyse_indicators(values: pl.DataFrame, catalogue: Catalogue, settings: SpcSettings):
    """(marts.spc rows, marts.spc_summary rows, spc exceptions) from marts.indicator_values."""
    monthly = values.filter((pl.col("period_type") == "month") & (pl.col("breakdown") == "")
                            & pl.col("value").is_not_null()).sort("period")
    spc_rows, summaries, raised = [], [], []
    for indicator in catalogue:
        series = monthly.filter(pl.col("indicator_id") == indicator.id)
        if series.height < 2:
            continue
        periods, numbers = series["period"].to_list(), series["value"].to_list()
        rebase = [periods.index(r["month"]) for r in indicator.rebase if r["month"] in periods]
        points = analyse(numbers, settings, rebase)
        for period, point in zip(periods, points):
            limits = point.limits
            spc_rows.append({"indicator_id": indicator.id, "breakdown": "", "period": period,
                             "value": point.value, "centre": limits.centre, "lower_limit": limits.lower,
                             "upper_limit": limits.upper, "lower_2sigma": limits.lower_2sigma,
                             "upper_2sigma": limits.upper_2sigma, "trial_limits": limits.trial,
                             "segment": point.segment, "special_cause": point.special_cause,
                             **{rule: point.signals.get(rule, 0) for rule in RULES}})
        latest = points[-1]
        variation, assurance = icons.variation(latest, indicator), icons.assurance(latest, indicator)
        message = describe(points, periods, indicator) if latest.special_cause else ""
        summaries.append({"indicator_id": indicator.id, "latest_period": periods[-1],
                          "latest_value": latest.value, "variation": variation, "assurance": assurance,
                          "trial_limits": latest.limits.trial, "points": len(points), "signal": message})
        if latest.special_cause:
            severity = "red" if variation.startswith("concern") else "amber"
            raised.append(exception("spc", severity, message, indicator_id=indicator.id, period=periods[-1],
                                    value=latest.value, reference_value=latest.limits.centre,
                                    detail=", ".join(r for r in RULES if r in latest.signals)))
        if assurance == "fail":
            raised.append(exception(
                "spc", "red", f"{indicator.title}: the process limits ({figure(latest.limits.lower, indicator)}"
                f" to {figure(latest.limits.upper, indicator)}) lie wholly on the wrong side of the target "
                f"({figure(indicator.target, indicator)}): it will consistently be missed",
                indicator_id=indicator.id, period=periods[-1], value=latest.value,
                reference_value=indicator.target, detail="assurance"))
    return spc_rows, summaries, raised
