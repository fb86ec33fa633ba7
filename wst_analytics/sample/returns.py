"""Return-level cases: versions of a month's return, deletions, unknown columns, received times.

Plants (months for the default years):
- a resubmission: `adult_concerns/cwc-asc_2019-05_v2.csv` replaces `cwc-asc_2019-05.csv`; the
  first version has some wrong values (corrected in v2) and one junk row that v2 drops;
- a rejected file: `police_incidents/wmp_2019-06.csv` lacks the required `cse_marker` column;
  `wmp_2019-06_resubmitted.csv` is the complete file, received a few days later;
- a deleted record: a junk concern sent in October 2018 and sent again in November 2018 with
  `record_status` = `deleted` (that file has the column, `active` on every other row);
- unknown columns holding personal data: `Child Name` in one cp_plans file, `Address` in one
  adult_concerns file;
- received times (file mtimes): the 3rd-12th of the next month, 09:00-17:00 UTC; resubmissions
  2-4 days after the version they replace; `wmp_2019-11.csv` late, on 20 December 2019;
- the missing training return for August 2019 (recorded here; the file is never made).
"""

from __future__ import annotations

import copy
import datetime as dt
import random

from .calendar import add_months, month_end, received_at
from .model import Plants, RawFile
from .people import IdMaker, fake_address, fake_name
from .styles import Layout


def _days_later(rng: random.Random, when: dt.datetime) -> dt.datetime:
    """A received time 2-4 days after `when`, again in office hours (09:00-17:00 UTC)."""
    day = when.date() + dt.timedelta(days=rng.randint(2, 4))
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc) + dt.timedelta(
        seconds=rng.randint(9 * 3600, 17 * 3600 - 1))


def _find(files: list[RawFile], extract: str, month: str) -> RawFile | None:
    return next((f for f in files if f.extract == extract and f.month == month and not f.suffix), None)


def _resubmission(rng, files, month, ids, plants) -> None:
    v2 = _find(files, "adult_concerns", month)
    if v2 is None or not v2.rows:
        return
    v1 = copy.deepcopy(v2)
    v1.superseded, v2.suffix = True, "v2"
    corrected = []
    for row in rng.sample(v1.rows, min(3, len(v1.rows))):
        was = str(row["location_of_risk"]).strip().upper()
        row["location_of_risk"] = "OTHER" if was == "OWN_HOME" else "OWN_HOME"
        corrected.append(row["concern_id"])
    junk = dict(rng.choice(v1.rows), concern_id=ids.make(f"AC{month[2:4]}{month[5:]}", 5),
                person_id=ids.make("P", 7))
    v1.rows.insert(rng.randrange(len(v1.rows) + 1), junk)
    v1.received_at = received_at(rng, month, 3, 8)
    v2.received_at = _days_later(rng, v1.received_at)
    files.insert(files.index(v2), v1)
    plants.resubmissions.append({"extract": v2.extract, "partner": v2.partner, "month": month,
                                 "replaced": v1, "replaced_by": v2, "corrected_keys": corrected,
                                 "dropped_keys": [junk["concern_id"]]})


def _rejected(rng, files, month, plants) -> None:
    full = _find(files, "police_incidents", month)
    if full is None:
        return
    bad = copy.deepcopy(full)
    bad.columns = [c for c in bad.columns if c != "cse_marker"]
    bad.superseded, full.suffix = True, "resubmitted"
    bad.received_at = received_at(rng, month, 3, 8)
    full.received_at = _days_later(rng, bad.received_at)
    files.insert(files.index(full), bad)
    plants.rejected_files.append({"path": bad, "reason": "missing_column:cse_marker",
                                  "replaced_by": full})


def _deleted(rng, files, month, ids, plants) -> None:
    first, then = _find(files, "adult_concerns", month), _find(files, "adult_concerns", add_months(month, 1))
    if first is None or then is None or not first.rows:
        return
    junk = dict(rng.choice(first.rows), concern_id=ids.make(f"AC{month[2:4]}{month[5:]}", 5),
                person_id=ids.make("P", 7))
    first.rows.insert(rng.randrange(len(first.rows) + 1), junk)
    then.columns.append("record_status")
    for row in then.rows:
        row["record_status"] = "active"
    then.rows.append(dict(junk, record_status="deleted"))
    plants.deleted_keys.append({"extract": "adult_concerns", "key_column": "concern_id",
                                "key": junk["concern_id"], "sent_in": first, "deleted_in": then})


def _unknown_column(rng, f: RawFile | None, column: str, after: str, make, plants) -> None:
    if f is None:
        return
    f.columns.insert(f.columns.index(after) + 1, column)
    for row in f.rows:
        row[column] = make(rng)
    plants.unknown_columns.append({"file": f, "column": column,
                                   "values": sorted({row[column] for row in f.rows})})


def plant(files: list[RawFile], lay: Layout, months: list[str], rng: random.Random, ids: IdMaker,
          plants: Plants) -> None:
    for f in files:
        f.received_at = received_at(rng, f.month)
    _unknown_column(rng, _find(files, "cp_plans", lay.cp_child_name), "Child Name", "child_id",
                    fake_name, plants)
    _unknown_column(rng, _find(files, "adult_concerns", lay.ac_address), "Address",
                    "person_id", fake_address, plants)
    _deleted(rng, files, lay.ac_deleted, ids, plants)
    _resubmission(rng, files, lay.ac_resubmitted, ids, plants)
    _rejected(rng, files, lay.police_rejected, plants)
    late = _find(files, "police_incidents", lay.police_late)
    if late is not None:
        due = month_end(lay.police_late) + dt.timedelta(days=15)
        late.received_at = dt.datetime(due.year, due.month, 20, 14, 12, tzinfo=dt.timezone.utc)
        plants.late_returns.append({"partner": late.partner, "extract": late.extract,
                                    "month": late.month, "file": late, "due": due.isoformat(),
                                    "received_at": late.received_at.isoformat()})
    files[:] = [f for f in files if not (f.extract == "training_attendance" and f.month == lay.tr_missing)]
    plants.missing_returns.append({"partner": "wst", "extract": "training_attendance",
                                   "month": lay.tr_missing})
