"""An SPC chart in the Making Data Count style: the series, its mean and process limits, and
the special-cause points coloured by how they read (concern, improvement or neither)."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from wst_analytics.exceptions.icons import COLOUR
from wst_analytics.indicators.catalogue import Indicator
from wst_analytics.reports.charts import LAYOUT


def point_colour(direction: int, indicator: Indicator) -> str:
    if direction == 0:
        return COLOUR["common_cause"]
    if indicator.polarity == "neutral":
        return COLOUR["neither"]
    good = (direction > 0) == (indicator.polarity == "higher_is_better")
    return COLOUR["improvement" if good else "concern"]


def spc_chart(series: pl.DataFrame, indicator: Indicator) -> go.Figure:
    """`series`: marts.spc rows of one indicator, in period order."""
    periods = series["period"].to_list()
    figure = go.Figure()
    for column, name, dash in (("upper_limit", "Upper process limit", "dot"), ("centre", "Mean", "solid"),
                               ("lower_limit", "Lower process limit", "dot")):
        figure.add_trace(go.Scatter(x=periods, y=series[column].to_list(), name=name, mode="lines",
                                    line=dict(color="#425563", dash=dash, width=1.5)))
    colours = [point_colour(d, indicator) for d in series["special_cause"].to_list()]
    figure.add_trace(go.Scatter(x=periods, y=series["value"].to_list(), name=indicator.title, mode="lines+markers",
                                line=dict(color="#768692"), marker=dict(color=colours, size=9)))
    trial = " (trial limits)" if series["trial_limits"].any() else ""
    figure.update_layout(title=f"{indicator.title}{trial}", **{**LAYOUT, "height": 360},
                         legend=dict(orientation="h", y=-0.2))
    if target := indicator.target:
        figure.add_hline(y=target, line=dict(color="#AE2573", dash="dash"), annotation_text="target")
    return figure
