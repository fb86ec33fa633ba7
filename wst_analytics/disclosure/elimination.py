"""Exact elimination: which unknowns a set of linear equations pins to one value.

Sparse Gauss-Jordan elimination on whole numbers: each equation is scaled from its rational
coefficients to whole ones, and rows are combined without division (each kept divided by the
greatest common divisor of its coefficients), so no rounding ever happens. After every new
row the pivot rows are kept fully reduced; an unknown is pinned exactly when its pivot row has
no other unknown (its unit vector lies in the span of the equations).
"""

from __future__ import annotations

import math
from collections.abc import Hashable
from fractions import Fraction


def pinned_exactly(rows: list[tuple[int, dict]]) -> dict[Hashable, frozenset[int]]:
    """Gauss-Jordan on one component: pinned variable -> the relations used to pin it. Rows are
    scaled to whole numbers and combined without division (each kept divided by the greatest
    common divisor of its coefficients), so the arithmetic is exact and on integers."""
    pivots: dict[Hashable, tuple[dict, set]] = {}
    where: dict[Hashable, set] = {}  # non-pivot variable -> the pivots whose rows hold it
    for number, terms in rows:
        row, used = _whole(terms), {number}
        for var in [v for v in row if v in pivots]:
            _eliminate(row, used, var, pivots[var])
        if not row:
            continue
        pivot = min(row, key=lambda v: len(where.get(v, ())))
        for other in where.pop(pivot, set()):
            other_row, other_used = pivots[other]
            before = set(other_row)
            _eliminate(other_row, other_used, pivot, (row, used))
            for var in set(other_row) - before:
                where.setdefault(var, set()).add(other)
            for var in before - set(other_row):
                where.get(var, set()).discard(other)
        for var in row:
            if var != pivot:
                where.setdefault(var, set()).add(pivot)
        pivots[pivot] = (row, used)
    return {var: frozenset(used) for var, (row, used) in pivots.items() if len(row) == 1}


def _whole(terms: dict) -> dict:
    if all(type(c) is int for c in terms.values()):
        return dict(terms)
    scale = math.lcm(*(Fraction(c).denominator for c in terms.values()))
    return {v: int(c * scale) for v, c in terms.items()}


def _eliminate(row: dict, used: set, var: Hashable, pivot: tuple[dict, set]) -> None:
    """row := p * row - a * pivot row (p, a: their coefficients of `var`), so that `var` leaves
    it; then divided by the greatest common divisor of what is left."""
    a = row.get(var)
    if not a:
        return
    pivot_row, pivot_used = pivot
    p = pivot_row[var]
    g = math.gcd(a, p)
    times_row, times_pivot = p // g, a // g
    if times_row != 1:
        for key in row:
            row[key] *= times_row
    for key, c in pivot_row.items():
        value = row.get(key, 0) - times_pivot * c
        if value:
            row[key] = value
        else:
            row.pop(key, None)
    g = math.gcd(*row.values())
    if g > 1:
        for key in row:
            row[key] //= g
    used |= pivot_used
