"""The attack: from what a reader knows (tests/attack_reader.py), pin as many unknown counts as
possible, exactly: linear algebra over the rationals on the relations, whole-number bounds
(counts >= 0; SAC counts shown rounded to 5 are within 2 of it; `[c]` is 0 to 4), rates and
percentages against their published or public parts, and year-on-year changes
(tests/attack_clues.py), over and over until nothing more is learnt.
"""

from __future__ import annotations

import math
from fractions import Fraction

from tests.attack_clues import INF, change_equations, change_pct_clues, parts, ratio_clues
from tests.attack_reader import RATIOS, Published, structural_equations


class Reader:
    def __init__(self, pub: Published, catalogue):
        self.pub, self.known, self.bounds = pub, {}, {}
        keys = set()
        for key, (value, symbol) in pub.cells.items():
            if key[0] in RATIOS:
                keys.update(k for k in parts(key)[:2] if k != "population")
                continue
            keys.add(key)
            if symbol is None and pub.policy[key[0]] == "sac_adults":
                self.bounds[key] = (value - 2, value + 2)
            elif symbol is None:
                self.known[key] = Fraction(value).limit_denominator(100)
                self.bounds[key] = (self.known[key], self.known[key])
            else:
                self.bounds[key] = (0, 4) if symbol == "[c]" else (0, INF)
        for key in keys - set(self.known):
            self.bounds.setdefault(key, (0, INF))
        self.initial = set(self.known)
        self.equations = [(eq, Fraction(0)) for eq in structural_equations(keys, catalogue, pub.members)]
        self.equations += change_equations(self, keys)

    def learn(self, key, value) -> bool:
        if key in self.known:
            return False
        self.known[key], self.bounds[key] = Fraction(value), (value, value)
        return True

    def narrow(self, key, lo, hi) -> bool:
        if key in self.known:
            return False
        old = self.bounds.get(key, (0, INF))
        lo = old[0] if lo == -INF else max(old[0], math.ceil(lo))
        hi = old[1] if hi == INF else min(old[1], math.floor(hi))
        if lo == hi:
            return self.learn(key, lo)
        if (lo, hi) != old and lo <= hi:
            self.bounds[key] = (lo, hi)
            return True
        return False

    def run(self) -> dict:
        while ratio_clues(self) | change_pct_clues(self) | self.linear_step() | self.bounds_step():
            pass
        return {k: v for k, v in self.known.items() if k not in self.initial}

    def _reduced(self):
        for terms, constant in self.equations:
            rest = {k: c for k, c in terms.items() if k not in self.known}
            yield rest, constant - sum(c * self.known[k] for k, c in terms.items() if k in self.known)

    def linear_step(self) -> bool:
        """Gauss-Jordan over the rationals: a variable alone in its reduced row is pinned."""
        pivots: dict = {}
        for row, constant in self._reduced():
            for pivot in [k for k in row if k in pivots]:
                factor = row.pop(pivot)
                prow, pconst = pivots[pivot]
                for k, c in prow.items():
                    if k != pivot:
                        row[k] = row.get(k, 0) - factor * c
                constant -= factor * pconst
                row = {k: c for k, c in row.items() if c}
            if not row:
                continue
            pivot = next(iter(row))
            scale = row[pivot]
            row, constant = {k: c / scale for k, c in row.items()}, constant / scale
            for other, (orow, oconst) in list(pivots.items()):
                factor = orow.get(pivot)
                if factor:
                    merged = dict(orow)
                    for k, c in row.items():
                        merged[k] = merged.get(k, 0) - factor * c
                    pivots[other] = ({k: c for k, c in merged.items() if c}, oconst - factor * constant)
            pivots[pivot] = (row, constant)
        progress = False
        for pivot, (row, constant) in pivots.items():
            if len(row) == 1 and constant.denominator == 1 and constant >= 0:
                progress |= self.learn(pivot, int(constant))
        return progress

    def bounds_step(self) -> bool:
        """Each relation bounds each of its unknowns by the bounds of the others."""
        progress = False
        for row, constant in self._reduced():
            for key, coefficient in row.items():
                lo = hi = constant
                for other, c in row.items():
                    if other != key:
                        olo, ohi = self.bounds[other]
                        lo, hi = lo - max(c * olo, c * ohi), hi - min(c * olo, c * ohi)
                lo, hi = (lo / coefficient, hi / coefficient) if coefficient > 0 else (hi / coefficient, lo / coefficient)
                progress |= self.narrow(key, lo, hi)
        return progress


def attack(pub: Published, catalogue) -> dict:
    """The counts the reader pins to one value (key -> value), besides those published."""
    return Reader(pub, catalogue).run()
