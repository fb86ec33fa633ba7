"""Writing one extract's files: every sender (an LA's partner, a police force) and month gets a
file (header only when it has no rows), under `raw/` or, for the incremental month,
`incremental/`, in its style's encoding, line ends and header case, with its modification time
set to when it was received.

CSV is written by polars: comma-delimited, a value quoted only when it holds a comma, quote
or line break (RFC 4180), an empty cell for null. Bytes depend only on the rows and styles.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from .render import contract_columns
from .run import Run

BOM = "\ufeff"


@dataclass
class Written:
    """What one extract wrote, split between raw/ and incremental/."""

    files: dict[str, int] = field(default_factory=lambda: {"raw": 0, "incremental": 0})
    rows: dict[str, int] = field(default_factory=lambda: {"raw": 0, "incremental": 0})
    bytes: dict[str, int] = field(default_factory=lambda: {"raw": 0, "incremental": 0})


def encode(frame: pl.DataFrame, encoding: str, crlf: bool) -> bytes:
    text = frame.write_csv(line_terminator="\r\n" if crlf else "\n")
    if encoding == "utf-8-sig":
        return (BOM + text).encode("utf-8")
    return text.encode(encoding)


def write_file(path: Path, data: bytes, received: float) -> None:
    path.write_bytes(data)
    os.utime(path, (received, received))


def write_extract(run: Run, out_dir: Path, extract: str, text: pl.DataFrame,
                  styles: pl.DataFrame) -> Written:
    """Write every file of an extract from its rendered rows: one per sender and month, rows
    in date order (a force's file holds its LAs' rows interleaved), `la_code` last in the
    files of senders that send it."""
    plain = contract_columns(extract)
    parts = text.sort("sender", "month", "pos", "la").partition_by("sender", "month", as_dict=True,
                                                                  include_key=False)
    empty = text.select(*plain, "la_code").clear()
    written = Written()
    folders = {where: out_dir / where / extract for where in ("raw", "incremental")}
    for folder in folders.values():
        folder.mkdir(parents=True, exist_ok=True)
    for style in styles.iter_rows(named=True):
        sender, month = style["sender"], style["month"]
        columns = plain + ["la_code"] if run.sends_la_code(sender, extract) else plain
        frame = parts.get((sender, month), empty).select(columns)
        if style["upper_header"]:
            frame = frame.rename({c: c.upper() for c in columns})
        data = encode(frame, style["encoding"], style["crlf"])
        where = "incremental" if month == run.timeline.incremental else "raw"
        name = f"{run.partner(sender, extract)}_{run.timeline.label(month)}.csv"
        write_file(folders[where] / name, data, float(style["received"]))
        written.files[where] += 1
        written.rows[where] += frame.height
        written.bytes[where] += len(data)
    return written
