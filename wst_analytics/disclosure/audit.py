"""The audit: which unknown counts the reader's relations pin to one value, exactly.

Known to the reader: every shown count, and every relation whose `needs` are all shown. The
shown counts are substituted, leaving equations over the unknown variables only. Variables
that share no equation cannot tell anything about each other, so the equations split into
independent components (a place, a family of indicators, a year ...), and only components
holding a variable that must stay unknown are solved: by exact sparse elimination
(`elimination.py`) and by the bounds of whole numbers >= 0 (`bounds.py`).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from fractions import Fraction

from wst_analytics.disclosure.bounds import bounds_pinned
from wst_analytics.disclosure.elimination import pinned_exactly
from wst_analytics.disclosure.relations import Relation


@dataclass
class Audit:
    exposed: dict[Hashable, frozenset[int]] = field(default_factory=dict)  # var -> relations pinning it
    systems: list[int] = field(default_factory=list)  # the size (variables) of each system solved


def audit(relations: list[Relation], values: dict, known: set, visible: set, protected: set,
          watched: Iterable[tuple] = (), cache: dict | None = None) -> Audit:
    """The protected variables that the relations, or the bounds of whole numbers >= 0
    (`bounds.py`), pin; and each watched (cell, numerator, denominator) of a hidden ratio
    whose numerator and denominator are both pinned (a denominator of None is public).
    `values`: every variable's true value (for the bounds); `known`: the variables shown;
    `cache`: the pinned variables of components solved before (a component is the same when
    its relations and their unknowns are), kept between the rounds of secondary suppression."""
    rows = []
    for number, relation in enumerate(relations):
        if all(cell in visible for cell in relation.needs):
            terms = {var: c for var, c in relation.terms.items() if var not in known}
            if terms:
                rows.append((number, terms))
    watched = list(watched)
    wanted = set(protected) | {var for _, n, d in watched for var in (n, d) if var is not None}
    result = Audit()
    pinned: dict[Hashable, frozenset[int]] = {}
    for component in _components(rows):
        variables = {var for _, terms in component for var in terms}
        if variables & wanted:
            signature = frozenset((number, frozenset(terms)) for number, terms in component)
            found = None if cache is None else cache.get(signature)
            if found is None:
                result.systems.append(len(variables))
                found = bounds_pinned([(n, t, _constant(relations[n], values, known)) for n, t in component])
                found.update(pinned_exactly(component))
                if cache is not None:
                    cache[signature] = found
            pinned.update(found)
    result.exposed = {var: pinned[var] for var in protected if var in pinned}
    for _, numerator, denominator in watched:
        sure = [var is None or var in known or var in pinned for var in (numerator, denominator)]
        if all(sure):
            var = numerator if numerator not in known else denominator
            if var in pinned:
                result.exposed.setdefault(var, pinned[var])
    return result


def _constant(relation: Relation, values: dict, known: set) -> int | Fraction:
    """Minus the sum of the relation's known terms: what its unknown terms add up to."""
    total = 0
    for var, c in relation.terms.items():
        if var in known:
            value = values[var]
            total -= c * (int(value) if value == int(value) else Fraction(value).limit_denominator(10**6))
    return total


def _components(rows: list[tuple]) -> list[list[tuple]]:
    parent: dict[Hashable, Hashable] = {}

    def root(var):
        while parent.setdefault(var, var) != var:
            parent[var] = parent[parent[var]]
            var = parent[var]
        return var

    for _, terms in rows:
        first, *rest = terms
        for var in rest:
            parent[root(var)] = root(first)
    groups: dict[Hashable, list] = {}
    for row in rows:
        groups.setdefault(root(next(iter(row[1]))), []).append(row)
    return list(groups.values())
