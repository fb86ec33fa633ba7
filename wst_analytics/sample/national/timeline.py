"""Months and days for the national sample, as numpy integers (days since 1970-01-01).

Month index 0 is April of the first financial year; the last index (`incremental`) is April
2025, the month written to `incremental/`. The financial years always end with 2024-25.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

LAST_FY_START = 2024  # the last financial year generated is 2024-25


def day_number(day: dt.date) -> int:
    """Days since 1970-01-01."""
    return (day - dt.date(1970, 1, 1)).days


@dataclass(frozen=True)
class Timeline:
    """The reporting months of a run: `years` financial years plus one incremental month."""

    years: int

    def __post_init__(self) -> None:
        if not 1 <= self.years <= 20:
            raise ValueError("years must be between 1 and 20")

    @property
    def first_year(self) -> int:
        return LAST_FY_START - self.years + 1

    @property
    def incremental(self) -> int:
        """Index of the incremental month (April 2025)."""
        return 12 * self.years

    @property
    def n_months(self) -> int:
        return self.incremental + 1

    def label(self, index: int) -> str:
        """`YYYY-MM` of a month index."""
        total = self.first_year * 12 + 3 + index
        return f"{total // 12:04d}-{total % 12 + 1:02d}"

    def fy_labels(self) -> list[str]:
        return [f"{y}-{(y + 1) % 100:02d}" for y in range(self.first_year, LAST_FY_START + 1)]

    def month_starts(self) -> np.ndarray:
        """First day of each month index, and of the month after the last (n_months + 1)."""
        first = np.datetime64(f"{self.first_year}-04", "M")
        months = first + np.arange(self.n_months + 1)
        return months.astype("datetime64[D]").astype(np.int64)

    def month_ends(self) -> np.ndarray:
        return self.month_starts()[1:] - 1

    @property
    def first_day(self) -> int:
        return int(self.month_starts()[0])

    @property
    def last_day(self) -> int:
        """Last day of the incremental month: nothing after it is known."""
        return int(self.month_starts()[-1] - 1)

    def month_of(self, days: np.ndarray) -> np.ndarray:
        """Month index of each day (negative before the first month)."""
        months = np.asarray(days, dtype=np.int64).astype("datetime64[D]").astype("datetime64[M]")
        return months.astype(np.int64) - np.datetime64(f"{self.first_year}-04", "M").astype(np.int64)

    def periods(self, history_years: int = 0) -> list[tuple[int, int, float]]:
        """(first day, last day, year offset) of each financial year, `history_years` before the
        first included, then the incremental month. Offsets are centred on the generated years."""
        out = []
        middle = (self.years - 1) / 2
        for year in range(self.first_year - history_years, LAST_FY_START + 1):
            out.append((day_number(dt.date(year, 4, 1)), day_number(dt.date(year + 1, 3, 31)),
                        year - self.first_year - middle))
        out.append((int(self.month_starts()[-2]), self.last_day, self.years - middle))
        return out
