"""Plotly charts for the reports, saying what they show (docs/publication.md#charts).

- A figure not shown (suppressed `c`/`[c]`, not available `x`, not applicable `z`) is drawn as
  an outlined, hatched placeholder bar with its symbol as its text, never as nothing (which
  reads as a true zero); the symbol's meaning is in the note under the chart.
- A figure of an incomplete year is drawn dotted, its text `u` beside it, and noted.
- Each chart has a title, an axis title with the unit, and a text alternative (`meta`:
  `summary`, `rows`, `notes`) the page writes as its figure caption and a data table a screen
  reader reads (`page.chart_html`). Colour is never the only signal: patterns, text and
  marker shapes say the same.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import plotly.graph_objects as go

from wst_analytics.disclosure.symbols import INCOMPLETE, SYMBOLS

if TYPE_CHECKING:  # figures reads the report copy through the query library, which uses these charts
    from wst_analytics.reports.figures import Figure

COLOURS = ["#005EB8", "#41B6E6", "#AE2573", "#FFB81C", "#009639", "#768692"]
LAYOUT = dict(template="plotly_white", margin=dict(l=60, r=20, t=60, b=60), height=380,
              font=dict(family="Arial, sans-serif", size=13))
#: An axis title for each unit.
AXIS = {"count": "Number", "rate_per_10k": "Rate per 10,000", "percent": "Percentage (%)",
        "gbp": "Pounds (£)"}
PLACEHOLDER = dict(color="rgba(255,255,255,0)", line=dict(color="#425563", width=1.5),
                   pattern=dict(shape="/", fgcolor="#768692", size=6, solidity=0.2))
INCOMPLETE_PATTERN = "."
MARKERS = ["diamond", "triangle-up", "circle"]


def axis_title(unit: str | None) -> str:
    return AXIS.get(unit or "", unit or "")


def notes_for(figures: list[Figure]) -> list[str]:
    """The note under a chart: each symbol it shows, with its meaning."""
    shown = {f.symbol for f in figures if f.value is None and f.symbol}
    if any(f.incomplete and f.value is not None for f in figures):
        shown.add(INCOMPLETE)
    return [f"{symbol}: {SYMBOLS[symbol]}" for symbol in SYMBOLS if symbol in shown]


def hover(figure: Figure) -> str:
    return figure.words if figure.value is not None else f"{figure.symbol or figure.text}: not shown"


def _placeholder_height(figures: list[Figure]) -> float:
    values = [f.value for f in figures if f.value is not None]
    return max(values) * 0.06 if values and max(values) > 0 else 1.0


def _traces(name: str, labels: list[str], figures: list[Figure], colour: str, horizontal: bool,
            height: float) -> list[go.Bar]:
    """The shown figures' bars (dotted when incomplete), then the placeholders of those not shown."""
    def bar(**kw):
        along, across = ("y", "x") if horizontal else ("x", "y")
        return go.Bar(**{along: kw.pop("at"), across: kw.pop("size")}, orientation="h" if horizontal else "v",
                      textposition="outside", cliponaxis=False, **kw)

    shown = [(label, f) for label, f in zip(labels, figures) if f.value is not None]
    hidden = [(label, f) for label, f in zip(labels, figures) if f.value is None]
    traces = [bar(name=name, at=[l for l, _ in shown], size=[f.value for _, f in shown],
                  text=[f.words for _, f in shown], hovertext=[hover(f) for _, f in shown], hoverinfo="text",
                  marker=dict(color=colour, line=dict(color="#212b32", width=[1.5 if f.incomplete else 0 for _, f in shown]),
                              pattern=dict(shape=[INCOMPLETE_PATTERN if f.incomplete else "" for _, f in shown],
                                           fgcolor="white", solidity=0.3)))]
    if hidden:
        traces.append(bar(name=f"{name}: not shown", at=[l for l, _ in hidden], size=[height] * len(hidden),
                          text=[f.symbol or f.text for _, f in hidden], hovertext=[hover(f) for _, f in hidden],
                          hoverinfo="text", marker=PLACEHOLDER, showlegend=False,
                          meta="placeholder"))
    return traces


