"""The children on CP plans: one `Plan` per plan with the child's details.

Plants unborn children (an expected date of birth, the actual birth a little before or after
it, sex `U` until then), a plausible spread of ages, ethnicities and previous plans, and the
strategy discussion / ICPC dates: the ICPC is the conference that starts the plan (usually on
the start date), held within 15 working days of the strategy discussion for most plans but not
all. No child is 18 or over while their plan is open.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from .calendar import add_working_days
from .people import IdMaker, weighted

AGE_AT_START = {"unborn": 9, "under_1": 12, "1-4": 24, "5-9": 24, "10-15": 26, "16-17": 5}
AGE_DAYS = {"under_1": (7, 364), "1-4": (365, 5 * 365), "5-9": (5 * 365 + 2, 10 * 365),
            "10-15": (10 * 365 + 3, 16 * 365), "16-17": (16 * 365 + 4, 18 * 365 - 20)}
ETHNICITY = {"WBRI": 55, "MWBC": 6, "AIND": 6, "APKN": 3, "BCRB": 5, "BAFR": 3, "WOTH": 4,
             "MOTH": 3, "MWBA": 2, "AOTH": 2, "BOTH": 1, "WROM": 1, "WIRT": 0.5, "NOBT": 2,
             "REFU": 1, "OOTH": 2, "CHNE": 0.5, "ABAN": 0.5, "WIRI": 0.5, "MWAS": 1, "": 3}
PREVIOUS = {"0": 78, "1": 16, "2": 5, "3": 1}


@dataclass
class Plan:
    """One plan in its final (true) state; `cp_plans.row` derives each month's version."""

    child_id: str
    start: dt.date
    end: dt.date | None
    data_end: dt.date                  # last day the sample covers
    end_reported: str | None = None    # month whose file first carries the end date
    dob: dt.date | None = None         # actual birth (None: not born by the end of the data)
    edd: dt.date | None = None         # expected date of birth, for a child unborn at the start
    sex: str = "U"
    ethnicity: str | None = None
    strategy: dt.date | None = None
    icpc: dt.date | None = None
    initial_category: str = "NEG"
    latest_category: str = "NEG"
    category_changed: dt.date | None = None
    previous: int = 0


def eighteenth_birthday(dob: dt.date) -> dt.date:
    try:
        return dob.replace(year=dob.year + 18)
    except ValueError:  # 29 February
        return dt.date(dob.year + 18, 3, 1)


def _birth(rng: random.Random, start: dt.date, last: dt.date, data_end: dt.date):
    """(dob, edd) for a child who is under 18 until `last`."""
    while True:
        band = weighted(rng, AGE_AT_START)
        if band == "unborn":
            edd = start + dt.timedelta(days=rng.randint(14, 150))
            dob = edd + dt.timedelta(days=rng.randint(-14, 10))
            return (dob if dob <= data_end else None), edd
        low, high = AGE_DAYS[band]
        dob = start - dt.timedelta(days=rng.randint(low, high))
        if eighteenth_birthday(dob) > last:
            return dob, None


def _conference_dates(rng: random.Random, start: dt.date):
    """(strategy discussion, ICPC): ICPC on or a few days before the start; strategy discussion
    3-15 working days before the ICPC for most, 16-35 for some; a few have neither."""
    roll = rng.random()
    if roll < 0.02:
        return None, None
    icpc = start if rng.random() < 0.75 else start - dt.timedelta(days=rng.randint(1, 7))
    if roll < 0.04:
        return None, icpc
    lag = rng.randint(3, 15) if rng.random() < 0.88 else rng.randint(16, 35)
    return add_working_days(icpc, -lag), icpc


def new_plan(rng: random.Random, ids: IdMaker, start: dt.date, end: dt.date | None,
             data_end: dt.date) -> Plan:
    """A plan for a new child starting on `start` and ending on `end` (None: still open)."""
    dob, edd = _birth(rng, start, end or data_end, data_end)
    strategy, icpc = _conference_dates(rng, start)
    return Plan(child_id=ids.make("C", 7), start=start, end=end, data_end=data_end, dob=dob,
                edd=edd, sex=rng.choice("MF") if rng.random() < 0.99 else "U",
                ethnicity=weighted(rng, ETHNICITY) or None, strategy=strategy, icpc=icpc,
                previous=int(weighted(rng, PREVIOUS)))
