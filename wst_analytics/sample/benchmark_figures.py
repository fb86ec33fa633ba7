"""Synthetic published comparators for the city sample: figures of the right order for England,
the nine regions and about 150 authorities, for the indicators where a national comparison is
meaningful (`INDICATORS`). Not official statistics: every `source` says so.

England's figures are near the published ones (children on a CP plan about 43-44 per 10,000,
repeat plans about 21-22%, plans lasting two years or more 3-4%, ICPCs within 15 working days
77-79%; concerns leading to a section 42 enquiry, outcomes asked and achieved in the style of
the Safeguarding Adults Collection). Each authority has a lasting difference from England plus
a little noise each year; about 3% of authorities' figures are suppressed (empty value, symbol
`c`, `[c]` or `x`), never Wolverhampton's. Values are published to one decimal place.
"""

from __future__ import annotations

import math
import random

from .places import REGIONS, WEST_MIDLANDS

INDICATORS = ["cp_open_rate_per_10k", "cp_repeat_started_pct", "cp_ended_2y_plus_pct",
              "icpc_within_15_days_pct", "adult_concerns_to_s42_pct", "msp_asked_pct",
              "msp_outcomes_achieved_pct"]
CHILDREN = INDICATORS[:4]
YEARS = ["2017-18", "2018-19", "2019-20", "2020-21", "2021-22", "2022-23", "2023-24", "2024-25"]
ENGLAND_FIGURES = {  # financial year -> England's figure, per indicator (YEARS in order)
    "cp_open_rate_per_10k": dict(zip(YEARS, [45.3, 43.7, 42.8, 41.4, 42.1, 43.2, 41.6, 40.9])),
    "cp_repeat_started_pct": dict(zip(YEARS, [20.2, 21.1, 21.9, 22.1, 23.3, 23.6, 23.8, 23.5])),
    "cp_ended_2y_plus_pct": dict(zip(YEARS, [3.8, 3.6, 3.4, 3.7, 4.2, 3.9, 3.6, 3.5])),
    "icpc_within_15_days_pct": dict(zip(YEARS, [77.0, 78.7, 77.5, 82.5, 80.8, 78.3, 78.9, 79.4])),
    "adult_concerns_to_s42_pct": dict(zip(YEARS, [38.9, 37.6, 34.0, 32.8, 31.2, 30.4, 29.8, 29.5])),
    "msp_asked_pct": dict(zip(YEARS, [76.1, 78.0, 79.2, 80.3, 81.0, 81.4, 81.9, 82.2])),
    "msp_outcomes_achieved_pct": dict(zip(YEARS, [94.5, 94.8, 95.1, 95.0, 94.9, 95.2, 95.3, 95.4])),
}
SPREAD = {  # (how an authority differs from England: "times" a factor or "plus" points, sigma)
    "cp_open_rate_per_10k": ("times", 0.30), "cp_repeat_started_pct": ("plus", 5.0),
    "cp_ended_2y_plus_pct": ("plus", 1.4), "icpc_within_15_days_pct": ("plus", 9.0),
    "adult_concerns_to_s42_pct": ("plus", 11.0), "msp_asked_pct": ("plus", 9.0),
    "msp_outcomes_achieved_pct": ("plus", 2.5),
}
REGION_SHIFT = {WEST_MIDLANDS: 0.12}  # the region's lasting difference, in its spread's sigmas
SUPPRESSED = 0.03
SYMBOLS = ["c", "[c]", "x"]


def england(indicator: str, fy: str) -> float:
    """England's figure for a financial year (the nearest year given for others)."""
    years = ENGLAND_FIGURES[indicator]
    return years.get(fy) or years[min(years, key=lambda y: abs(int(y[:4]) - int(fy[:4])))]


def source(indicator: str, fy: str) -> str:
    """The publication a figure is said to come from, marked as synthetic."""
    end = int(fy[:4]) + 1
    if indicator in CHILDREN:
        return (f"Synthetic sample figures in the style of DfE Characteristics of children in need {end} "
                "(not official statistics)")
    return (f"Synthetic sample figures in the style of NHS Digital Safeguarding Adults Collection {fy} "
            "(not official statistics)")


def _apply(indicator: str, base: float, sigmas: float) -> float:
    how, sigma = SPREAD[indicator]
    value = base * math.exp(sigma * sigmas) if how == "times" else base + sigma * sigmas
    return round(min(max(value, 0.0), 100.0 if indicator.endswith("_pct") else 1e6), 1)


class Figures:
    """Every area's published figure per indicator and year, drawn from one random stream."""

    def __init__(self, rng: random.Random, las: list[str], years: list[str]):
        self.rng, self.las, self.years = rng, las, years
        self.lasting = {(a, i): rng.gauss(0, 1) for a in [*REGIONS, *las] for i in INDICATORS}

    def value(self, area: str, indicator: str, fy: str, noise: float) -> float:
        base = england(indicator, fy)
        if area.startswith("E12"):
            shift = REGION_SHIFT.get(area, 0.25 * self.lasting[(area, indicator)])
            return _apply(indicator, base, shift)
        return _apply(indicator, base, self.lasting[(area, indicator)] + 0.3 * noise)

    def rows(self, fy: str, keep: set[str]) -> list[dict]:
        """One row per area and indicator for a year: England, regions, then authorities;
        authorities outside `keep` may be suppressed."""
        out = []
        for indicator in INDICATORS:
            for area in ["E92000001", *REGIONS, *self.las]:
                noise = self.rng.gauss(0, 1)
                national = area == "E92000001"
                value = england(indicator, fy) if national else self.value(area, indicator, fy, noise)
                row = {"indicator_id": indicator, "area_code": area, "period": fy, "breakdown": "",
                       "value": f"{value:.1f}", "symbol": "", "source": source(indicator, fy)}
                if area not in keep and area[:3] != "E12" and not national and self.rng.random() < SUPPRESSED:
                    row.update(value="", symbol=self.rng.choice(SYMBOLS))
                out.append(row)
        return out
