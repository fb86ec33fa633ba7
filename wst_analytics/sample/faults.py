"""Invalid rows: each breaks exactly one rule in exactly one column, on a junk key that appears
nowhere else, so the truth is unaffected and the expected quarantine is unambiguous.

Plants rows in all five monthly extracts (CSV files that are the final version of their month),
using the loader's rule ids: `required`, `invalid_date` (impossible dates, a month-first date),
`invalid_integer`, `invalid_flag`, `code_list`, `format`, `range`, `after_month_end`,
`end_after_start`, `same_day_plan`, `dob_or_expected_dob`, `risk_outcome_required`,
`msp_achieved_requires_expressed` and `end_not_before_start`. Each row starts as a copy of a
valid row of the same file, gets a new key, then has one value broken.
"""

from __future__ import annotations

import datetime as dt
import random

from .calendar import month_end, month_start
from .model import Plants, RawFile
from .people import IdMaker


def _bad_date(f: RawFile, day: int, month: int) -> str:
    year = int(f.month[:4])
    return f"{year}-{month:02d}-{day:02d}" if f.date_style == "iso" else f"{day:02d}/{month:02d}/{year}"


def _month_first(f: RawFile) -> str:
    """A month-first US date (MM/DD/YYYY with day > 12): invalid in UK order."""
    return f"{int(f.month[5:]):02d}/23/{f.month[:4]}"


def _after(f: RawFile, days: int) -> dt.date:
    return month_end(f.month) + dt.timedelta(days=days)


def _ended(f: RawFile, row: dict) -> dt.date:
    return max(row["start_date"], month_start(f.month))


# extract -> [(preferred month, column, rule, change)]: change(row, file) breaks the row
FAULTS = {
    "cp_plans": [
        ("2018-06", "child_id", "format", lambda r, f: r.update(child_id="C-" + r["child_id"][1:])),
        ("2018-09", "cpp_end_date", "same_day_plan",
         lambda r, f: r.update(cpp_end_date=r["cpp_start_date"])),
        ("2018-12", "cpp_end_date", "end_after_start",
         lambda r, f: r.update(cpp_end_date=r["cpp_start_date"] - dt.timedelta(days=3))),
        ("2019-04", "date_of_birth", "dob_or_expected_dob",
         lambda r, f: r.update(date_of_birth=None, expected_date_of_birth=None)),
        ("2019-07", "previous_cpp_count", "range", lambda r, f: r.update(previous_cpp_count=-1)),
        ("2019-09", "previous_cpp_count", "invalid_integer", lambda r, f: r.update(previous_cpp_count="two")),
        ("2019-11", "latest_category", "code_list", lambda r, f: r.update(latest_category="NEGLECT")),
        ("2020-01", "sex", "required", lambda r, f: r.update(sex=None)),
        ("2018-05", "cpp_start_date", "after_month_end",
         lambda r, f: r.update(cpp_start_date=_after(f, 6), cpp_end_date=None, icpc_date=None,
                               strategy_discussion_date=None)),
        ("2020-02", "icpc_date", "invalid_date",
         lambda r, f: r.update(icpc_date=_bad_date(f, 30, 2), strategy_discussion_date=None)),
    ],
    "adult_concerns": [
        ("2018-08", "age", "range", lambda r, f: r.update(age=130)),
        ("2018-12", "location_of_risk", "code_list", lambda r, f: r.update(location_of_risk="GARDEN")),
        ("2019-09", "date_received", "invalid_date", lambda r, f: r.update(date_received=_month_first(f))),
        ("2019-06", "person_id", "required", lambda r, f: r.update(person_id=None)),
        ("2019-10", "age", "invalid_integer", lambda r, f: r.update(age="forty")),
        ("2020-01", "date_received", "after_month_end", lambda r, f: r.update(date_received=_after(f, 2))),
        ("2019-12", "types_of_risk", "code_list", lambda r, f: r.update(types_of_risk="NEGLECT;HARASSMENT")),
    ],
    "s42_enquiries": [
        ("2018-07", "risk_outcome", "risk_outcome_required",
         lambda r, f: r.update(end_date=_ended(f, r), risk_outcome=None, msp_expressed=None,
                               msp_achieved=None)),
        ("2019-03", "msp_achieved", "msp_achieved_requires_expressed",
         lambda r, f: r.update(end_date=_ended(f, r), risk_outcome="RISK_REDUCED", msp_asked="Y",
                               msp_expressed="N", msp_achieved="FULLY")),
        ("2019-08", "end_date", "end_not_before_start",
         lambda r, f: r.update(end_date=r["start_date"] - dt.timedelta(days=3), risk_outcome="NO_RISK",
                               msp_expressed=None, msp_achieved=None)),
        ("2019-12", "enquiry_type", "code_list", lambda r, f: r.update(enquiry_type="S24")),
        ("2020-02", "person_id", "required", lambda r, f: r.update(person_id=None)),
    ],
    "police_incidents": [
        ("2018-07", "child_age", "range", lambda r, f: r.update(child_age=19)),
        ("2018-11", "cse_marker", "invalid_flag", lambda r, f: r.update(cse_marker="Maybe")),
        ("2019-02", "recorded_date", "invalid_date",
         lambda r, f: r.update(recorded_date=_bad_date(f, 31, 2))),
        ("2019-08", "crime_recorded", "required", lambda r, f: r.update(crime_recorded=None)),
        ("2019-10", "recorded_date", "after_month_end", lambda r, f: r.update(recorded_date=_after(f, 3))),
        ("2020-03", "child_age", "invalid_integer", lambda r, f: r.update(child_age="twelve")),
    ],
    "training_attendance": [
        ("2018-06", "capacity", "range", lambda r, f: r.update(capacity=0)),
        ("2018-11", "attendance", "code_list", lambda r, f: r.update(attendance="NO SHOW")),
        ("2019-05", "capacity", "invalid_integer", lambda r, f: r.update(capacity="twenty")),
        ("2019-07", "attendee_agency", "required", lambda r, f: r.update(attendee_agency=None)),
        ("2020-02", "session_date", "invalid_date", lambda r, f: r.update(session_date=_bad_date(f, 30, 2))),
    ],
}


