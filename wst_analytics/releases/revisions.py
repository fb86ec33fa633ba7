"""The revision marker of each published figure (`published.indicator_values.revision`).

Following the Code of Practice for Statistics (revisions policy) and DfE practice, with the GSS
shorthand symbols:

- `p` (provisional): the figure has not been released: no release holds this cell;
- `r` (revised): the figure differs from the one first released for this cell (its value or
  what was printed for it: its symbol, or `u` beside it);
- empty: the figure is as first released.

The marker is a column of its own beside `value`, `value_text` and `symbol` rather than part
of them: `symbol` says why a figure is not shown (and a suppressed figure can also be revised),
`value_text` stays what the figure prints as, and a reader can filter on `revision` alone.
"""

from __future__ import annotations

import duckdb
import polars as pl

from wst_analytics.disclosure.cells import KEY
from wst_analytics.disclosure.symbols import PROVISIONAL, REVISED
from wst_analytics.warehouse.sql import insert_frame

COMPARED = ("value", "value_text")


def first_released(con: duckdb.DuckDBPyConnection) -> pl.DataFrame | None:
    """Each released cell as the first release holding it released it (None: no releases table)."""
    try:
        return con.sql(
            "SELECT c.* EXCLUDE (release_name, symbol, completeness) FROM releases.cells AS c "
            "LEFT JOIN releases.releases AS r USING (release_name) "  # no row yet: the one being made
            "QUALIFY row_number() OVER (PARTITION BY c.indicator_id, c.area_type, c.area_code, "
            "c.period_type, c.period, c.breakdown ORDER BY r.release_number NULLS LAST) = 1").pl()
    except duckdb.CatalogException:
        return None


def marked(con: duckdb.DuckDBPyConnection, values: pl.DataFrame) -> pl.DataFrame:
    """`values` (published figures) with `revision` after `symbol`, from the releases in `con`."""
    values = values.drop("revision", strict=False)
    released = first_released(con)
    key = [c for c in KEY if c in values.columns]
    columns = list(values.columns)
    at = columns.index("symbol") + 1
    order = [*columns[:at], "revision", *columns[at:]]
    if released is None or released.height == 0:
        return values.with_columns(revision=pl.lit(PROVISIONAL, pl.String)).select(order)
    released = released.select(*key, *(pl.col(c).alias(f"released_{c}") for c in COMPARED),
                               pl.lit(True).alias("was_released"))
    joined = values.join(released.cast({c: values.schema[c] for c in key}), on=key, how="left",
                         nulls_equal=True, maintain_order="left")
    changed = pl.any_horizontal(*(pl.col(c).ne_missing(pl.col(f"released_{c}")) for c in COMPARED))
    revision = (pl.when(pl.col("was_released").is_null()).then(pl.lit(PROVISIONAL))
                .when(changed).then(pl.lit(REVISED)).otherwise(pl.lit(None, pl.String)))
    return joined.with_columns(revision=revision).select(order)


def remark(con: duckdb.DuckDBPyConnection) -> None:
    """Mark `published.indicator_values` again from the releases (inside the caller's transaction)."""
    values = con.sql("SELECT * FROM published.indicator_values").pl()
    insert_frame(con, "published.indicator_values", marked(con, values), create=True)
