"""adult_concerns for every LA: one row in the month a concern is received; about 2% are
sent again one or two months later with a corrected location of risk (or age), as in the
city sample. A few concerns (0.05%) are never sent at all, though an enquiry may refer to
them: the loader's `unknown_concern` finding.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from ..targets import AGE_BANDS_2019, LOCATIONS_2019, TYPES_2019
from .columns import dates, ident, ints, pick, record
from .run import Run, choose, serials, spread

LOCATIONS = {**LOCATIONS_2019, "HOSPITAL_ACUTE": 70, "HOSPITAL_MENTAL_HEALTH": 35}
TYPES = {**TYPES_2019, "SEXUAL_EXPLOITATION": 8}
AGE_RANGES = {"18_or_under": (17, 18), "19-29": (19, 29), "30-39": (30, 39), "40-49": (40, 49),
              "50-59": (50, 59), "60-69": (60, 69), "70-79": (70, 79), "80-89": (80, 89),
              "90_plus": (90, 104), "not_known": (0, 0)}
SEX = {"F": 58, "M": 40, "U": 1, "": 1}
TYPES_PER_CONCERN = {1: 70, 2: 22, 3: 8}
CORRECTED, UNSENT = 0.02, 0.0005


@dataclass
class Concerns:
    """Every concern (sent or not), sorted by LA and day received."""

    la: np.ndarray
    serial: np.ndarray
    day: np.ndarray
    person: np.ndarray
    sent: np.ndarray

    def ids(self, index: np.ndarray | None = None) -> pl.Series:
        index = slice(None) if index is None else index
        return ident(self.la[index], "AC", self.serial[index])


def build(run: Run) -> Concerns:
    rng = run.rng("adult_concerns")
    la, day = spread(rng, run.counts("adult_concerns", run.timeline.periods()), run.timeline.periods(), 0.35)
    per_la = np.bincount(la, minlength=run.las)
    person = (rng.random(len(la)) * 3 * per_la[la]).astype(np.int64) + 1  # ~15% come back
    return Concerns(la, serials(la), day, person, rng.random(len(la)) >= UNSENT)


def _types(rng: np.random.Generator, n: int) -> pl.Series:
    """One to three different types of risk, joined by `;`."""
    names = list(TYPES)
    first, second, third = (choose(rng, TYPES, n) for _ in range(3))
    k = np.array(list(TYPES_PER_CONCERN))[choose(rng, TYPES_PER_CONCERN, n)]
    keep2 = (k >= 2) & (second != first)
    keep3 = (k >= 3) & (third != first) & (third != second)
    joined = pl.concat_str([pick(names, first), pick(names, second, ~keep2), pick(names, third, ~keep3)],
                           separator=";", ignore_nulls=True)
    return pl.select(joined).to_series()


def rows(run: Run, c: Concerns) -> pl.DataFrame:
    """The rows of every adult_concerns file: la, month, pos and the contract columns."""
    rng = run.rng("adult_concerns:rows")
    n = len(c.la)
    month = run.timeline.month_of(c.day)
    band = choose(rng, AGE_BANDS_2019, n)
    low = np.array([AGE_RANGES[b][0] for b in AGE_BANDS_2019])[band]
    high = np.array([AGE_RANGES[b][1] for b in AGE_BANDS_2019])[band]
    age = low + (rng.random(n) * (high - low + 1)).astype(np.int64)
    unknown_age = band == list(AGE_BANDS_2019).index("not_known")
    location = choose(rng, LOCATIONS, n)
    sex = choose(rng, SEX, n)
    corrected = (rng.random(n) < CORRECTED) & (month < run.timeline.incremental)
    corrected_in = np.minimum(month + rng.choice([1, 1, 2], n), run.timeline.incremental)
    wrong_location = (location + rng.integers(1, len(LOCATIONS), n)) % len(LOCATIONS)
    wrong_age = corrected & (rng.random(n) < 0.25)
    first_location = np.where(corrected & ~wrong_age, wrong_location, location)
    base = pl.DataFrame({
        "la": c.la, "rec": record(c.la, c.serial), "concern_id": c.ids(),
        "person_id": ident(c.la, "P", c.person),
        "date_received": dates(c.day), "sex": pick(list(SEX), sex, np.array(list(SEX))[sex] == ""),
        "types_of_risk": _types(rng, n)})
    first = base.with_columns(
        month=pl.Series(month), pos=pl.Series(c.day * 1e7 + c.serial),
        age=ints(np.where(wrong_age, 50, age), unknown_age & ~wrong_age | wrong_age & ~unknown_age),
        location_of_risk=pick(list(LOCATIONS), first_location))
    again = base.with_columns(
        month=pl.Series(corrected_in), pos=pl.Series(4e12 + c.serial.astype(float)),
        age=ints(age, unknown_age), location_of_risk=pick(list(LOCATIONS), location),
    ).filter(pl.Series(corrected))
    columns = ["la", "month", "pos", "rec", "concern_id", "person_id", "date_received", "age", "sex",
               "types_of_risk", "location_of_risk"]
    both = pl.concat([first.select(columns), again.select(columns)])
    return both.filter(pl.Series(np.concatenate([c.sent, c.sent[corrected]])))
