"""Making the CP plan stock exact: the number of plans open on each 31 March, and for years
with a published split (2019-20), their latest_category.

Plants the published stock (328 on 31 March 2019, 264 on 31 March 2020; NEG 182, EMO 69, SAB 8,
PHY 5 in 2020) by ending early, dropping or adding plans that are open at only that one
31 March, so fixing one year never disturbs another; and plants category changes part way
through about one plan in seven.
"""

from __future__ import annotations

import datetime as dt

from .calendar import fy_bounds
from .cp_people import new_plan
from .people import expand, shuffled, spread_dates, weighted
from .targets import CP_CATEGORY_WEIGHTS


def is_open(plan, day: dt.date) -> bool:
    """Open on `day`: started on or before it and not ended on or before it."""
    return plan.start <= day and (plan.end is None or plan.end > day)


def hit_year_ends(rng, plans, years, targets, ids, data_end) -> list:
    """Remove or add plans open at only one 31 March until each year's stock is exact."""
    ends = [fy_bounds(fy)[1] for fy in years]
    for i, day in enumerate(ends):
        open_now = [p for p in plans if is_open(p, day)]
        excess = len(open_now) - targets[years[i]].cp_open
        if excess > 0:  # end some plans earlier (or drop very recent ones): starts stay plausible
            only_here = [p for p in open_now if not any(is_open(p, d) for d in ends if d != day)]
            drop = set()
            for plan in rng.sample(only_here, excess):
                if (day - plan.start).days > 45:
                    plan.end = plan.start + dt.timedelta(days=rng.randint(30, (day - plan.start).days))
                else:
                    drop.add(id(plan))
            plans = [p for p in plans if id(p) not in drop]
        earliest = day - dt.timedelta(days=330)
        if i:
            earliest = max(earliest, ends[i - 1] + dt.timedelta(days=1))
        for start in spread_dates(rng, max(0, -excess), earliest, day, weekend_weight=0.05):
            if i + 1 < len(ends):
                end = day + dt.timedelta(days=rng.randint(1, min(300, (ends[i + 1] - day).days - 1)))
            else:
                end = None
            plans.append(new_plan(rng, ids, start, end, data_end))
    return plans


def set_categories(rng, plans, years, targets) -> None:
    """latest_category: exact for years with a published split, plausible elsewhere; some
    plans change category part way through."""
    fixed: set[int] = set()
    for fy in years:
        if not targets[fy].cp_categories_exact:
            continue
        day = fy_bounds(fy)[1]
        open_now = [p for p in plans if is_open(p, day) and id(p) not in fixed]
        for plan, code in zip(open_now, shuffled(rng, expand(targets[fy].cp_categories))):
            plan.latest_category = code
            fixed.add(id(plan))
    for plan in plans:
        if id(plan) not in fixed:
            plan.latest_category = weighted(rng, CP_CATEGORY_WEIGHTS)
        plan.initial_category = plan.latest_category
        last = plan.end or plan.data_end
        if rng.random() < 0.15 and (last - plan.start).days > 60:
            plan.initial_category = weighted(rng, {k: w for k, w in CP_CATEGORY_WEIGHTS.items()
                                                   if k != plan.latest_category})
            days = rng.randint(30, (last - plan.start).days - 1)
            plan.category_changed = plan.start + dt.timedelta(days=days)
