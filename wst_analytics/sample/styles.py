"""Which file gets which format: the per-partner export habits the contract allows.

Plants (months shown for the default years; other years use the same offsets):
- header variants: cp_plans display names (`Child-ID`, `Date_Of_Birth`, `CPP Start Date`)
  January-June 2019; adult_concerns (`DATE.RECEIVED`, `Concern ID`) October 2018-March 2019;
  s42_enquiries upper case from the second year; police (`Incident ID`, `CSE Marker`) in the
  second year; training (`Booking ID`, `DNA_Charge_GBP`) in its xlsx files;
- shuffled column order: cp_plans 2018-11, s42_enquiries January-March 2019;
- UK dates (DD/MM/YYYY): every police and training CSV file, adult_concerns in the second year;
  ISO elsewhere;
- encodings: UTF-8 with BOM for adult_concerns 2018-07, 2019-02, 2019-09; Windows-1252 for the
  training CSVs 2018-05, 2019-03, 2019-11 (en dash and pound sign in titles);
- CRLF line endings: all police files, cwc-asc files in the first year, the Windows-1252 files;
- XLSX: training 2018-10, 2019-01 and 2019-10 (real Excel dates in two, text dates in 2019-01),
  cp_plans 2019-02 (real dates for the plan dates, text for dates of birth, and a second
  worksheet "Notes").
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from .calendar import pick_month
from .model import Plants, RawFile

HEADER_VARIANTS = {
    "cp_plans": {"child_id": "Child-ID", "date_of_birth": "Date_Of_Birth",
                 "expected_date_of_birth": "Expected Date of Birth", "sex": "Sex",
                 "ethnicity": "Ethnicity", "strategy_discussion_date": "Strategy Discussion Date",
                 "icpc_date": "ICPC Date", "cpp_start_date": "CPP Start Date",
                 "cpp_end_date": "CPP End Date", "initial_category": "Initial Category",
                 "latest_category": "Latest Category", "previous_cpp_count": "Previous CPP Count"},
    "adult_concerns": {"concern_id": "Concern ID", "person_id": "Person ID",
                       "date_received": "DATE.RECEIVED", "age": "Age", "sex": "Sex",
                       "types_of_risk": "Types Of Risk", "location_of_risk": "Location-Of-Risk"},
    "police_incidents": {"incident_id": "Incident ID", "recorded_date": "Recorded Date",
                         "child_ref": "Child Ref", "child_age": "Child Age",
                         "cse_marker": "CSE Marker", "crime_recorded": "Crime Recorded",
                         "la_code": "LA Code"},
    "training_attendance": {"booking_id": "Booking ID", "course_code": "Course Code",
                            "course_title": "Course Title", "session_date": "Session Date",
                            "delivery": "Delivery", "capacity": "Capacity",
                            "attendee_agency": "Attendee Agency", "attendance": "Attendance",
                            "dna_charge_gbp": "DNA_Charge_GBP"},
}
CP_PLAN_DATES = ("strategy_discussion_date", "icpc_date", "cpp_start_date", "cpp_end_date")


@dataclass
class Layout:
    """The months chosen for each planted case."""

    cp_xlsx: str
    cp_shuffled: str
    cp_child_name: str
    ac_bom: list[str]
    ac_address: str
    ac_resubmitted: str
    ac_deleted: str           # the junk concern is sent here and deleted the next month
    s42_shuffled: list[str]
    s42_unknown_concern: str
    police_rejected: str
    police_late: str
    tr_xlsx: list[str]
    tr_xlsx_text_dates: str
    tr_cp1252: list[str]
    tr_missing: str


def layout(months: list[str]) -> Layout:
    def pick(preferred: str, spare: int = 0) -> str:
        return pick_month(months, preferred, spare_after=spare if len(months) > spare else 0)

    missing = pick("2019-08")
    xlsx = [m for m in dict.fromkeys([pick("2018-10"), pick("2019-01"), pick("2019-10")]) if m != missing]
    return Layout(
        cp_xlsx=pick("2019-02"), cp_shuffled=pick("2018-11"), cp_child_name=pick("2018-08"),
        ac_bom=list(dict.fromkeys([pick("2018-07"), pick("2019-02"), pick("2019-09")])),
        ac_address=pick("2019-03"), ac_resubmitted=pick("2019-05"), ac_deleted=pick("2018-10", 1),
        s42_shuffled=list(dict.fromkeys([pick("2019-01"), pick("2019-02"), pick("2019-03")])),
        s42_unknown_concern=pick("2018-09", 3), police_rejected=pick("2019-06"),
        police_late=pick("2019-11"), tr_xlsx=xlsx, tr_xlsx_text_dates=pick("2019-01"),
        tr_cp1252=[m for m in dict.fromkeys([pick("2018-05"), pick("2019-03"), pick("2019-11")])
                   if m != missing and m not in xlsx],
        tr_missing=missing)


def _shuffle(rng: random.Random, f: RawFile, plants: Plants) -> None:
    rng.shuffle(f.columns)
    plants.note("shuffled_columns", f, "columns in a different order: " + ", ".join(f.columns))


def apply(files: list[RawFile], months: list[str], lay: Layout, rng: random.Random, plants: Plants) -> None:
    """Set each file's format, encoding, line endings, date style, headers and column order."""
    half = len(months) // 2
    for f in files:
        i = months.index(f.month)
        second_year = i >= half
        if f.extract == "cp_plans":
            if lay.cp_xlsx == f.month:
                f.fmt, f.excel_dates, f.notes_sheet = "xlsx", CP_PLAN_DATES, True
            if 9 <= i < 15 or (len(months) <= 12 and 6 <= i < 9):
                f.headers = HEADER_VARIANTS["cp_plans"]
            if f.month == lay.cp_shuffled:
                _shuffle(rng, f, plants)
        elif f.extract == "adult_concerns":
            f.date_style = "uk" if second_year else "iso"
            f.crlf = not second_year
            f.encoding = "utf-8-sig" if f.month in lay.ac_bom else "utf-8"
            if 6 <= i < 12:
                f.headers = HEADER_VARIANTS["adult_concerns"]
        elif f.extract == "s42_enquiries":
            f.crlf = not second_year
            if second_year:
                f.headers = {c: c.upper() for c in f.columns}
            if f.month in lay.s42_shuffled:
                _shuffle(rng, f, plants)
        elif f.extract == "police_incidents":
            f.date_style, f.crlf = "uk", True
            if second_year:
                f.headers = HEADER_VARIANTS["police_incidents"]
        elif f.extract == "training_attendance":
            f.date_style = "uk"
            if f.month in lay.tr_xlsx:
                f.fmt, f.headers = "xlsx", HEADER_VARIANTS["training_attendance"]
                f.excel_dates = () if f.month == lay.tr_xlsx_text_dates else ("session_date",)
            elif f.month in lay.tr_cp1252:
                f.encoding, f.crlf = "cp1252", True
        _note_style(f, plants)


def _note_style(f: RawFile, plants: Plants) -> None:
    if f.headers:
        plants.note("header_variant", f, "headers: " + ", ".join(f.header()))
    if f.fmt == "xlsx":
        real = ", ".join(f.excel_dates) or "none (all dates are text)"
        plants.note("xlsx", f, f"first worksheet holds the data; real Excel dates: {real}")
        if f.notes_sheet:
            plants.note("xlsx_notes_sheet", f, "second worksheet 'Notes' is not data")
    elif f.date_style == "uk":
        plants.note("uk_dates", f, "dates written DD/MM/YYYY")
    if f.fmt == "csv" and f.encoding == "utf-8-sig":
        plants.note("utf8_bom", f, "UTF-8 with a byte order mark")
    if f.fmt == "csv" and f.encoding == "cp1252":
        plants.note("cp1252", f, "Windows-1252: en dash is byte 0x96, pound sign 0xA3")
    if f.fmt == "csv" and f.crlf:
        plants.note("crlf", f, "CRLF line endings")
