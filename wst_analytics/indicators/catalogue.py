"""The indicator catalogue (`wst_analytics/defaults/indicators.toml`, or `config/indicators.toml` in its place): data, not code.

Each entry names an indicator (its id is a public interface), says what it means and how to
read it, and points at the SQL that computes it: `wst_analytics/sql/indicators/<id>.sql`.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from wst_analytics import settings
from wst_analytics.extracts import REFERENCE
from wst_analytics.indicators.catalogue_checks import check_entry, check_labels


@dataclass(frozen=True)
class Indicator:
    id: str
    title: str
    definition: str
    unit: str
    measure: str
    polarity: str
    sources: tuple[str, ...]
    breakdown: str
    publishable: bool
    disclosure: str
    tolerance_amber_pct: float
    tolerance_red_pct: float
    counts_from: tuple[str, ...] = ()
    breakdown_sums_to_total: bool = True
    target: float | None = None
    target_direction: str | None = None
    notes: str = ""
    rebase: tuple[dict, ...] = ()  # SPC rebases: ({"month": "YYYY-MM", "reason": "..."}, ...)
    block: str | None = None  # counts the rows of this building block (no SQL file)
    by: str | None = None  # ... broken down by this column of the block
    codes: tuple[str, ...] = ()  # ... with every code of this list
    codes_from: str | None = None  # ... or of this spec's code list, "<extract>.<column>"
    totals_block: str | None = None  # the breakdown's denominator (default: the block)
    listed_block: str | None = None  # an open list's codes: those in this block (default: the block)
    of: str | None = None  # a percentage: the block's rows as a share of this block's
    # Links a reader can use between published figures (docs/disclosure.md):
    inflows: tuple[str, ...] = ()  # a stock: the flows it gains (stock = previous + in - out)
    outflows: tuple[str, ...] = ()  # a stock: the flows it loses
    numerator_from: str = ""  # a ratio: the published count that is its numerator
    denominator_from: str = ""  # a ratio: the published count that is its denominator
    denominator_public: bool = False  # a ratio whose denominator is published by others (ONS)
    parts_measure: str = "flow"  # a ratio: whether its numerator and denominator are flows or stocks

    @property
    def sql_file(self) -> str:
        return f"indicators/{self.id}.sql"

    @property
    def has_sql_file(self) -> bool:
        return self.block is None

    @property
    def monthly_sources(self) -> list[str]:
        """Its monthly sources: reference extracts (population) do not limit its periods."""
        return [s for s in self.sources if s not in REFERENCE]

    @property
    def possible(self) -> tuple[float, float]:
        """The values the measure can take: a percentage 0 to 100, anything else from 0 up."""
        return (0.0, 100.0) if self.unit == "percent" else (0.0, math.inf)

    @property
    def is_count(self) -> bool:
        return self.unit == "count"


@dataclass(frozen=True)
class Catalogue:
    indicators: dict[str, Indicator] = field(default_factory=dict)
    #: breakdown column (`by`) -> code -> label (the `[labels]` tables; `indicators.labels` reads them)
    labels: dict[str, dict[str, str]] = field(default_factory=dict)

    def __iter__(self):
        return iter(self.indicators.values())

    def __getitem__(self, indicator_id: str) -> Indicator:
        return self.indicators[indicator_id]


def load_catalogue(path: Path | None = None) -> Catalogue:
    """Read and check the catalogue."""
    path = path or settings.config_file("indicators.toml")
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    entries, labels = data.get("indicator", []), data.get("labels", {})
    indicators: dict[str, Indicator] = {}
    for raw in entries:
        entry = Indicator(**{**raw, "sources": tuple(raw["sources"]),
                             "counts_from": tuple(raw.get("counts_from", ())),
                             "rebase": tuple(raw.get("rebase", ())),
                             "codes": tuple(raw.get("codes", ())),
                             "inflows": tuple(raw.get("inflows", ())),
                             "outflows": tuple(raw.get("outflows", ()))})
        if entry.id in indicators:
            raise ValueError(f"{path}: indicator id {entry.id} appears twice")
        indicators[entry.id] = entry
    for entry in indicators.values():
        check_entry(entry, indicators, path)
        check_labels(entry, labels, path)
    return Catalogue(indicators, labels)
