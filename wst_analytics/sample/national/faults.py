"""Invalid rows, about 0.1% of each extract's rows (and at least one of each kind, so even a
tiny sample has them): an impossible date (30 February), a code not in the list, a missing
required value, and a row sent twice in one file (both copies are quarantined as
`duplicate_key`). Each planted row breaks exactly one rule, on a column no cross-field rule
reads, so the loader's quarantine can be checked against `planted`.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from .run import Run

RATE = 0.001
BAD_DATE = object()  # 30 February of the file's year, in the file's date style
FAULTS = {  # extract -> [(column, rule the loader reports, value written; None = empty)]
    "cp_plans": [("icpc_date", "invalid_date", BAD_DATE), ("latest_category", "code_list", "NEGLECT"),
                 ("sex", "required", None)],
    "adult_concerns": [("date_received", "invalid_date", BAD_DATE),
                       ("location_of_risk", "code_list", "GARDEN"), ("person_id", "required", None)],
    "s42_enquiries": [("start_date", "invalid_date", BAD_DATE), ("enquiry_type", "code_list", "S24"),
                      ("person_id", "required", None)],
    "police_incidents": [("recorded_date", "invalid_date", BAD_DATE),
                         ("cse_marker", "invalid_flag", "Maybe"), ("crime_recorded", "required", None)],
    "training_attendance": [("session_date", "invalid_date", BAD_DATE),
                            ("attendance", "code_list", "NO SHOW"), ("attendee_agency", "required", None)],
}


def _bad_date(run: Run) -> pl.Expr:
    years = pl.Series([run.timeline.label(m)[:4] for m in range(run.timeline.n_months)])
    year = pl.col("month").replace_strict(list(range(len(years))), years)
    return pl.when(pl.col("uk")).then(pl.concat_str([pl.lit("30/02/"), year])).otherwise(
        pl.concat_str([year, pl.lit("-02-30")]))


def plant(run: Run, text: pl.DataFrame, extract: str
          ) -> tuple[pl.DataFrame, dict[str, int], dict[str, int], np.ndarray]:
    """The rows with the invalid ones planted, how many of each rule were planted, how many
    rows the loader should quarantine in raw/ and in incremental/ (one per planted fault, two
    per duplicated row), and which of the given rows are quarantined (the truth leaves them
    out)."""
    faults = FAULTS[extract]
    n = text.height
    kinds = len(faults) + 1  # the last kind: a duplicate row
    count = min(n, max(kinds, round(RATE * n)))
    if count == 0:
        return text, {}, {"raw": 0, "incremental": 0}, np.zeros(n, dtype=bool)
    rng = run.rng(f"faults:{extract}")
    chosen = rng.choice(n, size=count, replace=False)
    kind = np.full(n, -1, dtype=np.int64)
    kind[chosen] = rng.permutation(count) % kinds
    marked = text.with_columns(fault=pl.Series(kind))
    for index, (column, _, value) in enumerate(faults):
        bad = _bad_date(run) if value is BAD_DATE else pl.lit(value, pl.String)
        marked = marked.with_columns(pl.when(pl.col("fault") == index).then(bad)
                                     .otherwise(pl.col(column)).alias(column))
    copies = marked.filter(pl.col("fault") == len(faults)).with_columns(pl.col("pos") + 0.5)
    planted = {rule: int((kind == i).sum()) for i, (_, rule, _) in enumerate(faults)}
    planted["duplicate_key"] = int((kind == len(faults)).sum())
    late = text["month"].to_numpy() == run.timeline.incremental
    weight = np.where(kind == len(faults), 2, np.where(kind >= 0, 1, 0))
    expected = {"raw": int(weight[~late].sum()), "incremental": int(weight[late].sum())}
    return pl.concat([marked, copies]).drop("fault"), planted, expected, kind >= 0
