"""Scales of the national sample and England's yearly volumes.

England has 150 upper-tier local authorities (LAs). Per year across England the sample has
about 600,000 adult safeguarding concerns, 170,000 safeguarding enquiries, 70,000 child
protection plans starting, 1,000,000 child-abuse-related police incidents and 100,000
training bookings. `region` is 15 LAs with a tenth of that. LA sizes vary (lognormal).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

ENGLAND_LAS = 150
ENGLAND_PER_YEAR = {  # records starting per year, across England
    "cp_plans": 70_000,
    "adult_concerns": 600_000,
    "s42_enquiries": 170_000,
    "police_incidents": 1_000_000,
    "training_attendance": 100_000,
}
TREND = {  # yearly growth of each volume over the years generated
    "cp_plans": -0.01, "adult_concerns": 0.04, "police_incidents": 0.02, "training_attendance": 0.0,
}
SIZE_SPREAD = 0.6  # sigma of the lognormal LA sizes


@dataclass(frozen=True)
class Scale:
    """`las` local authorities holding `share` of England's volumes between them."""

    name: str
    las: int
    share: float

    def __post_init__(self) -> None:
        if self.las < 1 or self.las > 999:
            raise ValueError("las must be between 1 and 999")
        if self.share <= 0:
            raise ValueError("share must be positive")


SCALES = {"region": Scale("region", 15, 0.1), "england": Scale("england", ENGLAND_LAS, 1.0)}


def resolve(scale: str | Scale, las: int | None = None) -> Scale:
    """The scale asked for; `las` keeps the average LA size and changes how many there are."""
    if isinstance(scale, str):
        if scale not in SCALES:
            raise ValueError(f"scale must be one of {', '.join(SCALES)} or a Scale, not {scale!r}")
        scale = SCALES[scale]
    if las is not None and las != scale.las:
        scale = replace(scale, name=f"{scale.name}-{las}", las=las, share=scale.share * las / scale.las)
    return scale


def la_weights(rng: np.random.Generator, las: int) -> np.ndarray:
    """Each LA's share of the run's volumes (lognormal sizes, adding up to 1)."""
    sizes = rng.lognormal(0.0, SIZE_SPREAD, las)
    return sizes / sizes.sum()
