"""Bars and lines from any polars frame (plotly express needs numpy, which the project does not
install)."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from wst_analytics.query.labels import codes, label, labelled, unit
from wst_analytics.reports.charts import COLOURS, LAYOUT, axis_title


def bars(frame: pl.DataFrame, x: str, y: str = "value", color: str | None = None, title: str = "",
         horizontal: bool = False, order: list[str] | None = None) -> go.Figure:
    """Bars from a polars frame: one bar per row at `x` of height `y`, grouped side by side by
    the values of `color` (e.g. `"period"`). `horizontal` lays them along the y axis (long
    labels); `order` fixes the order of the categories. Breakdown codes (`x="breakdown"`) are
    shown by their labels (`query.labelled`; `order` may name either).

    >>> from wst_analytics.query import indicator
    >>> frame = indicator(con, "cp_open_by_age_band", periods=["2018-19", "2019-20"], breakdown=None)
    >>> [trace.name for trace in bars(frame, x="breakdown", color="period").data]
    ['2018-19', '2019-20']
    """
    if x == "breakdown" and "indicator_id" in frame.columns:
        frame = labelled(frame).with_columns(breakdown=pl.col("breakdown_label"))
        first = frame["indicator_id"][0]
        order = [label(first, code) for code in (order or codes(first))] or None  # the catalogue's order
    figure = go.Figure()
    for n, (name, part) in enumerate(_groups(frame, color)):
        along, height = part[x].to_list(), part[y].to_list()
        figure.add_trace(go.Bar(name=name or y, marker_color=COLOURS[n % len(COLOURS)],
                                **({"x": height, "y": along, "orientation": "h"} if horizontal
                                   else {"x": along, "y": height})))
    height = max(380, 28 * frame[x].n_unique() + 140) if horizontal else 380
    figure.update_layout(**{**LAYOUT, "height": height})
    (figure.update_xaxes if horizontal else figure.update_yaxes)(title_text=_unit_title(frame, y))
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

    >>> from wst_analytics.query import monthly
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
    figure.update_yaxes(title_text=_unit_title(frame, y))
    return figure


def _unit_title(frame: pl.DataFrame, y: str) -> str:
    """The value axis's title: the unit of the frame's indicators when they share one, else `y`."""
    if y != "value" or "indicator_id" not in frame.columns:
        return y
    units = {unit(i) for i in frame["indicator_id"].unique().to_list()}
    return axis_title(units.pop()) if len(units) == 1 else y


def _groups(frame: pl.DataFrame, color: str | None) -> list[tuple[str | None, pl.DataFrame]]:
    if color is None:
        return [(None, frame)]
    return [(str(key[0]), part) for key, part in
            frame.partition_by(color, maintain_order=True, as_dict=True).items()]
