"""Small helpers that turn numpy arrays into polars columns: invented identifiers, codes
picked by index, dates from day numbers.

Identifiers carry their LA (`L001...`) so they never collide across LAs, and a serial that is
unique within the LA, e.g. child `L001C0001234` (letters and digits only, as cp_plans needs),
concern `L001AC0001234`, incident `L001/0001234/21`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import polars as pl


def ident(la: np.ndarray, tag: str, serial: np.ndarray, suffix: pl.Series | None = None,
          digits: int = 7) -> pl.Series:
    """`L<la, 3 digits><tag><serial, zero-padded>[suffix]` for 0-based LA indices."""
    frame = pl.DataFrame({"la": np.asarray(la, dtype=np.int64) + 1,
                          "serial": np.asarray(serial, dtype=np.int64)})
    parts = [pl.lit("L"), pl.col("la").cast(pl.String).str.zfill(3), pl.lit(tag),
             pl.col("serial").cast(pl.String).str.zfill(digits)]
    if suffix is not None:
        frame = frame.with_columns(suffix=suffix)
        parts.append(pl.col("suffix"))
    return frame.select(pl.concat_str(parts).alias("id")).to_series()


def record(la: np.ndarray, serial: np.ndarray) -> np.ndarray:
    """A record's number (LA and serial in one integer), for the truth: cheaper to match than
    its identifier's text. Never written."""
    return np.asarray(la, dtype=np.int64) * 100_000_000 + np.asarray(serial, dtype=np.int64)


def pick(names: Sequence[str], index: np.ndarray, missing: np.ndarray | None = None) -> pl.Series:
    """`names[index]` as a string column, null where `missing` is true."""
    values = pl.Series(list(names), dtype=pl.String).gather(np.asarray(index, dtype=np.int64))
    if missing is not None:
        values = pl.select(pl.when(pl.Series(missing)).then(None).otherwise(values)).to_series()
    return values


def dates(days: np.ndarray, missing: np.ndarray | None = None) -> pl.Series:
    """Day numbers as a Date column, null where `missing` is true."""
    values = pl.Series(np.asarray(days, dtype=np.int32)).cast(pl.Date)
    if missing is not None:
        values = pl.select(pl.when(pl.Series(missing)).then(None).otherwise(values)).to_series()
    return values


def ints(values: np.ndarray, missing: np.ndarray | None = None) -> pl.Series:
    """Whole numbers, null where `missing` is true."""
    series = pl.Series(np.asarray(values, dtype=np.int64))
    if missing is not None:
        series = pl.select(pl.when(pl.Series(missing)).then(None).otherwise(series)).to_series()
    return series
