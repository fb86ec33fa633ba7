"""cp_plans: child protection plans, from Children's Services (CIN census CP plan module).

Key: (`child_id`, `cpp_start_date`). The rules here are the contract's, each also the CIN
census rule (DfE, 2024-25) it matches: they quarantine the row. The census rules the contract
does not require (its queries; its errors on values the contract leaves free, such as an ICPC
on a weekend; those comparing a child's plans) load the row and are data-quality findings
(`sql/data_quality/cp_plans.sql`). Each rule's DfE code, kind and outcome are in the rule
catalogue (`rules.toml`, docs/rules.md).
"""

import polars as pl

from wst_analytics.extracts.common import code, date, identifier, integer, rule
from wst_analytics.extracts.spec import extract_schema

CATEGORIES = ["NEG", "PHY", "SAB", "EMO", "MUL"]
ETHNICITIES = ["WBRI", "WIRI", "WIRT", "WOTH", "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND",
               "APKN", "ABAN", "AOTH", "BCRB", "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT"]

one_date_of_birth = rule(
    "dob_or_expected_dob",
    "date_of_birth or expected_date_of_birth must be given (expected_date_of_birth for an unborn child)",
    lambda c: c.is_not_null() | pl.col("expected_date_of_birth").is_not_null(), nulls=True)

schema = extract_schema(
    "cp_plans",
    key=["child_id", "cpp_start_date"],
    description="Child protection plans: one row per plan, the latest version of each.",
    columns={
        "child_id": identifier(required=True, pseudonymise=True, pattern=r"^[A-Z0-9]+$",
                               pattern_text="letters and digits only (DfE 1580)", max_length=20,
                               description="LA child identifier (pseudonymised), at most 20 characters (DfE 1570)"),
        "date_of_birth": date(checks=[one_date_of_birth], description="null for an unborn child; a "
                              "date after the month end loads, with a finding (DfE 8520)"),
        "expected_date_of_birth": date(description="for an unborn child"),
        "sex": code(["M", "F", "U"], required=True,
                    description="U for an unborn child (otherwise a finding, DfE 8750)"),
        "ethnicity": code(ETHNICITIES, description="CIN ethnicity code; empty loads, with a finding (DfE 4220)"),
        "strategy_discussion_date": date(checks=[rule(
            "strategy_before_icpc", "strategy_discussion_date must be on or before icpc_date",
            lambda c: c <= pl.col("icpc_date"))]),
        "icpc_date": date(description="initial child protection conference: on a weekend, after the "
                          "month end, or another day than the plan's start loads, with a finding "
                          "(DfE 8875, 8715, 2885)"),
        "cpp_start_date": date(required=True, not_after_month_end=True),
        "cpp_end_date": date(not_after_month_end=True, checks=[
            rule("end_after_start", "cpp_end_date must not be before cpp_start_date (DfE 8925)",
                 lambda c: c >= pl.col("cpp_start_date")),
            rule("same_day_plan", "cpp_end_date must not be cpp_start_date: a plan cannot start and "
                 "end on the same day (DfE 8840)", lambda c: c != pl.col("cpp_start_date"))]),
        "initial_category": code(CATEGORIES, required=True, description="category of abuse at the start"),
        "latest_category": code(CATEGORIES, required=True),
        "previous_cpp_count": integer(required=True, min=0,
                                      description="number of earlier CP plans for this child; more than "
                                                  "99 loads, with a finding (a check of our own)"),
    },
)
