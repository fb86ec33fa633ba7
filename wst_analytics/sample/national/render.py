"""Typed rows to the text a partner's file holds, in each file's style (`styles`): dates
YYYY-MM-DD or DD/MM/YYYY, flags in the file's spelling, one code column in lower case in some
files. The columns and their kinds come from the extract's schema, so the files carry
exactly the contract's columns.
"""

from __future__ import annotations

import polars as pl

from wst_analytics.extracts import SCHEMAS

from .styles import CODE_COLUMNS


def contract_columns(extract: str) -> list[str]:
    """The columns a partner sends, in the schema's order (without the optional record_status
    and la_code: `la_code` is added, last, to the files of partners that send it)."""
    return [name for name, column in SCHEMAS[extract].columns.items()
            if column.metadata.get("kind") != "internal" and name not in ("record_status", "la_code")]


def _text(name: str, kind: str, codes: list[str]) -> pl.Expr:
    column = pl.col(name)
    if kind == "date":
        iso = column.cast(pl.String)
        uk = pl.concat_str([iso.str.slice(8, 2), pl.lit("/"), iso.str.slice(5, 2), pl.lit("/"),
                            iso.str.slice(0, 4)])
        return pl.when(pl.col("uk")).then(uk).otherwise(iso)
    if kind == "integer":
        return column.cast(pl.String)
    if kind == "flag":
        return pl.when(column.is_null()).then(None).when(column).then(pl.col("yes")).otherwise(pl.col("no"))
    if name in codes:
        return pl.when(pl.col("lower") == codes.index(name)).then(column.str.to_lowercase()).otherwise(column)
    return column


def render(rows: pl.DataFrame, styles: pl.DataFrame, extract: str, n_months: int) -> pl.DataFrame:
    """la, sender, month, pos, uk, every contract column as text (null for an empty cell) and
    la_code."""
    file = (rows["sender"].cast(pl.Int64) * n_months + rows["month"].cast(pl.Int64))
    styled = rows.with_columns(styles.select("uk", "lower", "yes", "no")[file].to_dict().values())
    kinds = {name: SCHEMAS[extract].columns[name].metadata["kind"] for name in contract_columns(extract)}
    codes = CODE_COLUMNS[extract]
    return styled.select(
        pl.col("la").cast(pl.Int64), pl.col("sender").cast(pl.Int64), pl.col("month").cast(pl.Int64),
        pl.col("pos").cast(pl.Float64), "uk",
        *(_text(name, kind, codes).cast(pl.String).alias(name) for name, kind in kinds.items()), "la_code")
