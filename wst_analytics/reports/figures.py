"""Published figures of one place for a report, looked up by indicator, period and breakdown,
with the comparators published beside them (`published.indicator_benchmarks`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl

from wst_analytics.disclosure.numbers import figure_text, number_text
from wst_analytics.disclosure.symbols import INCOMPLETE
from wst_analytics.export.read import read_published
from wst_analytics.indicators.catalogue import load_catalogue


def previous_year(year: str) -> str:
    start = int(year[:4]) - 1
    return f"{start}-{str(start + 1)[2:]}"


def year_end(year: str) -> str:
    return f"31 March {int(year[:4]) + 1}"


@dataclass
class Figure:
    value: float | None  # None when suppressed or not available
    text: str  # what to print: the figure or its symbol (`u` beside an incomplete year's)
    unit: str | None = None  # the indicator's unit (count, percent, ...)
    symbol: str | None = None  # the symbol shown instead of the figure (c, [c], x, z)
    incomplete: bool = False  # its financial year is incomplete (a monthly return never arrived)

    @property
    def words(self) -> str:
        """The figure as a sentence reads it, with its unit: `35.3%`, `67 u`, or its symbol."""
        if self.value is None:
            return self.symbol or self.text
        return figure_text(self.value, self.unit) + (f" {INCOMPLETE}" if self.incomplete else "")


@dataclass
class Comparison:
    """A published figure beside its comparators (published.indicator_benchmarks)."""

    figure: Figure
    period: str  # the period the comparators are for
    england: Figure
    region: Figure
    region_name: str | None
    neighbours: Figure  # their mean
    neighbours_n: int
    rank: int | None
    rank_of: int | None
    quartile: str | None
    source: str


def choose_area(areas: pl.DataFrame, area: str | None) -> dict:
    """The place asked for (an LA's GSS code or a partnership's code), by default the
    partnership when there is one only."""
    partnerships = areas.filter(pl.col("area_type") == "partnership")
    if area is None and partnerships.height == 1:
        return partnerships.row(0, named=True)
    found = areas.filter(pl.col("area_code") == area) if area is not None else areas.clear()
    if found.height == 0:
        known = ", ".join(f"{r['area_code']} ({r['name']})" for r in areas.iter_rows(named=True))
        asked = "several partnerships: choose one" if area is None else f"no place {area!r}"
        raise ValueError(f"{asked} with --area; the published places are {known or 'none'}")
    return found.row(0, named=True)


def _comparator(value: float | None, symbol: str | None, unit: str | None) -> Figure:
    if value is None:
        return Figure(None, symbol or "x", unit, symbol or "x")
    return Figure(value, number_text(value, unit), unit)


class PublishedFigures:
    """One place's published values, year-on-year changes and comparators, with the notes
    every output carries: the latest, or as `release` froze them."""

    def __init__(self, copies: Path | None = None, area: str | None = None, release: str | None = None):
        try:
            areas = read_published("areas", copies, release=release).frame
        except duckdb.CatalogException:
            raise ValueError("the report copy has no published.areas: run a load to publish it again") from None
        self.area = choose_area(areas, area)
        values = read_published("indicator_values", copies, release=release)
        self.values = self._here(values.frame)
        self.yoy = self._here(read_published("indicator_yoy", copies, release=release).frame)
        self.compared = self._here(read_published("indicator_benchmarks", copies, release=release).frame)
        self.indicators = {r["indicator_id"]: r for r in read_published("indicators", copies, release=release).frame.iter_rows(named=True)}
        self.notes, self.symbols = values.notes, values.symbols
        self.as_at, self.source = values.as_at, values.source
        self.catalogue = load_catalogue()

    def _here(self, frame: pl.DataFrame) -> pl.DataFrame:
        return frame.filter((pl.col("area_type") == self.area["area_type"])
                            & (pl.col("area_code") == self.area["area_code"]))

    def years(self) -> list[str]:
        return sorted(self.values.filter(pl.col("period_type") == "financial_year")["period"].unique())

    def _rows(self, frame: pl.DataFrame, indicator_id: str, period: str, breakdown: str = "") -> pl.DataFrame:
        return frame.filter((pl.col("indicator_id") == indicator_id) & (pl.col("period") == period)
                            & (pl.col("period_type") == "financial_year") & (pl.col("breakdown") == breakdown))

    def get(self, indicator_id: str, period: str, breakdown: str = "") -> Figure:
        """A financial year's figure (a month named like it, `2010-11`, is another period)."""
        rows = self._rows(self.values, indicator_id, period, breakdown)
        return self._figure(indicator_id, rows.row(0, named=True) if rows.height else None)

    def unit(self, indicator_id: str) -> str | None:
        return self.indicators.get(indicator_id, {}).get("unit")

    def _figure(self, indicator_id: str, row: dict | None) -> Figure:
        """A published row as a Figure (none: `x`, not available)."""
        if row is None:
            return Figure(None, "x", self.unit(indicator_id), "x")
        return Figure(row["value"], row["value_text"], self.unit(indicator_id), row["symbol"],
                      row.get("completeness") == "incomplete")

    def breakdown(self, indicator_id: str, period: str) -> list[tuple[str, Figure]]:
        rows = self.values.filter((pl.col("indicator_id") == indicator_id) & (pl.col("period") == period)
                                  & (pl.col("period_type") == "financial_year") & (pl.col("breakdown") != ""))
        return [(r["breakdown"], self._figure(indicator_id, r)) for r in rows.iter_rows(named=True)]

    def change_pct(self, indicator_id: str, period: str) -> float | None:
        rows = self._rows(self.yoy, indicator_id, period)
        return rows["change_pct"][0] if rows.height else None

    def comparison(self, indicator_id: str, year: str) -> Comparison | None:
        """The headline figure of a financial year beside its comparators, if published."""
        rows = self._rows(self.compared, indicator_id, year)
        if rows.height == 0:
            return None
        r, unit = rows.row(0, named=True), self.unit(indicator_id)
        return Comparison(
            self._figure(indicator_id, r), r["benchmark_period"], _comparator(r["england_value"], r["england_symbol"], unit),
            _comparator(r["region_value"], r["region_symbol"], unit), self.area["region_name"],
            _comparator(r["neighbours_mean"], None, unit), r["neighbours_n"], r["rank"], r["rank_of"], r["quartile"],
            r["source"])
