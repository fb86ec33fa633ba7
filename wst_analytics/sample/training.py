"""Training bookings (`training_attendance`, partner `wst`).

What this module plants (the content):
- exactly the published number of course types with a session in the year (61 in 2018-19,
  67 in 2019-20) - a session is (course_code, session_date);
- non-attendance (DNA) charges summing exactly to the year's fees income (GBP 503.00 in 2018-19
  and 11,765.00 in 2019-20, from the cabinet report): GBP 50 and GBP 35 charges plus one odd
  amount;
- no session at all in the months whose return is missing (August 2019 by default), and a
  session with an en dash / pound sign title in every month written in Windows-1252.
A month's file holds the bookings for sessions dated in that month.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal

from .calendar import days_between, fy_bounds, is_working_day, month_of
from .courses import ALWAYS, CATALOGUE, NON_ASCII_CODES
from .people import IdMaker, apportion, scaled, weighted
from .targets import YearTargets

COLUMNS = ["booking_id", "course_code", "course_title", "session_date", "delivery", "capacity",
           "attendee_agency", "attendance", "dna_charge_gbp"]
KEY = ("booking_id",)
AGENCIES = {"CWC": 30, "SCHOOLS": 20, "RWT": 12, "VOL": 12, "WMP": 8, "BCPFT": 6, "CCG": 5,
            "EARLY_YEARS": 4, "NPS": 3}
ATTENDANCE = {"ATTENDED": 78, "DNA": 12, "CANCELLED": 10}
SESSIONS_PER_TYPE = 3.3


@dataclass
class Booking:
    booking_id: str
    code: str
    title: str
    day: dt.date
    delivery: str
    capacity: int
    agency: str
    attendance: str
    charge: Decimal | None = None


def split_charges(rng: random.Random, total: Decimal) -> list[Decimal]:
    """GBP 50 and 35 charges plus one odd amount, adding up to `total` exactly."""
    pence = int(total * 100)
    odd = min(pence, 2500 + pence % 500)
    rest = pence - odd  # a multiple of 500, so 50s and 35s can make it up
    fives = rest // 5000
    while fives >= 0 and (rest - 5000 * fives) % 3500:
        fives -= 1
    if fives < 0:  # too small to make up from 50s and 35s: one amount
        return [total] if pence else []
    threes = (rest - 5000 * fives) // 3500
    swaps = rng.randint(fives // 35, fives // 18)  # 7 x 50 -> 10 x 35, for a realistic mix
    fives, threes = fives - 7 * swaps, threes + 10 * swaps
    amounts = [5000] * fives + [3500] * threes + ([odd] if odd else [])
    rng.shuffle(amounts)
    return [Decimal(a) / 100 for a in amounts]


def _sessions(rng, fy, t: YearTargets, scale, skip_months, non_ascii_months):
    lo, hi = fy_bounds(fy)
    days = [d for d in days_between(lo, hi) if is_working_day(d) and month_of(d) not in skip_months]
    n = min(t.course_types, len(CATALOGUE))
    courses = CATALOGUE[:min(ALWAYS, n)] + rng.sample(CATALOGUE[ALWAYS:], max(0, n - ALWAYS))
    total = max(n, scaled(int(SESSIONS_PER_TYPE * t.course_types / max(scale, 1e-9)), scale))
    extra = apportion(total - n, {c[0]: c[2] * rng.uniform(0.7, 1.3) for c in courses})
    sessions = []
    for code, title, _, online in courses:
        for day in rng.sample(days, min(len(days), 1 + extra[code])):
            sessions.append((code, title, day, online))
    for month in non_ascii_months:
        month_days = [d for d in days if month_of(d) == month]
        if month_days and not any(month_of(s[2]) == month and s[0] in NON_ASCII_CODES for s in sessions):
            code, title, _, online = next(c for c in courses if c[0] in NON_ASCII_CODES)
            sessions.append((code, title, rng.choice(month_days), online))
    return sorted(set(sessions), key=lambda s: (s[2], s[0]))


def generate(rng: random.Random, years: list[str], targets: dict[str, YearTargets], ids: IdMaker,
             scale: float, skip_months: set[str], non_ascii_months: list[str]) -> list[Booking]:
    """Every booking, with its attendance and any DNA charge."""
    out: list[Booking] = []
    for fy in years:
        year: list[Booking] = []
        for code, title, day, online in _sessions(rng, fy, targets[fy], scale, skip_months,
                                                  non_ascii_months):
            delivery = "ONLINE" if rng.random() < (0.7 if online else 0.08) else "F2F"
            capacity = rng.randint(12, 20) if delivery == "ONLINE" else rng.randint(16, 32)
            for _ in range(max(3, round(capacity * rng.uniform(0.55, 1.0)))):
                year.append(Booking(ids.make("BK", 7), code, title, day, delivery, capacity,
                                    weighted(rng, AGENCIES), weighted(rng, ATTENDANCE)))
        charges = split_charges(rng, targets[fy].dna_charges)
        dna = [b for b in year if b.attendance == "DNA"]
        attended = [b for b in year if b.attendance == "ATTENDED"]
        for booking in rng.sample(attended, max(0, min(len(attended), len(charges) - len(dna)))):
            booking.attendance = "DNA"
            dna.append(booking)
        for booking, charge in zip(rng.sample(dna, min(len(dna), len(charges))), charges):
            booking.charge = charge
        out.extend(year)
    out.sort(key=lambda b: (b.day, b.code, b.booking_id))
    return out


def row(booking: Booking) -> dict:
    return {"booking_id": booking.booking_id, "course_code": booking.code,
            "course_title": booking.title, "session_date": booking.day,
            "delivery": booking.delivery, "capacity": booking.capacity,
            "attendee_agency": booking.agency, "attendance": booking.attendance,
            "dna_charge_gbp": booking.charge}


def monthly_rows(bookings: list[Booking], months: list[str]) -> dict[str, list[dict]]:
    """Each month's rows: the bookings for sessions dated in the month."""
    out: dict[str, list[dict]] = {m: [] for m in months}
    for booking in bookings:
        out[month_of(booking.day)].append(row(booking))
    return out
