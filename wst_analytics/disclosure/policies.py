"""The disclosure policies: one per indicator, from the catalogue.

- `dfe_children` (DfE children's statistics): counts of 1 to 5 are shown as `c`, and so is a
  rate or percentage whose numerator or denominator is 1 to 5 or whose count is hidden; then
  secondary suppression (`secondary.py`) hides enough other cells that the audit finds no
  hidden count, and no unpublished numerator or denominator of 1 to 5, that any relation a
  reader knows (`relations.py`) pins to one value, across places included.
- `sac_adults` (NHS Safeguarding Adults Collection): counts under 5 are `[c]`, other counts are
  rounded to the nearest 5; a percentage is `[c]` when its numerator or denominator is under
  5, and is otherwise calculated from its numerator and denominator rounded to the nearest 5
  (from the unrounded figures, as the NHS tables do, it would give the rounded counts away).
- `none`: shown as computed (no personal data: e.g. training places).
Any figure that cannot be computed (a percentage of zero cases) is `z`.
"""

from __future__ import annotations

import math

import polars as pl

from wst_analytics.disclosure.audit import Audit
from wst_analytics.disclosure.cells import KEY, Key, Members, key_of, with_places
from wst_analytics.disclosure.relations import parts, relations, variables
from wst_analytics.disclosure.secondary import protect
from wst_analytics.indicators.catalogue import Catalogue


def _small(value: float | None) -> bool:
    return value is not None and 1 <= value <= 5


def dfe_children(cells: dict[Key, dict], catalogue: Catalogue, members: Members) -> dict[Key, str]:
    """Key -> symbol for the cells to hide."""
    return dict.fromkeys(dfe_suppression(cells, catalogue, members)[0], "c")


def dfe_suppression(cells: dict[Key, dict], catalogue: Catalogue, members: Members) -> tuple[set[Key], list[Audit]]:
    """The cells to hide under the DfE rule, and the audits that found them enough."""
    values = variables(cells, catalogue)
    ratios = {key: parts(key, catalogue[key[0]], cells) for key in cells if catalogue[key[0]].measure == "ratio"}
    hidden = {key for key, row in cells.items() if key not in ratios and _small(row["value"])}
    hidden |= {key for key in ratios if _small(cells[key]["numerator"]) or _small(cells[key]["denominator"])}
    small_parts = {var for var, value in values.items() if var not in cells and _small(value)}

    def rule(hidden: set[Key]) -> set[Key]:
        """A rate or percentage is hidden with any count it is built on."""
        return {key for key, (numerator, denominator) in ratios.items()
                if numerator in hidden or denominator in hidden
                or any((count, *key[1:]) in hidden for count in catalogue[key[0]].counts_from)}

    return protect(cells, values, relations(cells, catalogue, members), hidden, small_parts, rule, ratios)


def sac_adults(cells: dict[Key, dict], catalogue: Catalogue, members: Members) -> dict[Key, str]:
    hidden = {}
    for key, row in cells.items():
        ratio = catalogue[key[0]].measure == "ratio"
        figures = [row["numerator"], row["denominator"]] if ratio else [row["value"]]
        if any(p is not None and p < 5 for p in figures):
            hidden[key] = "[c]"
    return hidden


POLICIES = {"dfe_children": dfe_children, "sac_adults": sac_adults}
SCALE = {"percent": 100, "rate_per_10k": 10000}


def round_to_5(value: float) -> float:
    return math.floor(value / 5 + 0.5) * 5


def apply(policy: str, frame: pl.DataFrame, catalogue: Catalogue, members: Members | None = None) -> pl.DataFrame:
    """Published values of one policy's indicators: `value` (null when hidden) and `symbol`.
    `members`: each partnership's LAs (areas and their places, `cells.Members`)."""
    frame, had_places = with_places(frame)
    rows = frame.sort(KEY).to_dicts()  # the same figures in any order: the same cells hidden
    cells = {key_of(row): row for row in rows}
    hidden = POLICIES[policy](cells, catalogue, members or {}) if policy in POLICIES else {}
    for key, row in cells.items():
        symbol = hidden.get(key)
        if symbol is None and row["value"] is None:  # a missing return: not available, never 0
            symbol = "x" if row.get("completeness") == "missing" else "z"
        row["symbol"] = symbol
        if symbol is not None:
            row["value"] = None
        elif policy == "sac_adults" and catalogue[key[0]].measure != "ratio":
            row["value"] = round_to_5(row["value"])
        elif policy == "sac_adults":
            row["value"] = SCALE[catalogue[key[0]].unit] * round_to_5(row["numerator"]) / round_to_5(row["denominator"])
    out = pl.DataFrame(rows or None, schema={**frame.schema, "symbol": pl.String})
    return out if had_places else out.drop("area_type", "area_code")
