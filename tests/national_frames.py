"""A synthetic `marts.indicator_values` at national scale: every indicator of the catalogue, its
breakdowns, 60 months and 5 financial years for `las` LAs (and partnerships of three), with
figures that obey the relations (months add up, stocks follow their flows, breakdowns add up,
partnerships are the sums of their LAs). For measuring the disclosure audit, not for truth.
"""

from __future__ import annotations

import random

import polars as pl

from tests.places_frames import SCHEMA
from wst_analytics.disclosure.cells import months_of
from wst_analytics.indicators.catalogue import Catalogue

YEARS = ["2015-16", "2016-17", "2017-18", "2018-19", "2019-20"]
CODES = 6  # breakdown codes per breakdown indicator


def _counts(catalogue: Catalogue, rng: random.Random, size: float) -> dict[tuple, int]:
    """(indicator or ratio part, month, code) -> count for one LA, months only."""
    out, open_ = {}, rng.randint(int(20 * size), int(60 * size) + 1)
    months = [m for y in YEARS for m in months_of(y)]
    for month in months:
        for i in catalogue:
            if i.measure == "flow" and not i.breakdown:
                out[(i.id, month, "")] = rng.randint(0, int(10 * size) + 1)
        out[("cp_started", month, "")] = started = rng.randint(0, int(6 * size) + 1)
        out[("cp_ended", month, "")] = ended = rng.randint(0, min(open_ + started, int(6 * size) + 1))
        open_ += started - ended
        out[("cp_open_at_period_end", month, "")] = open_
        for i in catalogue:
            if i.breakdown and i.measure in ("stock", "flow"):
                total = out[(i.counts_from[0], month, "")]
                cuts = sorted(rng.randint(0, total) for _ in range(CODES - 1))
                for n, (a, b) in enumerate(zip([0, *cuts], [*cuts, total])):
                    out[(i.id, month, f"B{n}")] = b - a
            elif i.measure == "ratio":
                denominator = out.get((i.denominator_from, month, ""), rng.randint(0, int(8 * size) + 1))
                out[(f"{i.id}:d", month, "")] = 50000 if i.denominator_public else denominator
                numerator = out.get((i.numerator_from, month, ""), rng.randint(0, max(denominator, 0)))
                out[(f"{i.id}:n", month, "")] = min(numerator, denominator) if not i.denominator_public else numerator
            elif i.measure == "distinct":
                out[(i.id, month, "")] = rng.randint(1, 5)
    return out


def _with_years(catalogue: Catalogue, counts: dict) -> dict:
    out = dict(counts)
    for year in YEARS:
        months = months_of(year)
        for name, code in {(k[0], k[2]) for k in counts}:
            base = catalogue.indicators.get(name.split(":")[0])
            kind = base.parts_measure if ":" in name else base.measure
            values = [counts[(name, m, code)] for m in months]
            if kind == "stock" or (name.endswith(":d") and base.denominator_public):
                out[(name, year, code)] = values[-1]
            else:
                out[(name, year, code)] = max(values) + 1 if kind == "distinct" else sum(values)
    return out


def _rows(catalogue: Catalogue, area: tuple, counts: dict) -> list[tuple]:
    rows = []
    for (name, period, code), n in counts.items():
        if ":" in name:
            continue
        period_type = "financial_year" if period in YEARS else "month"
        indicator = catalogue[name]
        if indicator.measure == "ratio":
            top, bottom = counts[(f"{name}:n", period, code)], counts[(f"{name}:d", period, code)]
            scale = 10000 if indicator.unit == "rate_per_10k" else 100
            rows.append((name, *area, period_type, period, code, scale * top / bottom if bottom else None, top, bottom))
        else:
            total = counts.get((indicator.counts_from[0], period, "")) if code and indicator.counts_from else None
            rows.append((name, *area, period_type, period, code, float(n), n if code else None, total))
    return rows


def national(catalogue: Catalogue, las: int = 150, partnerships: bool = True, seed: int = 1) -> tuple[pl.DataFrame, dict]:
    """(marts frame, members): `las` LAs of mixed sizes, and a partnership per three LAs."""
    rng = random.Random(seed)
    places = {f"E{n:08d}": _with_years(catalogue, _counts(catalogue, rng, rng.choice([0.2, 0.5, 1, 3])))
              for n in range(las)}
    rows = [r for code, counts in places.items() for r in _rows(catalogue, ("local_authority", code), counts)]
    members = {}
    if partnerships:
        codes = sorted(places)
        for n in range(0, las - las % 3, 3):
            group = codes[n:n + 3]
            total = {k: sum(places[c][k] for c in group) for k in places[group[0]]}
            rows += _rows(catalogue, ("partnership", f"P{n // 3:03d}"), total)
            members[("partnership", f"P{n // 3:03d}")] = [("local_authority", c) for c in group]
    return pl.DataFrame(rows, schema=SCHEMA, orient="row"), members


def measure(las: int = 150, months: bool = False) -> None:
    """Print the processor time of publishing (and, with `months`, of auditing the DfE
    figures with their months as if they were published): `uv run python -m tests.national_frames`."""
    import sys
    import time

    from wst_analytics.disclosure import policies
    from wst_analytics.disclosure.publish import published_values
    from wst_analytics.indicators.catalogue import load_catalogue

    catalogue = load_catalogue()
    frame, members = national(catalogue, las=las)
    start = time.process_time()
    values = published_values(frame, catalogue, members)
    print(f"{frame.height} marts rows, {las} LAs: published_values {time.process_time() - start:.1f} s "
          f"processor time, {values.height} published rows", file=sys.stdout)
    if months:
        dfe = frame.filter(pl.col("indicator_id").is_in([i.id for i in catalogue if i.disclosure == "dfe_children"]))
        start = time.process_time()
        policies.apply("dfe_children", dfe, catalogue, members)
        print(f"DfE cells with months ({dfe.height}): audited in {time.process_time() - start:.1f} s")


if __name__ == "__main__":
    import sys

    measure(int(sys.argv[1]) if len(sys.argv) > 1 else 150, "--months" in sys.argv)
