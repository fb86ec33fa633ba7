"""Computing `marts.indicator_values` and `marts.indicator_yoy` from core, in one transaction.

Each indicator's query (`queries.indicator_query`) returns its rows for every place and period
in marts.place_periods; only the places and periods that all its monthly source extracts cover
are kept. Then months whose owed returns never arrived are marked `missing` (no value) and
their financial years `incomplete` (`completeness.mark_completeness`).
"""

from __future__ import annotations

import duckdb

from wst_analytics.indicators.benchmarks import build_benchmarks
from wst_analytics.indicators.catalogue import Catalogue, Indicator, load_catalogue
from wst_analytics.indicators.completeness import mark_completeness
from wst_analytics.indicators.queries import indicator_query
from wst_analytics.indicators.reference import build_reference
from wst_analytics.registry import Registry, load_registry
from wst_analytics.warehouse.sql import scalar, sql_file, transaction

KEY = "area_type, area_code, period_type, period"
COVERED = f"""
SELECT {KEY} FROM marts.coverage WHERE list_contains($sources, extract)
GROUP BY ALL HAVING count(DISTINCT extract) = len($sources)
"""
INSERT = f"""
INSERT INTO marts.indicator_values (indicator_id, {KEY}, breakdown, value, numerator, denominator)
SELECT $indicator_id, r.area_type, r.area_code, r.period_type, r.period, coalesce(r.breakdown, ''),
       r.value, r.numerator, r.denominator
FROM ({{query}}) AS r
SEMI JOIN ({COVERED}) AS covered USING ({KEY})
"""


def _covered(con: duckdb.DuckDBPyConnection, indicator: Indicator) -> int:
    """Places and periods all the indicator's monthly sources cover (0 if a reference source
    is empty)."""
    references = [s for s in indicator.sources if s not in indicator.monthly_sources]
    if any(scalar(con, f"SELECT count(*) FROM core.{s}") == 0 for s in references):
        return 0
    return scalar(con, f"SELECT count(*) FROM ({COVERED})", {"sources": indicator.monthly_sources})


def build_indicators(con: duckdb.DuckDBPyConnection, catalogue: Catalogue | None = None,
                     registry: Registry | None = None) -> dict[str, tuple[int, int]]:
    """Rebuild the indicator marts; return, per indicator, (rows written, places and periods its
    sources cover): an indicator whose sources cover some period but that wrote no rows is broken."""
    catalogue, registry = catalogue or load_catalogue(), registry or load_registry()
    with transaction(con):
        build_reference(con, catalogue, registry)
        con.execute(sql_file("marts/indicator_values.sql"))
        for indicator in catalogue:
            query, params = indicator_query(indicator)
            con.execute(INSERT.format(query=query), {
                **params, "indicator_id": indicator.id, "sources": indicator.monthly_sources}).fetchall()
        mark_completeness(con, catalogue, registry)
        con.execute(sql_file("marts/indicator_yoy.sql"))
        build_benchmarks(con)
        counts = dict(con.execute("SELECT indicator_id, count(*) FROM marts.indicator_values "
                                  "GROUP BY ALL").fetchall())
        covered = {i.id: _covered(con, i) for i in catalogue}
    return {i.id: (counts.get(i.id, 0), covered[i.id]) for i in catalogue}
