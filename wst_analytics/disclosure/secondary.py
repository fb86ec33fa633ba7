"""Secondary suppression: after the small cells are hidden, hide more so that none can be
worked back from the totals and the other cells.

A group is a set of cells that add up to a total cell (a breakdown and its headline figure, or
the months of a financial year and the year). Two passes, repeated until neither changes
anything (they only ever hide cells, so they end):

1. While any group has exactly one hidden member, hide its smallest visible cell as well
   (preferring cells above zero).
2. Audit: the visible cells turn each group into an equation on its hidden cells (their sum is
   known). A hidden cell is exposed if those equations fix its value, i.e. it is a
   combination of them (checked exactly, by reducing the equations over the rationals). For
   an exposed cell, hide the smallest visible cell of one of its groups.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from fractions import Fraction


def _smallest(visible: list, values: dict) -> Hashable:
    return min(visible, key=lambda key: (values[key] == 0, values[key], str(key)))


def _pairs_pass(values, hidden: set, groups) -> bool:
    changed = False
    for group in groups:
        if sum(key in hidden for key in group) == 1:
            visible = [key for key in group if key not in hidden]
            if visible:
                hidden.add(_smallest(visible, values))
                changed = True
    return changed


def exposed_cells(hidden: set, groups: list[list[Hashable]]) -> list[Hashable]:
    """Hidden cells whose value the groups' equations determine (ignoring bounds)."""
    columns = sorted(hidden, key=str)
    rows = [{key: Fraction(1) for key in group if key in hidden} for group in groups]
    rows = [row for row in rows if row]
    pivots: dict[Hashable, dict] = {}
    for row in rows:  # reduce each equation against the pivots found so far
        for pivot, pivot_row in pivots.items():
            factor = row.get(pivot)
            if factor:
                for key, value in pivot_row.items():
                    row[key] = row.get(key, 0) - factor * value
                row = {k: v for k, v in row.items() if v}
        if not row:
            continue
        pivot = min(row, key=columns.index)
        scale = row[pivot]
        row = {k: v / scale for k, v in row.items()}
        for other, other_row in pivots.items():  # keep the pivot rows fully reduced
            factor = other_row.get(pivot)
            if factor:
                for key, value in row.items():
                    other_row[key] = other_row.get(key, 0) - factor * value
                pivots[other] = {k: v for k, v in other_row.items() if v}
        pivots[pivot] = row
    return [pivot for pivot, row in pivots.items() if len(row) == 1]


def secondary_suppression(values: dict[Hashable, float], hidden: set[Hashable],
                          groups: Iterable[list[Hashable]]) -> set[Hashable]:
    """Return `hidden` grown until no hidden cell can be worked out from the groups."""
    groups = [[key for key in group if key in values] for group in groups]
    hidden = set(hidden)
    while True:
        while _pairs_pass(values, hidden, groups):
            pass
        exposed = exposed_cells(hidden, groups)
        if not exposed:
            return hidden
        cell = exposed[0]
        choices = [[k for k in g if k not in hidden] for g in groups if cell in g]
        choices = [visible for visible in choices if visible]
        if not choices:
            return hidden  # every cell of its groups is hidden already: nothing more to hide
        hidden.add(_smallest(min(choices, key=lambda visible: min(values[k] for k in visible)), values))
