"""Child protection plans (`cp_plans`, partner `cwc-cs`): the plans and their monthly versions.

What this module plants (the content; file formats are `writer.py`/`styles.py`):
- plans started in 2016-17 and 2017-18 still open in April 2018, present from the first file;
- exactly the published number of plans open on each 31 March (328 in 2019, 264 in 2020) and,
  for 2020, the published split by latest_category (NEG 182, EMO 69, SAB 8, PHY 5);
- unborn children: expected_date_of_birth until the birth, date_of_birth (and sex) after it;
- latest_category changing part way through some plans;
- end dates recorded late: a later month's file carries an end date in an earlier month;
- one child with two plans open at once for a few months, not spanning any 31 March (a junk
  duplicate that ends): a data-quality case, counted as a plan in the truth.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, replace

from .calendar import (
    add_months,
    add_working_days,
    fy_bounds,
    fy_label,
    month_end,
    month_of,
    month_start,
    months_of,
)
from .cp_people import new_plan
from .cp_stock import hit_year_ends, set_categories
from .people import IdMaker, shuffled, spread_dates, weighted
from .targets import YearTargets

COLUMNS = ["child_id", "date_of_birth", "expected_date_of_birth", "sex", "ethnicity",
           "strategy_discussion_date", "icpc_date", "cpp_start_date", "cpp_end_date",
           "initial_category", "latest_category", "previous_cpp_count"]
KEY = ("child_id", "cpp_start_date")
DURATIONS = {"short": 10, "usual": 68, "long": 17, "over_2y": 5}
DURATION_DAYS = {"short": (14, 89), "usual": (90, 548), "long": (549, 730), "over_2y": (731, 1000)}


@dataclass
class CpResult:
    plans: list
    overlap_child_id: str | None


def _end(rng: random.Random, start: dt.date, data_end: dt.date) -> dt.date | None:
    low, high = DURATION_DAYS[weighted(rng, DURATIONS)]
    end = start + dt.timedelta(days=rng.randint(low, high))
    return None if end > data_end else end


def _late_end_reports(rng, plans, last_month: str) -> None:
    for plan in plans:
        if plan.end is None:
            continue
        plan.end_reported = month_of(plan.end)
        late = add_months(plan.end_reported, rng.randint(1, 2))
        if rng.random() < 0.07 and late <= last_month:
            plan.end_reported = late


def _overlap(rng, plans, first: dt.date, data_end: dt.date):
    """A junk duplicate plan for one child, inside the child's real plan and between two
    31 Marches; returns it (or None at tiny scales)."""
    for plan in shuffled(rng, plans):
        if plan.dob is None or plan.dob >= plan.start or plan.start < first + dt.timedelta(days=20):
            continue
        start = add_working_days(plan.start, rng.randint(10, 25))
        end = start + dt.timedelta(days=rng.randint(60, 110))
        march = dt.date(start.year if start.month <= 3 else start.year + 1, 3, 31)
        if end > data_end or end >= march or (plan.end is not None and plan.end <= end):
            continue
        return replace(plan, start=start, end=end, end_reported=month_of(end),
                       initial_category=plan.initial_category, latest_category=plan.initial_category,
                       category_changed=None)
    return None


def generate(rng: random.Random, years: list[str], targets: dict[str, YearTargets],
             ids: IdMaker) -> CpResult:
    """Every plan that appears in the files, in its final (true) state."""
    months = months_of(years)
    first, data_end = month_start(months[0]), month_end(months[-1])
    history = [fy_label(first.year - 2), fy_label(first.year - 1)]
    plans = []
    for fy in history + years:
        lo, hi = fy_bounds(fy)
        rate = targets[fy].cp_starts if fy in targets else targets[years[0]].cp_starts
        for start in spread_dates(rng, rate, lo, min(hi, data_end), weekend_weight=0.05):
            plans.append(new_plan(rng, ids, start, _end(rng, start, data_end), data_end))
    plans = [p for p in plans if p.end is None or p.end >= first - dt.timedelta(days=62)]
    plans = hit_year_ends(rng, plans, years, targets, ids, data_end)
    set_categories(rng, plans, years, targets)
    _late_end_reports(rng, plans, months[-1])
    plans = [p for p in plans if appearances(p, months)]
    duplicate = _overlap(rng, plans, first, data_end)
    if duplicate is not None:
        plans.append(duplicate)
    plans.sort(key=lambda p: (p.start, p.child_id))
    return CpResult(plans, duplicate.child_id if duplicate else None)


def appearances(plan, months: list[str]) -> list[str]:
    """The reporting months whose file carries the plan: open at any time in the month, as known
    then (a late-recorded end keeps it in the files until the end is reported)."""
    last = plan.end_reported if plan.end is not None else months[-1]
    return [m for m in months if month_of(plan.start) <= m <= last]


def row(plan, month: str) -> dict:
    """The plan as reported in `month`'s file (canonical values)."""
    born = plan.dob is not None and plan.dob <= month_end(month)
    before_change = plan.category_changed is not None and month_of(plan.category_changed) > month
    return {
        "child_id": plan.child_id,
        "date_of_birth": plan.dob if born else None,
        "expected_date_of_birth": None if born else plan.edd,
        "sex": plan.sex if born or plan.edd is None else "U",
        "ethnicity": plan.ethnicity,
        "strategy_discussion_date": plan.strategy,
        "icpc_date": plan.icpc,
        "cpp_start_date": plan.start,
        "cpp_end_date": plan.end if plan.end is not None and month >= plan.end_reported else None,
        "initial_category": plan.initial_category,
        "latest_category": plan.initial_category if before_change else plan.latest_category,
        "previous_cpp_count": plan.previous,
    }


def monthly_rows(result: CpResult, months: list[str]) -> dict[str, list[dict]]:
    """Each month's rows, in the order the export lists them (by start date)."""
    out: dict[str, list[dict]] = {m: [] for m in months}
    for plan in result.plans:
        for month in appearances(plan, months):
            out[month].append(row(plan, month))
    return out
