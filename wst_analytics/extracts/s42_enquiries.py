"""s42_enquiries: section 42 and other safeguarding enquiries, from Adult Social Care (NHS SAC).

Key: `enquiry_id`. The contract's rules, as the Safeguarding Adults Collection defines its
fields (docs/rules.md): a concluded enquiry has a risk outcome, and `msp_achieved` is given only
when desired outcomes were expressed. An enquiry whose concern is unknown, or that starts
before its concern was received (a rule the contract does not state: the enquiry still
happened), loads and is a data-quality finding.
"""

import polars as pl

from wst_analytics.extracts.common import code, date, identifier, rule
from wst_analytics.extracts.spec import extract_schema

RISK_OUTCOMES = ["RISK_REMOVED", "RISK_REDUCED", "RISK_REMAINS", "NO_RISK", "INCONCLUSIVE",
                 "CEASED_AT_REQUEST"]

schema = extract_schema(
    "s42_enquiries",
    key=["enquiry_id"],
    after=["adult_concerns"],
    description="Safeguarding enquiries: one row per enquiry, the latest version of each.",
    columns={
        "enquiry_id": identifier(required=True, pseudonymise=True, description="pseudonymised"),
        "concern_id": identifier(required=True, pseudonymise=True,
                                 description="the concern that led to it (pseudonymised); an unknown "
                                             "concern is a data-quality finding, not a rejection (it "
                                             "may arrive later)"),
        "person_id": identifier(required=True, pseudonymise=True, description="pseudonymised"),
        "enquiry_type": code(["S42", "OTHER"], required=True),
        "start_date": date(required=True, not_after_month_end=True),
        "end_date": date(not_after_month_end=True, checks=[rule(
            "end_not_before_start", "end_date must not be before start_date",
            lambda c: c >= pl.col("start_date"))]),
        "risk_outcome": code(RISK_OUTCOMES, checks=[rule(
            "risk_outcome_required", "risk_outcome is required when end_date is set",
            lambda c: c.is_not_null() | pl.col("end_date").is_null(), nulls=True)]),
        "msp_asked": code(["Y", "N", "U"], description="desired outcomes asked"),
        "msp_expressed": code(["Y", "N"], description="desired outcomes expressed"),
        "msp_achieved": code(["FULLY", "PARTIALLY", "NOT"], checks=[rule(
            "msp_achieved_requires_expressed",
            "msp_achieved must be empty unless msp_expressed is Y",
            lambda c: pl.col("msp_expressed").fill_null("") == "Y")]),
    },
)