def _junk_key(r: dict, f: RawFile, ids: IdMaker) -> None:
    yymm = f.month[2:4] + f.month[5:]
    if f.extract == "cp_plans":
        r["child_id"] = ids.make("C", 7)
    elif f.extract == "adult_concerns":
        r.update(concern_id=ids.make(f"AC{yymm}", 5), person_id=ids.make("P", 7))
    elif f.extract == "s42_enquiries":
        r["enquiry_id"] = ids.make("EQ", 7)
    elif f.extract == "police_incidents":
        r["incident_id"] = ids.make("20/9", 5, f"/{f.month[2:4]}")
    else:
        r.update(booking_id=ids.make("BK", 7), dna_charge_gbp=None)


def _template(f: RawFile, rng: random.Random, avoid: set[str]) -> dict | None:
    rows = [r for r in f.rows if r.get("record_status", "active") == "active"
            and r.get("concern_id") not in avoid]
    if f.extract == "s42_enquiries":  # a real S42 enquiry: its concern is known and already S42
        rows = [r for r in rows if str(r["enquiry_type"]).strip().upper() == "S42"]
    if f.extract == "cp_plans":  # a born child, so only the broken rule fails
        rows = [r for r in rows if r["date_of_birth"] is not None]
    return dict(rng.choice(rows)) if rows else None


def plant(files: list[RawFile], rng: random.Random, ids: IdMaker, plants: Plants,
          avoid_concerns: set[str]) -> None:
    """Add the invalid rows, each at a random position in its file (never copying a row that
    refers to a concern in `avoid_concerns`, e.g. the unknown concern)."""
    for extract, faults in FAULTS.items():
        candidates = [f for f in files if f.extract == extract and f.fmt == "csv" and not f.superseded]
        for preferred, column, rule, change in faults:
            if not candidates:
                break
            start = next((i for i, f in enumerate(candidates) if f.month >= preferred), len(candidates) - 1)
            for f in candidates[start:] + candidates[:start]:
                row = _template(f, rng, avoid_concerns)
                if row is not None:
                    break
            else:
                continue
            _junk_key(row, f, ids)
            change(row, f)
            f.rows.insert(rng.randrange(len(f.rows) + 1), row)
            plants.invalid.append((f, row, column, rule))
