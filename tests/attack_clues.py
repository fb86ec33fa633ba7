"""The attack's clues beyond the structural relations: rates and percentages against their
parts, and year-on-year changes (see tests/attack_solve.py)."""

from __future__ import annotations

from fractions import Fraction

from tests.attack_reader import RATIOS, financial_year

INF = float("inf")


def parts(key: tuple) -> tuple:
    """A ratio cell's numerator and denominator keys ("population": public), and its scale."""
    numerator, denominator, scale = RATIOS[key[0]]
    n = (numerator or key[0] + "#N", *key[1:])
    d = "population" if denominator == "population" else (denominator or key[0] + "#D", *key[1:])
    return n, d, scale


def _year_key(row: dict) -> tuple:
    return (row["indicator_id"], row.get("area_type") or "", row.get("area_code") or "",
            "financial_year", row["period"], row["breakdown"])


def change_equations(reader, keys: set) -> list:
    """A published change is value - previous value, of the published (exact) figures."""
    out = []
    for row in reader.pub.yoy:
        if row["change"] is None or reader.pub.policy[row["indicator_id"]] == "sac_adults":
            continue
        now = _year_key(row)
        before = (*now[:4], row["previous_period"], now[5])
        if now in keys and before in keys:
            out.append(({now: Fraction(1), before: Fraction(-1)}, Fraction(row["change"]).limit_denominator(100)))
    return out


def ratio_clues(reader) -> bool:
    """A shown ratio (to one decimal) bounds its numerator by its denominator and back."""
    progress = False
    for key, (value, symbol) in reader.pub.cells.items():
        if key[0] not in RATIOS or symbol not in (None, "z"):
            continue
        n, d, scale = parts(key)
        if symbol == "z":
            progress |= d != "population" and reader.learn(d, 0)
            continue
        if reader.pub.policy[key[0]] == "sac_adults" and _of_rounded(reader, value, n, d, scale):
            continue  # it may be a percentage of the rounded counts: it tells nothing more
        year = key[4] if key[3] == "financial_year" else financial_year(key[4])
        dl, dh = (reader.pub.population[(*key[1:3], year)],) * 2 if d == "population" else reader.bounds[d]
        shown = Fraction(str(value))
        r_lo, r_hi = (shown - Fraction(1, 20)) / scale, (shown + Fraction(1, 20)) / scale
        progress |= reader.narrow(n, r_lo * dl, r_hi * dh if dh != INF else INF)
        if d != "population" and r_hi > 0:
            nl, nh = reader.bounds[n]
            progress |= reader.narrow(d, nl / r_hi, nh / r_lo if r_lo > 0 and nh != INF else INF)
    return progress


def change_pct_clues(reader) -> bool:
    """If a percentage change (to two decimals) came from the exact counts: the pairs of
    counts within their bounds it allows."""
    progress = False
    for row in reader.pub.yoy:
        if row["change_pct"] is None or row["indicator_id"] in RATIOS:
            continue
        now = _year_key(row)
        before = (*now[:4], row["previous_period"], now[5])
        (a, b), (c, d) = reader.bounds.get(now, (0, INF)), reader.bounds.get(before, (0, INF))
        if INF in (b, d) or b - a > 50 or d - c > 50:
            continue
        pct = Fraction(str(row["change_pct"]))
        if row["previous_value"] and round(100 * (row["value"] - row["previous_value"]) / row["previous_value"], 2) == row["change_pct"]:
            continue  # it is the change of the published figures: it tells nothing more
        fits = [(v, p) for v in range(int(a), int(b) + 1) for p in range(max(1, int(c)), int(d) + 1)
                if abs(Fraction(100 * (v - p), p) - pct) <= Fraction(1, 200)]
        if fits:
            progress |= reader.narrow(now, min(v for v, _ in fits), max(v for v, _ in fits))
            progress |= reader.narrow(before, min(p for _, p in fits), max(p for _, p in fits))
    return progress


def _shown(reader, key) -> float | None:
    cell = reader.pub.cells.get(key)
    return cell[0] if cell is not None and cell[1] is None else None


def _of_rounded(reader, value: float, n: tuple, d: tuple, scale: int) -> bool:
    """Whether a shown SAC ratio could be one of counts rounded to 5 (the published ones where
    they are published): then it is no clue to the exact counts."""
    top, bottom = _shown(reader, n), _shown(reader, d)
    for b in [bottom] if bottom is not None else range(5, 5000, 5):
        t = top if top is not None else 5 * round(value * b / scale / 5)
        if b and round(scale * t / b, 1) == value:
            return True
    return False
