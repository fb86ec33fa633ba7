"""Every linear relation a reader of the published tables knows between cells.

The variables are the counts a policy publishes (one per cell, suppressed or not) and the
numerator and denominator of each rate or percentage that are not published as counts of
their own (`<ratio id>:numerator`, `<ratio id>:denominator`). A relation is a set of terms
that sum to zero; `needs` names the published cells a reader must see to know it.

| kind | relation | from the catalogue |
|---|---|---|
| breakdown | headline = sum of its breakdown cells | `counts_from`, `breakdown_sums_to_total` |
| months | a flow's financial year = sum of its twelve months | `measure = "flow"` |
| year_end | a stock's financial year = its last month (March) | `measure = "stock"` |
| stock_flow | stock = previous period's stock + inflows - outflows | `inflows`, `outflows` |
| places | a partnership = sum of its LAs (stocks and flows only) | `marts.area_members` |
| ratio | a shown ratio ties its numerator to its denominator; with a public denominator (ONS population) it gives the numerator; `z` gives a denominator of 0 | `numerator_from`, `denominator_from`, `denominator_public` |
| (year on year) | change = value - previous value: `published_yoy` shows a change only when both values are shown, so it tells nothing they do not, and is not audited | |

A relation is made only from cells the policy publishes: a series it withholds (e.g. months)
is left out with its relations, which is exact here because every relation above that runs
through the withheld cells has its counterpart between the published ones (twelve months of
stock and flows give the financial years' stock_flow, and so on).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from wst_analytics.disclosure.cells import Key, Members, months_of, previous_period
from wst_analytics.indicators.catalogue import Catalogue, Indicator

ADDITIVE = ("stock", "flow")


@dataclass(frozen=True)
class Relation:
    kind: str
    terms: dict = field(hash=False)  # variable -> coefficient (int or Fraction); they sum to zero
    needs: tuple[Key, ...] = ()  # published cells the reader must see to know the relation


def parts(key: Key, indicator: Indicator, cells: dict) -> tuple[tuple, tuple | None]:
    """The variables of a ratio cell's numerator and denominator (None: public)."""
    def part(linked: str, name: str) -> tuple:
        linked_key = (linked, *key[1:])
        return linked_key if linked and linked_key in cells else (f"{key[0]}:{name}", *key[1:])
    denominator = None if indicator.denominator_public else part(indicator.denominator_from, "denominator")
    return part(indicator.numerator_from, "numerator"), denominator


def variables(cells: dict[Key, dict], catalogue: Catalogue) -> dict[tuple, float | None]:
    """Every count variable and its value: the count cells and the ratios' unpublished parts."""
    out = {}
    for key, row in cells.items():
        indicator = catalogue[key[0]]
        if indicator.measure != "ratio":
            out[key] = row["value"]
            continue
        numerator, denominator = parts(key, indicator, cells)
        out.setdefault(numerator, row["numerator"])
        if denominator is not None:
            out.setdefault(denominator, row["denominator"])
    return out


def measure(var: tuple, catalogue: Catalogue) -> str:
    name, _, part = var[0].partition(":")
    return catalogue[name].parts_measure if part else catalogue[name].measure


def relations(cells: dict[Key, dict], catalogue: Catalogue, members: Members) -> list[Relation]:
    """Every relation between the cells (key -> marts row) of one policy."""
    found = variables(cells, catalogue)
    out: list[Relation] = []

    def add(kind: str, terms: dict, needs: tuple = ()) -> None:
        if all(var in found for var in terms):
            out.append(Relation(kind, terms, needs))  # whole coefficients stay int: faster

    breakdowns: dict[tuple, list] = {}
    for var in found:
        name, area_type, area_code, period_type, period, code = var
        kind = measure(var, catalogue)
        indicator = catalogue.indicators.get(name)
        if code and indicator is not None and indicator.counts_from and indicator.breakdown_sums_to_total:
            total = (indicator.counts_from[0], area_type, area_code, period_type, period, "")
            breakdowns.setdefault((name, total), []).append(var)
        if period_type == "financial_year" and kind == "flow":
            add("months", {var: 1, **{(*var[:3], "month", m, code): -1 for m in months_of(period)}})
        if period_type == "financial_year" and kind == "stock":
            add("year_end", {var: 1, (*var[:3], "month", months_of(period)[-1], code): -1})
        if indicator is not None and (indicator.inflows or indicator.outflows) and not code:
            terms = {var: 1, (*var[:4], previous_period(period_type, period), ""): -1}
            terms.update({(flow, *var[1:]): -1 for flow in indicator.inflows})
            terms.update({(flow, *var[1:]): 1 for flow in indicator.outflows})
            add("stock_flow", terms)
        if (area_type, area_code) in members and kind in ADDITIVE:
            add("places", {var: 1, **{(name, *place, *var[3:]): -1 for place in members[(area_type, area_code)]}})
    for (_, total), cells_of in breakdowns.items():
        add("breakdown", {total: 1, **dict.fromkeys(cells_of, -1)})
    out += ratio_relations(cells, catalogue, found)
    return out


def ratio_relations(cells: dict[Key, dict], catalogue: Catalogue, found: dict) -> list[Relation]:
    """What each shown rate or percentage tells about its numerator and denominator."""
    out = []
    for key, row in cells.items():
        indicator = catalogue[key[0]]
        if indicator.measure != "ratio":
            continue
        numerator, denominator = parts(key, indicator, cells)
        if row["value"] is None:  # `z`: nothing to divide by
            if denominator is not None and row["denominator"] == 0:
                out.append(Relation("ratio", {denominator: 1}, (key,)))
        elif denominator is None:
            out.append(Relation("ratio", {numerator: 1}, (key,)))
        elif row["denominator"]:
            ratio = Fraction(row["numerator"]).limit_denominator(10**6) / Fraction(row["denominator"]).limit_denominator(10**6)
            out.append(Relation("ratio", {numerator: 1, denominator: -ratio}, (key,)))
    return out


def check_links(catalogue: Catalogue) -> None:
    """Refuse links between indicators under different disclosure policies: the audit of one
    policy could not see what the other publishes."""
    for indicator in catalogue:
        linked = [*indicator.counts_from, *indicator.inflows, *indicator.outflows,
                  *(p for p in (indicator.numerator_from, indicator.denominator_from) if p)]
        for other in linked:
            if catalogue[other].disclosure != indicator.disclosure:
                raise ValueError(f"indicator {indicator.id} ({indicator.disclosure}) is linked to "
                                 f"{other} ({catalogue[other].disclosure}): a relation across "
                                 "disclosure policies cannot be audited; give them one policy")
