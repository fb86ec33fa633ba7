"""The query that computes one indicator: its own SQL file, or, for an indicator that counts a
building block's rows (catalogue: `block`, optionally broken down `by` a column, or as a
percentage `of` another block's), a template filled with the catalogue's names (checked to be
plain names) and the code list as parameter."""

from __future__ import annotations

from wst_analytics.extracts import SCHEMAS
from wst_analytics.extracts.spec import codes
from wst_analytics.indicators.catalogue import Indicator
from wst_analytics.warehouse.sql import sql_file


def code_list(indicator: Indicator) -> list[str]:
    """The codes a breakdown lists (zeros included): the catalogue's, or its spec's."""
    if indicator.codes_from:
        extract, _, column = indicator.codes_from.partition(".")
        return codes(SCHEMAS[extract], column)
    return list(indicator.codes)


def indicator_query(indicator: Indicator) -> tuple[str, dict]:
    """(SQL, named parameters) returning the indicator's rows for every place and period."""
    if indicator.has_sql_file:
        return sql_file(indicator.sql_file).strip().rstrip(";"), {}
    if indicator.of is not None:
        return sql_file("templates/share.sql").format(block=indicator.block, of=indicator.of).strip(), {}
    if indicator.by is None:
        return sql_file("templates/count.sql").format(block=indicator.block).strip(), {}
    query = sql_file("templates/breakdown.sql").format(
        block=indicator.block, by=indicator.by, totals_block=indicator.totals_block or indicator.block,
        listed_block=indicator.listed_block or indicator.block)
    return query.strip(), {"codes": code_list(indicator)}
