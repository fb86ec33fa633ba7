"""How a published table's cells read in Excel: each figure a number, rounded as the publication
policy rounds it (`disclosure.symbols.DECIMALS`) and formatted by its indicator's unit; codes
with their labels beside them; a column saying what kind of breakdown a row is.

Labels come from one place each (`indicators.labels`): indicators' titles, units, breakdowns
and breakdown codes' labels (`breakdown_label`) from the indicator catalogue, places' names
from the published `areas` table. A suppressed figure is never
written: its cell holds the symbol the published table prints for it (`value_text`, or the
column's own symbol column), explained on the Notes sheet.
"""

from __future__ import annotations

import polars as pl

from wst_analytics.disclosure.symbols import DECIMALS
from wst_analytics.indicators.catalogue import Catalogue
from wst_analytics.indicators.labels import AREA_TYPES, breakdown_labels

FORMATS = {"count": "#,##0", "rate_per_10k": "#,##0.0", "percent": "0.0", "gbp": "£#,##0.00"}
SUPPRESSED = ("c", "[c]")
#: a figure column -> the column holding its symbol when it is not shown
SYMBOL_OF = {"value": "symbol", "change": "change_symbol", "change_pct": "change_symbol",
             "england_value": "england_symbol", "region_value": "region_symbol"}
#: figure columns in the indicator's own unit; the others are percentages or whole numbers
IN_UNIT = ("value", "previous_value", "change", "england_value", "region_value", "neighbours_mean",
           "reference_value", "latest_value", "year_value")


def number_format(column: str, unit: str | None, dtype: pl.DataType) -> str:
    """The Excel number format of a figure of `column` for an indicator of `unit`."""
    if column in IN_UNIT and unit in FORMATS:
        return FORMATS[unit]
    if column.endswith("_pct"):
        return FORMATS["percent"]
    return "#,##0" if dtype.is_integer() else "#,##0.0"


def unit_of(column: str, unit: str | None) -> str | None:
    """The unit a figure of `column` is rounded in (`disclosure.numbers.rounded`): the
    indicator's own, a percentage's, or none (one decimal place)."""
    if column in IN_UNIT and unit in DECIMALS:
        return unit
    return "percent" if column.endswith("_pct") else None


def symbol_for(column: str, row: dict) -> str | None:
    """The symbol a figure cell shows instead of a number, or None to show the number."""
    source = SYMBOL_OF.get(column)
    shown = row.get(source) if source else None
    if row.get(column) is None:
        return shown or None
    return shown if shown in SUPPRESSED else None  # a suppressed figure is never written


def _after(columns: list[str], anchor: str, new: str) -> list[str]:
    at = columns.index(anchor) + 1
    return [*columns[:at], new, *columns[at:]]


def breakdown_kind(breakdown: str | None, by: str) -> str:
    """What kind of breakdown a row is, in words."""
    if not breakdown:
        return "Total"
    return f"By {by.replace('_', ' ')}" if by else "Breakdown"


def labelled(frame: pl.DataFrame, catalogue: Catalogue, places: dict[str, str]) -> pl.DataFrame:
    """The frame with labels beside its codes; `value_text` is left out (the figures are
    numbers; a figure not shown has its symbol in `symbol`)."""
    columns = [c for c in frame.columns if not (c == "value_text" and "value" in frame.columns)]
    extra = []
    if "value_text" in frame.columns and "symbol" not in frame.columns:  # what a figure not shown shows
        extra.append(pl.when(pl.col("value").is_null()).then(pl.col("value_text")).alias("symbol"))
        columns = _after(columns, "value", "symbol")
    if "indicator_id" in frame.columns and "title" not in frame.columns:
        known = catalogue.indicators
        ids = pl.col("indicator_id")
        extra += [ids.replace_strict({k: v.title for k, v in known.items()}, default=None).alias("indicator"),
                  ids.replace_strict({k: v.unit for k, v in known.items()}, default=None).alias("unit")]
        columns = _after(columns, "indicator_id", "indicator")
        columns = columns if "unit" in columns else _after(columns, "indicator", "unit")
        if "breakdown" in frame.columns:
            extra.append(breakdown_labels(frame, catalogue))
            columns = _after(columns, "breakdown", "breakdown_label")
            by = {k: v.breakdown for k, v in known.items()}
            extra.append(pl.struct("breakdown", "indicator_id").map_elements(
                lambda r: breakdown_kind(r["breakdown"], by.get(r["indicator_id"], "")),
                return_dtype=pl.String).alias("breakdown_kind"))
            columns = _after(columns, "breakdown_label", "breakdown_kind")
    if "area_code" in frame.columns and "name" not in frame.columns:
        extra.append(pl.col("area_code").replace_strict(places, default=None).alias("area_name"))
        columns = _after(columns, "area_code", "area_name")
    if "area_type" in frame.columns:
        extra.append(pl.col("area_type").replace_strict(AREA_TYPES, default=pl.col("area_type")))
    return frame.with_columns(extra).select(columns)
