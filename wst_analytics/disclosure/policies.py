"""The disclosure policies: one per indicator, from the catalogue.

- `dfe_children` (DfE children's statistics): counts of 1 to 5 are shown as `c`, then
  secondary suppression hides enough other cells that none can be worked back from totals
  (breakdowns against their headline figure; months against their financial year). A rate or
  percentage is `c` when its numerator or denominator is 1 to 5 or the count it is built on is
  hidden.
- `sac_adults` (NHS Safeguarding Adults Collection): counts under 5 are `[c]`, other counts are
  rounded to the nearest 5; percentages are calculated from unrounded figures and are `[c]`
  when their numerator or denominator is under 5.
- `none`: shown as computed (no personal data: e.g. training places).
Any figure that cannot be computed (a percentage of zero cases) is `z`.
"""

from __future__ import annotations

import math

import polars as pl

from wst_analytics.disclosure.secondary import secondary_suppression
from wst_analytics.indicators.catalogue import Catalogue

Key = tuple[str, ...]  # indicator_id, area_type, area_code, period_type, period, breakdown


def _key(row: dict) -> Key:
    return (row["indicator_id"], row["area_type"], row["area_code"], row["period_type"], row["period"],
            row["breakdown"])


def _financial_year(month: str) -> str:
    year, number = int(month[:4]), int(month[5:7])
    start = year if number >= 4 else year - 1
    return f"{start}-{str(start + 1)[2:]}"


def _groups(rows: list[dict], catalogue: Catalogue) -> list[list[Key]]:
    """Sets of cells that add up to a total (the total included)."""
    breakdowns: dict[tuple, list[Key]] = {}
    years: dict[tuple, list[Key]] = {}
    for row in rows:
        indicator = catalogue[row["indicator_id"]]
        if row["breakdown"] and indicator.breakdown_sums_to_total and indicator.counts_from:
            total = (indicator.counts_from[0], *_key(row)[1:5], "")
            breakdowns.setdefault((row["indicator_id"], total), [total]).append(_key(row))
        if indicator.measure == "flow" and row["period_type"] == "month":
            year = (row["indicator_id"], row["area_type"], row["area_code"], "financial_year",
                    _financial_year(row["period"]), row["breakdown"])
            years.setdefault(year, [year]).append(_key(row))
    return [*breakdowns.values(), *years.values()]


def _hidden_counts(rows: list[dict], catalogue: Catalogue) -> set[Key]:
    counts = {_key(r): r["value"] for r in rows if catalogue[r["indicator_id"]].measure != "ratio"}
    primary = {key for key, value in counts.items() if value is not None and 1 <= value <= 5}
    return secondary_suppression(counts, primary, _groups(rows, catalogue))


def dfe_children(rows: list[dict], catalogue: Catalogue) -> dict[Key, str]:
    """Key -> symbol for the cells to hide."""
    hidden = _hidden_counts(rows, catalogue)
    for row in rows:
        indicator = catalogue[row["indicator_id"]]
        if indicator.measure != "ratio":
            continue
        parts = [row["numerator"], row["denominator"]]
        small = any(p is not None and 1 <= p <= 5 for p in parts)
        built_on_hidden = any((c, *_key(row)[1:5], "") in hidden for c in indicator.counts_from)
        if small or built_on_hidden:
            hidden.add(_key(row))
    return dict.fromkeys(hidden, "c")


def sac_adults(rows: list[dict], catalogue: Catalogue) -> dict[Key, str]:
    hidden = {}
    for row in rows:
        ratio = catalogue[row["indicator_id"]].measure == "ratio"
        parts = [row["numerator"], row["denominator"]] if ratio else [row["value"]]
        if any(p is not None and p < 5 for p in parts):
            hidden[_key(row)] = "[c]"
    return hidden


def round_to_5(value: float) -> float:
    return math.floor(value / 5 + 0.5) * 5


def apply(policy: str, frame: pl.DataFrame, catalogue: Catalogue) -> pl.DataFrame:
    """Published values of one policy's indicators: `value` (null when hidden) and `symbol`."""
    rows = frame.to_dicts()
    hidden = {"dfe_children": dfe_children, "sac_adults": sac_adults}.get(policy, lambda *_: {})(rows, catalogue)
    for row in rows:
        symbol = hidden.get(_key(row))
        if symbol is None and row["value"] is None:
            symbol = "z"
        row["symbol"] = symbol
        counted = catalogue[row["indicator_id"]].measure != "ratio"
        if symbol is not None:
            row["value"] = None
        elif policy == "sac_adults" and counted:
            row["value"] = round_to_5(row["value"])
    return pl.DataFrame(rows or None, schema={**frame.schema, "symbol": pl.String})
