"""The annual report's comparators: each rate or percentage beside England's, the region's and
the statistical neighbours' mean, in words and as markers on its bar.

Only rates and percentages are compared (a count is not comparable between places of
different sizes), and only where published.indicator_benchmarks has the year. Where the
comparators are for an earlier year (national figures lag), the words say which.
"""

from __future__ import annotations

import plotly.graph_objects as go

from wst_analytics.disclosure.numbers import figure_text
from wst_analytics.reports import charts
from wst_analytics.reports.figures import Comparison, Figure, PublishedFigures

COMPARED_UNITS = {"rate_per_10k": "Rates per 10,000", "percent": "Percentages"}
BAND = {"neutral": "A is the highest quarter", "higher_is_better": "A is the best quarter",
        "higher_is_worse": "A is the best quarter: the lowest"}


def _figure(figure: Figure, unit: str) -> str:
    """A figure as the sentence reads it: `43.1 per 10,000`, `35.3%`, or its symbol."""
    return figure.text if figure.value is None else figure_text(figure.value, unit)


def _against(c: Comparison, unit: str) -> str:
    parts = [f"{_figure(c.england, unit)} for England"]
    if c.region_name:
        parts.append(f"{_figure(c.region, unit)} for the {c.region_name} region")
    if c.neighbours_n:
        parts.append(f"{_figure(c.neighbours, unit)} on average for {c.neighbours_n} statistical neighbours")
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def sentence(figures: PublishedFigures, indicator_id: str, year: str) -> str | None:
    """`Title: 43.1 per 10,000 in 2019-20, against 43.7 for England in 2018-19, ...`."""
    c, meta = figures.comparison(indicator_id, year), figures.indicators.get(indicator_id)
    if c is None or meta is None or meta["unit"] not in COMPARED_UNITS:
        return None
    lag = f" (all in {c.period})" if c.period != year else ""
    text = f"{meta['title']}: {_figure(c.figure, meta['unit'])} in {year}, against {_against(c, meta['unit'])}{lag}"
    if c.rank is not None:
        text += (f"; {c.rank} of {c.rank_of} local authorities from the highest, quartile {c.quartile} "
                 f"({BAND[meta['polarity']]})")
    return f"{text}. Source: {c.source}."


def chart(figures: PublishedFigures, indicator_ids: list[str], year: str, unit: str) -> go.Figure | None:
    """One bar per indicator of `unit` with comparators, the comparators as markers on it."""
    found = [(i, figures.comparison(i, year)) for i in indicator_ids
             if figures.indicators.get(i, {}).get("unit") == unit]
    found = [(figures.indicators[i]["title"], c) for i, c in found if c is not None]
    if not found:
        return None
    region = next((c.region_name for _, c in found if c.region_name), None) or "Region"
    markers = {"England": [c.england for _, c in found], region: [c.region for _, c in found],
               "Statistical neighbours (mean)": [c.neighbours if c.neighbours_n else Figure(None, "x", unit, "x")
                                                 for _, c in found]}
    return charts.compared(f"{COMPARED_UNITS[unit]}, {year}, against England, the region and neighbours",
                           [t for t, _ in found], [c.figure for _, c in found], figures.area["name"], markers, unit)


def section_comparisons(figures: PublishedFigures, indicator_ids: list[str], year: str):
    """(sentences, charts) of a section's comparable indicators."""
    sentences = [s for s in (sentence(figures, i, year) for i in indicator_ids) if s]
    drawn = [chart(figures, indicator_ids, year, unit) for unit in COMPARED_UNITS]
    return sentences, [c for c in drawn if c is not None]
