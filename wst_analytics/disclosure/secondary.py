"""Secondary suppression: after the small cells are hidden, hide more until the audit finds no
hidden count (and no small unpublished part of a rate) that a reader could work out.

Each round audits every relation (`relations.py`) against what is still shown. For each
variable found pinned, one more cell is hidden, chosen among those the pinning used: a rate or
percentage first (hiding it loses no count), else the smallest count shown (above zero where
possible). The rule of the policy (a rate is hidden with its count) is applied again, and the
rounds repeat until the audit finds nothing. Rounds only ever hide cells, so they end.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from wst_analytics.disclosure.audit import Audit, audit
from wst_analytics.disclosure.cells import Key
from wst_analytics.disclosure.relations import Relation


def protect(cells: dict[Key, dict], values: dict[Hashable, float | None], relations: list[Relation],
            hidden: set[Key], parts: set[Hashable], rule: Callable[[set[Key]], set[Key]],
            ratios: dict[Key, tuple]) -> tuple[set[Key], list[Audit]]:
    """`hidden` grown until no hidden count or part in `parts` is pinned, nor both parts of a
    hidden ratio (`ratios`: ratio cell -> (numerator, denominator) variables); and the audits.
    Cells that no chain of relations joins cannot tell anything about each other: each group
    of joined cells is protected on its own (a place, or a partnership and its LAs; a family
    of indicators)."""
    hidden, audits = set(hidden) | rule(set(hidden)), []
    for group in groups(relations, ratios):
        chosen = [relations[n] for n in group]
        cells_of = {cell for relation in chosen for var in (*relation.terms, *relation.needs)
                    for cell in [var] if cell in cells}
        found, rounds = _protect_group(cells_of, values, chosen, hidden & cells_of, parts, rule, ratios)
        hidden |= found
        audits += rounds
    return hidden, audits


def groups(relations: list[Relation], ratios: dict[Key, tuple]) -> list[list[int]]:
    """The relations in groups that share no variable or cell (each ratio joined to its parts)."""
    parent: dict = {}

    def root(x):
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for number, relation in enumerate(relations):
        for x in (*relation.terms, *relation.needs):
            parent[root(x)] = root(("relation", number))
    for cell, both in ratios.items():
        for part in both:
            if part is not None and part in parent:
                parent[root(part)] = root(cell)
    out: dict = {}
    for number in range(len(relations)):
        out.setdefault(root(("relation", number)), []).append(number)
    return list(out.values())


def _protect_group(cells: set[Key], values: dict, relations: list[Relation], hidden: set[Key],
                   parts: set, rule, ratios: dict) -> tuple[set[Key], list[Audit]]:
    hidden, audits, cache = set(hidden), [], {}
    while True:
        hidden |= rule(hidden) & cells
        visible = cells - hidden
        known = {key for key in visible if values.get(key) is not None}
        watched = [(key, *ratios[key]) for key in hidden if key in ratios]
        result = audit(relations, values, known, visible, (hidden & values.keys()) | parts, watched, cache)
        audits.append(result)
        more = {_choose(var, used, relations, visible, values) for var, used in result.exposed.items()}
        more.discard(None)
        if not more:
            return hidden, audits
        hidden |= more


def _choose(var: Hashable, used: frozenset[int], relations: list[Relation], visible: set,
            values: dict) -> Key | None:
    """The cell to hide so that `var` is no longer pinned: from the relations holding it, or
    else from any relation used to pin it."""
    for chosen in ([n for n in used if var in relations[n].terms], list(used)):
        ratios = sorted({cell for n in chosen for cell in relations[n].needs if cell not in values and cell in visible})
        if ratios:
            return ratios[0]
        counts = {v for n in chosen for v in relations[n].terms if v in visible and values.get(v) is not None}
        if counts:
            return min(counts, key=lambda key: (values[key] == 0, values[key], str(key)))
    return None
