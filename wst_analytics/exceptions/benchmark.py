"""`benchmark` exceptions (amber): a place's latest financial year in the worst quarter of the
local authorities (quartile D of marts.indicator_benchmarks), for an indicator whose polarity
says which way is worse (neutral ones never raise one). The message names the comparators'
period and their source, so a figure compared with last year's publication says so.

Headline figures only, of complete years (an incomplete year, with a missing monthly return,
undercounts: its rank would be an artefact of the gap); a place without a rank (a partnership of several LAs, a figure no other
LA has published) raises none. Exact figures: the exception report is internal.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb

from wst_analytics.exceptions.text import exception, figure
from wst_analytics.indicators.catalogue import Catalogue

LATEST = """
SELECT * FROM marts.indicator_benchmarks
SEMI JOIN (SELECT * FROM marts.indicator_values WHERE completeness = 'complete')
    USING (indicator_id, area_type, area_code, period_type, period, breakdown)
WHERE breakdown = '' AND period_type = 'financial_year'
  AND ($area_type::VARCHAR IS NULL OR (area_type = $area_type::VARCHAR AND area_code = $area_code::VARCHAR))
QUALIFY row_number() OVER (PARTITION BY indicator_id, area_type, area_code ORDER BY period DESC) = 1
"""
WORSE = {"higher_is_better": "lower is worse", "higher_is_worse": "higher is worse"}


def _message(row: dict, catalogue: Catalogue) -> str:
    indicator = catalogue[row["indicator_id"]]
    england = (figure(row["england_value"], indicator) if row["england_value"] is not None
               else f"not published ({row['england_symbol'] or 'no figure'})")
    return (f"{indicator.title}: {figure(row['value'], indicator)} in {row['period']} is in the worst "
            f"quarter of local authorities ({WORSE[indicator.polarity]}): rank {row['rank']} of "
            f"{row['rank_of']} (1 = highest), quartile D, against the {row['benchmark_period']} "
            f"figures of {row['source']}; England {england}")


def benchmark_exceptions(con: duckdb.DuckDBPyConnection, catalogue: Catalogue,
                         place: Sequence[str] | None = None) -> list[dict]:
    """The benchmark exceptions of one place ((area_type, area_code)), or of every place."""
    area_type, area_code = place if place else (None, None)
    rows = con.sql(LATEST, params={"area_type": area_type, "area_code": area_code}).pl().to_dicts()
    raised = []
    for row in rows:
        known = row["indicator_id"] in catalogue.indicators
        if not known or catalogue[row["indicator_id"]].polarity not in WORSE or row["quartile"] != "D":
            continue
        raised.append(exception(
            "benchmark", "amber", _message(row, catalogue), area=(row["area_type"], row["area_code"]),
            indicator_id=row["indicator_id"], period_type="financial_year", period=row["period"],
            value=row["value"], reference_value=row["england_value"],
            detail=f"rank={row['rank']}/{row['rank_of']}; benchmark_period="
                   f"{row['benchmark_period']}; source={row['source']}"))
    return raised
