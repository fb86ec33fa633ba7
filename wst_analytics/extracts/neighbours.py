"""neighbours: statistical neighbours (contract version 2, section 7), a reference extract.

Key: (`la_code`, `neighbour_code`). DfE's children's services statistical neighbours give ten
per local authority, ranked (1 = closest). A later file replaces an earlier one's rows key by
key; a neighbour dropped from a later list must be sent with `record_status = deleted`.
"""

import polars as pl

from wst_analytics.extracts.common import integer, rule
from wst_analytics.extracts.place_columns import LA_CODE, gss_code
from wst_analytics.extracts.spec import extract_schema

schema = extract_schema(
    "neighbours",
    key=["la_code", "neighbour_code"],
    monthly=False,
    description="Statistical neighbours: one row per local authority and neighbour.",
    columns={
        "la_code": gss_code(LA_CODE, "a local authority", required=True),
        "neighbour_code": gss_code(LA_CODE, "a local authority", required=True, checks=[rule(
            "own_neighbour", "an authority is not its own neighbour",
            lambda c: c != pl.col("la_code"))]),
        "rank": integer(required=True, min=1, max=50, description="1 = the closest neighbour"),
    },
)
