"""The true per-LA figures of a national sample, from the generator's typed rows (never by
re-reading files), for `sample.json`: what the warehouse must show per LA and partnership.

A record's final state is its version from the latest month it was sent in, among the rows the
loader accepts (every planted invalid row, both copies of a duplicated one included, is left
out: `faults.plant`). Two states: `raw` (only `raw/` loaded) and `raw_and_incremental` (the
incremental month loaded on top). Figures per financial year, by the catalogue's definitions:

| figure | definition |
|---|---|
| cp_open_at_period_end | plans with start <= 31 March and (no end or end > 31 March) |
| cp_started, cp_ended | plans starting, ending in the year |
| cp_open_rate_per_10k | cp_open_at_period_end per 10,000 residents aged 0 to 17 (mid-YYYY) |
| adult_concerns_received | concerns received in the year |
| adult_concerns_to_s42 | of those, with an S42 enquiry (same partner, same concern_id) |
| s42_enquiries_started, s42_enquiries_concluded | S42 enquiries starting, ending in the year |
| police_child_abuse_incidents | incidents recorded in the year |
| cse_incidents, cse_crimes_recorded | of those, with the CSE marker; and with a crime recorded |
| training_attended | bookings ATTENDED for sessions in the year |

A partnership's figures add up its LAs' counts (all of these are additive), its rate from its
LAs' plans and children together.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import numpy as np
import polars as pl

from .run import Run

FIELDS = {"cp_plans": ["cpp_start_date", "cpp_end_date"], "adult_concerns": ["date_received"],
          "s42_enquiries": ["concern_rec", "enquiry_type", "start_date", "end_date"],
          "police_incidents": ["recorded_date", "cse_marker", "crime_recorded"],
          "training_attendance": ["session_date", "attendance"]}
STATES = {"raw": False, "raw_and_incremental": True}


def finals(run: Run, rows: pl.DataFrame, quarantined: np.ndarray, extract: str
           ) -> Iterator[tuple[str, pl.DataFrame]]:
    """(state, each record's latest accepted version (the columns the figures need)), one
    state at a time; records are matched by their number (`columns.record`), the same as
    matching their key."""
    kept = rows.select("la", "month", "rec", *FIELDS[extract]).filter(pl.Series(~quarantined))
    kept = kept.sort("rec", "month")
    last = pl.col("rec") != pl.col("rec").shift(-1, fill_value=-1)
    raw = pl.col("month") < run.timeline.incremental
    for state, incremental in STATES.items():
        yield state, (kept if incremental else kept.filter(raw)).filter(last)


def _per_year(run: Run, frame: pl.DataFrame, day: str, name: str, condition: pl.Expr | None = None
              ) -> pl.DataFrame:
    """Records dated in each financial year, per LA: la, fy (its first year), <name>."""
    date = pl.col(day)
    fy = (date.dt.year() - (date.dt.month() < 4).cast(pl.Int32)).alias("fy")
    chosen = frame if condition is None else frame.filter(condition)
    first = run.timeline.first_year
    return (chosen.filter(date.is_not_null()).group_by("la", fy).agg(pl.len().alias(name))
            .filter(pl.col("fy").is_between(first, first + run.timeline.years - 1)))


def _open(run: Run, plans: pl.DataFrame) -> pl.DataFrame:
    out = []
    for year in range(run.timeline.first_year, run.timeline.first_year + run.timeline.years):
        last = dt.date(year + 1, 3, 31)
        open_ = plans.filter((pl.col("cpp_start_date") <= last)
                             & (pl.col("cpp_end_date").is_null() | (pl.col("cpp_end_date") > last)))
        out.append(open_.group_by("la").agg(pl.len().alias("cp_open_at_period_end"))
                   .with_columns(fy=pl.lit(year, pl.Int32)))
    return pl.concat(out).select("la", "fy", "cp_open_at_period_end")


def groups(run: Run, extract: str, final: pl.DataFrame, held: dict[str, pl.DataFrame]) -> list[pl.DataFrame]:
    """One extract's figures, one frame per group (la, fy and the figures' columns), from its
    final state. The concerns are held until the enquiries come (`held`), for
    adult_concerns_to_s42; so only aggregates outlive an extract."""
    if extract == "cp_plans":
        return [_open(run, final), _per_year(run, final, "cpp_start_date", "cp_started"),
                _per_year(run, final, "cpp_end_date", "cp_ended")]
    if extract == "adult_concerns":
        held["concerns"] = final.select("la", "rec", "date_received")
        return [_per_year(run, final, "date_received", "adult_concerns_received")]
    if extract == "s42_enquiries":
        s42 = final.filter(pl.col("enquiry_type") == "S42")
        led = pl.col("rec").is_in(s42["concern_rec"].unique().implode())
        return [_per_year(run, held.pop("concerns"), "date_received", "adult_concerns_to_s42", led),
                _per_year(run, s42, "start_date", "s42_enquiries_started"),
                _per_year(run, s42, "end_date", "s42_enquiries_concluded")]
    if extract == "police_incidents":
        cse = pl.col("cse_marker")
        return [_per_year(run, final, "recorded_date", "police_child_abuse_incidents"),
                _per_year(run, final, "recorded_date", "cse_incidents", cse),
                _per_year(run, final, "recorded_date", "cse_crimes_recorded", cse & pl.col("crime_recorded"))]
    return [_per_year(run, final, "session_date", "training_attended", pl.col("attendance") == "ATTENDED")]


def _rate(open_: int, children: int) -> float | None:
    return 10000.0 * open_ / children if children else None


def by_place(run: Run, groups: list[pl.DataFrame], children: dict[tuple[str, int], int]) -> dict:
    """{"by_la": {la_code: {figure: {fy: value}}}, "by_partnership": {code: ...}}, zeros
    included; `children` is (la_code, mid_year) -> residents aged 0 to 17."""
    codes, years = run.places.codes, run.timeline.fy_labels()
    first = run.timeline.first_year
    grid = pl.DataFrame({"la": np.repeat(np.arange(run.las), len(years)),
                         "fy": np.tile(np.arange(first, first + len(years)), run.las)},
                        schema={"la": pl.Int64, "fy": pl.Int32})
    for group in groups:
        grid = grid.join(group.with_columns(pl.col("la").cast(pl.Int64), pl.col("fy").cast(pl.Int32)),
                         on=["la", "fy"], how="left")
    labels = pl.col("fy").replace_strict(range(first, first + len(years)), years)
    grid = grid.fill_null(0).with_columns(fy=labels)
    names = [c for c in grid.columns if c not in ("la", "fy")]
    by_la: dict[str, dict] = {code: {name: {} for name in names + ["cp_open_rate_per_10k"]} for code in codes}
    for row in grid.iter_rows(named=True):
        place = by_la[codes[row["la"]]]
        for name in names:
            place[name][row["fy"]] = row[name]
        place["cp_open_rate_per_10k"][row["fy"]] = _rate(row["cp_open_at_period_end"],
                                                         children[(codes[row["la"]], int(row["fy"][:4]))])
    partnerships = {}
    for members in run.places.partnerships:
        las = [codes[la] for la in members]
        place = {name: {fy: sum(by_la[la][name][fy] for la in las) for fy in years} for name in names}
        place["cp_open_rate_per_10k"] = {fy: _rate(place["cp_open_at_period_end"][fy],
                                                   sum(children[(la, int(fy[:4]))] for la in las)) for fy in years}
        partnerships[run.places.partnership_code(members)] = place
    return {"by_la": by_la, "by_partnership": partnerships}
