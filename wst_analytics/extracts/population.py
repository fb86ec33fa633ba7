"""population: the ONS mid-year population estimates, a reference extract (not a monthly return).

Key: (`la_code`, `mid_year`, `age_from`): each local authority's estimates (contract version 2:
`la_code` may be left out while the registry has one LA). Financial year YYYY-YY uses the
estimate for mid-YYYY.
"""

import polars as pl

from wst_analytics.extracts.common import integer, rule
from wst_analytics.extracts.spec import extract_schema

schema = extract_schema(
    "population",
    key=["la_code", "mid_year", "age_from"],
    monthly=False,
    places=True,
    description="Population estimates by age band and mid-year, the latest publication.",
    columns={
        "mid_year": integer(required=True, min=1900, max=2100),
        "age_from": integer(required=True, min=0, max=150),
        "age_to": integer(required=True, min=0, max=999, description="999 for open-ended", checks=[
            rule("age_band", "age_to must not be less than age_from", lambda c: c >= pl.col("age_from"))]),
        "population": integer(required=True, min=0),
    },
)
