"""The month of `wst report exceptions --month YYYY-MM`, and what to do when a report cannot be
written for it: no warehouse yet, nothing received, a month after the latest the returns cover,
or an earlier month whose report is kept (else it is rebuilt as at then: `reports.exception_past`).
`wst report annual --year` is checked to be a financial year here too."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from wst_analytics import settings
from wst_analytics.warehouse.encrypted import open_read_only
from wst_analytics.warehouse.health import open_checked
from wst_analytics.warehouse.sql import scalar

MONTH = re.compile(r"(?P<year>[0-9]{4})-(?P<month>0[1-9]|1[0-2])")


def month_arg(text: str) -> str:
    """An argparse type: a month as YYYY-MM, or a one-line error saying so."""
    if not MONTH.fullmatch(text):
        raise argparse.ArgumentTypeError("a month is YYYY-MM, e.g. 2019-04")
    return text


def year_arg(text: str) -> str:
    """An argparse type: a financial year as YYYY-YY (2019-20), or a one-line error saying so."""
    found = re.fullmatch(r"([0-9]{4})-([0-9]{2})", text)
    if not found or (int(found[1]) + 1) % 100 != int(found[2]):
        raise argparse.ArgumentTypeError("a financial year is YYYY-YY, e.g. 2019-20")
    return text


def source(analyst: Path) -> Path | None:
    """The file the report is read from: the analyst's copy, else the warehouse (refused in
    words, `WarehouseBusy`, while a load writes it, or damaged); None if neither."""
    if analyst.exists():
        return analyst
    warehouse = settings.warehouse_path()
    if warehouse.exists():
        open_checked(warehouse, read_only=True).close()
        return warehouse
    return None


def built_as_at(path: Path) -> str | None:
    """The month the exception marts in `path` were built as at (None: nothing received)."""
    con = open_read_only(path)
    try:
        return scalar(con, "SELECT in_force FROM marts.exception_settings WHERE setting = 'as_at'")
    finally:
        con.close()


def no_data(path: Path | None) -> str | None:
    """Why there is nothing to report on, with what to do, or None."""
    if path is None:
        return (f"there is no warehouse yet ({settings.warehouse_path()}): put partners' files in "
                f"{settings.raw_dir()}/<extract>/ and run `wst load` (or try `wst demo`)")
    return None


def month_refusal(month: str, as_at: str | None, kept: Path) -> str | None:
    """Why the report for `month` cannot be written now, with what to do, or None. `kept` is
    the report that would have been written for that month when it was the latest."""
    if as_at is None:
        return (f"nothing has been received yet, so there is no report for {month}: put partners' "
                f"files in {settings.raw_dir()}/<extract>/ and run `wst load`")
    if month == as_at:
        return None
    if month > as_at:
        return (f"no returns for {month} have been received (the latest month they cover is {as_at}): "
                f"load {month}'s returns with `wst load`, then run this again")
    if kept.exists():
        return (f"the report for {month} was written when it was the latest month: {kept} (to write it "
                "again as at then, give another --out-dir)")
    if not settings.warehouse_path().exists():
        return (f"a report for {month}, before the latest month ({as_at}), is rebuilt from the warehouse "
                f"({settings.warehouse_path()}), which is not there")
    return None  # an earlier month: rebuilt as at then (`reports.exception_past`)
