"""Calendar helpers for the sample generator: reporting months, financial years, working days
and the times partners' files are received.

Plants nothing itself. Every other module uses these helpers so that reporting months, period
boundaries (financial year 1 April to 31 March) and received times agree everywhere.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from functools import lru_cache

import holidays

_FY = re.compile(r"^(\d{4})-(\d{2})$")


def fy_bounds(fy: str) -> tuple[dt.date, dt.date]:
    """First and last day of financial year `YYYY-YY` (1 April to 31 March)."""
    match = _FY.match(fy)
    if not match or (int(match[1]) + 1) % 100 != int(match[2]):
        raise ValueError(f"not a financial year like 2019-20: {fy!r}")
    year = int(match[1])
    return dt.date(year, 4, 1), dt.date(year + 1, 3, 31)


def fy_label(year: int) -> str:
    """`2019` -> `2019-20`."""
    return f"{year}-{(year + 1) % 100:02d}"


def fy_of(day: dt.date) -> str:
    """The financial year a date falls in."""
    return fy_label(day.year if day.month >= 4 else day.year - 1)


def check_years(years: tuple[str, ...]) -> list[str]:
    """Sorted, de-duplicated financial years; they must be consecutive."""
    ordered = sorted(set(years), key=lambda fy: fy_bounds(fy)[0])
    if not ordered:
        raise ValueError("at least one financial year is needed")
    for earlier, later in zip(ordered, ordered[1:]):
        if fy_bounds(later)[0] != fy_bounds(earlier)[1] + dt.timedelta(days=1):
            raise ValueError(f"financial years must be consecutive: {earlier} then {later}")
    return ordered


def month_start(month: str) -> dt.date:
    """`2019-07` -> 2019-07-01."""
    return dt.date(int(month[:4]), int(month[5:7]), 1)


def month_end(month: str) -> dt.date:
    """`2019-02` -> 2019-02-28."""
    return month_start(add_months(month, 1)) - dt.timedelta(days=1)


def month_of(day: dt.date) -> str:
    """The reporting month (`YYYY-MM`) a date falls in."""
    return f"{day.year:04d}-{day.month:02d}"


def add_months(month: str, count: int) -> str:
    """Shift a `YYYY-MM` month by `count` months."""
    index = int(month[:4]) * 12 + int(month[5:7]) - 1 + count
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def months_of(years: list[str]) -> list[str]:
    """Every reporting month of the (consecutive) financial years, April to March."""
    first = month_of(fy_bounds(years[0])[0])
    return [add_months(first, i) for i in range(12 * len(years))]


def days_between(first: dt.date, last: dt.date) -> list[dt.date]:
    """Every day from first to last inclusive."""
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]


@lru_cache(maxsize=None)
def _bank_holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=[year]).keys())


def is_working_day(day: dt.date) -> bool:
    """Monday to Friday and not an England and Wales bank holiday."""
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def add_working_days(day: dt.date, count: int) -> dt.date:
    """The date `count` working days after (or, if negative, before) `day`."""
    step = 1 if count >= 0 else -1
    remaining = abs(count)
    while remaining:
        day += dt.timedelta(days=step)
        if is_working_day(day):
            remaining -= 1
    return day


def received_at(rng: random.Random, month: str, first_day: int = 3, last_day: int = 12) -> dt.datetime:
    """A realistic received time for a month's return: first_day..last_day of the following
    month, 09:00-17:00 UTC."""
    due_month = month_start(add_months(month, 1))
    day = due_month.replace(day=rng.randint(first_day, last_day))
    seconds = rng.randint(9 * 3600, 17 * 3600 - 1)
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc) + dt.timedelta(seconds=seconds)


def pick_month(months: list[str], preferred: str, *, spare_after: int = 0) -> str:
    """`preferred` if the generated months include it (with `spare_after` months after it),
    else the month at the same offset from April 2018 wrapped into the generated range, so that
    every planted case still happens when other financial years are asked for."""
    usable = months[: len(months) - spare_after] if spare_after else months
    if preferred in usable:
        return preferred
    offset = (int(preferred[:4]) - 2018) * 12 + int(preferred[5:7]) - 4
    return usable[offset % len(usable)]


def monthly_versions(records: list, months: list[str], event_date, row) -> dict[str, list[dict]]:
    """Each month's rows of a flow extract: the records dated in the month, then the
    corrections of earlier ones sent that month (`record.corrected_in`). `row(record, month)`
    gives a record as it was sent in a month."""
    out: dict[str, list[dict]] = {m: [] for m in months}
    for record in records:
        out[month_of(event_date(record))].append(row(record, month_of(event_date(record))))
    for record in records:
        if record.corrected_in:
            out[record.corrected_in].append(row(record, record.corrected_in))
    return out
