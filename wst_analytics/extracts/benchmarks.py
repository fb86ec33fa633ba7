"""benchmarks: published figures to compare with (contract version 2, section 7), a reference
extract from a publisher such as `dfe` or `nhse`, named by publication month.

Key: (`indicator_id`, `area_code`, `period`, `breakdown`). A later publication's figure for the
same key replaces an earlier one (a revision). `period` is a financial year `YYYY-YY` or a month
`YYYY-MM`; where both readings are possible (`2010-11`) it is the financial year, as
publications are yearly.
"""

import polars as pl

from wst_analytics.extracts.common import code, internal, number, rule, text
from wst_analytics.extracts.place_columns import KNOWN_INDICATORS, catalogue_id, gss_code
from wst_analytics.extracts.spec import extract_schema

#: GSS codes of an LA, a region or England.
AREA_CODE = r"^(E(06|08|09|10|12)[0-9]{6}|E92000001)$"
PERIOD = r"^[0-9]{4}-[0-9]{2}$"
#: A publisher's symbol for a figure not shown: never a figure or words (a misaligned column).
SYMBOL = r"^[A-Za-z\[\].:*-]{1,12}$"


def _real_period(c: pl.Expr) -> pl.Expr:
    """YYYY-YY with YY the next year, or YYYY-MM with MM a month."""
    year, tail = c.str.slice(0, 4).cast(pl.Int32, strict=False), c.str.slice(5, 2).cast(pl.Int32, strict=False)
    return ((year + 1) % 100 == tail) | tail.is_between(1, 12)


schema = extract_schema(
    "benchmarks",
    key=["indicator_id", "area_code", "period", "breakdown"],
    monthly=False,
    description="Published comparator figures: one row per indicator, area, period and breakdown, "
                "the latest publication of each.",
    columns={
        "indicator_id": catalogue_id(required=True, description="an indicator id of the catalogue"),
        "area_code": gss_code(AREA_CODE, "a local authority, a region or England", required=True),
        "period": code([], required=True, description="YYYY-YY (financial year) or YYYY-MM (month)",
                       checks=[rule("period", "must be a financial year YYYY-YY or a month YYYY-MM",
                                    lambda c: c.str.contains(PERIOD) & _real_period(c))]),
        "breakdown": code([], default="", description="the breakdown code; empty for the headline figure"),
        "value": number(description="empty when the publisher suppressed it"),
        "symbol": text(description="the publisher's symbol (c, x, z, k, u, low, [c], ...), kept "
                                   "and shown", max_length=12, checks=[rule(
            "value_or_symbol", "a row needs a value or the publisher's symbol for its absence",
            lambda c: c.is_not_null() | pl.col("value").is_not_null(), nulls=True), rule(
            "format", "must be a publisher's symbol such as c, x, z, low, [c] or .. (letters, "
            "brackets, dots, colons, asterisks or hyphens: no digits or spaces)",
            lambda c: c.str.contains(SYMBOL))]),
        KNOWN_INDICATORS: internal(pl.Boolean),
        "source": text(required=True, description="the publication, e.g. \"DfE Characteristics "
                                                  "of children in need 2020\""),
    },
)
