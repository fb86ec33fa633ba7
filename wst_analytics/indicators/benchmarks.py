"""`marts.indicator_benchmarks`: every figure beside the published figures it compares with.

The comparators (England, the place's region, the mean of its statistical neighbours, its rank
and quartile band among the LAs) come from the two reference extracts, `core.benchmarks` and
`core.neighbours`; the rules are in `wst_analytics/sql/marts/comparisons.sql` and
docs/places.md. The same query gives the published version (`wst_analytics.disclosure.
benchmarks`) from the disclosure-controlled figures instead of the exact ones.
"""

from __future__ import annotations

import duckdb

from wst_analytics.warehouse.sql import scalar, sql_file

#: The tables whose figures may be compared: a name the code gives, never data.
FIGURES = ("marts.indicator_values", "published_figures")


def comparisons_query(figures: str = "marts.indicator_values") -> str:
    """The query giving the comparators of every row of `figures` (a table or registered frame
    with the key of marts.indicator_values and `value`)."""
    if figures not in FIGURES:
        raise ValueError(f"comparisons are made for {', '.join(FIGURES)}, not {figures!r}")
    return sql_file("marts/comparisons.sql").format(figures=figures)


def build_benchmarks(con: duckdb.DuckDBPyConnection) -> int:
    """Rebuild marts.indicator_benchmarks (inside the caller's transaction); return its rows."""
    con.execute(sql_file("marts/indicator_benchmarks.sql"))
    con.execute(f"INSERT INTO marts.indicator_benchmarks {comparisons_query()}")
    return scalar(con, "SELECT count(*) FROM marts.indicator_benchmarks")
