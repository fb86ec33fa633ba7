"""What a code reads as, wherever it is shown: the one place labels come from.

Breakdown codes are labelled by the catalogue's `[labels.<by>]` tables
(`defaults/indicators.toml`); an indicator by its title; a kind of place by `AREA_TYPES`. The
annual report, the exception report, the workbooks (`export.cells`), the query library's
charts and frames (`query.labelled`) and the notebooks all call these. A code with no label
(an open list's new code) reads as written, never guessed at.

>>> from wst_analytics.indicators.catalogue import load_catalogue
>>> code_label(load_catalogue(), "cp_open_by_age_band", "under_1")
'Under 1'
"""

from __future__ import annotations

import polars as pl

from wst_analytics.indicators.catalogue import Catalogue

AREA_TYPES = {"local_authority": "Local authority", "partnership": "Partnership"}
HEADLINE = "Total"


def labels_of(catalogue: Catalogue, indicator_id: str) -> dict[str, str]:
    """code -> label for an indicator's breakdown (empty for one without a breakdown)."""
    indicator = catalogue.indicators.get(indicator_id)
    return dict(catalogue.labels.get(indicator.by or "", {})) if indicator is not None else {}


def code_label(catalogue: Catalogue, indicator_id: str, code: str | None) -> str:
    """The label of one breakdown code of an indicator (`Total` for the headline, '')."""
    if not code:
        return HEADLINE
    return labels_of(catalogue, indicator_id).get(code, code)


def code_labels(catalogue: Catalogue, indicator_id: str, codes: list[str]) -> list[str]:
    return [code_label(catalogue, indicator_id, code) for code in codes]


def indicator_label(catalogue: Catalogue, indicator_id: str) -> str:
    indicator = catalogue.indicators.get(indicator_id)
    return indicator.title if indicator is not None else indicator_id


def breakdown_labels(frame: pl.DataFrame, catalogue: Catalogue) -> pl.Expr:
    """`breakdown_label`: each row's breakdown code labelled (a frame with `indicator_id`, `breakdown`)."""
    mapping = {(i, code): label for i in set(frame["indicator_id"].to_list())
               for code, label in labels_of(catalogue, i).items()}
    return pl.struct("indicator_id", "breakdown").map_elements(
        lambda r: HEADLINE if not r["breakdown"] else mapping.get((r["indicator_id"], r["breakdown"]), r["breakdown"]),
        return_dtype=pl.String).alias("breakdown_label")
