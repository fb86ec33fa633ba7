"""police_incidents for every LA: one row in the month an incident is recorded; some are sent
again one to three months later, corrected: a crime confirmed after the incident was first
sent (40% of CSE crimes, 6% of others) or, for 1%, an age filled in. Incident ids look like
`L001/0001234/21` (LA, serial, year recorded); `child_ref` is empty for 12% and repeats for
children seen more than once.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from .columns import dates, ident, ints, record
from .run import Run, serials, spread

CSE, CRIME, CSE_CRIME = 0.05, 0.30, 0.25


def rows(run: Run) -> pl.DataFrame:
    """The rows of every police_incidents file: la, month, pos and the contract columns."""
    rng = run.rng("police_incidents")
    t = run.timeline
    la, day = spread(rng, run.counts("police_incidents", t.periods()), t.periods(), 0.8)
    n, serial = len(la), serials(la)
    month = t.month_of(day)
    per_la = np.bincount(la, minlength=run.las)
    ref = (rng.random(n) * 2.5 * per_la[la]).astype(np.int64) + 1
    no_ref = rng.random(n) < 0.12
    age = np.minimum(17, rng.triangular(0, 12, 18, n).astype(np.int64))
    no_age = rng.random(n) < 0.05
    cse = rng.random(n) < CSE
    crime = rng.random(n) < np.where(cse, CSE_CRIME, CRIME)
    roll = rng.random(n)
    can = month < t.incremental
    late_crime = can & crime & (roll < np.where(cse, 0.4, 0.06))
    late_age = can & ~late_crime & ~no_age & (roll > 0.99)
    corrected_in = np.minimum(month + rng.integers(1, 4, n), t.incremental)
    year = pl.Series((np.asarray(day, dtype=np.int64).astype("datetime64[D]").astype("datetime64[Y]")
                      .astype(np.int64) + 1970) % 100)
    base = pl.DataFrame({
        "la": la, "rec": record(la, serial),
        "incident_id": ident(la, "/", serial, "/" + year.cast(pl.String).str.zfill(2)),
        "recorded_date": dates(day), "child_ref": ident(la, "R", ref),
        "cse_marker": cse}).with_columns(
        child_ref=pl.when(pl.Series(no_ref)).then(None).otherwise(pl.col("child_ref")))
    first = base.with_columns(month=pl.Series(month), pos=pl.Series(day * 1e7 + serial),
                              child_age=ints(age, no_age | late_age),
                              crime_recorded=pl.Series(crime & ~late_crime))
    again = base.with_columns(month=pl.Series(corrected_in), pos=pl.Series(4e12 + serial.astype(float)),
                              child_age=ints(age, no_age), crime_recorded=pl.Series(crime))
    columns = ["la", "month", "pos", "rec", "incident_id", "recorded_date", "child_ref", "child_age",
               "cse_marker", "crime_recorded"]
    return pl.concat([first.select(columns), again.filter(pl.Series(late_crime | late_age)).select(columns)])
