"""population: the ONS mid-year population estimates, a reference extract (not a monthly return).

Key: (`mid_year`, `age_from`). Financial year YYYY-YY uses the estimate for mid-YYYY.
"""

import polars as pl

from wst_analytics.extracts.common import extract_schema, integer, rule

schema = extract_schema(
    "population",
    key=["mid_year", "age_from"],
    monthly=False,
    description="Population estimates by age band and mid-year, the latest publication.",
    columns={
        "mid_year": integer(required=True, min=1900, max=2100),
        "age_from": integer(required=True, min=0, max=150),
        "age_to": integer(required=True, min=0, max=999, description="999 for open-ended", checks=[
            rule("age_band", "age_to must not be less than age_from", lambda c: c >= pl.col("age_from"))]),
        "population": integer(required=True, min=0),
    },
)
