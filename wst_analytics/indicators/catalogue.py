"""The indicator catalogue (`wst_analytics/defaults/indicators.toml`, or `config/indicators.toml` in its place): data, not code.

Each entry names an indicator (its id is a public interface), says what it means and how to
read it, and points at the SQL that computes it: `wst_analytics/sql/indicators/<id>.sql`.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from wst_analytics.extracts import SCHEMAS
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


def _check(entry: Indicator, known: dict[str, Indicator], path: Path) -> None:
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
    if set(entry.counts_from) - set(known):
        problems.append(f"counts_from {sorted(set(entry.counts_from) - set(known))} are not indicators")
    if not (settings.SQL_DIR / entry.sql_file).exists():
        problems.append(f"its SQL file wst_analytics/sql/{entry.sql_file} does not exist")
    if entry.target is not None and entry.target_direction not in ("at_least", "at_most"):
        problems.append("a target needs target_direction at_least or at_most")
    if any(set(r) != {"month", "reason"} or not r["reason"].strip() for r in entry.rebase):
        problems.append("each rebase needs a month (YYYY-MM) and a reason")
    problems += _link_problems(entry, known)
    if problems:
        raise ValueError(f"{path}: indicator {entry.id}: " + "; ".join(problems))


def _link_problems(entry: Indicator, known: dict[str, Indicator]) -> list[str]:
    problems = []
    if (entry.inflows or entry.outflows) and entry.measure != "stock":
        problems.append("only a stock has inflows and outflows")
    for flow in (*entry.inflows, *entry.outflows):
        if flow not in known or known[flow].measure != "flow":
            problems.append(f"inflow or outflow {flow!r} is not a flow indicator")
    parts = [p for p in (entry.numerator_from, entry.denominator_from) if p]
    if (parts or entry.denominator_public) and entry.measure != "ratio":
        problems.append("only a ratio has numerator_from, denominator_from or denominator_public")
    for part in parts:
        if part not in known or known[part].measure in ("ratio", "distinct"):
            problems.append(f"{part!r} is not a count indicator (numerator_from, denominator_from)")
    if entry.denominator_from and entry.denominator_public:
        problems.append("a denominator is either published here (denominator_from) or public")
    if entry.parts_measure not in ("flow", "stock"):
        problems.append(f"parts_measure {entry.parts_measure!r} is not flow or stock")
    return problems


def load_catalogue(path: Path | None = None) -> Catalogue:
    """Read and check the catalogue."""
    path = path or settings.config_file("indicators.toml")
    entries = tomllib.loads(path.read_text(encoding="utf-8")).get("indicator", [])
    indicators: dict[str, Indicator] = {}
    for raw in entries:
        entry = Indicator(**{**raw, "sources": tuple(raw["sources"]),
                             "counts_from": tuple(raw.get("counts_from", ())),
                             "rebase": tuple(raw.get("rebase", ())),
                             "inflows": tuple(raw.get("inflows", ())),
                             "outflows": tuple(raw.get("outflows", ()))})
        if entry.id in indicators:
            raise ValueError(f"{path}: indicator id {entry.id} appears twice")
        indicators[entry.id] = entry
    for entry in indicators.values():
        _check(entry, indicators, path)
    return Catalogue(indicators)
