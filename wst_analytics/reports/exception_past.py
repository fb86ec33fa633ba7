"""`wst report exceptions --month YYYY-MM` for a month before the latest: the report written
again as at then, from the exception marts rebuilt as they stood (`exceptions.as_at`)."""

from __future__ import annotations

from pathlib import Path

from wst_analytics.exceptions.as_at import marts_as_at
from wst_analytics.query.places import choose_area
from wst_analytics.reports.exception_data import read_exception_data
from wst_analytics.reports.exception_report import _write as write_files  # the same two files


class NotReceivedThen(ValueError):
    """No return for the month had been received before a later month's: no report was as at it."""


def write_past_report(out_dir: Path, warehouse: Path, month: str, area: str | None = None) -> list[Path]:
    """Write one place's report (`area`, by default the partnership) as at `month` into
    `out_dir`, from the warehouse file (read-only); return the paths. Raises `UnknownArea`, and
    `NotReceivedThen` when no report was ever as at that month."""
    con = marts_as_at(warehouse, month)
    try:
        data = read_exception_data(con, choose_area(con, area))
    finally:
        con.close()
    if data.as_at != month:
        latest = f"the latest month received then was {data.as_at}" if data.as_at else "nothing had been received"
        raise NotReceivedThen(f"no report was ever as at {month}: no return for it had been received before "
                              f"one for a later month came in ({latest})")
    out_dir.mkdir(parents=True, exist_ok=True)
    return write_files(data, out_dir)
