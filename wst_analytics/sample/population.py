"""The population reference (`population/ons_<YYYY-MM>.csv`, partner `ons`), every row with
the authority's `la_code` (Wolverhampton, E08000031; extract contract, section 7).

ONS mid-year estimates in age bands (0-0, 1-4, 5-9, 10-15, 16-17, 18-19, 20-24, ..., 85-89,
90-999) from which the loader can total 0-17 and 18+. Mid-2019 reproduces the annual report
exactly (total 262,008; 0-17 61,244; 18-64 157,318; 65+ 43,446); mid-2017 and mid-2018 are a
little lower, later years a little higher. One row per (mid_year, age_from). The file is named
by its publication month (June after the latest mid-year) and received on the 25th. The
population is reference data, so `scale` does not change it.
"""

from __future__ import annotations

import datetime as dt

from .people import apportion
from .places import WOLVERHAMPTON

COLUMNS = ["la_code", "mid_year", "age_from", "age_to", "population"]
KEY = ("la_code", "mid_year", "age_from")
MID_2019 = {"0-17": 61244, "18-64": 157318, "65+": 43446}
BANDS = {  # (age_from, age_to): mid-2019 shape within its group
    "0-17": {(0, 0): 3500, (1, 4): 14000, (5, 9): 17500, (10, 15): 19500, (16, 17): 6000},
    "18-64": {(18, 19): 7000, (20, 24): 18500, (25, 29): 19000, (30, 34): 18000,
              (35, 39): 16500, (40, 44): 15000, (45, 49): 16500, (50, 54): 17500,
              (55, 59): 16500, (60, 64): 13500},
    "65+": {(65, 69): 12000, (70, 74): 11500, (75, 79): 8000, (80, 84): 6000, (85, 89): 3800,
            (90, 999): 2100},
}
GROWTH = {"0-17": 0.006, "18-64": 0.004, "65+": 0.012}  # a year, for the years around 2019


def mid_years(years: list[str]) -> list[int]:
    """The mid-years the sample needs: the year before the first financial year (for context)
    through the start year of the last one (2017-2019 for 2018-19 and 2019-20)."""
    first, last = int(years[0][:4]), int(years[-1][:4])
    return list(range(first - 1, last + 1))


def rows(years: list[str]) -> list[dict]:
    out = []
    for mid_year in mid_years(years):
        for group, shape in BANDS.items():
            total = round(MID_2019[group] * (1 + GROWTH[group]) ** (mid_year - 2019))
            keyed = {f"{a}-{b}": w for (a, b), w in shape.items()}
            for band, count in apportion(total, keyed).items():
                age_from, age_to = (int(x) for x in band.split("-"))
                out.append({"la_code": WOLVERHAMPTON, "mid_year": mid_year, "age_from": age_from,
                            "age_to": age_to, "population": count})
    return out


def publication(years: list[str]) -> tuple[str, dt.datetime]:
    """(file month, received time): June after the latest mid-year, received on the 25th."""
    year = mid_years(years)[-1] + 1
    return f"{year}-06", dt.datetime(year, 6, 25, 10, 30, tzinfo=dt.timezone.utc)
