"""s42_enquiries: section 42 and other safeguarding enquiries, from Adult Social Care (NHS SAC).

Key: `enquiry_id`. National rules beyond the contract: an enquiry does not start before the
concern that led to it was received (checked where that concern is already known: the reader
adds `concern_date_received`), a concluded enquiry has a risk outcome, and `msp_achieved` is
given only when desired outcomes were expressed. An enquiry whose concern is unknown is not
rejected: it is a data-quality finding, since the concern may arrive later.
"""

import polars as pl

from wst_analytics.extracts.common import code, date, identifier, internal, rule
from wst_analytics.extracts.spec import extract_schema

RISK_OUTCOMES = ["RISK_REMOVED", "RISK_REDUCED", "RISK_REMAINS", "NO_RISK", "INCONCLUSIVE",
                 "CEASED_AT_REQUEST"]
CONCERN_DATE = "concern_date_received"  # looked up from the warehouse, never stored with the row

schema = extract_schema(
    "s42_enquiries",
    key=["enquiry_id"],
    after=["adult_concerns"],
    context_sql="core/concern_dates.sql",
    description="Safeguarding enquiries: one row per enquiry, the latest version of each.",
    columns={
        "enquiry_id": identifier(required=True, pseudonymise=True, description="pseudonymised"),
        "concern_id": identifier(required=True, pseudonymise=True,
                                 description="the concern that led to it (pseudonymised); an unknown "
                                             "concern is a data-quality finding, not a rejection (it "
                                             "may arrive later)"),
        "person_id": identifier(required=True, pseudonymise=True, description="pseudonymised"),
        "enquiry_type": code(["S42", "OTHER"], required=True),
        "start_date": date(required=True, not_after_month_end=True, checks=[rule(
            "enquiry_before_concern",
            "start_date must not be before the date the concern that led to it was received",
            lambda c: pl.col(CONCERN_DATE).is_null() | (c >= pl.col(CONCERN_DATE)))]),
        "end_date": date(not_after_month_end=True, checks=[rule(
            "end_not_before_start", "end_date must not be before start_date",
            lambda c: c >= pl.col("start_date"))]),
        "risk_outcome": code(RISK_OUTCOMES, checks=[rule(
            "risk_outcome_required", "risk_outcome is required when end_date is set",
            lambda c: c.is_not_null() | pl.col("end_date").is_null(), nulls=True)]),
        "msp_asked": code(["Y", "N", "U"], description="desired outcomes asked"),
        "msp_expressed": code(["Y", "N"], description="desired outcomes expressed"),
        CONCERN_DATE: internal(pl.Date),
        "msp_achieved": code(["FULLY", "PARTIALLY", "NOT"], checks=[rule(
            "msp_achieved_requires_expressed",
            "msp_achieved must be empty unless msp_expressed is Y",
            lambda c: pl.col("msp_expressed").fill_null("") == "Y")]),
    },
)
