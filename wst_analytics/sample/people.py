"""Fake people and identifiers, and small random helpers shared by the extract modules.

Every identifier is invented (`C1234567`, `P0012345`, `AC190412345`, `EQ...`, `BK...`,
`20/123456/19`, `WMP...`) and every name and address is made up from short lists: no real
person appears. The names and addresses are only used for the unknown personal-data columns
that the generator plants (`Child Name`, `Address`).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping, Sequence

FIRST_NAMES = ["Amelia", "Oliver", "Isla", "Jack", "Ava", "Harry", "Mia", "George", "Lily",
               "Noah", "Sophie", "Leo", "Grace", "Alfie", "Ruby", "Charlie", "Evie", "Jacob",
               "Aisha", "Mohammed", "Priya", "Arjun", "Zara", "Kai", "Maya", "Tyler", "Ellie"]
SURNAMES = ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies",
            "Patel", "Kaur", "Singh", "Khan", "Walker", "Wright", "Robinson", "Thompson",
            "Hughes", "Edwards", "Green", "Hall", "Wood", "Clarke", "Lewis", "Begum", "Evans"]
STREETS = ["Acacia Avenue", "Sample Close", "Example Road", "Fictional Street", "Mock Lane",
           "Placeholder Grove", "Imaginary Way", "Pretend Crescent", "Notreal Drive"]


class IdMaker:
    """Unique identifiers: a prefix plus random digits, never handed out twice."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._used: set[str] = set()

    def make(self, prefix: str, digits: int, suffix: str = "") -> str:
        while True:
            ident = f"{prefix}{self._rng.randrange(10 ** digits):0{digits}d}{suffix}"
            if ident not in self._used:
                self._used.add(ident)
                return ident


def fake_name(rng: random.Random) -> str:
    """An invented child's name for the planted `Child Name` column."""
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"


def fake_address(rng: random.Random) -> str:
    """An invented address (non-existent WV0 postcode district); it contains commas."""
    letters = "ABDEFGHJLNPQRSTUWXYZ"
    return (f"{rng.randint(1, 199)} {rng.choice(STREETS)}, Wolverhampton, "
            f"WV0 {rng.randint(1, 9)}{rng.choice(letters)}{rng.choice(letters)}")


def weighted(rng: random.Random, weights: Mapping[str, float]) -> str:
    """One key of `weights`, with probability proportional to its weight."""
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def apportion(total: int, weights: Mapping[str, float]) -> dict[str, int]:
    """Split `total` into whole numbers proportional to `weights` (largest remainder), so the
    parts add up to `total` exactly."""
    size = sum(weights.values())
    if total <= 0 or size <= 0:
        return {key: 0 for key in weights}
    raw = {key: total * w / size for key, w in weights.items()}
    parts = {key: int(value) for key, value in raw.items()}
    order = sorted(raw, key=lambda key: (parts[key] - raw[key], list(weights).index(key)))
    for key in order[: total - sum(parts.values())]:
        parts[key] += 1
    return parts


def scaled(count: int, scale: float) -> int:
    """A volume multiplied by `scale`, rounded half up."""
    return int(count * scale + 0.5)


def jitter(rng: random.Random, weights: Mapping[str, float], spread: float = 0.15) -> dict[str, float]:
    """Weights nudged by up to +-spread (for years with no published breakdown)."""
    return {key: w * (1 + rng.uniform(-spread, spread)) for key, w in weights.items()}


def spread_dates(rng: random.Random, count: int, first: dt.date, last: dt.date,
                 weekend_weight: float = 0.3) -> list[dt.date]:
    """`count` sorted dates between first and last, weekdays more likely than weekends."""
    days = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
    weights = [1.0 if d.weekday() < 5 else weekend_weight for d in days]
    return sorted(rng.choices(days, weights=weights, k=count))


def expand(counts: Mapping[str, int]) -> list[str]:
    """`{"A": 2, "B": 1}` -> `["A", "A", "B"]`."""
    return [key for key, count in counts.items() for _ in range(count)]


def shuffled(rng: random.Random, items: Sequence) -> list:
    """A shuffled copy."""
    out = list(items)
    rng.shuffle(out)
    return out
