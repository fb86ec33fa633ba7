"""The exception report as a workbook: exceptions, every indicator, the partner scorecard and
the settings, each a sheet with a title and a frozen header; no formula cells."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import xlsxwriter

from wst_analytics.exceptions.icons import ASSURANCE, VARIATION
from wst_analytics.export.write import neutralise
from wst_analytics.reports.exception_data import ExceptionData

EXCEPTION_COLUMNS = ["severity", "kind", "indicator_id", "extract", "partner", "period_type", "period",
                     "message", "value", "reference_value", "detail"]


def _sheet(book, name: str, title: str, frame: pl.DataFrame) -> None:
    sheet = book.add_worksheet(name)
    sheet.write_string(0, 0, title, book.add_format({"bold": True, "font_size": 14}))
    bold = book.add_format({"bold": True})
    widths = [len(c) for c in frame.columns]
    for col, name_ in enumerate(frame.columns):
        sheet.write_string(2, col, name_, bold)
    for r, values in enumerate(frame.iter_rows(), start=3):
        for col, value in enumerate(values):
            if value is None:
                continue
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                sheet.write_number(r, col, value)
            else:
                text = neutralise(str(value))
                sheet.write_string(r, col, text)
                widths[col] = max(widths[col], min(len(text), 90))
    for col, width in enumerate(widths):
        sheet.set_column(col, col, min(width + 2, 92))
    sheet.freeze_panes(3, 0)


def write_workbook(data: ExceptionData, out: Path) -> None:
    book = xlsxwriter.Workbook(str(out), {"strings_to_formulas": False, "strings_to_urls": False,
                                          "strings_to_numbers": False})
    as_at, place = data.as_at or "no data", data.place.label
    _sheet(book, "Exceptions", f"Exceptions for {place} as at {as_at} (internal, not for publication)",
           data.exceptions.select(EXCEPTION_COLUMNS))
    summary = data.summary.with_columns(
        pl.col("variation").replace_strict(VARIATION, default=None).alias("variation_meaning"),
        pl.col("assurance").replace_strict(ASSURANCE, default=None).alias("assurance_meaning"))
    _sheet(book, "Indicators", f"Every indicator for {place} as at {as_at}, attention first", summary)
    _sheet(book, "Scorecard", f"Data quality of the partners serving {place}, last twelve months", data.scorecard)
    _sheet(book, "Settings", "Settings in force", pl.DataFrame({"settings": [
        text for text in (data.settings_text, data.backfill) if text]}))
    book.close()
