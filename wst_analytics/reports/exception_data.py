"""What the exception report shows, read from the warehouse's exception marts."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl

from wst_analytics import settings
from wst_analytics.indicators.catalogue import Catalogue, load_catalogue

ATTENTION = {"red": 0, "amber": 1}


@dataclass
class ExceptionData:
    as_at: str | None
    exceptions: pl.DataFrame
    spc: pl.DataFrame
    summary: pl.DataFrame  # one row per indicator, attention first
    scorecard: pl.DataFrame
    settings_text: str
    catalogue: Catalogue


SUMMARY = """
WITH latest_year AS (
    SELECT indicator_id, value AS year_value, period AS year, change_pct
    FROM marts.indicator_yoy WHERE breakdown = ''
    QUALIFY row_number() OVER (PARTITION BY indicator_id ORDER BY period DESC) = 1
), worst AS (
    SELECT indicator_id, min(CASE severity WHEN 'red' THEN 0 ELSE 1 END) AS worst, count(*) AS exceptions
    FROM marts.exceptions WHERE indicator_id IS NOT NULL GROUP BY ALL
)
SELECT i.id AS indicator_id, i.title, i.unit, i.polarity, s.latest_period, s.latest_value, s.variation,
       s.assurance, s.trial_limits, y.year, y.year_value, y.change_pct, coalesce(w.exceptions, 0) AS exceptions,
       CASE w.worst WHEN 0 THEN 'red' WHEN 1 THEN 'amber' END AS worst
FROM marts.indicators AS i
LEFT JOIN marts.spc_summary AS s ON s.indicator_id = i.id
LEFT JOIN latest_year AS y ON y.indicator_id = i.id
LEFT JOIN worst AS w ON w.indicator_id = i.id
ORDER BY coalesce(w.worst, 2), CASE WHEN s.variation LIKE 'concern%' THEN 0
                                   WHEN s.variation LIKE 'improvement%' OR s.variation LIKE 'neither%' THEN 1
                                   ELSE 2 END, i.id
"""


def read_exception_data(warehouse: Path | None = None) -> ExceptionData:
    path = Path(warehouse or settings.warehouse_path())
    con = duckdb.connect(str(path), read_only=True)
    try:
        exceptions = con.sql("SELECT * FROM marts.exceptions").pl()
        in_force = dict(con.execute("SELECT setting, in_force FROM marts.exception_settings").fetchall())
        data = ExceptionData(
            as_at=in_force.get("as_at"), exceptions=exceptions,
            spc=con.sql("SELECT * FROM marts.spc ORDER BY indicator_id, period").pl(),
            summary=con.sql(SUMMARY).pl(),
            scorecard=con.sql("SELECT * FROM marts.partner_scorecard ORDER BY partner, extract").pl(),
            settings_text=in_force["spc"],
            catalogue=load_catalogue())
        return data
    finally:
        con.close()
