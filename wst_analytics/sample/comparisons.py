"""The true comparisons for a place (`marts.indicator_benchmarks`, docs/interfaces/indicators.md
and docs/places.md), computed from the published rows the sample wrote and the place's own
true figures, never from the warehouse.

For one indicator, place and period:
- `england_value`, `region_value`: the published figures for England and the place's region
  (the latest publication's, where a later file revised them); None when not published or
  suppressed.
- `neighbours_mean`, `neighbours_n`: the mean of the published figures of the place's
  statistical neighbours, and how many had one (a suppressed figure is left out).
- `rank`, `rank_of`: among all LAs with a published figure for the period, with the place's own
  figure in place of its published one (the place counts even if its own publication is
  suppressed): `rank_of` = the other LAs with a figure + 1; `rank` = 1 + the LAs with a higher
  value (1 = highest; ties share the better rank, SQL's `rank() OVER (ORDER BY value DESC)`).
- `quartile`: `A` to `D` by position in the polarity's best-first order: for higher_is_better
  and neutral the position is `rank`; for higher_is_worse it is 1 + the LAs with a lower value
  (SQL: `rank() OVER (ORDER BY value ASC)`). Position p of n is in A when p <= ceil(n/4), B when
  p <= ceil(n/2), C when p <= ceil(3n/4), else D: ranks 1..n in four near-equal bands, and
  tied LAs always share a band (the better one). This is DfE LAIT's banding by rank position
  as far as we know it (LAIT's user guide was not to hand to confirm its tie rule).
- `source`: the publication England's figure comes from.
"""

from __future__ import annotations

import math
import tomllib

from wst_analytics import settings

from .places import ENGLAND, LA_CODE


def polarities() -> dict[str, str]:
    """indicator_id -> polarity, from the default catalogue."""
    data = tomllib.loads((settings.DEFAULTS_DIR / "indicators.toml").read_text(encoding="utf-8"))
    return {entry["id"]: entry["polarity"] for entry in data["indicator"]}


def quartile(position: int, n: int) -> str:
    """The band of position `position` (1 = best) among `n`."""
    for band, quarter in zip("ABC", (1, 2, 3)):
        if position <= math.ceil(quarter * n / 4):
            return band
    return "D"


def rank_and_quartile(own: float, others: list[float], polarity: str) -> tuple[int, int, str]:
    """(rank, rank_of, quartile) of `own` among the other LAs' published figures."""
    n = len(others) + 1
    rank = 1 + sum(v > own for v in others)
    position = 1 + sum(v < own for v in others) if polarity == "higher_is_worse" else rank
    return rank, n, quartile(position, n)


def compare(places: list[tuple[str, str]], la: str, region: str, neighbours: list[str],
            own: dict[str, dict], published: list[dict]) -> list[dict]:
    """The comparison rows, keyed as `marts.indicator_benchmarks` is, for each place in
    `places` ((area_type, area_code): here the LA and its partnership of that one LA, ranked as
    the LA) and each indicator and financial year with both an own figure and published
    figures. `published` rows carry value as a float or None."""
    polarity = polarities()
    figures: dict[tuple[str, str], dict[str, float | None]] = {}
    symbols: dict[tuple[str, str, str], str | None] = {}
    sources: dict[tuple[str, str], str] = {}
    for row in published:
        if row["breakdown"] == "":
            figures.setdefault((row["indicator_id"], row["period"]), {})[row["area_code"]] = row["value"]
            symbols[(row["indicator_id"], row["period"], row["area_code"])] = row["symbol"] or None
            if row["area_code"] == ENGLAND:
                sources[(row["indicator_id"], row["period"])] = row["source"]
    out = []
    for (indicator, period), values in sorted(figures.items()):
        value = own.get(indicator, {}).get(period)
        if value is None:
            continue
        others = [v for area, v in values.items() if LA_CODE.match(area) and area != la and v is not None]
        near = [values[n] for n in neighbours if values.get(n) is not None]
        rank, rank_of, band = rank_and_quartile(value, others, polarity[indicator])
        out += [{"indicator_id": indicator, "area_type": area_type, "area_code": code,
                 "period_type": "financial_year", "period": period, "breakdown": "", "value": value,
                 "benchmark_period": period, "england_value": values.get(ENGLAND),
                 "england_symbol": symbols.get((indicator, period, ENGLAND)), "region_code": region,
                 "region_value": values.get(region), "region_symbol": symbols.get((indicator, period, region)),
                 "neighbours_mean": sum(near) / len(near) if near else None,
                 "neighbours_n": len(near), "rank": rank, "rank_of": rank_of, "quartile": band,
                 "source": sources.get((indicator, period))}
                for area_type, code in places]
    return out
