"""What a reader of the report copy knows: the published cells, and the relations between
them that follow from the public definitions of the indicators (docs/interfaces/indicators.md).

This is the attacker's own model, written from the definitions, independent of the
disclosure code: the attack tests use it to try to recover suppressed cells.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

import duckdb

from tests.conftest import open_db

#: Stock = its previous value + inflows - outflows (from the definitions of the CP plan counts).
STOCK_FLOWS = {"cp_open_at_period_end": (("cp_started",), ("cp_ended",))}
#: Ratio -> (numerator count, denominator count or "population", scale); None: not published.
RATIOS = {
    "cp_open_rate_per_10k": ("cp_open_at_period_end", "population", 10000),
    "cp_repeat_started_pct": (None, "cp_started", 100),
    "cp_ended_2y_plus_pct": (None, "cp_ended", 100),
    "icpc_within_15_days_pct": (None, None, 100),
    "cse_crime_recorded_pct": ("cse_crimes_recorded", "cse_incidents", 100),
    "adult_concerns_to_s42_pct": ("adult_concerns_to_s42", "adult_concerns_received", 100),
    "msp_asked_pct": (None, "s42_enquiries_concluded", 100),
    "msp_outcomes_achieved_pct": (None, None, 100),
    "training_fill_pct": ("training_attended", "training_places", 100),
    "training_dna_pct": (None, None, 100),
}
ONE_PLACE = ("", "")


@dataclass
class Published:
    """The cells as the reader sees them: key -> (value, symbol); yoy rows; what is public."""
    cells: dict[tuple, tuple] = field(default_factory=dict)
    yoy: list[dict] = field(default_factory=list)
    policy: dict[str, str] = field(default_factory=dict)
    population: dict[tuple, int] = field(default_factory=dict)  # (area_type, area_code, fy)
    members: dict[tuple, list[tuple]] = field(default_factory=dict)  # partnership -> its LAs


def key_of(row: dict) -> tuple:
    area = (row.get("area_type") or "", row.get("area_code") or "")
    return (row["indicator_id"], *area, row["period_type"], row["period"], row["breakdown"])


def read_report_copy(path: Path) -> Published:
    """Everything the reader can take from report.duckdb (and nothing else)."""
    con = open_db(path)
    try:
        schemas = {s for (s,) in con.execute("SELECT DISTINCT schema_name FROM duckdb_tables()").fetchall()}
        assert schemas == {"published", "releases"}  # releases: earlier versions of these (none here)
        assert con.execute("SELECT count(*) FROM releases.cells").fetchall()[0][0] == 0
        values = con.sql("SELECT * FROM published.indicator_values").pl().to_dicts()
        yoy = con.sql("SELECT * FROM published.indicator_yoy").pl().to_dicts()
        policy = dict(con.execute("SELECT indicator_id, disclosure FROM published.indicators").fetchall())
    finally:
        con.close()
    return Published({key_of(r): (r["value"], r["symbol"]) for r in values}, yoy, policy)


def from_frames(values, yoy, catalogue, members: dict | None = None, population: dict | None = None) -> Published:
    """The reader's view of published frames (as `published_values` and `published_yoy` make them)."""
    return Published({key_of(r): (r["value"], r["symbol"]) for r in values.to_dicts()}, yoy.to_dicts(),
                     {i.id: i.disclosure for i in catalogue}, population or {}, members or {})


def public_population(population_csv: Path, areas: tuple = (ONE_PLACE,)) -> dict[tuple, int]:
    """Children aged 0 to 17 at mid-year YYYY, for financial year YYYY-YY (ONS: public), for
    each of `areas` (places whose population is the file's: one LA and its partnership)."""
    totals: dict[int, int] = {}
    with open(population_csv, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if int(row["age_to"]) <= 17:
                totals[int(row["mid_year"])] = totals.get(int(row["mid_year"]), 0) + int(row["population"])
    return {(*area, f"{y}-{str(y + 1)[2:]}"): n for y, n in totals.items() for area in areas}


def financial_year(month: str) -> str:
    year, number = int(month[:4]), int(month[5:])
    start = year if number >= 4 else year - 1
    return f"{start}-{str(start + 1)[2:]}"


def months_of(year: str) -> list[str]:
    start = int(year[:4])
    return [f"{start + (m < 4)}-{m:02d}" for m in (*range(4, 13), *range(1, 4))]


def previous(period_type: str, period: str) -> str:
    if period_type == "financial_year":
        start = int(period[:4]) - 1
        return f"{start}-{str(start + 1)[2:]}"
    year, number = int(period[:4]), int(period[5:])
    return f"{year - (number == 1)}-{(number - 2) % 12 + 1:02d}"


def structural_equations(keys: set[tuple], catalogue, members: dict) -> list[dict]:
    """Every exact linear relation between cells (published or implied parts of ratios):
    each a {key: coefficient} summing to zero. Relations with a cell nobody publishes are left out."""
    equations = []

    def add(terms: dict):
        if all(k in keys for k in terms):
            equations.append({k: Fraction(c) for k, c in terms.items()})

    breakdowns: dict[tuple, list[tuple]] = {}
    for key in keys:
        iid, at, ac, ptype, period, code = key
        measure = _measure(iid, catalogue)
        entry = catalogue.indicators.get(iid)
        if entry is not None and code and entry.counts_from and entry.breakdown_sums_to_total:
            total = (entry.counts_from[0], at, ac, ptype, period, "")
            breakdowns.setdefault((iid, total), []).append(key)
        if ptype == "financial_year" and measure == "flow":
            add({key: 1, **{(iid, at, ac, "month", m, code): -1 for m in months_of(period)}})
        if ptype == "financial_year" and measure == "stock":
            add({key: 1, (iid, at, ac, "month", months_of(period)[-1], code): -1})
        if iid in STOCK_FLOWS and not code:
            ins, outs = STOCK_FLOWS[iid]
            terms = {key: 1, (iid, at, ac, ptype, previous(ptype, period), ""): -1}
            terms.update({(f, at, ac, ptype, period, ""): -1 for f in ins})
            terms.update({(f, at, ac, ptype, period, ""): 1 for f in outs})
            add(terms)
        if (at, ac) in members and measure in ("stock", "flow"):
            add({key: 1, **{(iid, *la, ptype, period, code): -1 for la in members[(at, ac)]}})
    for (_, total), parts in breakdowns.items():
        add({total: 1, **{k: -1 for k in parts}})
    return equations


def _measure(iid: str, catalogue) -> str:
    if iid.endswith(("#N", "#D")):  # the unpublished numerator or denominator of a ratio
        return "flow"
    return catalogue[iid].measure
