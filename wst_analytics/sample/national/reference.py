"""The comparator files of a national sample, from the reference partner `dfe` (extract
contract, section 7), in `raw/`:

- `benchmarks/dfe_<YYYY-MM>.csv`: one publication per financial year generated, in the October
  after it ends (received on the 24th), with synthetic figures for England, the nine regions
  and every LA generated (`..benchmark_figures`: figures of England's order, about 3% of LAs'
  suppressed, every `source` marked synthetic); the latest publication also holds three
  invalid rows (an indicator not in the catalogue, a malformed area code, a period written
  `YYYY/YY`: rules `unknown_indicator`, `format`, `period`);
- `neighbours/dfe_<YYYY-MM>.csv`: ten statistical neighbours per LA, by similarity of size
  (`places.neighbours`), published with the first benchmarks.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import polars as pl

from ..benchmark_figures import Figures, source
from ..reference import COLUMNS, NEIGHBOUR_COLUMNS, publication
from .files import write_file
from .places import neighbours
from .run import Run

FAULTS = [("indicator_id", "unknown_indicator", "cla_rate_per_10k"), ("area_code", "format", "E0600901"),
          ("period", "period", None)]  # None: the year written YYYY/YY


def _faulty(fy: str, first_la: str) -> list[dict]:
    rows = []
    for column, _, value in FAULTS:
        row = {"indicator_id": "cp_open_rate_per_10k", "area_code": first_la, "period": fy, "breakdown": "",
               "value": "40.0", "symbol": "", "source": source("cp_open_rate_per_10k", fy)}
        row[column] = value if value is not None else fy.replace("-", "/")
        rows.append(row)
    return rows


def _write(path: Path, frame: pl.DataFrame, received: dt.datetime) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = frame.write_csv().encode("utf-8")
    write_file(path, data, received.timestamp())
    return len(data)


def write(run: Run, out_dir: Path) -> dict:
    """Write the files; returns, per extract, files, rows, bytes, invalid_planted and
    expected_quarantined_rows (all in raw/), in the form of the other extracts' reports."""
    years = run.timeline.fy_labels()
    codes = run.places.codes
    figures = Figures(random.Random(f"{run.seed}:benchmarks"), codes, years)
    report = {}
    files = rows = size = 0
    for i, fy in enumerate(years):
        published = figures.rows(fy, keep=set())
        if i == len(years) - 1:
            faulty = _faulty(fy, codes[0])
            for k, row in enumerate(faulty):  # spread through the file
                published.insert((k + 1) * len(published) // (len(faulty) + 1), row)
        month, received = publication(fy)
        frame = pl.DataFrame(published, schema={c: pl.String for c in COLUMNS}).with_columns(
            pl.all().replace("", None))  # an empty cell, never a quoted empty string
        size += _write(out_dir / "raw" / "benchmarks" / f"dfe_{month}.csv", frame, received)
        files, rows = files + 1, rows + frame.height
    report["benchmarks"] = _report(files, rows, size, {rule: 1 for _, rule, _ in FAULTS}, len(FAULTS))
    month, received = publication(years[0])
    near = pl.DataFrame(neighbours(run, run.places), schema=NEIGHBOUR_COLUMNS, orient="row")
    size = _write(out_dir / "raw" / "neighbours" / f"dfe_{month}.csv", near, received)
    report["neighbours"] = _report(1, near.height, size, {}, 0)
    return report


def _report(files: int, rows: int, size: int, planted: dict, quarantined: int) -> dict:
    return {"files": {"raw": files, "incremental": 0}, "rows": {"raw": rows, "incremental": 0},
            "bytes": {"raw": size, "incremental": 0}, "invalid_planted": planted,
            "expected_quarantined_rows": {"raw": quarantined, "incremental": 0}}
