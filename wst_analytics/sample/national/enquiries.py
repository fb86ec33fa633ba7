"""s42_enquiries for every LA: each enquiry follows a concern of the same LA (about 170 for
every 600 concerns) and starts on or after the day it was received. It is sent in the month
it starts (no end date, outcome or results yet) and again in the month it ends, with
end_date, risk_outcome and the Making Safeguarding Personal results; an enquiry that starts
and ends in one month is sent once, complete.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from ..enquiries import OUTCOMES
from .columns import dates, ident, pick, record
from .concerns import Concerns
from .run import Run, choose, serials
from .scales import ENGLAND_PER_YEAR

PER_CONCERN = ENGLAND_PER_YEAR["s42_enquiries"] / ENGLAND_PER_YEAR["adult_concerns"]
KINDS = ["S42", "OTHER"]
ASKED, EXPRESSED, ACHIEVED = ["Y", "N", "U"], ["Y", "N"], ["FULLY", "PARTIALLY", "NOT"]


def rows(run: Run, c: Concerns) -> pl.DataFrame:
    """The rows of every s42_enquiries file: la, month, pos and the contract columns."""
    rng = run.rng("s42_enquiries")
    chosen = np.flatnonzero(rng.random(len(c.la)) < PER_CONCERN)
    lag = np.where(rng.random(len(chosen)) < 0.9, rng.integers(0, 21, len(chosen)),
                   rng.integers(21, 46, len(chosen)))
    start = c.day[chosen] + lag
    keep = start <= run.timeline.last_day
    chosen, start = chosen[keep], start[keep]
    order = np.lexsort((start, c.la[chosen]))  # serials in order of start within each LA
    chosen, start = chosen[order], start[order]
    n, la = len(chosen), c.la[chosen]
    kind = (rng.random(n) < 0.12).astype(np.int64)
    end = start + np.where(kind == 0, rng.integers(14, 161, n), rng.integers(3, 61, n))
    ended = end <= run.timeline.last_day
    asked = choose(rng, {"Y": 80, "N": 15, "U": 5}, n)
    expressed = np.where(rng.random(n) < 0.85, 0, 1)
    achieved = choose(rng, {"FULLY": 60, "PARTIALLY": 30, "NOT": 10}, n)
    start_month, end_month = run.timeline.month_of(start), run.timeline.month_of(end)
    base = pl.DataFrame({
        "la": la, "pos": start * 1e7 + serials(la), "enquiry_id": ident(la, "EQ", serials(la)),
        "rec": record(la, serials(la)), "concern_rec": record(c.la[chosen], c.serial[chosen]),
        "concern_id": c.ids(chosen), "person_id": ident(la, "P", c.person[chosen]),
        "enquiry_type": pick(KINDS, kind), "start_date": dates(start),
        "msp_asked": pick(ASKED, asked)})
    done = base.with_columns(
        month=pl.Series(end_month), end_date=dates(end),
        risk_outcome=pick(list(OUTCOMES), choose(rng, OUTCOMES, n)),
        msp_expressed=pick(EXPRESSED, expressed, asked != 0),
        msp_achieved=pick(ACHIEVED, achieved, (asked != 0) | (expressed != 0)))
    opened = base.with_columns(month=pl.Series(start_month), end_date=dates(start, np.ones(n, bool)),
                               risk_outcome=pl.lit(None, pl.String), msp_expressed=pl.lit(None, pl.String),
                               msp_achieved=pl.lit(None, pl.String))
    columns = ["la", "month", "pos", "rec", "concern_rec", "enquiry_id", "concern_id", "person_id",
               "enquiry_type",
               "start_date", "end_date", "risk_outcome", "msp_asked", "msp_expressed", "msp_achieved"]
    return pl.concat([opened.filter(pl.Series(~ended | (end_month > start_month))).select(columns),
                      done.filter(pl.Series(ended)).select(columns)])
