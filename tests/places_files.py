"""Reading a national sample's files as the contract says, independently of the generator and
of the reader (the CSVs with polars): for `places_truth.py`.

Header names in any case; dates `YYYY-MM-DD` or `DD/MM/YYYY`; flags Y/N, Yes/No, TRUE/FALSE,
1/0; codes in any case. A row is left out when a required value is missing, a date, flag or
code does not read, its `la_code` is not one of its partner's LAs, or its key comes twice in its
file (every copy). A record's final state is its version from the latest month; its LA is its
`la_code`, else its partner's one LA.
"""

from __future__ import annotations

import re
from pathlib import Path

import polars as pl

from wst_analytics.extracts import SCHEMAS
from wst_analytics.extracts.spec import codes

REQUIRED = {
    "cp_plans": ["child_id", "sex", "cpp_start_date", "initial_category", "latest_category", "previous_cpp_count"],
    "adult_concerns": ["concern_id", "person_id", "date_received", "types_of_risk", "location_of_risk"],
    "s42_enquiries": ["enquiry_id", "concern_id", "person_id", "enquiry_type", "start_date"],
    "police_incidents": ["incident_id", "recorded_date", "cse_marker", "crime_recorded"],
    "training_attendance": ["booking_id", "course_code", "course_title", "session_date", "delivery", "capacity",
                            "attendee_agency", "attendance"],
}
KEYS = {"cp_plans": ["child_id", "cpp_start_date"], "adult_concerns": ["concern_id"],
        "s42_enquiries": ["enquiry_id"], "police_incidents": ["incident_id"], "training_attendance": ["booking_id"]}
DATES = {"cp_plans": ["date_of_birth", "expected_date_of_birth", "strategy_discussion_date", "icpc_date",
                      "cpp_start_date", "cpp_end_date"], "adult_concerns": ["date_received"],
         "s42_enquiries": ["start_date", "end_date"], "police_incidents": ["recorded_date"],
         "training_attendance": ["session_date"]}
CATEGORIES = codes(SCHEMAS["cp_plans"], "latest_category")
CODES = {
    "cp_plans": {"sex": ["M", "F", "U"], "initial_category": CATEGORIES, "latest_category": CATEGORIES},
    "adult_concerns": {"sex": ["M", "F", "U"], "location_of_risk": codes(SCHEMAS["adult_concerns"], "location_of_risk")},
    "s42_enquiries": {"enquiry_type": ["S42", "OTHER"]},
    "police_incidents": {"cse_marker": ["Y", "N", "YES", "NO", "TRUE", "FALSE", "1", "0"],
                         "crime_recorded": ["Y", "N", "YES", "NO", "TRUE", "FALSE", "1", "0"]},
    "training_attendance": {"delivery": ["F2F", "ONLINE"], "attendance": ["ATTENDED", "DNA", "CANCELLED"]},
}
NAME = re.compile(r"^(?P<partner>[a-z0-9-]+)_(?P<month>\d{4}-\d{2})\.csv$")


def _text(path: Path) -> str:
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252")


def _date(column: str) -> pl.Expr:
    text = pl.col(column).str.strip_chars()
    return pl.coalesce(text.str.to_date("%Y-%m-%d", strict=False), text.str.to_date("%d/%m/%Y", strict=False))


def _valid(frame: pl.DataFrame, extract: str, areas: list[str]) -> pl.Expr:
    ok = pl.lit(True)
    for column in REQUIRED[extract]:
        ok &= pl.col(column).str.strip_chars().fill_null("") != ""
    for column in DATES[extract]:
        ok &= pl.col(column).is_null() | _date(column).is_not_null()
    for column, codes in CODES[extract].items():
        ok &= pl.col(column).is_null() | pl.col(column).str.strip_chars().str.to_uppercase().is_in(codes)
    if "la_code" in frame.columns:
        ok &= pl.col("la_code").is_null() | pl.col("la_code").str.to_uppercase().is_in(areas)
    return ok & ~pl.struct(KEYS[extract]).is_duplicated()


def read_extract(folders: list[Path], extract: str, areas: dict[str, list[str]]) -> pl.DataFrame:
    """The accepted rows of every file of an extract, typed (dates as dates, codes upper case),
    with la and month; then each record's latest version."""
    frames = []
    for folder in folders:
        for path in sorted((folder / extract).glob("*.csv")):
            name = NAME.match(path.name)
            frame = pl.read_csv(_text(path).encode("utf-8"), infer_schema=False)
            frame = frame.rename({c: c.strip().lower() for c in frame.columns})
            served = areas[name["partner"]]
            kept = frame.filter(_valid(frame, extract, served))
            la = pl.col("la_code").str.to_uppercase() if "la_code" in kept.columns else pl.lit(served[0])
            others = [k for k in KEYS[extract] if k not in DATES[extract]] + (
                ["concern_id"] if extract == "s42_enquiries" else [])
            frames.append(kept.select(
                la.alias("la"), pl.lit(name["month"]).alias("month"), *(pl.col(k).str.strip_chars() for k in others),
                *(_date(c).alias(c) for c in DATES[extract]),
                *(pl.col(c).str.strip_chars().str.to_uppercase() for c in CODES[extract])))
    return pl.concat(frames).sort("month").unique(KEYS[extract], keep="last")


def financial_years(out_dir: Path) -> list[str]:
    """The financial years the raw files cover (from their names: April of the first to March
    of the last)."""
    months = sorted(NAME.match(p.name)["month"] for p in (out_dir / "raw" / "cp_plans").glob("*.csv"))
    first, last = int(months[0][:4]), int(months[-1][:4])
    return [f"{y}-{(y + 1) % 100:02d}" for y in range(first, last)]


