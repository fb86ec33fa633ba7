"""Scoring an attack against the truth (the marts, which the attacker never sees): which
suppressed or rounded figures it recovered exactly."""

from __future__ import annotations

from fractions import Fraction

import polars as pl

from tests.attack_clues import parts
from tests.attack_reader import RATIOS, Published, key_of


def truth_of(marts: pl.DataFrame) -> dict:
    """key -> exact value of every cell, and of the parts of every rate and percentage."""
    out = {}
    for row in marts.to_dicts():
        key = key_of(row)
        if row["value"] is not None:
            out[key] = Fraction(row["value"]).limit_denominator(100)
        if row["indicator_id"] in RATIOS:
            for part, value in zip(parts(key)[:2], (row["numerator"], row["denominator"])):
                if part != "population" and value is not None:
                    out.setdefault(part, Fraction(value).limit_denominator(100))
    return out


def recovered(pub: Published, pins: dict, truth: dict) -> dict[str, list]:
    """What the attack got exactly right: suppressed counts, rounded (SAC) counts, hidden
    rates and percentages (both parts known), and unpublished parts of fewer than 6 cases."""
    def exact(key) -> bool:
        if key == "population":
            return True
        cell = pub.cells.get(key)
        shown = cell is not None and cell[1] is None and pub.policy[key[0]] != "sac_adults"
        return shown or (key in pins and pins[key] == truth.get(key))

    out = {"suppressed": [], "rounded": [], "ratio": [], "small part": []}
    for key, value in pins.items():
        if value != truth.get(key):
            continue
        cell = pub.cells.get(key)
        if cell is None:
            if 1 <= value <= 5:
                out["small part"].append(key)
        elif cell[1] is not None:
            out["suppressed"].append(key)
        elif pub.policy[key[0]] == "sac_adults":
            out["rounded"].append(key)
    for key, (_, symbol) in pub.cells.items():
        if key[0] in RATIOS and symbol in ("c", "[c]") and all(exact(p) for p in parts(key)[:2]):
            out["ratio"].append(key)
    return out


def wrong(pins: dict, truth: dict) -> list:
    """Pins that are not the truth: the attack's own premises failing (must be none)."""
    return [key for key, value in pins.items() if key in truth and truth[key] != value]
