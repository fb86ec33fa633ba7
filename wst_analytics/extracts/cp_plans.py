"""cp_plans: child protection plans, from Children's Services (CIN census CP plan module).

Key: (`child_id`, `cpp_start_date`). Beyond the contract's column rules, the CIN census
validation rules (DfE, 2024-25) a row can fail on its own; each rule's DfE code and kind are in
the rule catalogue (`rules.toml`, docs/rules.md). The census queries, and the rules that compare
a child's plans (8935, 8940), load the row and are data-quality findings
(`sql/data_quality/cp_plans.sql`). The census period is the file's reporting month: its end is
DfE's ReferenceDate, and its financial year the census year.
"""

import polars as pl

from wst_analytics.extracts.common import MONTH_END, code, date, identifier, integer, rule
from wst_analytics.extracts.spec import extract_schema

CATEGORIES = ["NEG", "PHY", "SAB", "EMO", "MUL"]
ETHNICITIES = ["WBRI", "WIRI", "WIRT", "WOTH", "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND",
               "APKN", "ABAN", "AOTH", "BCRB", "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT"]
UNBORN = pl.col("date_of_birth").is_null() & pl.col("expected_date_of_birth").is_not_null()


def census_year_start() -> pl.Expr:
    """1 April of the financial year holding the file's reporting month (DfE's census year)."""
    month_end = pl.col(MONTH_END)
    return pl.date(month_end.dt.year() - (month_end.dt.month() < 4).cast(pl.Int32), 4, 1)


one_date_of_birth = rule(
    "dob_or_expected_dob",
    "date_of_birth or expected_date_of_birth must be given (expected_date_of_birth for an unborn child)",
    lambda c: c.is_not_null() | pl.col("expected_date_of_birth").is_not_null(), nulls=True)
unborn_sex = rule("unborn_sex", "sex must be U for an unborn child (DfE 8750)",
                  lambda c: (c == "U") | ~UNBORN)
icpc_on_weekday = rule("icpc_on_weekend", "icpc_date cannot be a Saturday or Sunday (DfE 8875)",
                       lambda c: c.dt.weekday() <= 5)
start_at_icpc = rule(
    "plan_start_not_icpc",
    "cpp_start_date must be the day of the initial child protection conference, icpc_date, for a "
    "plan starting in the census year (DfE 2885)",
    lambda c: (c < census_year_start()) | pl.col("icpc_date").is_null() | (c == pl.col("icpc_date")))

schema = extract_schema(
    "cp_plans",
    key=["child_id", "cpp_start_date"],
    description="Child protection plans: one row per plan, the latest version of each.",
    columns={
        "child_id": identifier(required=True, pseudonymise=True, pattern=r"^[A-Z0-9]+$",
                               pattern_text="letters and digits only (DfE 1580)", max_length=20,
                               description="LA child identifier (pseudonymised), at most 20 characters (DfE 1570)"),
        "date_of_birth": date(not_after_month_end=True, checks=[one_date_of_birth],
                              description="null for an unborn child"),
        "expected_date_of_birth": date(description="for an unborn child"),
        "sex": code(["M", "F", "U"], required=True, checks=[unborn_sex]),
        "ethnicity": code(ETHNICITIES, description="CIN ethnicity code"),
        "strategy_discussion_date": date(checks=[rule(
            "strategy_before_icpc", "strategy_discussion_date must be on or before icpc_date",
            lambda c: c <= pl.col("icpc_date"))]),
        "icpc_date": date(not_after_month_end=True, checks=[icpc_on_weekday],
                          description="initial child protection conference"),
        "cpp_start_date": date(required=True, not_after_month_end=True, checks=[start_at_icpc]),
        "cpp_end_date": date(not_after_month_end=True, checks=[
            rule("end_after_start", "cpp_end_date must not be before cpp_start_date (DfE 8925)",
                 lambda c: c >= pl.col("cpp_start_date")),
            rule("same_day_plan", "cpp_end_date must not be cpp_start_date: a plan cannot start and "
                 "end on the same day (DfE 8840)", lambda c: c != pl.col("cpp_start_date"))]),
        "initial_category": code(CATEGORIES, required=True, description="category of abuse at the start"),
        "latest_category": code(CATEGORIES, required=True),
        "previous_cpp_count": integer(required=True, min=0,
                                      description="number of earlier CP plans for this child"),
    },
)
