"""Published figures for a report, looked up by indicator, period and breakdown."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polars as pl

from wst_analytics.export.read import read_published


def previous_year(year: str) -> str:
    start = int(year[:4]) - 1
    return f"{start}-{str(start + 1)[2:]}"


def year_end(year: str) -> str:
    return f"31 March {int(year[:4]) + 1}"


@dataclass
class Figure:
    value: float | None  # None when suppressed or not available
    text: str  # what to print: the figure or its symbol


class PublishedFigures:
    """The published values and year-on-year changes, with the notes every output carries."""

    def __init__(self, copies: Path | None = None):
        values = read_published("indicator_values", copies)
        self.values = values.frame
        self.yoy = read_published("indicator_yoy", copies).frame
        self.notes, self.symbols = values.notes, values.symbols
        self.as_at, self.source = values.as_at, values.source

    def years(self) -> list[str]:
        return sorted(self.values.filter(pl.col("period_type") == "financial_year")["period"].unique())

    def _year(self, indicator_id: str, year: str) -> pl.DataFrame:
        """The indicator's rows for a financial year (a month may carry the same label)."""
        return self.values.filter((pl.col("indicator_id") == indicator_id) & (pl.col("period") == year)
                                  & (pl.col("period_type") == "financial_year"))

    def get(self, indicator_id: str, period: str, breakdown: str = "") -> Figure:
        rows = self._year(indicator_id, period).filter(pl.col("breakdown") == breakdown)
        if rows.height == 0:
            return Figure(None, "x")
        return Figure(rows["value"][0], rows["value_text"][0])

    def breakdown(self, indicator_id: str, period: str) -> list[tuple[str, Figure]]:
        rows = self._year(indicator_id, period).filter(pl.col("breakdown") != "")
        return [(r["breakdown"], Figure(r["value"], r["value_text"])) for r in rows.iter_rows(named=True)]

    def change_pct(self, indicator_id: str, period: str) -> float | None:
        rows = self.yoy.filter((pl.col("indicator_id") == indicator_id) & (pl.col("period") == period)
                               & (pl.col("breakdown") == ""))
        return rows["change_pct"][0] if rows.height else None
