"""The city sample's comparator files, from the reference partner `dfe` (extract contract,
section 7): `benchmarks/dfe_<YYYY-MM>.csv`, one publication per financial year sampled, in the
October after the year ends (2018-19 in `dfe_2019-10.csv`), and `neighbours/dfe_<YYYY-MM>.csv`
(ten statistical neighbours for every authority, closest first), published with the first.

Plants:
- Wolverhampton's published figures are its own true figures to one decimal place, except
  the CP rate, which DfE publishes from its own census count (about 6% higher), so a rank that
  used the published figure instead of the place's own would differ;
- suppressed figures (empty value, symbol `c`, `[c]` or `x`) of other authorities, never of
  Wolverhampton's neighbours but one: the third closest's latest `msp_outcomes_achieved_pct`
  (so that neighbours mean is of 9);
- a revision: the latest publication repeats the year before for England and the region, the
  West Midlands' CP rate revised up by 0.3 (the later file wins);
- three invalid rows in the latest publication, on keys found nowhere else: an indicator not
  in the catalogue (`cla_rate_per_10k`), a malformed area code (`E0800031`), a period written
  `2019/20` (rules `unknown_indicator`, `format`, `period`).
"""

from __future__ import annotations

import datetime as dt
import random

from . import comparisons
from .benchmark_figures import CHILDREN, INDICATORS, Figures, source
from .model import Plants, RawFile
from .places import (PARTNERSHIP, REGIONS, WEST_MIDLANDS, WOLVERHAMPTON, WOLVERHAMPTON_NEIGHBOURS,
                     comparator_las)

COLUMNS = ["indicator_id", "area_code", "period", "breakdown", "value", "symbol", "source"]
NEIGHBOUR_COLUMNS = ["la_code", "neighbour_code", "rank"]
KEY = ("indicator_id", "area_code", "period", "breakdown")
PUBLISHED_CP_RATE = 1.06  # DfE's census count against the partnership's own
REVISED = ("cp_open_rate_per_10k", WEST_MIDLANDS, 0.3)


def publication(fy: str) -> tuple[str, dt.datetime]:
    """(file month, received time): the October after the year ends, on the 24th."""
    year = int(fy[:4]) + 1
    return f"{year}-10", dt.datetime(year, 10, 24, 9, 30, tzinfo=dt.timezone.utc)


def _own_row(indicator: str, fy: str, own: float | None, fallback: str) -> dict:
    factor = PUBLISHED_CP_RATE if indicator == "cp_open_rate_per_10k" else 1
    value = fallback if own is None else f"{own * factor:.1f}"
    return {"indicator_id": indicator, "area_code": WOLVERHAMPTON, "period": fy, "breakdown": "",
            "value": value, "symbol": "", "source": source(indicator, fy)}


def _year_rows(figures: Figures, fy: str, own: dict[str, dict], last: bool) -> list[dict]:
    rows = figures.rows(fy, keep={WOLVERHAMPTON, *WOLVERHAMPTON_NEIGHBOURS})
    for i, row in enumerate(rows):
        if row["area_code"] == WOLVERHAMPTON:
            figure = own.get(row["indicator_id"], {}).get(fy)
            rows[i] = _own_row(row["indicator_id"], fy, figure, row["value"])
        elif last and (row["area_code"], row["indicator_id"]) == (WOLVERHAMPTON_NEIGHBOURS[2], INDICATORS[-1]):
            row.update(value="", symbol="c")
    return rows


def _repeated(previous: list[dict]) -> tuple[list[dict], list[dict]]:
    """The previous year's England and region rows as the later publication shows them, and
    the revision made there."""
    rows = [dict(r) for r in previous if r["area_code"] == "E92000001" or r["area_code"] in REGIONS]
    indicator, area, change = REVISED
    row = next(r for r in rows if r["indicator_id"] == indicator and r["area_code"] == area)
    was, row["value"] = row["value"], f"{float(row['value']) + change:.1f}"
    return rows, [{"indicator_id": indicator, "area_code": area, "period": row["period"],
                   "first_value": float(was), "revised_value": float(row["value"])}]


