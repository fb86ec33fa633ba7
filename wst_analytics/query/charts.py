"""A plotly chart of an indicator's months in a financial year against the previous one, at a
place, with its SPC limits when the exception report has computed them (`marts.spc`). Bars and
lines from any polars frame: `query.plots`."""

from __future__ import annotations

import calendar
import re

import duckdb
import plotly.graph_objects as go
import polars as pl

from wst_analytics.query.places import choose_area
from wst_analytics.query.indicators import catalogue, resolve_source
from wst_analytics.query.series import monthly, spc
from wst_analytics.disclosure.numbers import figure_text
from wst_analytics.query.labels import label
from wst_analytics.reports.charts import COLOURS, LAYOUT, axis_title

FINANCIAL_MONTHS = [*range(4, 13), *range(1, 4)]  # April to March
GREY, LIMIT, OUTSIDE = "#768692", "#AE2573", "#FFB81C"
MISSING = "x"  # a month whose owed return never arrived (not available)


def chart(con: duckdb.DuckDBPyConnection, indicator_id: str, year: str | None = None,
          breakdown: str = "", source: str | None = None, area: str | None = None) -> go.Figure:
    """A line chart of an indicator's months in a financial year (`year`, e.g. `"2019-20"`;
    by default the latest with any month) beside the same months of the previous year, at one
    place (`area`: its code; by default the partnership).

    When the copy has SPC limits for the indicator (`marts.spc`, built with the exception
    report) they are drawn too: the centre line, the upper and lower process limits, and a
    marker on each month outside them. `breakdown` charts one breakdown code instead of the
    headline; `source="published"` charts the disclosure-controlled figures (a suppressed
    month is a gap).

    >>> figure = chart(con, "adult_concerns_received", year="2019-20")
    >>> [trace.name for trace in figure.data][:2]  # then the limits, if any
    ['2018-19', '2019-20']
    >>> figure.show()  # doctest: +SKIP
    """
    if not isinstance(breakdown, str):
        raise ValueError("chart draws one breakdown at a time: give one code, or '' for the headline")
    if not isinstance(area, str | None):
        raise ValueError("chart draws one place at a time: give one code (or none for the partnership)")
    source, place = resolve_source(con, source), choose_area(con, area)
    series = monthly(con, indicator_id, breakdown=breakdown, source=source, area=place.area_code)
    if series.is_empty():
        raise ValueError(f"{indicator_id} has no monthly values for {place.label}"
                         + (f" for breakdown '{breakdown}'" if breakdown else ""))
    if year is not None and not re.fullmatch(r"\d{4}-\d{2}", year):
        raise ValueError(f"year is a financial year such as '2019-20', not '{year}'")
    years = sorted(series["financial_year"].unique())
    year = year or years[-1]
    if year not in years:
        raise ValueError(f"{indicator_id} has no months in {year}: it has {', '.join(years)}")
    previous = _previous(year)
    labels = [calendar.month_abbr[m] for m in FINANCIAL_MONTHS]
    values = dict(zip(series["period"], series["value"]))
    row = catalogue(con, source).filter(pl.col("indicator_id") == indicator_id).row(0, named=True)
    missing = set(series.filter(pl.col("completeness") == "missing")["period"]) if "completeness" in series.columns else set()
    shown = dict(zip(series["period"], series["value_text"])) if "value_text" in series.columns else {}  # published
    figure = go.Figure()
    for fy, colour, dash in ((previous, GREY, "dash"), (year, COLOURS[0], "solid")):
        months = _months(fy)
        if fy == year or any(values.get(m) is not None for m in months):
            figure.add_trace(go.Scatter(
                x=labels, y=[values.get(m) for m in months], name=fy, mode="lines+markers",
                line=dict(color=colour, dash=dash, width=3 if fy == year else 2), connectgaps=False,
                hovertext=[f"{m}: {figure_text(values.get(m), row['unit'], f'{shown.get(m) or MISSING} (not shown)')}"
                           for m in months],
                hoverinfo="text"))
    _add_missing(figure, labels, _months(year), missing, min((v for v in values.values() if v is not None), default=0))
    _add_limits(figure, labels, _months(year), values, spc(con, indicator_id, breakdown, area=place.area_code),
                row["unit"])
    title = row["title"] + (f": {label(indicator_id, breakdown)}" if breakdown else "")
    figure.update_layout(**{**LAYOUT, "height": 420})
    figure.update_layout(title=f"{title}<br><sup>{place.name or place.area_code}: {year} by month, "
                               f"against {previous}</sup>",
                         xaxis_title="Month of the financial year",
                         yaxis_title=axis_title(row["unit"]), hovermode="x unified",
                         legend=dict(orientation="h", y=-0.2))
    return figure


def _add_limits(figure: go.Figure, labels: list[str], months: list[str], values: dict,
                limits: pl.DataFrame, unit: str) -> None:
    by_month = {r["period"]: r for r in limits.iter_rows(named=True) if r["period"] in months}
    if not by_month:
        return
    for column, name, dash in (("upper_limit", "Upper process limit", "dot"),
                               ("centre", "Centre line (mean)", "dash"),
                               ("lower_limit", "Lower process limit", "dot")):
        figure.add_trace(go.Scatter(
            x=labels, y=[by_month.get(m, {}).get(column) for m in months], name=name, mode="lines",
            line=dict(color=LIMIT if column != "centre" else GREY, dash=dash, width=1.5),
            hovertext=[f"{name}: {figure_text(by_month.get(m, {}).get(column), unit, '')}" for m in months],
            hoverinfo="text"))
    outside = [(label, values[m]) for label, m in zip(labels, months)
               if m in by_month and values.get(m) is not None and _outside(values[m], by_month[m])]
    if outside:
        figure.add_trace(go.Scatter(
            x=[label for label, _ in outside], y=[value for _, value in outside],
            name="Outside the limits", mode="markers", hoverinfo="skip",
            marker=dict(color=OUTSIDE, size=14, symbol="circle-open", line=dict(width=3))))


def _add_missing(figure: go.Figure, labels: list[str], months: list[str], missing: set[str], low: float) -> None:
    """An `x` (at the series' lowest value) at each month of the year whose owed return never
    arrived: the line has a gap there, never a zero."""
    gaps = [label for label, m in zip(labels, months) if m in missing]
    if gaps:
        figure.add_trace(go.Scatter(x=gaps, y=[low] * len(gaps), mode="markers+text", text=["x"] * len(gaps),
                                    textposition="top center", name="x: return not received (a gap, not zero)",
                                    marker=dict(symbol="x-thin-open", size=12, color="#425563", line=dict(width=2)),
                                    hoverinfo="skip"))


def _outside(value: float, limits: dict) -> bool:
    upper, lower = limits.get("upper_limit"), limits.get("lower_limit")
    return (upper is not None and value > upper) or (lower is not None and value < lower)


def _previous(year: str) -> str:
    start = int(year[:4]) - 1
    return f"{start}-{(start + 1) % 100:02d}"


def _months(year: str) -> list[str]:
    start = int(year[:4])
    return [f"{start + (m < 4)}-{m:02d}" for m in FINANCIAL_MONTHS]
