"""Safeguarding enquiries (`s42_enquiries`, partner `cwc-asc`).

What this module plants (the content):
- exactly the published number of concerns received each year that led to at least one S42
  enquiry (573 and 691); a few of those concerns lead to two S42 enquiries (still one
  concern), some also to an OTHER enquiry, and other concerns lead to an OTHER enquiry only;
- enquiries starting on or after the concern's date received (usually 0-20 days later, so a
  concern received late March can lead to an enquiry starting in April);
- one S42 enquiry whose concern_id never appears in adult_concerns (a data-quality case);
- an enquiry appears in the month it started, each month while open (no end date, outcome or
  Making Safeguarding Personal results yet) and the month it ended (risk_outcome and msp fields).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from .calendar import fy_bounds, month_end, month_of, month_start
from .people import IdMaker, weighted
from .targets import YearTargets

COLUMNS = ["enquiry_id", "concern_id", "person_id", "enquiry_type", "start_date", "end_date",
           "risk_outcome", "msp_asked", "msp_expressed", "msp_achieved"]
KEY = ("enquiry_id",)
OUTCOMES = {"RISK_REDUCED": 45, "RISK_REMOVED": 25, "NO_RISK": 10, "RISK_REMAINS": 8,
            "INCONCLUSIVE": 7, "CEASED_AT_REQUEST": 5}


@dataclass
class Enquiry:
    """One enquiry in its final (true) state."""

    enquiry_id: str
    concern_id: str
    person_id: str
    kind: str                  # S42 or OTHER
    start: dt.date
    end: dt.date | None
    risk_outcome: str | None
    msp_asked: str | None
    msp_expressed: str | None
    msp_achieved: str | None


def _new(rng: random.Random, ids: IdMaker, concern_id: str, person_id: str, kind: str,
         earliest: dt.date, data_end: dt.date) -> Enquiry:
    lag = rng.randint(0, 20) if rng.random() < 0.9 else rng.randint(21, 45)
    start = earliest + dt.timedelta(days=lag)
    if start > data_end:
        start = earliest + dt.timedelta(days=rng.randint(0, (data_end - earliest).days))
    days = rng.randint(14, 160) if kind == "S42" else rng.randint(3, 60)
    end = start + dt.timedelta(days=days)
    end = end if end <= data_end else None
    asked = weighted(rng, {"Y": 80, "N": 15, "U": 5})
    expressed = ("Y" if rng.random() < 0.85 else "N") if asked == "Y" else None
    achieved = weighted(rng, {"FULLY": 60, "PARTIALLY": 30, "NOT": 10}) if expressed == "Y" else None
    return Enquiry(ids.make("EQ", 7), concern_id, person_id, kind, start, end,
                   weighted(rng, OUTCOMES) if end else None, asked,
                   expressed if end else None, achieved if end else None)


def generate(rng: random.Random, years: list[str], targets: dict[str, YearTargets],
             concerns: list, ids: IdMaker, unknown_month: str) -> tuple[list[Enquiry], Enquiry]:
    """Every enquiry in its final state, and the one whose concern is unknown."""
    data_end = fy_bounds(years[-1])[1]
    out: list[Enquiry] = []
    for fy in years:
        lo, hi = fy_bounds(fy)
        pool = [c for c in concerns if lo <= c.received <= hi]
        chosen = rng.sample(range(len(pool)), targets[fy].to_s42)
        chosen_set = set(chosen)
        for index in sorted(chosen):
            c = pool[index]
            first = _new(rng, ids, c.concern_id, c.person_id, "S42", c.received, data_end)
            out.append(first)
            if rng.random() < 0.015:  # a second S42 enquiry for the same concern
                later = min(first.start + dt.timedelta(days=rng.randint(30, 150)), data_end)
                out.append(_new(rng, ids, c.concern_id, c.person_id, "S42", later, data_end))
            if rng.random() < 0.03:
                out.append(_new(rng, ids, c.concern_id, c.person_id, "OTHER", c.received, data_end))
        for index, c in enumerate(pool):
            if index not in chosen_set and rng.random() < 0.05:
                out.append(_new(rng, ids, c.concern_id, c.person_id, "OTHER", c.received, data_end))
    # an S42 enquiry about a concern (received some weeks earlier) that is never sent
    start = month_start(unknown_month) + dt.timedelta(days=rng.randint(2, 20))
    before = start - dt.timedelta(days=75)
    unknown = Enquiry(ids.make("EQ", 7), ids.make(f"AC{before:%y%m}", 5), ids.make("P", 7), "S42",
                      start, start + dt.timedelta(days=rng.randint(20, 60)), "RISK_REDUCED",
                      "Y", "Y", "PARTIALLY")
    out.append(unknown)
    out.sort(key=lambda e: (e.start, e.enquiry_id))
    return out, unknown


def row(enquiry: Enquiry, month: str) -> dict:
    """The enquiry as sent in `month`: end, outcome and msp results only once it has ended."""
    ended = enquiry.end is not None and enquiry.end <= month_end(month)
    return {"enquiry_id": enquiry.enquiry_id, "concern_id": enquiry.concern_id,
            "person_id": enquiry.person_id, "enquiry_type": enquiry.kind,
            "start_date": enquiry.start, "end_date": enquiry.end if ended else None,
            "risk_outcome": enquiry.risk_outcome if ended else None,
            "msp_asked": enquiry.msp_asked,
            "msp_expressed": enquiry.msp_expressed if ended else None,
            "msp_achieved": enquiry.msp_achieved if ended else None}


def monthly_rows(enquiries: list[Enquiry], months: list[str]) -> dict[str, list[dict]]:
    """Each month's rows: every enquiry open at any time in the month."""
    out: dict[str, list[dict]] = {m: [] for m in months}
    for enquiry in enquiries:
        last = month_of(enquiry.end) if enquiry.end else months[-1]
        for month in months:
            if month_of(enquiry.start) <= month <= last:
                out[month].append(row(enquiry, month))
    return out