def _described(figure: go.Figure, title: str, unit: str | None, rows: list[list[str]], header: list[str],
               figures: list[Figure]) -> go.Figure:
    values = "; ".join(f"{r[0]}: {', '.join(r[1:])}" for r in rows)
    figure.update_layout(title=title, **LAYOUT, meta=dict(
        summary=f"{title} ({axis_title(unit).lower()}): {values}.", header=header, rows=rows,
        notes=notes_for(figures)))
    return figure


def bars(title: str, labels: list[str], figures: list[Figure], *, unit: str | None = None, colour: int = 0,
         horizontal: bool = False, name: str = "") -> go.Figure:
    """One bar per label; `unit` titles the value axis (default: the figures' own)."""
    unit = unit or next((f.unit for f in figures if f.unit), None)
    figure = go.Figure(_traces(name or title, labels, figures, COLOURS[colour], horizontal,
                               _placeholder_height(figures)))
    _described(figure, title, unit, [[label, f.words] for label, f in zip(labels, figures)],
               ["", "figure"], figures)
    figure.update_layout(showlegend=False, barmode="overlay")
    (figure.update_xaxes if horizontal else figure.update_yaxes)(title_text=axis_title(unit), rangemode="tozero")
    (figure.update_yaxes if horizontal else figure.update_xaxes)(categoryorder="array", categoryarray=labels)
    if horizontal:
        figure.update_layout(height=max(300, 40 * len(labels) + 120), yaxis=dict(autorange="reversed"))
    return figure


def grouped(title: str, categories: list[str], series: dict[str, list[Figure]], *,
            unit: str | None = None) -> go.Figure:
    """Bars side by side, one colour (and a legend entry) per series."""
    every = [f for figs in series.values() for f in figs]
    unit = unit or next((f.unit for f in every if f.unit), None)
    height = _placeholder_height(every)
    figure = go.Figure()
    for n, (name, figs) in enumerate(series.items()):
        name = f"{name} ({INCOMPLETE}: incomplete)" if any(f.incomplete for f in figs) else name
        for trace in _traces(name, categories, figs, COLOURS[n % len(COLOURS)], False, height):
            trace.offsetgroup, trace.legendgroup = str(n), str(n)
            figure.add_trace(trace)
    rows = [[c, *(series[name][i].words for name in series)] for i, c in enumerate(categories)]
    _described(figure, title, unit, rows, ["", *series], every)
    figure.update_layout(barmode="group")
    figure.update_yaxes(title_text=axis_title(unit), rangemode="tozero")
    figure.update_xaxes(categoryorder="array", categoryarray=categories)
    return figure


def compared(title: str, labels: list[str], figures: list[Figure], place: str,
             comparators: dict[str, list[Figure]], unit: str | None = None) -> go.Figure:
    """Horizontal bars of a place's figures, each comparator a marker on its bar (a suppressed
    or missing one: no marker, its symbol in the data table)."""
    figure = bars(title, labels, figures, horizontal=True, unit=unit, name=place)
    for n, (name, figs) in enumerate(comparators.items()):
        figure.add_trace(go.Scatter(
            name=name, y=labels, x=[f.value for f in figs], mode="markers", cliponaxis=False,
            hovertext=[f"{name}: {hover(f)}" for f in figs], hoverinfo="text",
            marker=dict(symbol=MARKERS[n % len(MARKERS)], size=13, color=COLOURS[(n + 2) % len(COLOURS)],
                        line=dict(width=1, color="#212b32"))))
    meta = figure.layout.meta
    rows = [[*row, *(comparators[name][i].words for name in comparators)] for i, row in enumerate(meta["rows"])]
    figure.update_layout(showlegend=True, legend=dict(orientation="h", y=-0.2), meta={
        **meta, "header": ["", place, *comparators], "rows": rows,
        "summary": f"{title}: " + "; ".join(f"{r[0]}: {r[1]} ({', '.join(f'{n} {v}' for n, v in zip(comparators, r[2:]))})"
                                          for r in rows) + "."})
    return figure

