"""Plotly charts: an indicator's months in a financial year against the previous one, with its
SPC limits when the exception report has computed them (`marts.spc`); and bars and lines from
any polars frame (plotly express needs numpy, which the project does not install)."""

from __future__ import annotations

import calendar
import re

import duckdb
import plotly.graph_objects as go
import polars as pl

from wst_analytics.query.indicators import catalogue, monthly, resolve_source, spc
from wst_analytics.reports.charts import COLOURS, LAYOUT

UNITS = {"count": "Number", "rate_per_10k": "Rate per 10,000", "percent": "%", "gbp": "£"}
FINANCIAL_MONTHS = [*range(4, 13), *range(1, 4)]  # April to March
GREY, LIMIT, OUTSIDE = "#768692", "#AE2573", "#FFB81C"


def chart(con: duckdb.DuckDBPyConnection, indicator_id: str, year: str | None = None,
          breakdown: str = "", source: str | None = None) -> go.Figure:
    """A line chart of an indicator's months in a financial year (`year`, e.g. `"2019-20"`;
    by default the latest with any month) beside the same months of the previous year.

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
    source = resolve_source(con, source)
    series = monthly(con, indicator_id, breakdown=breakdown, source=source)
    if series.is_empty():
        raise ValueError(f"{indicator_id} has no monthly values"
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
    figure = go.Figure()
    for fy, colour, dash in ((previous, GREY, "dash"), (year, COLOURS[0], "solid")):
        months = _months(fy)
        if fy == year or any(values.get(m) is not None for m in months):
            figure.add_trace(go.Scatter(
                x=labels, y=[values.get(m) for m in months], name=fy, mode="lines+markers",
                line=dict(color=colour, dash=dash, width=3 if fy == year else 2), customdata=months,
                hovertemplate="%{customdata}: %{y}<extra></extra>"))
    _add_limits(figure, labels, _months(year), values, spc(con, indicator_id, breakdown))
    row = catalogue(con, source).filter(pl.col("indicator_id") == indicator_id).row(0, named=True)
    title = row["title"] + (f": {breakdown}" if breakdown else "")
    figure.update_layout(**{**LAYOUT, "height": 420})
    figure.update_layout(title=f"{title}<br><sup>{year} by month, against {previous}</sup>",
                         xaxis_title="Month of the financial year",
                         yaxis_title=UNITS.get(row["unit"], row["unit"]), hovermode="x unified",
                         legend=dict(orientation="h", y=-0.2))
    return figure


def _add_limits(figure: go.Figure, labels: list[str], months: list[str], values: dict,
                limits: pl.DataFrame) -> None:
    by_month = {r["period"]: r for r in limits.iter_rows(named=True) if r["period"] in months}
    if not by_month:
        return
    for column, name, dash in (("upper_limit", "Upper process limit", "dot"),
                               ("centre", "Centre line (mean)", "dash"),
                               ("lower_limit", "Lower process limit", "dot")):
        figure.add_trace(go.Scatter(
            x=labels, y=[by_month.get(m, {}).get(column) for m in months], name=name, mode="lines",
            line=dict(color=LIMIT if column != "centre" else GREY, dash=dash, width=1.5),
            hovertemplate=f"{name}: %{{y}}<extra></extra>"))
    outside = [(label, values[m]) for label, m in zip(labels, months)
               if m in by_month and values.get(m) is not None and _outside(values[m], by_month[m])]
    if outside:
        figure.add_trace(go.Scatter(
            x=[label for label, _ in outside], y=[value for _, value in outside],
            name="Outside the limits", mode="markers", hoverinfo="skip",
            marker=dict(color=OUTSIDE, size=14, symbol="circle-open", line=dict(width=3))))


def _outside(value: float, limits: dict) -> bool:
    upper, lower = limits.get("upper_limit"), limits.get("lower_limit")
    return (upper is not None and value > upper) or (lower is not None and value < lower)


def _previous(year: str) -> str:
    start = int(year[:4]) - 1
    return f"{start}-{(start + 1) % 100:02d}"


def _months(year: str) -> list[str]:
    start = int(year[:4])
    return [f"{start + (m < 4)}-{m:02d}" for m in FINANCIAL_MONTHS]


def bars(frame: pl.DataFrame, x: str, y: str = "value", color: str | None = None, title: str = "",
         horizontal: bool = False, order: list[str] | None = None) -> go.Figure:
    """Bars from a polars frame: one bar per row at `x` of height `y`, grouped side by side by
    the values of `color` (e.g. `"period"`). `horizontal` lays them along the y axis (long
    labels); `order` fixes the order of the categories.

    >>> from wst_analytics.query import indicator
    >>> frame = indicator(con, "cp_open_by_age_band", periods=["2018-19", "2019-20"], breakdown=None)
    >>> [trace.name for trace in bars(frame, x="breakdown", color="period").data]
    ['2018-19', '2019-20']
    """
    figure = go.Figure()
    for n, (name, part) in enumerate(_groups(frame, color)):
        along, height = part[x].to_list(), part[y].to_list()
        figure.add_trace(go.Bar(name=name or y, marker_color=COLOURS[n % len(COLOURS)],
                                **({"x": height, "y": along, "orientation": "h"} if horizontal
                                   else {"x": along, "y": height})))
    height = max(380, 28 * frame[x].n_unique() + 140) if horizontal else 380
    figure.update_layout(**{**LAYOUT, "height": height})
    figure.update_layout(title=title, barmode="group", showlegend=color is not None)
    axis = figure.update_yaxes if horizontal else figure.update_xaxes
    if order is not None:
        axis(categoryorder="array", categoryarray=order)
    if horizontal:
        figure.update_yaxes(autorange="reversed")
    return figure


def lines(frame: pl.DataFrame, x: str = "month", y: str = "value", color: str | None = None,
          title: str = "") -> go.Figure:
    """Lines from a polars frame (e.g. `monthly` series), one per value of `color`.

    >>> series = pl.concat([monthly(con, "cp_started"), monthly(con, "cp_ended")])
    >>> [trace.name for trace in lines(series, color="indicator_id").data]
    ['cp_started', 'cp_ended']
    """
    figure = go.Figure([
        go.Scatter(x=part[x].to_list(), y=part[y].to_list(), name=name or y, mode="lines+markers",
                   line=dict(color=COLOURS[n % len(COLOURS)]))
        for n, (name, part) in enumerate(_groups(frame, color))])
    figure.update_layout(**LAYOUT)
    figure.update_layout(title=title, hovermode="x unified", showlegend=color is not None)
    return figure


def _groups(frame: pl.DataFrame, color: str | None) -> list[tuple[str | None, pl.DataFrame]]:
    if color is None:
        return [(None, frame)]
    return [(str(key[0]), part) for key, part in
            frame.partition_by(color, maintain_order=True, as_dict=True).items()]
