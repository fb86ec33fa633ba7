"""Codes by their labels, for notebooks: the same labels the reports and workbooks show
(`wst_analytics.indicators.labels`, from the catalogue's `[labels]`), and figures written as
published (`wst_analytics.disclosure.numbers`).

>>> from wst_analytics.query import indicator
>>> frame = labelled(indicator(con, "cp_open_by_age_band", periods="2019-20", breakdown=None))
>>> sorted(frame["breakdown_label"].to_list())[-2:]
['Unborn', 'Under 1']
>>> label("adult_concerns_by_age_band", "90_plus"), figure_text(19.45, "percent")
('90 and over', '19.5%')
"""

from __future__ import annotations

from functools import cache

import polars as pl

from wst_analytics.disclosure.numbers import figure_text  # noqa: F401  (for notebooks: one way to write a figure)
from wst_analytics.indicators.catalogue import Catalogue, load_catalogue
from wst_analytics.indicators.catalogue_checks import closed_codes
from wst_analytics.indicators.labels import breakdown_labels, code_label


@cache
def _catalogue() -> Catalogue:
    return load_catalogue()


def label(indicator_id: str, code: str | None) -> str:
    """One breakdown code's label (`Total` for the headline)."""
    return code_label(_catalogue(), indicator_id, code)


def codes(indicator_id: str) -> list[str]:
    """An indicator's breakdown codes in the catalogue's order (empty for an open list)."""
    found = _catalogue().indicators.get(indicator_id)
    return closed_codes(found) if found else []


def unit(indicator_id: str) -> str | None:
    """An indicator's unit (count, rate_per_10k, percent, gbp), None for one the catalogue lacks."""
    found = _catalogue().indicators.get(indicator_id)
    return found.unit if found else None


def labelled(frame: pl.DataFrame) -> pl.DataFrame:
    """The frame with `breakdown_label` beside `breakdown` (a frame of `indicator`, `yoy`, ...)."""
    if not {"indicator_id", "breakdown"} <= set(frame.columns) or "breakdown_label" in frame.columns:
        return frame
    at = frame.columns.index("breakdown") + 1
    columns = [*frame.columns[:at], "breakdown_label", *frame.columns[at:]]
    return frame.with_columns(breakdown_labels(frame, _catalogue())).select(columns)
