"""cp_plans for every LA. A plan is sent in the month it starts (plans started in the two
years before the first month and still open then are sent in the first month's file), again
in the month its latest_category changes (about 12% of plans), and again when its end is
recorded: usually the month it ends, for 7% one or two months later. A child unborn when the
plan starts has expected_date_of_birth and sex `U` until a later row finds them born.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from ..cp_people import AGE_AT_START, AGE_DAYS, ETHNICITY, PREVIOUS
from ..targets import CP_CATEGORY_WEIGHTS
from .columns import dates, ident, ints, pick, record
from .run import Run, choose, serials, spread

DURATIONS = {(14, 89): 10, (90, 548): 68, (549, 730): 17, (731, 1000): 5}
LATE_END = {0: 93, 1: 5, 2: 2}
CHANGED = 0.12
ADULT = 6550  # a child's plan ends before they are 18 (18 years less some days)


def _plans(run: Run, rng: np.random.Generator) -> dict[str, np.ndarray]:
    periods = run.timeline.periods(history_years=2)
    la, start = spread(rng, run.counts("cp_plans", periods), periods, 0.05)
    n = len(la)
    low, high = (np.array([d[i] for d in DURATIONS]) for i in (0, 1))
    which = choose(rng, DURATIONS, n)
    end = start + low[which] + (rng.random(n) * (high - low + 1)[which]).astype(np.int64)
    keep = end >= run.timeline.first_day
    return {"la": la[keep], "start": start[keep], "end": end[keep], "serial": serials(la)[keep]}


def _child(rng: np.random.Generator, start: np.ndarray, last: np.ndarray) -> dict[str, np.ndarray]:
    """Date of birth (or expected), sex and whether unborn at the start."""
    n = len(start)
    names = list(AGE_AT_START)
    band = choose(rng, AGE_AT_START, n)
    unborn = band == names.index("unborn")
    low = np.array([AGE_DAYS.get(b, (0, 0))[0] for b in names])[band]
    high = np.array([AGE_DAYS.get(b, (0, 0))[1] for b in names])[band]
    age = low + (rng.random(n) * (high - low + 1)).astype(np.int64)
    dob = np.maximum(start - age, last - ADULT)
    edd = start + rng.integers(14, 151, n)
    dob = np.where(unborn, edd + rng.integers(-14, 11, n), dob)
    return {"dob": dob, "edd": edd, "unborn": unborn,
            "sex": np.where(rng.random(n) < 0.99, rng.integers(0, 2, n), 2)}


def rows(run: Run) -> pl.DataFrame:
    """The rows of every cp_plans file: la, month, pos and the contract columns."""
    rng = run.rng("cp_plans")
    t = run.timeline
    p = _plans(run, rng)
    n, la, start, end = len(p["la"]), p["la"], p["start"], p["end"]
    has_end = end <= t.last_day
    child = _child(rng, start, np.where(has_end, end, t.last_day))
    end_sent = t.month_of(end) + np.array(list(LATE_END))[choose(rng, LATE_END, n)]
    has_end &= end_sent <= t.incremental
    first = np.maximum(t.month_of(start), 0)
    last = np.where(has_end, end_sent, t.incremental)
    initial = choose(rng, CP_CATEGORY_WEIGHTS, n)
    latest = (initial + rng.integers(1, len(CP_CATEGORY_WEIGHTS), n)) % len(CP_CATEGORY_WEIGHTS)
    changed = (rng.random(n) < CHANGED) & (last > first)
    change_month = first + 1 + (rng.random(n) * np.maximum(last - first, 1)).astype(np.int64)
    no_conference = rng.random(n)
    icpc = np.where(rng.random(n) < 0.75, start, start - rng.integers(1, 8, n))
    strategy = icpc - np.where(rng.random(n) < 0.88, rng.integers(4, 22, n), rng.integers(22, 50, n))
    # one row per plan and month it is sent in (start, category change, end recorded)
    months = np.concatenate([first, np.where(changed, change_month, first), np.where(has_end, last, first)])
    plan = np.tile(np.arange(n), 3)
    _, unique = np.unique(plan * (t.n_months + 1) + months, return_index=True)
    plan, month = plan[unique], months[unique]
    month_end = t.month_ends()[month]
    born = ~child["unborn"][plan] | (child["dob"][plan] <= month_end)
    sex = np.where(born, child["sex"][plan], 2)
    ethnicity = choose(rng, ETHNICITY, n)[plan]
    eth_names = list(ETHNICITY)
    return pl.DataFrame({
        "la": la[plan], "month": month, "pos": start[plan] * 1e7 + p["serial"][plan],
        "rec": record(la[plan], p["serial"][plan]),
        "child_id": ident(la[plan], "C", p["serial"][plan]),
        "date_of_birth": dates(child["dob"][plan], ~born),
        "expected_date_of_birth": dates(child["edd"][plan], born),
        "sex": pick(["M", "F", "U"], sex),
        "ethnicity": pick(eth_names, ethnicity, np.array(eth_names)[ethnicity] == ""),
        "strategy_discussion_date": dates(strategy[plan], no_conference[plan] < 0.04),
        "icpc_date": dates(icpc[plan], no_conference[plan] < 0.02),
        "cpp_start_date": dates(start[plan]),
        "cpp_end_date": dates(end[plan], ~(has_end[plan] & (month >= last[plan]))),
        "initial_category": pick(list(CP_CATEGORY_WEIGHTS), initial[plan]),
        "latest_category": pick(list(CP_CATEGORY_WEIGHTS), np.where(
            changed[plan] & (month >= change_month[plan]), latest[plan], initial[plan])),
        "previous_cpp_count": ints(np.array(list(PREVIOUS), dtype=np.int64)[choose(rng, PREVIOUS, n)][plan]),
    })
