"""The parameters of one generation run, its random streams, and how many records each LA
gets in each period and on which days.

Every concern (an extract, a style choice) draws from its own numpy `Generator`, seeded from
the run's seed and the concern's name, so the output is the same for the same arguments
whatever order the pieces are built in.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field

import numpy as np

from .scales import ENGLAND_PER_YEAR, TREND, Scale, la_weights
from .timeline import Timeline


@dataclass
class Run:
    scale: Scale
    seed: int
    timeline: Timeline
    rows_factor: float = 1.0
    weights: np.ndarray = field(init=False)
    places: object = field(init=False, default=None)  # `places.Places`, set by the generator

    def __post_init__(self) -> None:
        if self.rows_factor <= 0:
            raise ValueError("rows_factor must be positive")
        self.weights = la_weights(self.rng("la_sizes"), self.scale.las)

    @property
    def las(self) -> int:
        return self.scale.las

    def rng(self, name: str) -> np.random.Generator:
        """The random stream for one concern of the run."""
        return np.random.default_rng([self.seed, zlib.crc32(name.encode())])

    def partner(self, sender: int, extract: str) -> str:
        """Partner code of a sender (0-based) of an extract: an LA's, e.g. `la001-cs`, or for
        police_incidents a force's, e.g. `police001`."""
        if extract == "police_incidents":
            return f"police{sender + 1:03d}"
        return f"la{sender + 1:03d}-{PARTNER_SUFFIX[extract]}"

    def senders(self, extract: str) -> int:
        """How many partners send the extract: one per LA, for police one per force."""
        return max(self.places.force) + 1 if extract == "police_incidents" else self.las

    def sender_of(self, la: np.ndarray, extract: str) -> np.ndarray:
        """The sender (0-based) of each LA's records."""
        la = np.asarray(la, dtype=np.int64)
        return np.asarray(self.places.force, dtype=np.int64)[la] if extract == "police_incidents" else la

    def sends_la_code(self, sender: int, extract: str) -> bool:
        """Whether a sender's files carry `la_code`: always for a force (it serves several
        LAs); for an LA's own partners, every other one (the contract lets them leave it out)."""
        if extract == "police_incidents":
            return True
        return (sender + list(dict.fromkeys(PARTNER_SUFFIX.values())).index(PARTNER_SUFFIX[extract])) % 2 == 0

    def counts(self, extract: str, periods: list[tuple[int, int, float]]) -> np.ndarray:
        """Records starting in each LA (rows) and period (columns): Poisson around the LA's
        share of England's yearly volume, with the extract's trend and a little year noise."""
        rng = self.rng(f"counts:{extract}")
        yearly = ENGLAND_PER_YEAR[extract] * self.scale.share * self.rows_factor
        noise = rng.uniform(0.97, 1.03, len(periods))
        factors = np.array([(1 + TREND.get(extract, 0.0)) ** offset * (last - first + 1) / 365.25
                            for first, last, offset in periods]) * noise
        return rng.poisson(np.outer(self.weights * yearly, factors))


PARTNER_SUFFIX = {"cp_plans": "cs", "adult_concerns": "asc", "s42_enquiries": "asc",
                  "police_incidents": "pol", "training_attendance": "wst"}


def spread(rng: np.random.Generator, counts: np.ndarray, periods: list[tuple[int, int, float]],
           weekend_weight: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    """(LA index, day) of every record, sorted by LA then day: `counts[la, p]` days drawn
    uniformly in period p. A weekend day is kept with probability `weekend_weight`, otherwise
    moved to the Friday before or Monday after (staying inside the period)."""
    la = np.repeat(np.repeat(np.arange(counts.shape[0]), counts.shape[1]), counts.ravel())
    which = np.repeat(np.tile(np.arange(counts.shape[1]), counts.shape[0]), counts.ravel())
    firsts = np.array([p[0] for p in periods], dtype=np.int64)[which]
    lasts = np.array([p[1] for p in periods], dtype=np.int64)[which]
    days = firsts + (rng.random(len(la)) * (lasts - firsts + 1)).astype(np.int64)
    if weekend_weight < 1.0:
        weekday = (days + 3) % 7  # 0 = Monday (1970-01-01 was a Thursday)
        move = (weekday >= 5) & (rng.random(len(days)) >= weekend_weight)
        forward = np.where(weekday == 5, -1, 1)  # Saturday back to Friday, Sunday on to Monday
        moved = days + forward
        moved = np.where(moved > lasts, days - 2, np.where(moved < firsts, days + 2, moved))
        days = np.where(move, moved, days)
    order = np.lexsort((days, la))
    return la[order], days[order]


def serials(la: np.ndarray) -> np.ndarray:
    """1, 2, 3, ... within each LA, for records already sorted by LA."""
    starts = np.searchsorted(la, la, side="left")
    return np.arange(len(la)) - starts + 1


def choose(rng: np.random.Generator, weights: dict[str, float], size: int) -> np.ndarray:
    """Indices into `list(weights)`, drawn with those weights."""
    p = np.array(list(weights.values()), dtype=float)
    return rng.choice(len(p), size=size, p=p / p.sum())
