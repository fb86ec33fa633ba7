"""Text that is safe in a spreadsheet: no cell is ever something a spreadsheet would run.

A text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return (and is not simply
a number) gets a leading apostrophe.
"""

from __future__ import annotations

import re

import polars as pl

RISKY = re.compile(r"^[=+\-@\t\r]")
NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def neutralise(value):
    """A text cell made safe from formula injection; other values unchanged."""
    if isinstance(value, str) and RISKY.match(value) and not NUMBER.match(value.strip()):
        return "'" + value
    return value


def safe_frame(frame: pl.DataFrame) -> pl.DataFrame:
    text = [c for c, t in frame.schema.items() if t == pl.String]
    return frame.with_columns(pl.col(c).map_elements(neutralise, return_dtype=pl.String) for c in text)


def header_lines(table) -> list[str]:
    """A published table's title, source, load and notes (a `read.PublishedTable`)."""
    release = getattr(table, "release", None)
    made = [f"Release: {release}, made {table.made_at:%d %B %Y %H:%M} UTC (the tables as released then)"] if release else []
    return [table.title, *made, f"Source: {table.source}", f"As at: {table.as_at}", f"Load: {table.load}", *table.notes]
