"""The true figures, computed from the generator's final in-memory records (never by
re-reading files) with the definitions in the indicator catalogue.

The final state of a record is its version from the latest month it was sent in (the same rule
the loader applies). Junk rows (invalid, deleted, dropped by a resubmission) are never part of
these records. Stock measures are taken on the period's last day; flows count events dated in
the period. Breakdowns list every code, including zeros.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal

from wst_analytics.extracts import SCHEMAS
from wst_analytics.extracts.spec import codes
from wst_analytics.indicators.catalogue import load_catalogue

from .calendar import fy_bounds

CATALOGUE = load_catalogue()

# code lists from the extracts' specs, age bands from the catalogue's breakdowns
CATEGORIES = codes(SCHEMAS["cp_plans"], "latest_category")
CP_AGE_BANDS = list(CATALOGUE["cp_open_by_age_band"].codes)
LOCATIONS = codes(SCHEMAS["adult_concerns"], "location_of_risk")
AGE_BANDS = list(CATALOGUE["adult_concerns_by_age_band"].codes)
TYPES = codes(SCHEMAS["adult_concerns"], "types_of_risk")
OUTCOMES = codes(SCHEMAS["s42_enquiries"], "risk_outcome")
AGENCIES = ["CWC", "SCHOOLS", "RWT", "VOL", "WMP", "BCPFT", "CCG", "EARLY_YEARS", "NPS"]


def final_state(versions: dict[str, list[dict]], key: tuple[str, ...]) -> list[dict]:
    """Latest month wins: the last version of each key, in first-seen order."""
    latest: dict[tuple, dict] = {}
    for month in sorted(versions):
        for row in versions[month]:
            latest[tuple(row[k] for k in key)] = row
    return list(latest.values())


def age_on(dob: dt.date, day: dt.date) -> int:
    return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))


def cp_age_band(row: dict, day: dt.date) -> str:
    dob = row["date_of_birth"]
    if dob is None or dob > day:
        return "unborn"
    age = age_on(dob, day)
    for limit, name in ((1, "under_1"), (5, "1-4"), (10, "5-9"), (16, "10-15")):
        if age < limit:
            return name
    return "16-17"


def adult_age_band(age: int | None) -> str:
    if age is None:
        return "not_known"
    if age <= 18:
        return "18_or_under"
    if age >= 90:
        return "90_plus"
    if age <= 29:
        return "19-29"
    low = age // 10 * 10
    return f"{low}-{low + 9}"


def _count(values, codes: list[str]) -> dict[str, int]:
    counted = Counter(values)
    extra = sorted(k for k in counted if k not in codes)
    return {code: counted.get(code, 0) for code in codes + extra}


def compute(years: list[str], finals: dict[str, list[dict]]) -> dict:
    """indicator_id -> period -> value (or -> {breakdown: value})."""
    truth: dict[str, dict] = {}

    def put(indicator: str, period: str, value) -> None:
        truth.setdefault(indicator, {})[period] = value

    plans, concerns = finals["cp_plans"], finals["adult_concerns"]
    enquiries, incidents = finals["s42_enquiries"], finals["police_incidents"]
    bookings = finals["training_attendance"]
    s42_concerns = {e["concern_id"] for e in enquiries if e["enquiry_type"] == "S42"}
    for fy in years:
        lo, hi = fy_bounds(fy)
        inside = lambda day: day is not None and lo <= day <= hi  # noqa: E731
        open_ = [p for p in plans if p["cpp_start_date"] <= hi
                 and (p["cpp_end_date"] is None or p["cpp_end_date"] > hi)]
        put("cp_open_at_period_end", fy, len(open_))
        put("cp_open_by_category", fy, _count([p["latest_category"] for p in open_], CATEGORIES))
        put("cp_open_by_age_band", fy, _count([cp_age_band(p, hi) for p in open_], CP_AGE_BANDS))
        put("cp_started", fy, sum(inside(p["cpp_start_date"]) for p in plans))
        put("cp_ended", fy, sum(inside(p["cpp_end_date"]) for p in plans))
        received = [c for c in concerns if inside(c["date_received"])]
        put("adult_concerns_received", fy, len(received))
        put("adult_concerns_to_s42", fy, sum(c["concern_id"] in s42_concerns for c in received))
        put("adult_concerns_by_location", fy, _count([c["location_of_risk"] for c in received], LOCATIONS))
        put("adult_concerns_by_age_band", fy, _count([adult_age_band(c["age"]) for c in received], AGE_BANDS))
        put("adult_concerns_by_type_of_risk", fy,
            _count([t for c in received for t in c["types_of_risk"].split(";")], TYPES))
        s42 = [e for e in enquiries if e["enquiry_type"] == "S42"]
        put("s42_enquiries_started", fy, sum(inside(e["start_date"]) for e in s42))
        concluded = [e for e in s42 if inside(e["end_date"])]
        put("s42_enquiries_concluded", fy, len(concluded))
        put("s42_concluded_by_risk_outcome", fy, _count([e["risk_outcome"] for e in concluded], OUTCOMES))
        recorded = [i for i in incidents if inside(i["recorded_date"])]
        put("police_child_abuse_incidents", fy, len(recorded))
        put("cse_incidents", fy, sum(i["cse_marker"] for i in recorded))
        put("cse_crimes_recorded", fy, sum(i["cse_marker"] and i["crime_recorded"] for i in recorded))
        booked = [b for b in bookings if inside(b["session_date"])]
        sessions = {(b["course_code"], b["session_date"]): b["capacity"] for b in booked}
        attended = [b for b in booked if b["attendance"] == "ATTENDED"]
        put("training_sessions", fy, len(sessions))
        put("training_course_types", fy, len({code for code, _ in sessions}))
        put("training_places", fy, sum(sessions.values()))
        put("training_attended", fy, len(attended))
        put("training_attended_by_agency", fy, _count([b["attendee_agency"] for b in attended], AGENCIES))
        charges = sum((b["dna_charge_gbp"] for b in booked if b["dna_charge_gbp"] is not None), Decimal(0))
        put("training_dna_charges_gbp", fy, float(charges))
    return truth
