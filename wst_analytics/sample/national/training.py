"""training_attendance for every LA: sessions on working days, each with its bookings, sent in
the month of the session. Titles come from the city sample's catalogue; those with a comma
are given only to the first session of the files `styles` chose for one (so those files have
a quoted value), and the first session of each Windows-1252 file has a title with an en dash
or pound sign (so the file is not plain ASCII).
"""

from __future__ import annotations

import numpy as np
import polars as pl

from ..courses import CATALOGUE
from ..training import AGENCIES, ATTENDANCE
from .columns import dates, ident, ints, pick, record
from .run import Run, choose, serials, spread

BOOKINGS_PER_SESSION = 17
PLAIN = [c for c in CATALOGUE if "," not in c[1]]
COMMA = [c for c in CATALOGUE if "," in c[1]]
NON_ASCII = [i for i, c in enumerate(PLAIN) if not c[1].isascii()]
COURSES = PLAIN + COMMA


def _courses(rng: np.random.Generator, la: np.ndarray, month: np.ndarray, styles: pl.DataFrame,
             n_months: int) -> np.ndarray:
    """Index into COURSES of each session (sessions sorted by LA and day)."""
    n = len(la)
    course = choose(rng, {c[0]: c[2] for c in PLAIN}, n)
    file = la * n_months + month
    first = np.r_[True, file[1:] != file[:-1]] if n else np.zeros(0, bool)
    comma = styles["comma"].to_numpy()[file] & first
    special = styles["cp1252"].to_numpy()[file] & first
    course = np.where(comma, len(PLAIN) + rng.integers(0, len(COMMA), n), course)
    return np.where(special, np.array(NON_ASCII)[rng.integers(0, len(NON_ASCII), n)], course)


def rows(run: Run, styles: pl.DataFrame) -> pl.DataFrame:
    """The rows of every training_attendance file: la, month, pos and the contract columns."""
    rng = run.rng("training_attendance")
    t = run.timeline
    periods = t.periods()
    sessions = np.rint(run.counts("training_attendance", periods) / BOOKINGS_PER_SESSION).astype(np.int64)
    la, day = spread(rng, sessions, periods, weekend_weight=0.0)
    month = t.month_of(day)
    course = _courses(rng, la, month, styles, t.n_months)
    online = np.array([c[3] for c in COURSES])[course]
    delivery = (rng.random(len(la)) < np.where(online, 0.7, 0.08)).astype(np.int64)  # 1 = ONLINE
    capacity = np.where(delivery == 1, rng.integers(12, 21, len(la)), rng.integers(16, 33, len(la)))
    booked = np.maximum(3, np.rint(capacity * rng.uniform(0.55, 1.0, len(la)))).astype(np.int64)
    s = np.repeat(np.arange(len(la)), booked)
    n, serial = len(s), serials(la[s])
    attendance = choose(rng, ATTENDANCE, n)
    charged = (np.array(list(ATTENDANCE))[attendance] == "DNA") & (rng.random(n) < 0.4)
    return pl.DataFrame({
        "la": la[s], "month": month[s], "pos": day[s] * 1e7 + serial, "rec": record(la[s], serial),
        "booking_id": ident(la[s], "BK", serial),
        "course_code": pick([c[0] for c in COURSES], course[s]),
        "course_title": pick([c[1] for c in COURSES], course[s]),
        "session_date": dates(day[s]),
        "delivery": pick(["F2F", "ONLINE"], delivery[s]),
        "capacity": ints(capacity[s]),
        "attendee_agency": pick(list(AGENCIES), choose(rng, AGENCIES, n)),
        "attendance": pick(list(ATTENDANCE), attendance),
        "dna_charge_gbp": pick(["50.00", "35.00"], (rng.random(n) < 0.4).astype(np.int64), ~charged),
    })
