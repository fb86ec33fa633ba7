"""The columns of places and of the reference extracts (contract version 2, section 7): an
area's GSS code, the LA a record belongs to, and an indicator id of the catalogue. Built with
`extracts.common`'s blocks; the reader fills the internal columns they check against."""

from __future__ import annotations

from collections.abc import Sequence

import pandera.polars as pa
import polars as pl

from wst_analytics.extracts.common import column, rule


def gss_code(pattern: str, what: str, *, required: bool = False, description: str = "",
             checks: Sequence[pa.Check] = ()) -> pa.Column:
    """An ONS GSS area code (upper case), matching `pattern`; `what` says which kinds of area."""
    check = rule("format", f"must be the GSS code of {what}", lambda c: c.str.contains(pattern))
    return column(pl.String, "code", required, [check, *checks], description)


KNOWN_INDICATORS = "__known_indicator"  # internal: whether the row's indicator_id is in the catalogue


def catalogue_id(*, required: bool = False, description: str = "") -> pa.Column:
    """An indicator id of the catalogue (lower case); an unknown id is reported, not loaded."""
    check = rule("unknown_indicator", "must be an indicator id of the catalogue "
                 "(docs/indicators.md lists them)", lambda c: pl.col(KNOWN_INDICATORS))
    return column(pl.String, "code", required, [check], description, case="lower")


#: An English local authority's GSS code: E06, E08, E09 or E10 and six digits (contract, section 7).
LA_CODE = r"^E(06|08|09|10)[0-9]{6}$"
SERVED = "__areas_served"  # internal: the LAs the row's partner serves (from the registry)


def la_code() -> pa.Column:
    """The LA a record belongs to (contract version 2): optional; the partner's one LA when it
    serves one, required when it serves several; never an LA the partner does not serve."""
    checks = [rule("format", "must be a local authority's GSS code (E06, E08, E09 or E10 and six digits)",
                   lambda c: c.str.contains(LA_CODE)),
              rule("la_code_required", "la_code is required: the partner serves more than one local "
                   "authority, so each row must say which one it belongs to",
                   lambda c: c.is_not_null() | (pl.col(SERVED).list.len() <= 1), nulls=True),
              rule("la_not_served", "must be one of the local authorities the partner serves "
                   "(the partner registry's areas)",
                   lambda c: pl.col(SERVED).list.contains(c))]
    return column(pl.String, "code", False, checks,
                   "the local authority (GSS code) the record belongs to; defaults to the "
                   "partner's one LA")
