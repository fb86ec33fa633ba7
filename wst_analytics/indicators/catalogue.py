"""The indicator catalogue (`wst_analytics/defaults/indicators.toml`, or `config/indicators.toml` in its place): data, not code.

Each entry names an indicator (its id is a public interface), says what it means and how to
read it, and points at the SQL that computes it: `wst_analytics/sql/indicators/<id>.sql`.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from wst_analytics.extracts import SCHEMAS
from wst_analytics.extracts.spec import codes
from wst_analytics import settings

UNITS = {"count", "rate_per_10k", "percent", "gbp"}
POLARITIES = {"higher_is_better", "higher_is_worse", "neutral"}
DISCLOSURE = {"dfe_children", "sac_adults", "none"}
MEASURES = {"stock", "flow", "distinct", "ratio"}
REFERENCE_EXTRACTS = {"population"}  # not monthly returns: they do not limit the periods


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

    @property
    def sql_file(self) -> str:
        return f"indicators/{self.id}.sql"

    @property
    def has_sql_file(self) -> bool:
        return self.block is None

    @property
    def monthly_sources(self) -> list[str]:
        return [s for s in self.sources if s not in REFERENCE_EXTRACTS]

    @property
    def is_count(self) -> bool:
        return self.unit == "count"


@dataclass(frozen=True)
class Catalogue:
    indicators: dict[str, Indicator] = field(default_factory=dict)

    def __iter__(self):
        return iter(self.indicators.values())

    def __getitem__(self, indicator_id: str) -> Indicator:
        return self.indicators[indicator_id]


NAME = re.compile(r"[a-z][a-z0-9_]*")


def _block_problems(entry: Indicator) -> list[str]:
    names = [n for n in (entry.block, entry.by, entry.totals_block, entry.listed_block) if n is not None]
    problems = [f"{n!r} is not a plain name (lower-case letters, digits, _)" for n in names
                if not NAME.fullmatch(n)]
    if entry.block is None and (entry.by or entry.codes or entry.codes_from or entry.totals_block
                                or entry.listed_block):
        problems.append("by, codes, codes_from, totals_block and listed_block go with block")
    if entry.codes and entry.codes_from:
        problems.append("give codes or codes_from, not both")
    if entry.codes_from:
        extract, _, column = entry.codes_from.partition(".")
        if extract not in SCHEMAS or column not in SCHEMAS[extract].columns \
                or not codes(SCHEMAS[extract], column):
            problems.append(f"codes_from {entry.codes_from!r} is not an extract's coded column")
    if bool(entry.by) != bool(entry.breakdown) and entry.block:
        problems.append("a block's breakdown (by) and the breakdown field go together")
    return problems


def _check(entry: Indicator, known: set[str], path: Path) -> None:
    problems = []
    if entry.unit not in UNITS:
        problems.append(f"unit {entry.unit!r} is not one of {sorted(UNITS)}")
    if entry.measure not in MEASURES:
        problems.append(f"measure {entry.measure!r} is not one of {sorted(MEASURES)}")
    if (entry.measure == "ratio") != (entry.unit in ("percent", "rate_per_10k")):
        problems.append("rates and percentages, and only they, have measure ratio")
    if entry.polarity not in POLARITIES:
        problems.append(f"polarity {entry.polarity!r} is not one of {sorted(POLARITIES)}")
    if entry.disclosure not in DISCLOSURE:
        problems.append(f"disclosure {entry.disclosure!r} is not one of {sorted(DISCLOSURE)}")
    if set(entry.sources) - set(SCHEMAS):
        problems.append(f"sources {sorted(set(entry.sources) - set(SCHEMAS))} are not extracts")
    if set(entry.counts_from) - known:
        problems.append(f"counts_from {sorted(set(entry.counts_from) - known)} are not indicators")
    if entry.has_sql_file and not (settings.SQL_DIR / entry.sql_file).exists():
        problems.append(f"its SQL file wst_analytics/sql/{entry.sql_file} does not exist "
                        "(or give the building block it counts: block = ...)")
    problems += _block_problems(entry)
    if entry.target is not None and entry.target_direction not in ("at_least", "at_most"):
        problems.append("a target needs target_direction at_least or at_most")
    if any(set(r) != {"month", "reason"} or not r["reason"].strip() for r in entry.rebase):
        problems.append("each rebase needs a month (YYYY-MM) and a reason")
    if problems:
        raise ValueError(f"{path}: indicator {entry.id}: " + "; ".join(problems))


def load_catalogue(path: Path | None = None) -> Catalogue:
    """Read and check the catalogue."""
    path = path or settings.config_file("indicators.toml")
    entries = tomllib.loads(path.read_text(encoding="utf-8")).get("indicator", [])
    indicators: dict[str, Indicator] = {}
    for raw in entries:
        entry = Indicator(**{**raw, "sources": tuple(raw["sources"]),
                             "counts_from": tuple(raw.get("counts_from", ())),
                             "rebase": tuple(raw.get("rebase", ())),
                             "codes": tuple(raw.get("codes", ()))})
        if entry.id in indicators:
            raise ValueError(f"{path}: indicator id {entry.id} appears twice")
        indicators[entry.id] = entry
    for entry in indicators.values():
        _check(entry, set(indicators), path)
    return Catalogue(indicators)
