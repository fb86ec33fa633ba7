"""Adult safeguarding concerns (`adult_concerns`, partner `cwc-asc`).

What this module plants (the content):
- exactly the published number of concerns received each year (2,245 and 2,668) and, for
  2019-20, the exact published breakdowns by location of risk, age band (12 aged 18 or under,
  16 with no age) and type of risk (a concern counts once under each of its types; every
  concern has at least one type and some have three);
- the same person_id on several concerns;
- corrections: some concerns are sent again in a later month with a corrected location of risk
  (or age); the later month's version is the truth.
A concern appears in the file of the month it was received, and again when corrected.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from .calendar import add_months, fy_bounds, month_of, monthly_versions
from .people import IdMaker, expand, shuffled, spread_dates, weighted
from .targets import YearTargets

COLUMNS = ["concern_id", "person_id", "date_received", "age", "sex", "types_of_risk",
           "location_of_risk"]
KEY = ("concern_id",)
AGE_RANGES = {"18_or_under": (17, 18), "19-29": (19, 29), "30-39": (30, 39), "40-49": (40, 49),
              "50-59": (50, 59), "60-69": (60, 69), "70-79": (70, 79), "80-89": (80, 89),
              "90_plus": (90, 104)}
LOCATION_AGE = {"CARE_HOME_NURSING": 86, "CARE_HOME_RESIDENTIAL": 83, "HOSPITAL_COMMUNITY": 74,
                "HOSPITAL_ACUTE": 72, "HOSPITAL_MENTAL_HEALTH": 45, "OWN_HOME": 58,
                "COMMUNITY": 42, "COMMUNITY_SERVICE": 48, "OTHER": 55}
SEX = {"F": 58, "M": 40, "U": 1, "": 1}


@dataclass
class Concern:
    """One concern in its final (true) state."""

    concern_id: str
    person_id: str
    received: dt.date
    age: int | None
    sex: str | None
    types: list[str]
    location: str
    first_version: dict = field(default_factory=dict)  # wrong values sent before a correction
    corrected_in: str | None = None                    # month whose file corrects them


def _age(rng: random.Random, band: str) -> int | None:
    if band == "not_known":
        return None
    if band == "18_or_under":
        return 18 if rng.random() < 0.75 else 17
    low, high = AGE_RANGES[band]
    return min(high, low + int(rng.expovariate(1 / 4))) if band == "90_plus" else rng.randint(low, high)


def type_sets(rng: random.Random, counts: dict[str, int], n: int) -> list[list[str]]:
    """n sets of type codes using each code exactly counts[code] times, every set non-empty,
    no code twice in a set, and (when possible) at least one set with three codes."""
    mentions = shuffled(rng, expand(counts))
    mentions += ["NEGLECT"] * max(0, n - len(mentions))  # only at tiny scales
    sets = [[code] for code in mentions[:n]]
    for code in mentions[n:]:
        for _ in range(60):
            chosen = sets[rng.randrange(n)]
            if code not in chosen:
                break
        else:
            chosen = next(s for s in sets if code not in s)
        chosen.append(code)
    if not any(len(s) >= 3 for s in sets):
        pairs = [s for s in sets if len(s) == 2]
        for a in pairs:
            donor = next((b for b in pairs if b is not a and b[1] not in a), None)
            if donor:
                a.append(donor.pop())
                break
    return sets


def _year(rng: random.Random, fy: str, t: YearTargets, ids: IdMaker, persons: dict) -> list[Concern]:
    lo, hi = fy_bounds(fy)
    dates = spread_dates(rng, t.concerns, lo, hi, weekend_weight=0.35)
    ages = [_age(rng, band) for band in expand(t.age_bands)]
    # pair locations with ages loosely (care homes older, community younger)
    locations = sorted(expand(t.locations), key=lambda c: LOCATION_AGE[c] + rng.gauss(0, 15))
    ages.sort(key=lambda a: (60 if a is None else a) + rng.gauss(0, 15))
    pairs = shuffled(rng, list(zip(locations, ages)))
    out = []
    for day, (location, age), types in zip(dates, pairs, type_sets(rng, t.types, t.concerns)):
        pool = persons.setdefault(age, [])
        if pool and rng.random() < 0.12:
            person = rng.choice(pool)
        else:
            person = ids.make("P", 7)
            pool.append(person)
        out.append(Concern(ids.make(f"AC{day:%y%m}", 5), person, day, age,
                           weighted(rng, SEX) or None, types, location))
    return out


def _corrections(rng: random.Random, concerns: list[Concern], last_month: str) -> None:
    """About 1% of concerns are first sent with a wrong location (or age) and corrected in a
    later month."""
    for concern in concerns:
        month = month_of(concern.received)
        if month >= last_month or rng.random() >= 0.01:
            continue
        if rng.random() < 0.75:
            wrong = rng.choice([c for c in LOCATION_AGE if c != concern.location])
            concern.first_version = {"location_of_risk": wrong}
        else:
            concern.first_version = {"age": None if concern.age else 50}
        concern.corrected_in = min(add_months(month, rng.choice([1, 1, 2])), last_month)


def generate(rng: random.Random, years: list[str], targets: dict[str, YearTargets],
             ids: IdMaker, last_month: str) -> list[Concern]:
    """Every concern, in its final state, ordered by date received."""
    persons: dict = {}
    concerns = [c for fy in years for c in _year(rng, fy, targets[fy], ids, persons)]
    _corrections(rng, concerns, last_month)
    return concerns


def row(concern: Concern, month: str) -> dict:
    """The concern as sent in `month` (its own month, or the month it was corrected)."""
    out = {"concern_id": concern.concern_id, "person_id": concern.person_id,
           "date_received": concern.received, "age": concern.age, "sex": concern.sex,
           "types_of_risk": ";".join(concern.types), "location_of_risk": concern.location}
    if month != concern.corrected_in:
        out.update(concern.first_version)
    return out


def monthly_rows(concerns: list[Concern], months: list[str]) -> dict[str, list[dict]]:
    """Each month's rows: concerns received in the month, then corrections of earlier ones."""
    return monthly_versions(concerns, months, lambda concern: concern.received, row)
