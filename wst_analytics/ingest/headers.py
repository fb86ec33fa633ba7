"""Matching a file's header to the contract's columns.

Names match case-insensitively, ignoring spaces, underscores, hyphens and dots
(`CPP Start Date` = `cpp_start_date`); order is free. Columns not in the contract are reported
by name and dropped before anything is stored. A missing required column, or two columns that
match the same contract column, rejects the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandera.polars as pa

from wst_analytics.ingest.errors import FileRejected

IGNORED = re.compile(r"[\s_\-.\ufeff]+")


def normalise(name: str) -> str:
    return IGNORED.sub("", name).lower()


@dataclass(frozen=True)
class HeaderMap:
    positions: dict[str, int]  # contract column -> position in the file
    unknown: list[str]  # header names not in the contract (their data is never read)
    absent: list[str]  # optional contract columns the file does not have


def contract_columns(schema: pa.DataFrameSchema) -> list[str]:
    """The columns a partner sends (not the internal ones the reader adds)."""
    return [name for name, column in schema.columns.items()
            if column.metadata.get("kind") != "internal"]


def map_header(header: list[str | None], schema: pa.DataFrameSchema) -> HeaderMap:
    """Map header cells to contract columns, or raise FileRejected."""
    wanted = {normalise(name): name for name in contract_columns(schema)}
    positions: dict[str, int] = {}
    unknown: list[str] = []
    for position, cell in enumerate(header):
        column = wanted.get(normalise(cell)) if cell else None
        if column is None:
            unknown.append(cell if cell else f"(no header, column {position + 1})")
        elif column in positions:
            raise FileRejected("duplicate_column", f"columns {positions[column] + 1} and "
                               f"{position + 1} both match '{column}': keep one", column=column)
        else:
            positions[column] = position
    missing = [name for name in contract_columns(schema)
               if name not in positions and schema.columns[name].metadata["required"]]
    if missing:
        listed = ", ".join(missing)
        raise FileRejected("missing_column", f"required column{'s' if len(missing) > 1 else ''} "
                           f"{listed} missing from the header", column=missing[0])
    absent = [name for name in contract_columns(schema) if name not in positions]
    return HeaderMap(positions=positions, unknown=unknown, absent=absent)
