"""The exception report as a workbook: exceptions, every indicator, the partner scorecard and
the settings, each sheet an Excel table with its header in row 1 (`export.xlsx.data_sheet`),
and an `About` sheet with the title, the place, the date and what the fills and icons mean.

Red and amber exceptions are filled red and amber; the icons are given in words; `detail` is
split into readable columns (`reason`, and one column per `name=value` it holds, numbers as
numbers); booleans read Yes or No; no formula cells.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import xlsxwriter

from wst_analytics.exceptions.icons import ASSURANCE, VARIATION
from wst_analytics.export.text import neutralise
from wst_analytics.export.xlsx import OPTIONS, Styles, data_sheet
from wst_analytics.reports.exception_data import ExceptionData

EXCEPTION_COLUMNS = ["severity", "kind", "indicator_id", "indicator", "unit", "extract", "partner",
                     "period_type", "period", "message", "value", "reference_value"]
FILLS = {"red": {"bg_color": "#FFC7CE", "font_color": "#9C0006"},
         "amber": {"bg_color": "#FFEB9C", "font_color": "#9C5700"}}
REASONS = {"file_rejected": "a file was rejected", "quarantine_rate": "more rows quarantined than tolerated",
           "row_drop": "far fewer rows than usual", "no_recent_returns": "no recent returns",
           "target": "the target is missed", "assurance": "the target will consistently be missed",
           "beyond_limit": "a point beyond the process limits", "shift": "a shift (a run on one side of the mean)",
           "trend": "a trend (points rising or falling in a row)",
           "two_of_three": "two of three points near a process limit"}


def _reason(part: str) -> str:
    return "; ".join(REASONS.get(word, word.replace("_", " ")) for word in part.split(", "))


def detail_columns(detail: pl.Series) -> pl.DataFrame:
    """`detail` as columns: `reason` in words, and each `name=value` as its own column."""
    rows = []
    for text in detail.to_list():
        row: dict = {"reason": None}
        for part in filter(None, (text or "").split("; ")):
            name, sep, value = part.partition("=")
            if sep:
                row[f"detail_{name}" if name in EXCEPTION_COLUMNS else name] = value
            else:
                row["reason"] = _reason(part)
        rows.append(row)
    names = list(dict.fromkeys(name for row in rows for name in row)) or ["reason"]
    return pl.DataFrame([_column(name, [row.get(name) for row in rows]) for name in names])


def _column(name: str, values: list) -> pl.Series:
    """A detail column: numbers when every value is one, else text."""
    try:
        return pl.Series(name, [None if v is None else float(v) for v in values], dtype=pl.Float64)
    except ValueError:
        return pl.Series(name, values, dtype=pl.String)


def exceptions_frame(data: ExceptionData) -> pl.DataFrame:
    known = data.catalogue.indicators
    ids = pl.col("indicator_id")
    frame = data.exceptions.with_columns(
        ids.replace_strict({k: v.title for k, v in known.items()}, default=None).alias("indicator"),
        ids.replace_strict({k: v.unit for k, v in known.items()}, default=None).alias("unit"))
    return pl.concat([frame.select(EXCEPTION_COLUMNS), detail_columns(frame["detail"])], how="horizontal")


def _about(book, styles: Styles, data: ExceptionData) -> None:
    sheet = book.add_worksheet("About")
    as_at, place = data.as_at or "no data", data.place.label
    lines = [f"Exceptions for {place} as at {as_at} (internal, not for publication)", f"{place}, {data.related}.",
             "Severity: red exceptions' cells are filled red, amber ones amber (the Indicators sheet's worst too).",
             "Variation icons:", *VARIATION.values(), "Assurance icons:", *ASSURANCE.values()]
    sheet.write_string(0, 0, lines[0], styles.title)
    for r, line in enumerate(lines[1:], start=1):
        sheet.write_string(r, 0, neutralise(line))


def write_workbook(data: ExceptionData, out: Path) -> None:
    book = xlsxwriter.Workbook(str(out), OPTIONS)
    styles = Styles(book)
    fills = {name: book.add_format({**fill, "valign": "top"}) for name, fill in FILLS.items()}
    data_sheet(book, styles, "Exceptions", exceptions_frame(data), {"severity": fills})
    summary = data.summary.with_columns(
        pl.col("variation").replace_strict(VARIATION, default=None).alias("variation_meaning"),
        pl.col("assurance").replace_strict(ASSURANCE, default=None).alias("assurance_meaning"))
    data_sheet(book, styles, "Indicators", summary, {"worst": fills})
    data_sheet(book, styles, "Scorecard", data.scorecard)
    data_sheet(book, styles, "Settings", pl.DataFrame({"settings": [
        text for text in (data.settings_text, data.in_force.get("tolerance"), data.in_force.get("data_quality"),
                          data.backfill) if text]}, schema={"settings": pl.String}))
    _about(book, styles, data)
    book.close()
