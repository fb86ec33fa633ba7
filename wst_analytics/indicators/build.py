"""Computing `marts.indicator_values` and `marts.indicator_yoy` from core, in one transaction.

Each indicator's SQL (wst_analytics/sql/indicators/<id>.sql) returns its rows for every period in
marts.periods; only the periods that all its monthly source extracts cover are kept.
"""

from __future__ import annotations

import duckdb

from wst_analytics.indicators.catalogue import Catalogue, Indicator, load_catalogue
from wst_analytics.indicators.reference import build_reference
from wst_analytics.warehouse.sql import scalar, sql_file, transaction

INSERT = """
INSERT INTO marts.indicator_values
SELECT ?, r.period, r.period_type, coalesce(r.breakdown, ''), r.value, r.numerator, r.denominator
FROM ({query}) AS r
WHERE (SELECT count(DISTINCT c.extract) FROM marts.coverage AS c
       WHERE c.period = r.period AND list_contains(?, c.extract)) = ?
"""


COVERED = """
SELECT count(*) FROM (SELECT period FROM marts.coverage WHERE list_contains(?, extract)
                      GROUP BY period HAVING count(DISTINCT extract) = ?)
"""


def _covered_periods(con: duckdb.DuckDBPyConnection, indicator: Indicator) -> int:
    """Periods all the indicator's monthly sources cover (0 if a reference source is empty)."""
    references = [s for s in indicator.sources if s not in indicator.monthly_sources]
    if any(scalar(con, f"SELECT count(*) FROM core.{s}") == 0 for s in references):
        return 0
    return scalar(con, COVERED, [indicator.monthly_sources, len(indicator.monthly_sources)])


def build_indicators(con: duckdb.DuckDBPyConnection, catalogue: Catalogue | None = None) -> dict[str, tuple[int, int]]:
    """Rebuild the indicator marts; return, per indicator, (rows written, periods its sources
    cover): an indicator whose sources cover some period but that wrote no rows is broken."""
    catalogue = catalogue or load_catalogue()
    with transaction(con):
        build_reference(con, catalogue)
        con.execute(sql_file("marts/indicator_values.sql"))
        for indicator in catalogue:
            query = sql_file(indicator.sql_file).strip().rstrip(";")
            sources = indicator.monthly_sources
            con.execute(INSERT.format(query=query), [indicator.id, sources, len(sources)]).fetchall()
        con.execute(sql_file("marts/indicator_yoy.sql"))
        counts = dict(con.execute("SELECT indicator_id, count(*) FROM marts.indicator_values "
                                  "GROUP BY ALL").fetchall())
        covered = {i.id: _covered_periods(con, i) for i in catalogue}
    return {i.id: (counts.get(i.id, 0), covered[i.id]) for i in catalogue}

