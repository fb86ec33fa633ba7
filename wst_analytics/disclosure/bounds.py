"""Bounds: what a reader learns from counts being whole numbers of at least zero.

Each relation, with the shown counts moved to its constant side, bounds each unknown by the
bounds of the others (a hidden total of 0 pins all its hidden parts at 0, for example); the
bounds are tightened relation by relation until they stop changing. An unknown whose lowest
and highest possible values meet is pinned. This is interval propagation, not a linear
programme: it finds what a reader finds by reasoning one relation at a time. The relations
are scaled to whole coefficients first, so the arithmetic is exact and on integers.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Hashable
from fractions import Fraction

ROUNDS = 20  # at most this many tightenings of each relation


def bounds_pinned(rows: list[tuple[int, dict, Fraction]]) -> dict[Hashable, frozenset[int]]:
    """rows: (relation number, {unknown: coefficient}, constant) meaning sum = constant; the
    unknowns pinned by bounds -> the relation that pinned each."""
    rows = [_whole(terms, constant) + (number,) for number, terms, constant in rows]
    holding: dict[Hashable, list[int]] = {}
    for index, (terms, _, _) in enumerate(rows):
        for var in terms:
            holding.setdefault(var, []).append(index)
    low: dict[Hashable, int] = {}
    high: dict[Hashable, int | None] = {}  # None: no upper bound
    pinned: dict[Hashable, frozenset[int]] = {}
    queue, waiting, budget = deque(range(len(rows))), set(range(len(rows))), ROUNDS * len(rows)
    while queue and budget:
        index = queue.popleft()
        waiting.discard(index)
        budget -= 1
        terms, constant, number = rows[index]
        for var in _tighten(terms, constant, low, high):
            if low.get(var, 0) == high.get(var):
                pinned[var] = frozenset({number})
            for other in holding[var]:
                if other not in waiting:
                    waiting.add(other)
                    queue.append(other)
    return pinned


def _whole(terms: dict, constant: Fraction) -> tuple[dict, int]:
    if type(constant) is int and all(type(c) is int for c in terms.values()):
        return terms, constant
    scale = math.lcm(*(Fraction(c).denominator for c in terms.values()), Fraction(constant).denominator)
    return {v: int(c * scale) for v, c in terms.items()}, int(constant * scale)


def _tighten(terms: dict, constant: int, low: dict, high: dict) -> list[Hashable]:
    """Bound each unknown of one relation by the others; the unknowns whose bounds changed."""
    least = most = 0
    least_open = most_open = 0  # terms with no lower / no upper bound
    ranges = {}
    for var, c in terms.items():
        lo, hi = c * low.get(var, 0), None if high.get(var) is None else c * high[var]
        lo, hi = (lo, hi) if c > 0 else (hi, lo)  # None now means -inf (lo) or +inf (hi)
        ranges[var] = (lo, hi)
        least, least_open = (least + lo, least_open) if lo is not None else (least, least_open + 1)
        most, most_open = (most + hi, most_open) if hi is not None else (most, most_open + 1)
    changed = []
    for var, c in terms.items():
        lo, hi = ranges[var]
        others_least = None if least_open - (lo is None) else least - (lo or 0)
        others_most = None if most_open - (hi is None) else most - (hi or 0)
        top = None if others_least is None else constant - others_least  # c * var <= top
        bottom = None if others_most is None else constant - others_most  # c * var >= bottom
        new_lo, new_hi = _divide(bottom, top, c, low.get(var, 0), high.get(var))
        if new_lo != low.get(var, 0) or new_hi != high.get(var):
            low[var], high[var] = new_lo, new_hi
            changed.append(var)
    return changed


def _divide(bottom, top, c: int, lo: int, hi: int | None) -> tuple[int, int | None]:
    """Bounds of var from bottom <= c * var <= top (None: unbounded), within [lo, hi]."""
    if c < 0:
        bottom, top, c = (None if top is None else -top), (None if bottom is None else -bottom), -c
    if bottom is not None:
        lo = max(lo, -(-bottom // c))
    if top is not None:
        hi = top // c if hi is None else min(hi, top // c)
    return lo, hi
