"""The places of a national sample (extract contract, section 7): every LA's invented GSS code
and name, its region, its police force and its safeguarding partnership, and its statistical
neighbours.

- Codes and names are made up, of the right shape: `E09009nnn` for a London borough, else
  `E06009nnn` (a range no real authority uses), named "Authority nnn".
- Regions are the nine real ones (`E12000001`..`E12000009`), LAs spread over them in
  proportion to England's (12, 23, 15, 9, 14, 11, 33, 19 and 14 authorities), in order; a
  sample of fewer than nine LAs is all in the West Midlands (one force, one area).
- Police forces (`police001`, ...): each region's LAs, in order, in forces of 1 to 7 LAs (as
  real forces serve; mostly 2 to 4); a sample of up to seven LAs has one force for them all.
- Partnerships: one per LA, except that every tenth LA from the second on (2, 12, 22, ...)
  shares one with the next LA when it is in the same region (real partnerships are mostly one
  LA, a few span two); code `sp<first LA>`, e.g. `sp002`.
- Neighbours: the ten LAs closest in size (the ratio of their volumes), closest first.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..people import apportion
from ..places import REGIONS, WEST_MIDLANDS
from .run import Run

REGION_WEIGHTS = dict(zip(REGIONS, [12, 23, 15, 9, 14, 11, 33, 19, 14]))
LONDON = "E12000007"
NEIGHBOURS = 10
FORCE_SIZES = {1: 1, 2: 3, 3: 3, 4: 3, 5: 2, 6: 1, 7: 1}  # LAs a force serves: weight
WEIGHTS = np.array(list(FORCE_SIZES.values())) / sum(FORCE_SIZES.values())


@dataclass(frozen=True)
class Places:
    codes: list[str]                 # LA index -> GSS code
    names: list[str]
    regions: list[str]
    force: list[int]                 # LA index -> force index
    partnerships: list[list[int]]    # each partnership's LAs

    @property
    def forces(self) -> list[list[int]]:
        return [[la for la, f in enumerate(self.force) if f == i] for i in range(max(self.force) + 1)]

    def partnership_code(self, members: list[int]) -> str:
        return f"sp{members[0] + 1:03d}"


def _regions(las: int) -> list[str]:
    if las < len(REGIONS):
        return [WEST_MIDLANDS] * las
    counts = apportion(las, REGION_WEIGHTS)
    return [region for region, n in counts.items() for _ in range(n)]


def _forces(rng: np.random.Generator, regions: list[str]) -> list[int]:
    """Each LA's force: a small sample's LAs (fewer than nine, at most seven) all in one;
    otherwise each region's LAs, in order, in forces of 1 to 7 (`FORCE_SIZES`)."""
    if len(regions) < len(REGIONS) and len(regions) <= max(FORCE_SIZES):
        return [0] * len(regions)
    force, current = [], 0
    sizes = np.array(list(FORCE_SIZES))
    for region in dict.fromkeys(regions):
        left = regions.count(region)
        while left:
            size = min(left, int(sizes[rng.choice(len(sizes), p=WEIGHTS)]))
            force += [current] * size
            current, left = current + 1, left - size
    return force


def _partnerships(regions: list[str]) -> list[list[int]]:
    out, la = [], 0
    while la < len(regions):
        pair = la % 10 == 1 and la + 1 < len(regions) and regions[la + 1] == regions[la]
        out.append([la, la + 1] if pair else [la])
        la += 2 if pair else 1
    return out


def build(run: Run) -> Places:
    regions = _regions(run.las)
    codes = [f"E0{'9' if r == LONDON else '6'}009{la + 1:03d}" for la, r in enumerate(regions)]
    return Places(codes=codes, names=[f"Authority {la + 1:03d}" for la in range(run.las)],
                  regions=regions, force=_forces(run.rng("forces"), regions),
                  partnerships=_partnerships(regions))


def neighbours(run: Run, places: Places) -> list[tuple[str, str, int]]:
    """(la_code, neighbour_code, rank) for every LA: the ten closest in size, closest first
    (ties by LA order)."""
    size = np.log(run.weights)
    distance = np.abs(size[:, None] - size[None, :])
    np.fill_diagonal(distance, np.inf)
    out = []
    for la in range(run.las):
        order = np.lexsort((np.arange(run.las), distance[la]))[: min(NEIGHBOURS, run.las - 1)]
        out += [(places.codes[la], places.codes[n], rank) for rank, n in enumerate(order, start=1)]
    return out
