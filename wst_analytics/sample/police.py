"""Child-abuse-related police incidents (`police_incidents`, partner `wmp`).

What this module plants (the content):
- exactly the published incidents recorded each year (2,654 and 2,600), of which with the CSE
  marker (148 and 102), of which with a crime recorded (27 and 36) - in the final state;
- corrections in later months: a crime confirmed after the incident was first sent arrives as
  the same incident_id in a later month with crime_recorded now true (and a few ages filled in
  later); the latest month's version is the truth;
- police references (`WMP...`) repeated for some children and empty for some incidents.
Incident ids are text like `20/123456/19` (force, serial, year).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from .calendar import add_months, fy_bounds, month_of, monthly_versions
from .model import RawFile
from .people import IdMaker, spread_dates
from .places import WOLVERHAMPTON
from .targets import YearTargets

COLUMNS = ["incident_id", "recorded_date", "child_ref", "child_age", "cse_marker", "crime_recorded"]
KEY = ("incident_id",)
FLAG_COLUMNS = ("cse_marker", "crime_recorded")


@dataclass
class Incident:
    """One incident in its final (true) state."""

    incident_id: str
    recorded: dt.date
    child_ref: str | None
    child_age: int | None
    cse: bool
    crime: bool
    first_version: dict = field(default_factory=dict)
    corrected_in: str | None = None


def _year(rng: random.Random, fy: str, t: YearTargets, ids: IdMaker, refs: list,
          serial: dict) -> list[Incident]:
    lo, hi = fy_bounds(fy)
    dates = spread_dates(rng, t.police, lo, hi, weekend_weight=0.8)
    cse = set(rng.sample(range(t.police), t.cse))
    crimes = set(rng.sample(sorted(cse), t.cse_crimes))
    out = []
    for index, day in enumerate(dates):
        year = day.year % 100
        serial[year] = serial.get(year, rng.randint(100000, 150000)) + rng.randint(1, 40)
        if rng.random() < 0.12:
            ref = None
        elif refs and rng.random() < 0.2:
            ref = rng.choice(refs)
        else:
            ref = ids.make("WMP", 7)
            refs.append(ref)
        age = None if rng.random() < 0.05 else min(17, int(rng.triangular(0, 18, 12)))
        crime = index in crimes if index in cse else rng.random() < 0.3
        out.append(Incident(f"20/{serial[year]:06d}/{year:02d}", day, ref, age, index in cse, crime))
    return out


def generate(rng: random.Random, years: list[str], targets: dict[str, YearTargets],
             ids: IdMaker, last_month: str) -> list[Incident]:
    """Every incident in its final state, with its first (uncorrected) version where it had one."""
    refs: list = []
    serial: dict = {}  # last serial used per calendar year (ids never repeat)
    incidents = [i for fy in years for i in _year(rng, fy, targets[fy], ids, refs, serial)]
    for incident in incidents:
        month = month_of(incident.recorded)
        if month >= last_month:
            continue
        roll = rng.random()
        if incident.crime and roll < (0.4 if incident.cse else 0.06):
            incident.first_version = {"crime_recorded": False}
        elif incident.child_age is not None and roll > 0.99:
            incident.first_version = {"child_age": None}
        else:
            continue
        incident.corrected_in = min(add_months(month, rng.randint(1, 3)), last_month)
    return incidents


def plant_shift(rng: random.Random, incidents: list[Incident], first_month: str, factor: float,
                ids: IdMaker) -> int:
    """A deliberate, sustained shift for testing the exception report: from `first_month` on,
    each month gets `factor` x its incidents again as extra (non-CSE) incidents. Returns how
    many were added. Off unless asked for: it changes the published figures."""
    months = sorted({month_of(i.recorded) for i in incidents if month_of(i.recorded) >= first_month})
    added = 0
    for month in months:
        days = [i.recorded for i in incidents if month_of(i.recorded) == month]
        for n in range(round(factor * len(days))):
            incidents.append(Incident(f"20/9{ids.make('', 5)}/{month[2:4]}", rng.choice(days),
                                      None, rng.randint(0, 17), False, False))
            added += 1
    return added


def row(incident: Incident, month: str) -> dict:
    out = {"incident_id": incident.incident_id, "recorded_date": incident.recorded,
           "child_ref": incident.child_ref, "child_age": incident.child_age,
           "cse_marker": incident.cse, "crime_recorded": incident.crime}
    if month != incident.corrected_in:
        out.update(incident.first_version)
    return out


def monthly_rows(incidents: list[Incident], months: list[str]) -> dict[str, list[dict]]:
    """Each month's rows: incidents recorded in the month, then corrections of earlier ones."""
    return monthly_versions(incidents, months, lambda incident: incident.recorded, row)


def add_la_code(files: list[RawFile]) -> None:
    """Every police file names the authority on each row, as the last column (a force's export
    names the LA; contract version 2). Added after the other plants, so nothing else changes."""
    for f in files:
        if f.extract == "police_incidents":
            f.columns.append("la_code")
            for row in f.rows:
                row["la_code"] = WOLVERHAMPTON
