"""The true rates and percentages of the sample: the catalogue's ratio indicators that have
published comparators (`comparisons.INDICATORS`), computed from the generator's final records
and the population rows it writes (never by re-reading files), with the definitions in the
indicator catalogue (docs/interfaces/indicators.md).

Each figure is 100 (or 10,000) times its numerator over its denominator, unrounded; a period
with a zero denominator has no figure.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from .calendar import fy_bounds, is_working_day


def two_years_after(day: dt.date) -> dt.date:
    """The second anniversary (29 February gives 28 February, as SQL's `+ INTERVAL 2 YEAR`)."""
    try:
        return day.replace(year=day.year + 2)
    except ValueError:
        return dt.date(day.year + 2, 2, 28)


@lru_cache(maxsize=None)
def _working_days_after(first: dt.date, last: dt.date) -> int:
    """Working days after `first` up to and including `last`."""
    return sum(is_working_day(first + dt.timedelta(days=n)) for n in range(1, (last - first).days + 1))


def children_0_17(population: list[dict], mid_year: int) -> int:
    """Residents aged 0 to 17 in the estimate for `mid_year`."""
    return sum(r["population"] for r in population if r["mid_year"] == mid_year and r["age_to"] <= 17)


def _share(numerator: int, denominator: int, per: float = 100.0) -> float | None:
    return per * numerator / denominator if denominator else None


def compute(years: list[str], finals: dict[str, list[dict]], population: list[dict]) -> dict:
    """indicator_id -> period -> value (None when the denominator is zero)."""
    plans, concerns = finals["cp_plans"], finals["adult_concerns"]
    s42 = [e for e in finals["s42_enquiries"] if e["enquiry_type"] == "S42"]
    led_to_s42 = {e["concern_id"] for e in s42}
    out: dict[str, dict] = {}
    for fy in years:
        lo, hi = fy_bounds(fy)
        inside = lambda day: day is not None and lo <= day <= hi  # noqa: E731
        open_ = sum(p["cpp_start_date"] <= hi and (p["cpp_end_date"] is None or p["cpp_end_date"] > hi)
                    for p in plans)
        started = [p for p in plans if inside(p["cpp_start_date"])]
        ended = [p for p in plans if inside(p["cpp_end_date"])]
        timed = [p for p in plans if inside(p["icpc_date"]) and p["strategy_discussion_date"] is not None]
        received = [c for c in concerns if inside(c["date_received"])]
        concluded = [e for e in s42 if inside(e["end_date"])]
        expressed = [e for e in concluded if e["msp_expressed"] == "Y"]
        figures = {
            "cp_open_rate_per_10k": _share(open_, children_0_17(population, lo.year), 10000.0),
            "cp_repeat_started_pct": _share(sum(p["previous_cpp_count"] >= 1 for p in started), len(started)),
            "cp_ended_2y_plus_pct": _share(
                sum(p["cpp_end_date"] >= two_years_after(p["cpp_start_date"]) for p in ended), len(ended)),
            "icpc_within_15_days_pct": _share(sum(_working_days_after(
                p["strategy_discussion_date"], p["icpc_date"]) <= 15 for p in timed), len(timed)),
            "adult_concerns_to_s42_pct": _share(sum(c["concern_id"] in led_to_s42 for c in received),
                                                len(received)),
            "msp_asked_pct": _share(sum(e["msp_asked"] == "Y" for e in concluded), len(concluded)),
            "msp_outcomes_achieved_pct": _share(
                sum(e["msp_achieved"] in ("FULLY", "PARTIALLY") for e in expressed), len(expressed)),
        }
        for indicator, value in figures.items():
            out.setdefault(indicator, {})[fy] = value
    return out
