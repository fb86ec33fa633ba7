"""Synthetic marts for a partnership of a few small LAs: children's figures for three
financial years that obey every relation a reader knows (stock and flows, breakdowns, places)."""

from __future__ import annotations

import random

import polars as pl

YEARS = ["2017-18", "2018-19", "2019-20"]
CATEGORIES = ["NEG", "EMO", "PHY", "SAB", "MUL"]
AGES = ["unborn", "under_1", "1-4", "5-9", "10-15", "16-17"]
SCHEMA = {"indicator_id": pl.String, "area_type": pl.String, "area_code": pl.String,
          "period_type": pl.String, "period": pl.String, "breakdown": pl.String,
          "value": pl.Float64, "numerator": pl.Float64, "denominator": pl.Float64}


def _split(total: int, codes: list[str], rng: random.Random) -> dict[str, int]:
    counts = dict.fromkeys(codes, 0)
    for _ in range(total):
        counts[rng.choices(codes, weights=range(len(codes), 0, -1))[0]] += 1
    return counts


def _place(rng: random.Random, size: int) -> dict[tuple, int]:
    """(indicator or part, year, breakdown) -> count, for one LA."""
    counts, open_ = {}, rng.randint(size, 3 * size)
    for year in YEARS:
        started, ended = rng.randint(0, 2 * size), 0
        ended = rng.randint(0, open_ + started)
        open_ = open_ + started - ended
        counts.update({("cp_open_at_period_end", year, ""): open_, ("cp_started", year, ""): started,
                       ("cp_ended", year, ""): ended, ("repeat", year, ""): rng.randint(0, started),
                       ("two_years", year, ""): rng.randint(0, ended)})
        icpc = rng.randint(0, 2 * size)
        counts.update({("icpc", year, ""): icpc, ("icpc_in_time", year, ""): rng.randint(0, icpc)})
        cse = rng.randint(0, 3 * size)
        counts.update({("cse_incidents", year, ""): cse, ("cse_crimes_recorded", year, ""): rng.randint(0, cse),
                       ("police_child_abuse_incidents", year, ""): rng.randint(5 * size, 20 * size)})
        for code, n in _split(open_, CATEGORIES, rng).items():
            counts[("cp_open_by_category", year, code)] = n
        for code, n in _split(open_, AGES, rng).items():
            counts[("cp_open_by_age_band", year, code)] = n
    return counts


RATIOS = {"cp_repeat_started_pct": ("repeat", "cp_started", 100), "cp_ended_2y_plus_pct": ("two_years", "cp_ended", 100),
          "icpc_within_15_days_pct": ("icpc_in_time", "icpc", 100), "cse_crime_recorded_pct": ("cse_crimes_recorded", "cse_incidents", 100)}


def _rows(area: tuple, counts: dict, population: int) -> list[tuple]:
    rows = []
    for (name, year, code), n in counts.items():
        if name.startswith("cp_") or name.startswith(("cse_", "police_")):
            total = counts[("cp_open_at_period_end", year, "")] if code else None
            rows.append((name, *area, "financial_year", year, code, float(n), n if code else None, total))
    for year in YEARS:
        for ratio, (top, bottom, scale) in RATIOS.items():
            n, d = counts[(top, year, "")], counts[(bottom, year, "")]
            rows.append((ratio, *area, "financial_year", year, "", scale * n / d if d else None, n, d))
        open_ = counts[("cp_open_at_period_end", year, "")]
        rows.append(("cp_open_rate_per_10k", *area, "financial_year", year, "", 10000 * open_ / population, open_, population))
    return rows


def partnership(las: int = 3, size: int = 3, seed: int = 1) -> tuple[pl.DataFrame, dict, dict]:
    """(marts frame, members, public populations) of `las` LAs and their partnership."""
    rng = random.Random(seed)
    codes = [f"E0800{n:04d}" for n in range(las)]
    places = {code: _place(rng, size) for code in codes}
    populations = {code: rng.randint(20000, 60000) for code in codes}
    total = {key: sum(p[key] for p in places.values()) for key in places[codes[0]]}
    rows = [r for code in codes for r in _rows(("local_authority", code), places[code], populations[code])]
    rows += _rows(("partnership", "P1"), total, sum(populations.values()))
    members = {("partnership", "P1"): [("local_authority", code) for code in codes]}
    public = {(at, ac, year): pop for (at, ac), pop in [*((("local_authority", c), populations[c]) for c in codes),
                                                        (("partnership", "P1"), sum(populations.values()))]
              for year in YEARS}
    return pl.DataFrame(rows, schema=SCHEMA, orient="row"), members, public
