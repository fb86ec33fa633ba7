"""Plotly charts for the reports. A suppressed figure is drawn as no bar with its symbol."""

from __future__ import annotations

from typing import TYPE_CHECKING

import plotly.graph_objects as go

if TYPE_CHECKING:  # figures reads the report copy through the query library, which uses these charts
    from wst_analytics.reports.figures import Figure

COLOURS = ["#005EB8", "#41B6E6", "#AE2573", "#FFB81C", "#009639", "#768692"]
LAYOUT = dict(template="plotly_white", margin=dict(l=60, r=20, t=60, b=60), height=380,
              font=dict(family="Arial, sans-serif", size=13))


def bars(title: str, labels: list[str], figures: list[Figure], *, colour: int = 0,
         horizontal: bool = False) -> go.Figure:
    values = [f.value for f in figures]
    texts = [f.text for f in figures]
    bar = (go.Bar(y=labels, x=values, orientation="h", text=texts, textposition="outside",
                  marker_color=COLOURS[colour], cliponaxis=False)
           if horizontal else
           go.Bar(x=labels, y=values, text=texts, textposition="outside", marker_color=COLOURS[colour],
                  cliponaxis=False))
    figure = go.Figure(bar)
    figure.update_layout(title=title, **LAYOUT)
    if horizontal:
        figure.update_layout(height=max(300, 40 * len(labels) + 120), yaxis=dict(autorange="reversed"))
    return figure


def grouped(title: str, categories: list[str], series: dict[str, list[Figure]]) -> go.Figure:
    figure = go.Figure([
        go.Bar(name=name, x=categories, y=[f.value for f in figs], text=[f.text for f in figs],
               textposition="outside", marker_color=COLOURS[n % len(COLOURS)], cliponaxis=False)
        for n, (name, figs) in enumerate(series.items())])
    figure.update_layout(title=title, barmode="group", **LAYOUT)
    return figure


MARKERS = ["diamond", "triangle-up", "circle"]


def compared(title: str, labels: list[str], figures: list[Figure], place: str,
             comparators: dict[str, list[Figure]]) -> go.Figure:
    """Horizontal bars of a place's figures, each comparator a marker on its bar (a suppressed
    or missing one: no marker)."""
    figure = bars(title, labels, figures, horizontal=True)
    figure.data[0].name = place
    for n, (name, figs) in enumerate(comparators.items()):
        figure.add_trace(go.Scatter(
            name=name, y=labels, x=[f.value for f in figs], mode="markers", cliponaxis=False,
            marker=dict(symbol=MARKERS[n % len(MARKERS)], size=13, color=COLOURS[(n + 2) % len(COLOURS)],
                        line=dict(width=1, color="#212b32"))))
    figure.update_layout(showlegend=True, legend=dict(orientation="h", y=-0.2))
    return figure
