"""SPC on every place's monthly series of every indicator: `marts.spc` (a row per place,
indicator and month), `marts.spc_summary` (a row per place and indicator: the latest point's
icons) and the `spc` exceptions.

Each place's series is its own (an LA's from its records, a partnership's from its LAs'),
analysed on its own: a shift in one LA is raised for that LA, and for a partnership only if
it shows in the partnership's series. An exception is raised when the latest month shows
special-cause variation: red when it reads as a concern (from the indicator's polarity), amber
when it is an improvement or neither; not while the series (or its segment since a rebase) has
fewer than 13 points, when Making Data Count shows no icon. Limits are clamped to what the
measure can take (`Indicator.possible`: no percentage below 0 or above 100, no count below 0).
"""

from __future__ import annotations

from dataclasses import replace

import polars as pl

from wst_analytics.exceptions import icons
from wst_analytics.exceptions.settings import SpcSettings
from wst_analytics.exceptions.spc import RULES, Limits, Point, analyse
from wst_analytics.exceptions.text import exception, figure, month_name, reading
from wst_analytics.indicators.catalogue import Catalogue, Indicator

PLACE = {"area_type": pl.String, "area_code": pl.String}
SPC_SCHEMA = {**PLACE, "indicator_id": pl.String, "breakdown": pl.String, "period_type": pl.String,
              "period": pl.String, "value": pl.Float64, "centre": pl.Float64, "lower_limit": pl.Float64,
              "upper_limit": pl.Float64, "lower_2sigma": pl.Float64, "upper_2sigma": pl.Float64,
              "trial_limits": pl.Boolean, "segment": pl.Int64, "special_cause": pl.Int64,
              **{rule: pl.Int64 for rule in RULES}}
SUMMARY_SCHEMA = {**PLACE, "indicator_id": pl.String, "period_type": pl.String, "latest_period": pl.String,
                  "latest_value": pl.Float64, "variation": pl.String, "assurance": pl.String,
                  "trial_limits": pl.Boolean, "points": pl.Int64, "signal": pl.String}
SERIES = ["indicator_id", "area_type", "area_code"]
IMPROVEMENT = {"higher_is_better": 1, "higher_is_worse": -1, "neutral": 0}

def clamped(limits: Limits, possible: tuple[float, float]) -> Limits:
    """The limits and two-sigma lines within what the measure can take: no point can lie beyond
    a clamped side, so the rules' findings are the same; the marts, messages and charts show these."""
    low, high = possible
    inside = {name: None if (v := getattr(limits, name)) is None else max(low, min(high, v))
              for name in ("lower", "upper", "lower_2sigma", "upper_2sigma")}
    return replace(limits, **inside)


def _run_start(points: list[Point], periods: list[str], rule: str) -> tuple[int, str]:
    """Length and first month of the latest point's run of `rule`."""
    direction, n = points[-1].signals[rule], 0
    while n < len(points) and points[-1 - n].signals.get(rule) == direction:
        n += 1
    return n, periods[-n]


def describe(points: list[Point], periods: list[str], indicator: Indicator) -> str:
    """The latest point's signal, in plain English."""
    latest, limits = points[-1], points[-1].limits
    rule = latest.rule
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


def _spc_columns(place: tuple[str, str], indicator: Indicator, periods: list[str],
                 points: list[Point]) -> dict[str, list]:
    """marts.spc's columns for one series."""
    n, limits = len(points), [p.limits for p in points]
    return {"area_type": [place[0]] * n, "area_code": [place[1]] * n, "indicator_id": [indicator.id] * n,
            "breakdown": [""] * n, "period_type": ["month"] * n, "period": periods,
            "value": [p.value for p in points], "centre": [l.centre for l in limits],
            "lower_limit": [l.lower for l in limits], "upper_limit": [l.upper for l in limits],
            "lower_2sigma": [l.lower_2sigma for l in limits], "upper_2sigma": [l.upper_2sigma for l in limits],
            "trial_limits": [l.trial for l in limits], "segment": [p.segment for p in points],
            "special_cause": [p.special_cause for p in points],
            **{rule: [p.signals.get(rule, 0) for p in points] for rule in RULES}}


def _signals(place: tuple[str, str], indicator: Indicator, periods: list[str], points: list[Point]):
    """(the marts.spc_summary row, the spc exceptions) of one series' latest point."""
    latest = points[-1]
    variation, assurance = icons.variation(latest, indicator), icons.assurance(latest, indicator)
    shown = latest.special_cause and variation != "too_few_points"  # MDC: no icon, nothing raised
    message = describe(points, periods, indicator) if shown else ""
    summary = {"area_type": place[0], "area_code": place[1], "indicator_id": indicator.id,
               "period_type": "month", "latest_period": periods[-1], "latest_value": latest.value,
               "variation": variation, "assurance": assurance, "trial_limits": latest.limits.trial,
               "points": len(points), "signal": message}
    where = {"area": place, "indicator_id": indicator.id, "period_type": "month", "period": periods[-1]}
    raised = []
    if shown:
        severity = "red" if variation.startswith("concern") else "amber"
        raised.append(exception("spc", severity, message, value=latest.value, reference_value=latest.limits.centre,
                                detail=", ".join(r for r in RULES if r in latest.signals), **where))
    if assurance == "fail":
        raised.append(exception(
            "spc", "red", f"{indicator.title}: the process limits ({figure(latest.limits.lower, indicator)}"
            f" to {figure(latest.limits.upper, indicator)}) lie wholly on the wrong side of the target "
            f"({figure(indicator.target, indicator)}): it will consistently be missed",
            value=latest.value, reference_value=indicator.target, detail="assurance", **where))
    return summary, raised


def analyse_indicators(values: pl.DataFrame, catalogue: Catalogue, settings: SpcSettings):
    """(marts.spc frame, marts.spc_summary rows, spc exceptions) from marts.indicator_values:
    every place's monthly headline series of every indicator, in catalogue order. A month
    without a value (its owed return never arrived: `completeness` missing) is a gap, not a
    point: it is left out of the series, its limits and its rules."""
    monthly = values.filter((pl.col("period_type") == "month") & (pl.col("breakdown") == "")
                            & pl.col("value").is_not_null()).sort(*SERIES, "period")
    series = monthly.partition_by(SERIES, as_dict=True, maintain_order=True)
    order = {indicator.id: n for n, indicator in enumerate(catalogue)}
    columns, summaries, raised = {name: [] for name in SPC_SCHEMA}, [], []
    for key in sorted((k for k in series if k[0] in order), key=lambda k: (order[k[0]], k[1], k[2])):
        frame, indicator, place = series[key], catalogue[key[0]], (key[1], key[2])
        if frame.height < 2:
            continue
        periods, numbers = frame["period"].to_list(), frame["value"].to_list()
        rebase = [periods.index(r["month"]) for r in indicator.rebase if r["month"] in periods]
        points = [replace(p, limits=clamped(p.limits, indicator.possible))
                  for p in analyse(numbers, settings, rebase, IMPROVEMENT[indicator.polarity])]
        for name, column in _spc_columns(place, indicator, periods, points).items():
            columns[name] += column
        summary, found = _signals(place, indicator, periods, points)
        summaries.append(summary)
        raised += found
    return pl.DataFrame(columns, schema=SPC_SCHEMA), summaries, raised
