"""Per-LA and per-partnership figures of a national sample, computed from its files alone (the
CSVs read with polars by `places_files.py`, the registry with tomllib), independently of the
generator and of the reader: for tests that compare the warehouse, or the generator's
`sample.json` truth, with them.

    from tests.places_truth import figures_from_files
    figures = figures_from_files(out_dir, incremental=False)  # or True: incremental/ on top
    figures["by_la"]["E06009001"]["police_child_abuse_incidents"]["2024-25"]
    figures["by_partnership"]["sp002"]["cp_open_rate_per_10k"]["2024-25"]

Figures per financial year, as in `wst_analytics/sample/national/truth.py` (the same table of
definitions); a partnership's counts add up its LAs', its rate from their plans and children.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import polars as pl

from tests.places_files import NAME, REQUIRED, financial_years, read_extract

__all__ = ["NAME", "figures_from_files"]


def _fy(column: str) -> pl.Expr:
    date = pl.col(column)
    year = pl.when(date.dt.month() >= 4).then(date.dt.year()).otherwise(date.dt.year() - 1)
    return pl.concat_str([year.cast(pl.String), pl.lit("-"), ((year + 1) % 100).cast(pl.String).str.zfill(2)])


def _count(frame: pl.DataFrame, column: str, years: list[str]) -> dict[tuple[str, str], int]:
    counted = frame.filter(pl.col(column).is_not_null()).group_by("la", _fy(column).alias("fy")).len()
    return {(la, fy): n for la, fy, n in counted.iter_rows() if fy in years}


def figures_from_files(out_dir: Path, incremental: bool) -> dict:
    """{"by_la": {la: {figure: {fy: value}}}, "by_partnership": {...}}, as in sample.json."""
    registry = tomllib.loads((out_dir / "partners.toml").read_text(encoding="utf-8"))
    areas = {code: p.get("areas", []) for code, p in registry["partners"].items()}
    folders = [out_dir / "raw"] + ([out_dir / "incremental"] if incremental else [])
    rows = {extract: read_extract(folders, extract, areas) for extract in REQUIRED}
    years = financial_years(out_dir)
    plans, concerns, incidents = rows["cp_plans"], rows["adult_concerns"], rows["police_incidents"]
    s42 = rows["s42_enquiries"].filter(pl.col("enquiry_type") == "S42")
    yes = ["Y", "YES", "TRUE", "1"]
    cse = pl.col("cse_marker").is_in(yes)
    counts = {
        "cp_started": _count(plans, "cpp_start_date", years),
        "cp_ended": _count(plans, "cpp_end_date", years),
        "adult_concerns_received": _count(concerns, "date_received", years),
        "adult_concerns_to_s42": _count(concerns.filter(pl.col("concern_id").is_in(s42["concern_id"].implode())),
                                        "date_received", years),
        "s42_enquiries_started": _count(s42, "start_date", years),
        "s42_enquiries_concluded": _count(s42, "end_date", years),
        "police_child_abuse_incidents": _count(incidents, "recorded_date", years),
        "cse_incidents": _count(incidents.filter(cse), "recorded_date", years),
        "cse_crimes_recorded": _count(incidents.filter(cse & pl.col("crime_recorded").is_in(yes)),
                                      "recorded_date", years),
        "training_attended": _count(rows["training_attendance"].filter(pl.col("attendance") == "ATTENDED"),
                                    "session_date", years),
        "cp_open_at_period_end": {},
    }
    for fy in years:
        last = dt.date(int(fy[:4]) + 1, 3, 31)
        open_ = plans.filter((pl.col("cpp_start_date") <= last)
                             & (pl.col("cpp_end_date").is_null() | (pl.col("cpp_end_date") > last)))
        counts["cp_open_at_period_end"].update({(la, fy): n for la, n in open_.group_by("la").len().iter_rows()})
    return _places(out_dir, registry, counts, years)


def _children(out_dir: Path) -> dict[tuple[str, int], int]:
    (path,) = (out_dir / "raw" / "population").glob("ons_*.csv")
    frame = pl.read_csv(path).filter(pl.col("age_to") <= 17).group_by("la_code", "mid_year").agg(
        pl.col("population").sum())
    return {(la, year): n for la, year, n in frame.iter_rows()}


def _places(out_dir: Path, registry: dict, counts: dict, years: list[str]) -> dict:
    """Each LA's and partnership's figures (a partnership's counts add up its LAs')."""
    children = _children(out_dir)

    def place(members: list[str]) -> dict:
        out = {name: {fy: sum(counts[name].get((la, fy), 0) for la in members) for fy in years} for name in counts}
        out["cp_open_rate_per_10k"] = {fy: 10000.0 * out["cp_open_at_period_end"][fy]
                                       / sum(children[(la, int(fy[:4]))] for la in members) for fy in years}
        return out

    return {"by_la": {la: place([la]) for la in registry["areas"]},
            "by_partnership": {code: place(p["areas"]) for code, p in registry.get("partnerships", {}).items()}}
