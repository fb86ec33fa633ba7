"""The figures each financial year's sample must reproduce.

At scale 1.0 the two published years (2018-19 and 2019-20, from the partnership's 2019-20
annual report and the cabinet report's training income) are reproduced exactly. Other years
get plausible figures near the nearest published year. At another scale every volume is
multiplied and rounded, and breakdowns are apportioned to the scaled total; the figures
actually generated are reported in the manifest's truth.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

from .people import apportion, jitter, scaled

CP_CATEGORY_WEIGHTS = {"NEG": 0.60, "EMO": 0.30, "SAB": 0.04, "PHY": 0.05, "MUL": 0.01}

LOCATIONS_2019 = {"CARE_HOME_NURSING": 258, "CARE_HOME_RESIDENTIAL": 380, "COMMUNITY": 54,
                  "COMMUNITY_SERVICE": 28, "OWN_HOME": 1690, "HOSPITAL_COMMUNITY": 129,
                  "OTHER": 129}
AGE_BANDS_2019 = {"18_or_under": 12, "not_known": 16, "19-29": 302, "30-39": 178, "40-49": 195,
                  "50-59": 289, "60-69": 292, "70-79": 423, "80-89": 649, "90_plus": 312}
TYPES_2019 = {"NEGLECT": 1060, "PSYCHOLOGICAL": 695, "DOMESTIC": 690, "PHYSICAL": 665,
              "FINANCIAL": 577, "SELF_NEGLECT": 204, "SEXUAL": 167, "ORGANISATIONAL": 137,
              "MODERN_SLAVERY": 15, "DISCRIMINATORY": 14, "SEXUAL_EXPLOITATION": 0}

PUBLISHED: dict[str, dict] = {
    "2018-19": dict(cp_open=328, cp_starts=350, concerns=2245, to_s42=573, police=2654, cse=148,
                    cse_crimes=27, course_types=61, dna_charges=Decimal("503.00")),
    "2019-20": dict(cp_open=264, cp_starts=335, concerns=2668, to_s42=691, police=2600, cse=102,
                    cse_crimes=36, course_types=67, dna_charges=Decimal("11765.00"),
                    cp_categories={"NEG": 182, "EMO": 69, "SAB": 8, "PHY": 5, "MUL": 0},
                    locations=LOCATIONS_2019, age_bands=AGE_BANDS_2019, types=TYPES_2019),
}


@dataclass
class YearTargets:
    """What one financial year must contain (already scaled)."""

    fy: str
    cp_open: int            # CP plans open on 31 March
    cp_starts: int          # approximate plan starts in the year
    cp_categories: dict[str, int]  # latest_category of the plans open on 31 March
    cp_categories_exact: bool      # True where a split is published (make it exact)
    concerns: int
    to_s42: int
    locations: dict[str, int]
    age_bands: dict[str, int]
    types: dict[str, int]   # type-of-risk mentions
    police: int
    cse: int
    cse_crimes: int
    course_types: int
    dna_charges: Decimal


def _nearest_published(fy: str) -> dict:
    year = int(fy[:4])
    return PUBLISHED["2018-19" if year <= 2018 else "2019-20"]


def year_targets(fy: str, scale: float, rng: random.Random) -> YearTargets:
    """The targets for one financial year at the given scale."""
    published = fy in PUBLISHED
    base = dict(PUBLISHED[fy] if published else _nearest_published(fy))
    if not published:  # a plausible year near the nearest published one
        for key in ("cp_open", "cp_starts", "concerns", "to_s42", "police", "cse", "cse_crimes"):
            base[key] = int(base[key] * rng.uniform(0.92, 1.08))
        base["course_types"] = base["course_types"] + rng.randint(-5, 5)
        base["dna_charges"] = Decimal(rng.randint(3000, 9000))
    base["cse_crimes"] = min(base["cse_crimes"], base["cse"])

    def vol(key: str) -> int:
        return max(1, scaled(base[key], scale))

    concerns = vol("concerns")
    cp_open = vol("cp_open")
    cats = base.get("cp_categories") or jitter(rng, CP_CATEGORY_WEIGHTS)
    locations = base.get("locations") or jitter(rng, LOCATIONS_2019)
    ages = base.get("age_bands") or jitter(rng, AGE_BANDS_2019)
    types = base.get("types") or jitter(rng, TYPES_2019)
    mentions = max(concerns, round(sum(types.values()) * concerns / sum(locations.values())))
    type_counts = apportion(mentions, types)
    for code in type_counts:  # a concern names a type at most once
        type_counts[code] = min(type_counts[code], concerns)
    cse = min(vol("cse"), vol("police"))
    charges = (base["dna_charges"] * Decimal(str(scale))).quantize(Decimal("0.01"))
    return YearTargets(
        fy=fy, cp_open=cp_open, cp_starts=vol("cp_starts"),
        cp_categories=apportion(cp_open, cats), cp_categories_exact="cp_categories" in base,
        concerns=concerns, to_s42=min(vol("to_s42"), concerns),
        locations=apportion(concerns, locations), age_bands=apportion(concerns, ages),
        types=type_counts, police=vol("police"), cse=cse,
        cse_crimes=min(scaled(base["cse_crimes"], scale), cse),
        course_types=max(1, scaled(base["course_types"], scale)), dna_charges=charges)
