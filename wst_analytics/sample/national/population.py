"""The population reference file (`raw/population/ons_<YYYY-MM>.csv`): one row per LA, mid-year
and age band (`la_code` first; extract contract, section 7), from the year before the first
financial year to the start year of the last, named by its publication month (the June after)
and received on the 25th. The LAs together hold England's population (mid-2019: 0-17 12.0m,
18-64 33.9m, 65+ 10.4m) times the scale's share, each LA its share of the volumes (`Run.weights`),
so rates per 10,000 are of England's order everywhere. Every band's LA figures add up to its
total exactly (largest remainder). `rows_factor` does not change it: it is reference data.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import polars as pl

from ..people import apportion
from ..population import BANDS, GROWTH
from .files import write_file
from .run import Run

ENGLAND_2019 = {"0-17": 12_020_000, "18-64": 33_860_000, "65+": 10_410_000}
COLUMNS = ["la_code", "mid_year", "age_from", "age_to", "population"]


def split(total: int, weights: np.ndarray) -> np.ndarray:
    """`total` in whole numbers proportional to `weights` (largest remainder, ties by order)."""
    raw = total * weights / weights.sum()
    parts = np.floor(raw).astype(np.int64)
    extra = np.argsort(-(raw - parts), kind="stable")[: total - int(parts.sum())]
    parts[extra] += 1
    return parts


def rows(run: Run) -> pl.DataFrame:
    """la_code, mid_year, age_from, age_to, population: by LA, then mid-year and age."""
    first = run.timeline.first_year
    codes, out = run.places.codes, {name: [] for name in COLUMNS}
    for mid_year in range(first - 1, first + run.timeline.years):
        for group, shape in BANDS.items():
            total = round(ENGLAND_2019[group] * run.scale.share * (1 + GROWTH[group]) ** (mid_year - 2019))
            keyed = {f"{a}-{b}": w for (a, b), w in shape.items()}
            for band, count in apportion(total, keyed).items():
                age_from, age_to = (int(x) for x in band.split("-"))
                for name, values in zip(COLUMNS, (codes, [mid_year] * run.las, [age_from] * run.las,
                                                  [age_to] * run.las, split(count, run.weights).tolist())):
                    out[name] += values
    frame = pl.DataFrame(out)
    return frame.with_columns(la=pl.col("la_code").replace_strict(codes, range(run.las))).sort(
        "la", "mid_year", "age_from").drop("la")


def write(run: Run, out_dir: Path) -> tuple[Path, int, int, dict[tuple[str, int], int]]:
    """Write the file; returns (path, rows, bytes, residents aged 0 to 17 by (la_code, mid_year))."""
    frame = rows(run)
    year = run.timeline.first_year + run.timeline.years
    path = out_dir / "raw" / "population" / f"ons_{year}-06.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    data = frame.write_csv().encode("utf-8")
    received = dt.datetime(year, 6, 25, 10, 30, tzinfo=dt.timezone.utc).timestamp()
    write_file(path, data, received)
    children = frame.filter(pl.col("age_to") <= 17).group_by("la_code", "mid_year").agg(
        pl.col("population").sum())
    return path, frame.height, len(data), {(la, year): n for la, year, n in children.iter_rows()}
