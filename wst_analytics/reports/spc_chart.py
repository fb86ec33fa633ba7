"""An SPC chart in the Making Data Count style: the series, its mean and process limits (as
stored: clamped to what the measure can take), and the special-cause points coloured and
shaped by how they read (concern, improvement or neither).

A month whose owed return never arrived is a gap: the line breaks there (it is never drawn as
zero, nor joined across), the month is shaded and marked `x` (not available), and the note under
the chart says so. Missing months are not points, so they take no part in the limits or rules.
"""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from wst_analytics.disclosure.numbers import figure_text
from wst_analytics.disclosure.symbols import SYMBOLS
from wst_analytics.exceptions.icons import COLOUR
from wst_analytics.exceptions.text import month_name
from wst_analytics.indicators.catalogue import Indicator
from wst_analytics.reports.charts import LAYOUT, axis_title

#: How a special-cause point reads, its legend name and its marker's shape (not colour alone).
READINGS = {"common_cause": ("Common cause", "circle"), "improvement": ("Special cause: improvement", "square"),
            "concern": ("Special cause: concern", "diamond"), "neither": ("Special cause: neither", "triangle-up")}
MISSING = "x"


def point_colour(direction: int, indicator: Indicator) -> str:
    return COLOUR[reading_of(direction, indicator)]


def reading_of(direction: int, indicator: Indicator) -> str:
    if direction == 0:
        return "common_cause"
    if indicator.polarity == "neutral":
        return "neither"
    good = (direction > 0) == (indicator.polarity == "higher_is_better")
    return "improvement" if good else "concern"


def months_between(first: str, last: str) -> list[str]:
    """Every month from `first` to `last` (`YYYY-MM`), inclusive."""
    year, month, out = int(first[:4]), int(first[5:7]), []
    while f"{year}-{month:02d}" <= last:
        out.append(f"{year}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def _axis(series: pl.DataFrame, missing: list[str]) -> list[str]:
    known = sorted({*series["period"].to_list(), *missing})
    return months_between(known[0], known[-1]) if known else []


def spc_chart(series: pl.DataFrame, indicator: Indicator, missing: list[str] = ()) -> go.Figure:
    """`series`: marts.spc rows of one indicator, in period order; `missing`: the months whose
    owed return never arrived (marts.indicator_values' `missing`), drawn as gaps."""
    rows = {r["period"]: r for r in series.iter_rows(named=True)}
    periods = _axis(series, list(missing))
    gaps = [p for p in periods if p not in rows]
    figure = go.Figure()
    for column, name, dash in (("upper_limit", "Upper process limit", "dot"), ("centre", "Mean", "solid"),
                               ("lower_limit", "Lower process limit", "dot")):
        figure.add_trace(go.Scatter(x=periods, y=[rows.get(p, {}).get(column) for p in periods], name=name,
                                    mode="lines", line=dict(color="#425563", dash=dash, width=1.5), connectgaps=True,
                                    hoverinfo="skip"))
    figure.add_trace(go.Scatter(x=periods, y=[rows.get(p, {}).get("value") for p in periods], name=indicator.title,
                                mode="lines", line=dict(color="#768692"), connectgaps=False, hoverinfo="skip"))
    _points(figure, rows, indicator)
    _gaps(figure, gaps, series)
    trial = " (trial limits)" if series["trial_limits"].any() else ""
    title = f"{indicator.title}{trial}"
    figure.update_layout(title=title, **{**LAYOUT, "height": 420}, legend=dict(orientation="h", y=-0.4),
                         meta=_meta(title, indicator, periods, rows, gaps))
    figure.update_yaxes(title_text=axis_title(indicator.unit))
    figure.update_xaxes(title_text="Month", type="category")
    if target := indicator.target:
        figure.add_hline(y=target, line=dict(color="#AE2573", dash="dash"), annotation_text="target")
    return figure


def _points(figure: go.Figure, rows: dict, indicator: Indicator) -> None:
    """The points, one trace per reading: its colour, shape and legend entry."""
    by: dict[str, list[dict]] = {}
    for row in rows.values():
        by.setdefault(reading_of(row["special_cause"], indicator), []).append(row)
    for reading, found in by.items():
        name, symbol = READINGS[reading]
        figure.add_trace(go.Scatter(
            x=[r["period"] for r in found], y=[r["value"] for r in found], name=name, mode="markers",
            marker=dict(color=COLOUR[reading], size=9 if reading == "common_cause" else 12, symbol=symbol,
                        line=dict(color="#212b32", width=1)),
            hovertext=[f"{month_name(r['period'])}: {figure_text(r['value'], indicator.unit)}" for r in found],
            hoverinfo="text"))


def _gaps(figure: go.Figure, gaps: list[str], series: pl.DataFrame) -> None:
    """A shaded band and an `x` at each missing month."""
    if not gaps:
        return
    low = min((v for v in series["value"].to_list() if v is not None), default=0)
    for month in gaps:
        figure.add_vrect(x0=month, x1=month, line=dict(color="#768692", width=14), opacity=0.25, layer="below")
    figure.add_trace(go.Scatter(
        x=gaps, y=[low] * len(gaps), mode="markers+text", text=[MISSING] * len(gaps), textposition="top center",
        name=f"{MISSING}: return not received (a gap, not zero)", marker=dict(symbol="x-thin-open", size=12,
                                                                              color="#425563", line=dict(width=2)),
        hovertext=[f"{month_name(m)}: not available, the return was not received" for m in gaps], hoverinfo="text",
        meta="missing"))


def _meta(title: str, indicator: Indicator, periods: list[str], rows: dict, gaps: list[str]) -> dict:
    """The text alternative: every month's value (or `x`), its limits and reading."""
    table = []
    for p in periods:
        r = rows.get(p)
        if r is None:
            table.append([month_name(p), MISSING, "", "", "return not received"])
            continue
        table.append([month_name(p), figure_text(r["value"], indicator.unit),
                      figure_text(r["lower_limit"], indicator.unit, missing=""),
                      figure_text(r["upper_limit"], indicator.unit, missing=""),
                      READINGS[reading_of(r["special_cause"], indicator)][0]])
    gap_words = f"; no value for {', '.join(month_name(g) for g in gaps)} (return not received)" if gaps else ""
    summary = (f"SPC chart of {indicator.title} by month, {month_name(periods[0])} to {month_name(periods[-1])}"
               f"{gap_words}." if periods else title)
    notes = [f"{MISSING}: {SYMBOLS[MISSING]}; the month is a gap in the line, not a zero, and takes no part in the "
             "limits."] if gaps else []
    return {"summary": summary, "rows": table, "notes": notes,
            "header": ["month", "value", "lower process limit", "upper process limit", "reading"]}