def _faults(rng: random.Random, f: RawFile, fy: str, plants: Plants) -> None:
    base = {"breakdown": "", "symbol": "", "source": source(CHILDREN[0], fy)}
    for column, rule, row in (
            ("indicator_id", "unknown_indicator", {"indicator_id": "cla_rate_per_10k", "area_code": WOLVERHAMPTON,
                                                   "period": fy, "value": "96.0"}),
            ("area_code", "format", {"indicator_id": "cp_open_rate_per_10k", "area_code": "E0800031",
                                     "period": fy, "value": "43.1"}),
            ("period", "period", {"indicator_id": "cp_repeat_started_pct", "area_code": WOLVERHAMPTON,
                                  "period": fy.replace("-", "/"), "value": "21.0"})):
        row = {**base, **row}
        f.rows.insert(rng.randrange(len(f.rows) + 1), row)
        plants.invalid.append((f, row, column, rule))


def neighbours(rng: random.Random, las: list[str]) -> list[dict]:
    """Ten neighbours per authority: Wolverhampton's fixed list, the others' the ten closest
    on an invented measure of likeness."""
    likeness = {la: (rng.random(), rng.random()) for la in las}
    out = []
    for la in las:
        if la == WOLVERHAMPTON:
            near = WOLVERHAMPTON_NEIGHBOURS
        else:
            x, y = likeness[la]
            near = sorted((o for o in las if o != la),
                          key=lambda o: ((likeness[o][0] - x) ** 2 + (likeness[o][1] - y) ** 2, o))[:10]
        out += [{"la_code": la, "neighbour_code": n, "rank": r} for r, n in enumerate(near, start=1)]
    return out


def build(rng: random.Random, years: list[str], own: dict[str, dict], plants: Plants
          ) -> tuple[list[RawFile], dict]:
    """The files, and what they hold: `benchmarks` (the rows the warehouse should keep: the
    latest publication of each key, invalid rows left out, value a float or None),
    `neighbours` and `revisions`."""
    las = comparator_las()
    figures = Figures(rng, las, years)
    files, revisions, previous = [], [], None
    for i, fy in enumerate(years):
        last = i == len(years) - 1
        rows = _year_rows(figures, fy, own, last)
        if last and previous:
            repeated, revisions = _repeated(previous)
            rows += repeated
        month, received = publication(fy)
        f = RawFile("benchmarks", month, list(COLUMNS), rows, received_at=received,
                    encoding="utf-8-sig" if last else "utf-8", crlf=last)
        if last:
            _faults(rng, f, fy, plants)
        files.append(f)
        previous = rows
    month, received = publication(years[0])
    near = neighbours(rng, las)
    files.append(RawFile("neighbours", month, list(NEIGHBOUR_COLUMNS), [dict(r) for r in near],
                         received_at=received))
    invalid = {id(row) for _, row, _, _ in plants.invalid}
    latest: dict[tuple, dict] = {}
    for f in files[:-1]:
        for row in f.rows:
            if id(row) not in invalid:
                value = float(row["value"]) if row["value"] else None
                latest[tuple(row[k] for k in KEY)] = {**row, "value": value}
    return files, {"benchmarks": list(latest.values()), "neighbours": near, "revisions": revisions}


def manifest_fields(held: dict, truth: dict) -> dict:
    """The manifest's fields about places: the sample's LA, what the files hold and the true
    comparisons for Wolverhampton (from `truth`, its own figures)."""
    return {"places": {"la_code": WOLVERHAMPTON, "name": "Wolverhampton", "region": WEST_MIDLANDS,
                       "region_name": REGIONS[WEST_MIDLANDS], "partnership": PARTNERSHIP,
                       "neighbours": WOLVERHAMPTON_NEIGHBOURS},
            "benchmarks": held["benchmarks"], "neighbours": held["neighbours"],
            "benchmark_revisions": held["revisions"],
            "comparisons": comparisons.compare(
                [("local_authority", WOLVERHAMPTON), ("partnership", PARTNERSHIP)], WOLVERHAMPTON,
                WEST_MIDLANDS, WOLVERHAMPTON_NEIGHBOURS, truth, held["benchmarks"])}
