"""The extract contract as pandera (pandas backend) schemas, for the pandas reference pipeline.

A hand port of `wst_analytics/extracts/*.py` (pandera, polars backend) to what an analyst would write with
pandas: the same columns, the same rule ids and messages, the same null semantics. It is what
makes the benchmark's comparison fair, so it mirrors every rule:

- per column (`Column` checks): `required` (not nullable), `too_long`, `format` (identifiers: no
  quotes or control characters, no leading `=`, `+` or `@`, the child id pattern), `code_list`,
  `range`;
- across columns (`DataFrameSchema` checks, because a pandas column check sees one column
  only): `after_month_end` and every cross-field rule of the contract (`dob_or_expected_dob`,
  `strategy_before_icpc`, `end_after_start`, `same_day_plan`, `end_not_before_start`,
  `risk_outcome_required`, `msp_achieved_requires_expressed`, `age_band`). Each records, in
  the schema's metadata, the column it is reported against;
- the key unique within a file (`unique=key`, `report_duplicates="all"`: both rows go).

Null semantics follow `wst_analytics/extracts/common.py:rule`: a column check passes an empty value (pandera's
`ignore_na`); a cross-field rule passes when the column, or a value it is compared with, is
empty, unless the rule is about emptiness itself (`dob_or_expected_dob`,
`risk_outcome_required`). pandas compares `NaT` as False where polars gives null, so each rule
says so explicitly.

Column metadata (`kind`, `required`, `pseudonymise`, `values`, `case`) tells the reference
pipeline how to parse the text, as `wst_analytics/extracts/common.py` does for the real reader.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pandas as pd
import pandera.pandas as pa

from wst_analytics.extracts import SCHEMAS
from wst_analytics.extracts.spec import codes

MONTH_END = "reporting_month_end"  # added to every frame before validation: the file's month end
MAX_TEXT = 200
DATE = "datetime64[us]"


def _column(dtype, kind: str, required: bool, checks: Sequence[pa.Check], **extra) -> pa.Column:
    return pa.Column(dtype, nullable=not required, required=False, checks=list(checks),
                     metadata={"kind": kind, "required": required, **extra})


def identifier(*, required: bool = False, pseudonymise: bool = False, pattern: str | None = None,
               pattern_text: str = "", max_length: int = MAX_TEXT) -> pa.Column:
    checks = [
        pa.Check(lambda s: s.str.len() <= max_length, name="too_long",
                 error=f"must be at most {max_length} characters"),
        pa.Check(lambda s: ~s.str.contains(r'["\x00-\x1f\x7f]', regex=True), name="format",
                 error="must not contain quotes, line breaks or control characters "
                       "(a space before an opening quote leaves the quotes in the value)"),
        pa.Check(lambda s: ~s.str.contains(r"^[=+@]", regex=True), name="format",
                 error="must not start with =, + or @ (a spreadsheet would run it as a formula)"),
    ]
    if pattern:
        checks.append(pa.Check(lambda s: s.str.contains(pattern, regex=True), name="format",
                               error=f"must be {pattern_text}"))
    return _column(None, "identifier", required, checks, pseudonymise=pseudonymise)


def text(*, required: bool = False) -> pa.Column:
    check = pa.Check(lambda s: s.str.len() <= MAX_TEXT, name="too_long",
                     error=f"must be at most {MAX_TEXT} characters")
    return _column(None, "text", required, [check])


def code(values: Sequence[str], *, required: bool = False) -> pa.Column:
    check = pa.Check.isin(list(values), name="code_list", error=f"must be one of {', '.join(values)}")
    return _column(None, "code", required, [check], values=list(values))


def _all_listed(values: Sequence[str]) -> Callable[[pd.Series], pd.Series]:
    allowed = list(values)

    def test(lists: pd.Series) -> pd.Series:
        listed = lists.explode().isin(allowed)  # an empty list explodes to one empty value
        return listed.groupby(level=0).all() & (lists.str.len() > 0)

    return test


def code_list(values: Sequence[str], *, required: bool = False) -> pa.Column:
    check = pa.Check(_all_listed(values), name="code_list",
                     error=f"every code must be one of {', '.join(values)}")
    return _column(None, "code_list", required, [check], values=list(values))


def date(*, required: bool = False, not_after_month_end: bool = False) -> pa.Column:
    return _column(DATE, "date", required, [], not_after_month_end=not_after_month_end)


def flag(*, required: bool = False) -> pa.Column:
    return _column("boolean", "flag", required, [])


def integer(*, required: bool = False, min: int | None = None, max: int | None = None) -> pa.Column:
    checks = []
    if min is not None and max is not None:
        checks.append(pa.Check.in_range(min, max, name="range", error=f"must be between {min} and {max}"))
    elif min is not None:
        word = "greater than 0" if min == 1 else f"at least {min}"
        checks.append(pa.Check.ge(min, name="range", error=f"must be {word}"))
    return _column("Int64", "integer", required, checks)


def decimal(*, required: bool = False, min: float | None = None) -> pa.Column:
    checks = [pa.Check.ge(min, name="range", error=f"must be at least {min:g}")] if min is not None else []
    return _column("Float64", "decimal", required, checks)


def record_status() -> pa.Column:
    check = pa.Check.isin(["active", "deleted"], name="code_list", error="must be active or deleted")
    return _column(None, "code", False, [check], values=["active", "deleted"], case="lower")


def internal(dtype) -> pa.Column:
    return pa.Column(dtype, nullable=True, required=False, metadata={"kind": "internal"})


# A cross-field rule: (column it is reported against, rule id, message, test on the frame).
CrossRule = tuple[str, str, str, Callable[[pd.DataFrame], pd.Series]]


def either_empty(*columns: str) -> Callable[[pd.DataFrame], pd.Series]:
    def empty(df: pd.DataFrame) -> pd.Series:
        found = df[columns[0]].isna()
        for column in columns[1:]:
            found = found | df[column].isna()
        return found
    return empty


def not_after_month_end(column: str) -> CrossRule:
    return (column, "after_month_end", "must not be after the end of the file's reporting month",
            lambda df: df[column].isna() | (df[column] <= df[MONTH_END]))


def extract_schema(name: str, key: Sequence[str], columns: dict[str, pa.Column],
                   rules: Sequence[CrossRule] = (), *, monthly: bool = True) -> pa.DataFrameSchema:
    all_columns = {**columns, "record_status": record_status(), MONTH_END: internal(DATE)}
    rules = [not_after_month_end(column) for column, spec in columns.items()
             if spec.metadata.get("not_after_month_end")] + list(rules)
    checks = [pa.Check(test, name=rule, error=message, ignore_na=False)
              for _, rule, message, test in rules]
    return pa.DataFrameSchema(
        all_columns, checks=checks, name=name, unique=list(key), report_duplicates="all",
        strict=False,
        metadata={"key": list(key), "monthly": monthly,
                  "rules": [(column, rule, message) for column, rule, message, _ in rules]})


# --- the extracts -------------------------------------------------------------------------------

# The code lists are the specs' (data, not rules: the port is of the checking, not the lists)
CATEGORIES = codes(SCHEMAS["cp_plans"], "latest_category")
ETHNICITIES = codes(SCHEMAS["cp_plans"], "ethnicity")

cp_plans = extract_schema(
    "cp_plans", ["child_id", "cpp_start_date"],
    {
        "child_id": identifier(required=True, pseudonymise=True, pattern=r"^[A-Z0-9]+$",
                               pattern_text="letters and digits only", max_length=20),
        "date_of_birth": date(),
        "expected_date_of_birth": date(),
        "sex": code(["M", "F", "U"], required=True),
        "ethnicity": code(ETHNICITIES),
        "strategy_discussion_date": date(),
        "icpc_date": date(),
        "cpp_start_date": date(required=True, not_after_month_end=True),
        "cpp_end_date": date(not_after_month_end=True),
        "initial_category": code(CATEGORIES, required=True),
        "latest_category": code(CATEGORIES, required=True),
        "previous_cpp_count": integer(required=True, min=0),
    },
    [
        ("date_of_birth", "dob_or_expected_dob",
         "date_of_birth or expected_date_of_birth must be given (expected_date_of_birth for an unborn child)",
         lambda df: df["date_of_birth"].notna() | df["expected_date_of_birth"].notna()),
        ("strategy_discussion_date", "strategy_before_icpc",
         "strategy_discussion_date must be on or before icpc_date",
         lambda df: either_empty("strategy_discussion_date", "icpc_date")(df)
         | (df["strategy_discussion_date"] <= df["icpc_date"])),
        ("cpp_end_date", "end_after_start", "cpp_end_date must not be before cpp_start_date (DfE 8925)",
         lambda df: either_empty("cpp_end_date", "cpp_start_date")(df)
         | (df["cpp_end_date"] >= df["cpp_start_date"])),
        ("cpp_end_date", "same_day_plan", "cpp_end_date must not be cpp_start_date (DfE 8840)",
         lambda df: either_empty("cpp_end_date", "cpp_start_date")(df)
         | (df["cpp_end_date"] != df["cpp_start_date"])),
    ],
)

TYPES_OF_RISK = codes(SCHEMAS["adult_concerns"], "types_of_risk")
LOCATIONS = codes(SCHEMAS["adult_concerns"], "location_of_risk")

adult_concerns = extract_schema(
    "adult_concerns", ["concern_id"],
    {
        "concern_id": identifier(required=True, pseudonymise=True),
        "person_id": identifier(required=True, pseudonymise=True),
        "date_received": date(required=True, not_after_month_end=True),
        "age": integer(min=0, max=120),
        "sex": code(["M", "F", "U"]),
        "types_of_risk": code_list(TYPES_OF_RISK, required=True),
        "location_of_risk": code(LOCATIONS, required=True),
    },
)

RISK_OUTCOMES = codes(SCHEMAS["s42_enquiries"], "risk_outcome")

s42_enquiries = extract_schema(
    "s42_enquiries", ["enquiry_id"],
    {
        "enquiry_id": identifier(required=True, pseudonymise=True),
        "concern_id": identifier(required=True, pseudonymise=True),
        "person_id": identifier(required=True, pseudonymise=True),
        "enquiry_type": code(["S42", "OTHER"], required=True),
        "start_date": date(required=True, not_after_month_end=True),
        "end_date": date(not_after_month_end=True),
        "risk_outcome": code(RISK_OUTCOMES),
        "msp_asked": code(["Y", "N", "U"]),
        "msp_expressed": code(["Y", "N"]),
        "msp_achieved": code(["FULLY", "PARTIALLY", "NOT"]),
    },
    [
        ("end_date", "end_not_before_start", "end_date must not be before start_date",
         lambda df: either_empty("end_date", "start_date")(df) | (df["end_date"] >= df["start_date"])),
        ("risk_outcome", "risk_outcome_required", "risk_outcome is required when end_date is set",
         lambda df: df["risk_outcome"].notna() | df["end_date"].isna()),
        ("msp_achieved", "msp_achieved_requires_expressed",
         "msp_achieved must be empty unless msp_expressed is Y",
         lambda df: df["msp_achieved"].isna() | (df["msp_expressed"].fillna("") == "Y")),
    ],
)

police_incidents = extract_schema(
    "police_incidents", ["incident_id"],
    {
        "incident_id": identifier(required=True, pseudonymise=True),
        "recorded_date": date(required=True, not_after_month_end=True),
        "child_ref": identifier(pseudonymise=True),
        "child_age": integer(min=0, max=17),
        "cse_marker": flag(required=True),
        "crime_recorded": flag(required=True),
    },
)

training_attendance = extract_schema(
    "training_attendance", ["booking_id"],
    {
        "booking_id": identifier(required=True, pseudonymise=True),
        "course_code": identifier(required=True),
        "course_title": text(required=True),
        "session_date": date(required=True),
        "delivery": code(["F2F", "ONLINE"], required=True),
        "capacity": integer(required=True, min=1, max=1000),
        "attendee_agency": identifier(required=True),
        "attendance": code(["ATTENDED", "DNA", "CANCELLED"], required=True),
        "dna_charge_gbp": decimal(min=0),
    },
)

population = extract_schema(
    "population", ["mid_year", "age_from"],
    {
        "mid_year": integer(required=True, min=1900, max=2100),
        "age_from": integer(required=True, min=0, max=150),
        "age_to": integer(required=True, min=0, max=999),
        "population": integer(required=True, min=0),
    },
    [
        ("age_to", "age_band", "age_to must not be less than age_from",
         lambda df: either_empty("age_to", "age_from")(df)
         | (df["age_to"] >= df["age_from"]).fillna(True)),
    ],
    monthly=False,
)

SCHEMAS: dict[str, pa.DataFrameSchema] = {
    schema.name: schema
    for schema in (cp_plans, adult_concerns, s42_enquiries, police_incidents, training_attendance,
                   population)
}
EXTRACTS = tuple(SCHEMAS)


def contract_columns(schema: pa.DataFrameSchema) -> list[str]:
    """The columns a partner sends (not the internal ones the pipeline adds)."""
    return [name for name, column in schema.columns.items()
            if column.metadata.get("kind") != "internal"]
