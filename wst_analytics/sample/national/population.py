"""The population reference file (`raw/population/ons_<YYYY-MM>.csv`), as the city sample
writes it: one row per mid-year and age band, from the year before the first financial year
to the start year of the last, named by its publication month (the June after) and received
on the 25th. The population schema has no LA column, so the file holds the total for the
LAs generated: England's (mid-2019: 0-17 12.0m, 18-64 33.9m, 65+ 10.4m) times the scale's
share. `rows_factor` does not change it: it is reference data.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl

from ..people import apportion
from ..population import BANDS, GROWTH
from .files import write_file
from .run import Run

ENGLAND_2019 = {"0-17": 12_020_000, "18-64": 33_860_000, "65+": 10_410_000}


def rows(run: Run) -> pl.DataFrame:
    first = run.timeline.first_year
    out = []
    for mid_year in range(first - 1, first + run.timeline.years):
        for group, shape in BANDS.items():
            total = round(ENGLAND_2019[group] * run.scale.share * (1 + GROWTH[group]) ** (mid_year - 2019))
            keyed = {f"{a}-{b}": w for (a, b), w in shape.items()}
            for band, count in apportion(total, keyed).items():
                age_from, age_to = (int(x) for x in band.split("-"))
                out.append((mid_year, age_from, age_to, count))
    return pl.DataFrame(out, schema=["mid_year", "age_from", "age_to", "population"], orient="row")


def write(run: Run, out_dir: Path) -> tuple[Path, int, int]:
    """Write the file; returns (path, rows, bytes)."""
    frame = rows(run)
    year = run.timeline.first_year + run.timeline.years
    path = out_dir / "raw" / "population" / f"ons_{year}-06.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    data = frame.write_csv().encode("utf-8")
    received = dt.datetime(year, 6, 25, 10, 30, tzinfo=dt.timezone.utc).timestamp()
    write_file(path, data, received)
    return path, frame.height, len(data)
