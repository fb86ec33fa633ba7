"""cp_plans: child protection plans, from Children's Services (CIN census CP plan module).

Key: (`child_id`, `cpp_start_date`). Beyond the contract's column rules, the national rules
of the CIN census that apply: a plan ends after it starts, exactly one of date of birth and
expected date of birth, the child identifier's format, category codes, previous plans >= 0.
"""

import polars as pl

from wst_analytics.extracts.common import code, date, identifier, integer, rule
from wst_analytics.extracts.spec import extract_schema

CATEGORIES = ["NEG", "PHY", "SAB", "EMO", "MUL"]
ETHNICITIES = ["WBRI", "WIRI", "WIRT", "WOTH", "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND",
               "APKN", "ABAN", "AOTH", "BCRB", "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT"]

one_date_of_birth = rule(
    "dob_or_expected_dob",
    "exactly one of date_of_birth and expected_date_of_birth must be given "
    "(expected_date_of_birth only for an unborn child)",
    lambda c: c.is_null() != pl.col("expected_date_of_birth").is_null(), nulls=True)

schema = extract_schema(
    "cp_plans",
    key=["child_id", "cpp_start_date"],
    description="Child protection plans: one row per plan, the latest version of each.",
    columns={
        "child_id": identifier(required=True, pseudonymise=True, pattern=r"^[A-Z0-9]{1,20}$",
                               pattern_text="letters and digits only, at most 20",
                               description="LA child identifier (pseudonymised)"),
        "date_of_birth": date(checks=[one_date_of_birth], description="null for an unborn child; may be after "
                              "the month end (a birth recorded by the time the return was made)"),
        "expected_date_of_birth": date(description="for an unborn child"),
        "sex": code(["M", "F", "U"], required=True),
        "ethnicity": code(ETHNICITIES, description="CIN ethnicity code"),
        "strategy_discussion_date": date(checks=[rule(
            "strategy_before_icpc", "strategy_discussion_date must be on or before icpc_date",
            lambda c: c <= pl.col("icpc_date"))]),
        "icpc_date": date(description="initial child protection conference"),
        "cpp_start_date": date(required=True, not_after_month_end=True),
        "cpp_end_date": date(not_after_month_end=True, checks=[rule(
            "end_after_start",
            "cpp_end_date must be after cpp_start_date (a plan cannot start and end on one day)",
            lambda c: c > pl.col("cpp_start_date"))]),
        "initial_category": code(CATEGORIES, required=True, description="category of abuse at the start"),
        "latest_category": code(CATEGORIES, required=True),
        "previous_cpp_count": integer(required=True, min=0, max=99,
                                      description="number of earlier CP plans for this child"),
    },
)
