"""Tests for the sample generator (`wst_analytics.sample`).

The files are re-read here independently of the generator's code (csv / fastexcel, the
contract's header matching, date and flag spellings, rules and code lists), current state is
rebuilt the contract's way (latest reporting month wins, within a month the version received
last wins, deleted keys removed, quarantined rows dropped), and the published figures are
recomputed from that.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import tomllib
from collections import Counter, defaultdict
from decimal import Decimal
from pathlib import Path

import fastexcel
import holidays
import pytest

from wst_analytics.extracts import SCHEMAS
from wst_analytics.extracts.spec import codes
from wst_analytics.sample import generate_sample

# ---------------------------------------------------------------------------------------------
# The contract, restated for the tests: column -> (kind, required); kinds: id, text, date,
# int, dec, flag, or a list of codes.
CATEGORIES = codes(SCHEMAS["cp_plans"], "latest_category")  # code lists: the specs' own
ETHNICITY = codes(SCHEMAS["cp_plans"], "ethnicity")
TYPES = codes(SCHEMAS["adult_concerns"], "types_of_risk")
LOCATIONS = codes(SCHEMAS["adult_concerns"], "location_of_risk")
OUTCOMES = codes(SCHEMAS["s42_enquiries"], "risk_outcome")
CONTRACT = {
    "cp_plans": {"child_id": ("id", True), "date_of_birth": ("date", False),
                 "expected_date_of_birth": ("date", False), "sex": (["M", "F", "U"], True),
                 "ethnicity": (ETHNICITY, False), "strategy_discussion_date": ("date", False),
                 "icpc_date": ("date", False), "cpp_start_date": ("date", True),
                 "cpp_end_date": ("date", False), "initial_category": (CATEGORIES, True),
                 "latest_category": (CATEGORIES, True), "previous_cpp_count": ("int", True)},
    "adult_concerns": {"concern_id": ("id", True), "person_id": ("id", True),
                       "date_received": ("date", True), "age": ("int", False),
                       "sex": (["M", "F", "U"], False), "types_of_risk": ("types", True),
                       "location_of_risk": (LOCATIONS, True)},
    "s42_enquiries": {"enquiry_id": ("id", True), "concern_id": ("id", True),
                      "person_id": ("id", True), "enquiry_type": (["S42", "OTHER"], True),
                      "start_date": ("date", True), "end_date": ("date", False),
                      "risk_outcome": (OUTCOMES, False), "msp_asked": (["Y", "N", "U"], False),
                      "msp_expressed": (["Y", "N"], False),
                      "msp_achieved": (["FULLY", "PARTIALLY", "NOT"], False)},
    "police_incidents": {"incident_id": ("id", True), "recorded_date": ("date", True),
                         "child_ref": ("id", False), "child_age": ("int", False),
                         "cse_marker": ("flag", True), "crime_recorded": ("flag", True)},
    "training_attendance": {"booking_id": ("id", True), "course_code": ("id", True),
                            "course_title": ("text", True), "session_date": ("date", True),
                            "delivery": (["F2F", "ONLINE"], True), "capacity": ("int", True),
                            "attendee_agency": ("id", True),
                            "attendance": (["ATTENDED", "DNA", "CANCELLED"], True),
                            "dna_charge_gbp": ("dec", False)},
}
for _columns in CONTRACT.values():  # contract v2: optional, and only the partner's one LA
    _columns["la_code"] = (["E08000031"], False)
KEYS = {"cp_plans": ("child_id", "cpp_start_date"), "adult_concerns": ("concern_id",),
        "s42_enquiries": ("enquiry_id",), "police_incidents": ("incident_id",),
        "training_attendance": ("booking_id",)}
RANGES = {"previous_cpp_count": (0, None), "age": (0, 120), "child_age": (0, 17), "capacity": (1, None)}
NOT_AFTER_MONTH_END = {"cpp_start_date", "cpp_end_date", "date_received", "start_date", "end_date",
                       "recorded_date"}
FLAGS = {"y": True, "yes": True, "true": True, "1": True, "n": False, "no": False, "false": False, "0": False}
NAME = re.compile(r"^(?P<partner>[a-z-]+)_(?P<month>\d{4}-\d{2})(?:_(?P<suffix>[A-Za-z0-9]+))?\.(csv|xlsx)$")
REFERENCE = {"population", "benchmarks", "neighbours"}
REFERENCE_COLUMNS = ["indicator_id", "area_code", "period", "breakdown", "value", "symbol", "source",
                     "neighbour_code", "rank"]
CATALOGUE = {entry["id"] for entry in tomllib.loads(
    (Path(__file__).parents[1] / "wst_analytics" / "defaults" / "indicators.toml").read_text())["indicator"]}
AREA = re.compile(r"^(E(06|08|09|10|12)[0-9]{6}|E92000001)$")


def norm(header: str) -> str:
    return re.sub(r"[\s_\-.]", "", header).lower()


def read_table(path: Path) -> tuple[list[str], list[list[str]]]:
    """Header and rows as text, whatever the format and encoding."""
    if path.suffix == ".xlsx":
        frame = fastexcel.read_excel(path).load_sheet(0, dtypes="string").to_polars()
        rows = [["" if v is None else v.removesuffix(" 00:00:00") for v in r] for r in frame.rows()]
        return frame.columns, rows
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        text = raw[3:].decode("utf-8")
    else:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("cp1252")
    header, *rows = list(csv.reader(io.StringIO(text, newline="")))
    return header, rows


def parse_date(text: str) -> dt.date:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return dt.date.fromisoformat(text)
    if re.fullmatch(r"\d{2}/\d{2}/\d{4}", text):
        return dt.date(int(text[6:]), int(text[3:5]), int(text[:2]))
    raise ValueError(text)


def month_end(month: str) -> dt.date:
    year, mon = int(month[:4]), int(month[5:])
    return dt.date(year + mon // 12, mon % 12 + 1, 1) - dt.timedelta(days=1)


def check_row(extract: str, raw: dict[str, str], month: str) -> tuple[dict, list[tuple[str, str]]]:
    """(typed values, [(column, rule)]) for one row, by the contract's rules."""
    values, broken = {}, []
    for column, (kind, required) in CONTRACT[extract].items():
        text = raw.get(column, "").strip()
        values[column] = None
        if not text:
            if required:
                broken.append((column, "required"))
            continue
        try:
            if kind == "date":
                values[column] = parse_date(text)
            elif kind == "int":
                values[column] = int(text)
            elif kind == "dec":
                values[column] = Decimal(text)
            elif kind == "flag":
                values[column] = FLAGS[text.lower()]
            elif kind == "types":
                codes = [c.strip().upper() for c in text.split(";")]
                if any(c not in TYPES for c in codes):
                    broken.append((column, "code_list"))
                values[column] = codes
            elif isinstance(kind, list):
                values[column] = text.upper()
                if values[column] not in kind:
                    broken.append((column, "code_list"))
            else:
                values[column] = text.upper() if kind == "id" else text
        except (ValueError, KeyError, ArithmeticError):
            broken.append((column, {"date": "invalid_date", "int": "invalid_integer",
                                    "flag": "invalid_flag", "dec": "invalid_decimal"}[kind]))
    v = values
    for column, (low, high) in RANGES.items():
        if isinstance(v.get(column), int) and (v[column] < low or (high is not None and v[column] > high)):
            broken.append((column, "range"))
    for column in NOT_AFTER_MONTH_END & set(v):
        if isinstance(v[column], dt.date) and v[column] > month_end(month):
            broken.append((column, "after_month_end"))
    if extract == "cp_plans":
        if v["child_id"] and not re.fullmatch(r"[A-Z0-9]+", v["child_id"]):
            broken.append(("child_id", "format"))  # DfE 1580
        if v["child_id"] and len(v["child_id"]) > 20:
            broken.append(("child_id", "too_long"))  # DfE 1570
        if not raw.get("date_of_birth", "").strip() and not raw.get("expected_date_of_birth", "").strip():
            broken.append(("date_of_birth", "dob_or_expected_dob"))  # both given is a query (8525Q): it loads
        if v["cpp_end_date"] and v["cpp_start_date"] and v["cpp_end_date"] < v["cpp_start_date"]:
            broken.append(("cpp_end_date", "end_after_start"))  # DfE 8925
        if v["cpp_end_date"] and v["cpp_end_date"] == v["cpp_start_date"]:
            broken.append(("cpp_end_date", "same_day_plan"))  # DfE 8840
        strategy, icpc = v["strategy_discussion_date"], v["icpc_date"]
        if strategy and icpc and strategy > icpc:
            broken.append(("strategy_discussion_date", "strategy_before_icpc"))
    if extract == "s42_enquiries":
        if v["end_date"] and v["start_date"] and v["end_date"] < v["start_date"]:
            broken.append(("end_date", "end_not_before_start"))
        if v["end_date"] and not v["risk_outcome"] and raw.get("risk_outcome", "").strip() == "":
            broken.append(("risk_outcome", "risk_outcome_required"))
        if v["msp_achieved"] and v["msp_expressed"] != "Y":
            broken.append(("msp_achieved", "msp_achieved_requires_expressed"))
    return values, broken


def check_benchmark_row(raw: dict[str, str]) -> list[tuple[str, str]]:
    """[(column, rule)] broken by one benchmarks row (contract, section 7)."""
    broken = []
    if raw["indicator_id"].strip().lower() not in CATALOGUE:
        broken.append(("indicator_id", "unknown_indicator"))
    if not AREA.match(raw["area_code"].strip().upper()):
        broken.append(("area_code", "format"))
    period = raw["period"].strip()
    if not (re.fullmatch(r"\d{4}-\d{2}", period) and ((int(period[:4]) + 1) % 100 == int(period[5:])
                                                       or 1 <= int(period[5:]) <= 12)):
        broken.append(("period", "period"))
    if raw["value"].strip():
        float(raw["value"])  # a number, or the test fails
    elif not raw["symbol"].strip():
        broken.append(("symbol", "value_or_symbol"))
    if not raw["source"].strip():
        broken.append(("source", "required"))
    return broken


class Sample:
    """The written sample, re-read: files, their versions, quarantined rows and current state."""

    def __init__(self, raw_dir: Path, manifest):
        self.raw_dir, self.manifest = raw_dir, manifest
        self.paths = sorted(p for p in raw_dir.rglob("*") if p.is_file())
        self.tables = {p: read_table(p) for p in self.paths}
        self.failures: set[tuple[str, int, str, str]] = set()
        self.state: dict[str, dict[tuple, dict]] = {}
        self.rejected: list[Path] = []
        self.used: list[Path] = []
        returns = defaultdict(list)
        for path in self.paths:
            if path.parent.name not in REFERENCE:
                m = NAME.match(path.name)
                returns[(path.parent.name, m["month"])].append(path)
            if path.parent.name == "benchmarks":
                rel = path.relative_to(self.raw_dir).as_posix()
                self.failures |= {(rel, number, column, rule) for number, raw in enumerate(self.raw_rows(path), 2)
                                  for column, rule in check_benchmark_row(raw)}
        for extract in CONTRACT:
            latest: dict[tuple, dict] = {}
            for (ext, month), versions in sorted(returns.items(), key=lambda kv: kv[0][1]):
                if ext != extract:
                    continue
                usable = [p for p in versions if self._has_required(p, extract)]
                self.rejected += [p for p in versions if p not in usable]
                chosen = max(usable, key=lambda p: p.stat().st_mtime)
                self.used.append(chosen)
                for key, row in self._rows(chosen, extract, month):
                    latest[key] = row
            self.state[extract] = {k: r for k, r in latest.items() if r["_status"] != "deleted"}

    def _has_required(self, path: Path, extract: str) -> bool:
        present = {norm(h) for h in self.tables[path][0]}
        return all(norm(c) in present for c, (_, req) in CONTRACT[extract].items() if req)

    def raw_rows(self, path: Path) -> list[dict[str, str]]:
        header, rows = self.tables[path]
        names = [norm(h) for h in header]
        named = list(CONTRACT.get(path.parent.name, {})) + ["record_status", "la_code", *REFERENCE_COLUMNS]
        lookup = {norm(c): c for c in named}
        return [{lookup.get(n, n): cell for n, cell in zip(names, row)} for row in rows]

    def _rows(self, path: Path, extract: str, month: str):
        rel = path.relative_to(self.raw_dir).as_posix()
        for number, raw in enumerate(self.raw_rows(path), start=2):
            values, broken = check_row(extract, raw, month)
            if broken:
                self.failures |= {(rel, number, c, rule) for c, rule in broken}
                continue
            values["_status"] = raw.get("record_status", "").strip().lower() or "active"
            yield tuple(values[k] for k in KEYS[extract]), values


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Sample:
    raw_dir = tmp_path_factory.mktemp("sample") / "raw"
    return Sample(raw_dir, generate_sample(raw_dir))


FYS = {"2018-19": (dt.date(2018, 4, 1), dt.date(2019, 3, 31)),
       "2019-20": (dt.date(2019, 4, 1), dt.date(2020, 3, 31))}


def _in(day, fy) -> bool:
    return day is not None and FYS[fy][0] <= day <= FYS[fy][1]


# --- published figures ------------------------------------------------------------------------
def cp_open(sample, fy):
    day = FYS[fy][1]
    return [p for p in sample.state["cp_plans"].values()
            if p["cpp_start_date"] <= day and (p["cpp_end_date"] is None or p["cpp_end_date"] > day)]


def test_cp_plans_open_at_31_march(sample):
    assert len(cp_open(sample, "2018-19")) == 328
    assert len(cp_open(sample, "2019-20")) == 264


def test_cp_plans_open_by_category_2020(sample):
    counts = Counter(p["latest_category"] for p in cp_open(sample, "2019-20"))
    assert counts == {"NEG": 182, "EMO": 69, "SAB": 8, "PHY": 5}


def test_cp_plan_starts_and_ages_are_plausible(sample):
    plans = sample.state["cp_plans"].values()
    for fy in FYS:
        assert 300 <= sum(_in(p["cpp_start_date"], fy) for p in plans) <= 380
    assert any(p["cpp_start_date"] < dt.date(2017, 4, 1) for p in cp_open(sample, "2018-19"))
    assert any(p["date_of_birth"] is None for p in plans)  # unborn children
    assert any(p["previous_cpp_count"] > 0 for p in plans)
    durations = [(p["cpp_end_date"] - p["cpp_start_date"]).days for p in plans if p["cpp_end_date"]]
    assert sum(90 <= d <= 550 for d in durations) > 0.6 * len(durations)
    assert any(d > 730 for d in durations)


def test_adult_concerns_received_and_to_s42(sample):
    concerns = sample.state["adult_concerns"].values()
    s42 = {e["concern_id"] for e in sample.state["s42_enquiries"].values() if e["enquiry_type"] == "S42"}
    for fy, received, to_s42 in (("2018-19", 2245, 573), ("2019-20", 2668, 691)):
        in_year = [c for c in concerns if _in(c["date_received"], fy)]
        assert len(in_year) == received
        assert sum(c["concern_id"] in s42 for c in in_year) == to_s42


def concerns_2019(sample):
    return [c for c in sample.state["adult_concerns"].values() if _in(c["date_received"], "2019-20")]


def test_adult_concerns_by_location_2019(sample):
    assert Counter(c["location_of_risk"] for c in concerns_2019(sample)) == {
        "CARE_HOME_NURSING": 258, "CARE_HOME_RESIDENTIAL": 380, "COMMUNITY": 54,
        "COMMUNITY_SERVICE": 28, "OWN_HOME": 1690, "HOSPITAL_COMMUNITY": 129, "OTHER": 129}


def band(age):
    if age is None:
        return "not_known"
    if age <= 18:
        return "18_or_under"
    if age >= 90:
        return "90_plus"
    return "19-29" if age <= 29 else f"{age // 10 * 10}-{age // 10 * 10 + 9}"


def test_adult_concerns_by_age_band_2019(sample):
    assert Counter(band(c["age"]) for c in concerns_2019(sample)) == {
        "18_or_under": 12, "not_known": 16, "19-29": 302, "30-39": 178, "40-49": 195,
        "50-59": 289, "60-69": 292, "70-79": 423, "80-89": 649, "90_plus": 312}


def test_adult_concerns_by_type_of_risk_2019(sample):
    concerns = concerns_2019(sample)
    assert Counter(t for c in concerns for t in c["types_of_risk"]) == {
        "NEGLECT": 1060, "PSYCHOLOGICAL": 695, "DOMESTIC": 690, "PHYSICAL": 665, "FINANCIAL": 577,
        "SELF_NEGLECT": 204, "SEXUAL": 167, "ORGANISATIONAL": 137, "MODERN_SLAVERY": 15,
        "DISCRIMINATORY": 14}
    assert all(len(set(c["types_of_risk"])) == len(c["types_of_risk"]) >= 1 for c in concerns)
    assert any(len(c["types_of_risk"]) >= 3 for c in concerns)


def test_police_incidents_and_cse(sample):
    incidents = sample.state["police_incidents"].values()
    for fy, total, cse, crimes in (("2018-19", 2654, 148, 27), ("2019-20", 2600, 102, 36)):
        in_year = [i for i in incidents if _in(i["recorded_date"], fy)]
        assert len(in_year) == total
        assert sum(i["cse_marker"] for i in in_year) == cse
        assert sum(i["cse_marker"] and i["crime_recorded"] for i in in_year) == crimes


def test_training_course_types_and_dna_charges(sample):
    bookings = sample.state["training_attendance"].values()
    types = {fy: {b["course_code"] for b in bookings if _in(b["session_date"], fy)} for fy in FYS}
    assert len(types["2019-20"]) == 67
    assert len(types["2018-19"]) != 67 and 50 <= len(types["2018-19"]) <= 75
    charges = sum(b["dna_charge_gbp"] or 0 for b in bookings if _in(b["session_date"], "2019-20"))
    assert charges == Decimal("11765.00")
    assert all(b["attendance"] == "DNA" for b in bookings if b["dna_charge_gbp"])
    for b in bookings:
        assert (12 <= b["capacity"] <= 20) if b["delivery"] == "ONLINE" else (12 <= b["capacity"] <= 32)


def test_population_reference(sample):
    header, rows = read_table(sample.raw_dir / "population" / "ons_2020-06.csv")
    assert header == ["la_code", "mid_year", "age_from", "age_to", "population"]
    totals = defaultdict(Counter)
    for la_code, mid_year, age_from, age_to, population in rows:
        assert la_code == "E08000031"
        group = "0-17" if int(age_to) <= 17 else "18-64" if int(age_to) <= 64 else "65+"
        assert int(age_from) >= 18 or int(age_to) <= 17  # bands never straddle 17/18
        totals[int(mid_year)][group] += int(population)
    assert totals[2019] == {"0-17": 61244, "18-64": 157318, "65+": 43446}
    assert sum(totals[2019].values()) == 262008
    assert sorted(totals) == [2017, 2018, 2019]
    assert sum(totals[2017].values()) < sum(totals[2018].values()) < 262008


def test_manifest_truth_matches_files(sample):
    truth = sample.manifest.truth
    assert truth["cp_open_at_period_end"] == {"2018-19": 328, "2019-20": 264}
    assert truth["adult_concerns_received"] == {"2018-19": 2245, "2019-20": 2668}
    assert truth["adult_concerns_to_s42"] == {"2018-19": 573, "2019-20": 691}
    assert truth["police_child_abuse_incidents"] == {"2018-19": 2654, "2019-20": 2600}
    assert truth["cse_incidents"] == {"2018-19": 148, "2019-20": 102}
    assert truth["cse_crimes_recorded"] == {"2018-19": 27, "2019-20": 36}
    assert truth["training_course_types"]["2019-20"] == 67
    assert truth["training_dna_charges_gbp"]["2019-20"] == 11765.0
    open_2019 = Counter(p["latest_category"] for p in cp_open(sample, "2018-19"))
    assert {k: v for k, v in truth["cp_open_by_category"]["2018-19"].items() if v} == open_2019
    for indicator in ("cp_open_by_category", "adult_concerns_by_location",
                      "adult_concerns_by_age_band", "adult_concerns_by_type_of_risk"):
        assert set(truth[indicator]) == set(FYS)


def cp_band(p, day):
    dob = p["date_of_birth"]
    if dob is None or dob > day:
        return "unborn"
    age = day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))
    return ("under_1" if age < 1 else "1-4" if age < 5 else "5-9" if age < 10
            else "10-15" if age < 16 else "16-17")


def recompute(sample, fy) -> dict:
    """Every indicator in the manifest's truth, from the re-read files (zeros left out)."""
    st, hi = sample.state, FYS[fy][1]
    plans = st["cp_plans"].values()
    concerns = [c for c in st["adult_concerns"].values() if _in(c["date_received"], fy)]
    s42 = [e for e in st["s42_enquiries"].values() if e["enquiry_type"] == "S42"]
    incidents = [i for i in st["police_incidents"].values() if _in(i["recorded_date"], fy)]
    booked = [b for b in st["training_attendance"].values() if _in(b["session_date"], fy)]
    sessions = {(b["course_code"], b["session_date"]): b["capacity"] for b in booked}
    attended = [b for b in booked if b["attendance"] == "ATTENDED"]
    concluded = [e for e in s42 if _in(e["end_date"], fy)]
    open_ = cp_open(sample, fy)
    return {
        "cp_open_at_period_end": len(open_),
        "cp_open_by_category": Counter(p["latest_category"] for p in open_),
        "cp_open_by_age_band": Counter(cp_band(p, hi) for p in open_),
        "cp_started": sum(_in(p["cpp_start_date"], fy) for p in plans),
        "cp_ended": sum(_in(p["cpp_end_date"], fy) for p in plans),
        "adult_concerns_received": len(concerns),
        "adult_concerns_to_s42": len({e["concern_id"] for e in s42} & {c["concern_id"] for c in concerns}),
        "adult_concerns_by_location": Counter(c["location_of_risk"] for c in concerns),
        "adult_concerns_by_age_band": Counter(band(c["age"]) for c in concerns),
        "adult_concerns_by_type_of_risk": Counter(t for c in concerns for t in c["types_of_risk"]),
        "s42_enquiries_started": sum(_in(e["start_date"], fy) for e in s42),
        "s42_enquiries_concluded": len(concluded),
        "s42_concluded_by_risk_outcome": Counter(e["risk_outcome"] for e in concluded),
        "police_child_abuse_incidents": len(incidents),
        "cse_incidents": sum(i["cse_marker"] for i in incidents),
        "cse_crimes_recorded": sum(i["cse_marker"] and i["crime_recorded"] for i in incidents),
        "training_sessions": len(sessions),
        "training_course_types": len({code for code, _ in sessions}),
        "training_places": sum(sessions.values()),
        "training_attended": len(attended),
        "training_attended_by_agency": Counter(b["attendee_agency"] for b in attended),
        "training_dna_charges_gbp": float(sum(b["dna_charge_gbp"] or 0 for b in booked)),
        **ratios(sample, fy),
    }


BANK = holidays.country_holidays("GB", subdiv="ENG", years=range(2014, 2022))


def working_days(first: dt.date, last: dt.date) -> int:
    """Working days after `first` up to and including `last`."""
    days = (first + dt.timedelta(n) for n in range(1, (last - first).days + 1))
    return sum(d.weekday() < 5 and d not in BANK for d in days)


def ratios(sample, fy) -> dict:
    """The rates and percentages with published comparators, from the re-read files."""
    st, (lo, hi) = sample.state, FYS[fy]
    _, rows = read_table(sample.raw_dir / "population" / "ons_2020-06.csv")
    children = sum(int(r[4]) for r in rows if int(r[1]) == lo.year and int(r[3]) <= 17)
    started = [p for p in st["cp_plans"].values() if _in(p["cpp_start_date"], fy)]
    ended = [p for p in st["cp_plans"].values() if _in(p["cpp_end_date"], fy)]
    timed = [p for p in st["cp_plans"].values() if _in(p["icpc_date"], fy) and p["strategy_discussion_date"]]
    s42 = [e for e in st["s42_enquiries"].values() if e["enquiry_type"] == "S42"]
    concluded = [e for e in s42 if _in(e["end_date"], fy)]
    expressed = [e for e in concluded if e["msp_expressed"] == "Y"]
    received = [c for c in st["adult_concerns"].values() if _in(c["date_received"], fy)]
    two_years = lambda d: d.replace(year=d.year + 2) if (d.month, d.day) != (2, 29) else dt.date(d.year + 2, 2, 28)  # noqa: E731
    pct = lambda part, whole: 100 * part / len(whole)  # noqa: E731
    return {
        "cp_open_rate_per_10k": 10000 * len(cp_open(sample, fy)) / children,
        "cp_repeat_started_pct": pct(sum(p["previous_cpp_count"] >= 1 for p in started), started),
        "cp_ended_2y_plus_pct": pct(sum(p["cpp_end_date"] >= two_years(p["cpp_start_date"]) for p in ended), ended),
        "icpc_within_15_days_pct": pct(sum(working_days(p["strategy_discussion_date"], p["icpc_date"]) <= 15
                                           for p in timed), timed),
        "adult_concerns_to_s42_pct": pct(sum(c["concern_id"] in {e["concern_id"] for e in s42} for c in received),
                                         received),
        "msp_asked_pct": pct(sum(e["msp_asked"] == "Y" for e in concluded), concluded),
        "msp_outcomes_achieved_pct": pct(sum(e["msp_achieved"] in ("FULLY", "PARTIALLY") for e in expressed),
                                         expressed),
    }


def test_every_truth_figure_matches_the_files(sample):
    for fy in FYS:
        expected = {k: ({c: n for c, n in v[fy].items() if n} if isinstance(v[fy], dict) else v[fy])
                    for k, v in sample.manifest.truth.items()}
        assert recompute(sample, fy) == expected


# --- invalid rows -----------------------------------------------------------------------------
def test_invalid_rows_are_exactly_the_manifest_ones(sample):
    planted = {(r.file, r.row, r.column, r.rule) for r in sample.manifest.invalid_rows}
    assert len(planted) >= 8
    assert {r.extract for r in sample.manifest.invalid_rows} == set(CONTRACT) | {"benchmarks"}
    assert sample.failures == planted  # each breaks one rule in one column; nothing else fails


def test_invalid_rows_point_at_the_written_value(sample):
    for r in sample.manifest.invalid_rows:
        raw = sample.raw_rows(sample.raw_dir / r.file)[r.row - 2]
        assert raw.get(r.column, "").strip() == r.value.strip()


def test_invalid_row_keys_appear_nowhere_else(sample):
    keys = [r.key.split("|")[0] for r in sample.manifest.invalid_rows if r.extract != "benchmarks"]
    for key in keys:
        hits = [p for p in sample.paths for row in sample.tables[p][1] if key in row]
        assert len(hits) <= 1, key
    published = Counter(tuple(r[k].strip() for k in ("indicator_id", "area_code", "period", "breakdown"))
                        for p in sample.paths if p.parent.name == "benchmarks" for r in sample.raw_rows(p))
    for r in sample.manifest.invalid_rows:
        if r.extract == "benchmarks":
            assert published[tuple(r.key.split("|"))] == 1, r.key


# --- planted untidiness -----------------------------------------------------------------------
def rel(sample, path):
    return path.relative_to(sample.raw_dir).as_posix()


def test_every_partner_month_has_a_file_except_the_missing_return(sample):
    months = [f"{y}-{m:02d}" for y, m in [(2018, m) for m in range(4, 13)] + [(2019, m) for m in range(1, 13)]
              + [(2020, m) for m in range(1, 4)]]
    names = {rel(sample, p) for p in sample.paths}
    for extract, partner in (("cp_plans", "cwc-cs"), ("adult_concerns", "cwc-asc"),
                             ("s42_enquiries", "cwc-asc"), ("police_incidents", "wmp"),
                             ("training_attendance", "wst")):
        for month in months:
            found = any(n.startswith(f"{extract}/{partner}_{month}") for n in names)
            assert found == ((extract, month) != ("training_attendance", "2019-08")), (extract, month)
    assert sample.manifest.missing_returns == [{"partner": "wst", "extract": "training_attendance",
                                                "month": "2019-08"}]
    assert not any(_in(b["session_date"], "2019-20") and b["session_date"].month == 8
                   for b in sample.state["training_attendance"].values())


def test_file_names_follow_the_contract_and_manifest_is_not_in_raw(sample):
    for path in sample.paths:
        assert NAME.match(path.name), path
    assert not any(p.suffix == ".json" for p in sample.paths)
    assert sorted(sample.manifest.row_count) == sorted(rel(sample, p) for p in sample.paths)
    for path in sample.paths:
        assert sample.manifest.row_count[rel(sample, path)] == len(sample.tables[path][1])


def test_header_variants_and_shuffled_columns(sample):
    headers = {h for header, _ in sample.tables.values() for h in header}
    assert {"CPP Start Date", "Child-ID", "DATE.RECEIVED", "Date_Of_Birth"} <= headers
    orders = {tuple(norm(h) for h in sample.tables[p][0]) for p in sample.paths
              if p.parent.name == "s42_enquiries"}
    assert len(orders) > 1


def test_uk_dates_in_all_police_files_and_iso_elsewhere(sample):
    invalid = {(r.file, r.row) for r in sample.manifest.invalid_rows}
    for path in sample.paths:
        if path.parent.name == "police_incidents":
            for number, r in enumerate(sample.raw_rows(path), start=2):
                if (rel(sample, path), number) not in invalid:
                    assert re.fullmatch(r"\d{2}/\d{2}/\d{4}", r["recorded_date"]), (path, number)
    cp_csv = sample.raw_dir / "cp_plans" / "cwc-cs_2018-04.csv"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", sample.raw_rows(cp_csv)[0]["cpp_start_date"])


def test_flags_in_every_spelling(sample):
    spellings = {r["cse_marker"].strip() for p in sample.paths if p.parent.name == "police_incidents"
                 for r in sample.raw_rows(p) if "cse_marker" in r}
    assert {"Y", "N", "Yes", "No", "TRUE", "FALSE", "1", "0"} <= spellings
    assert {"y", "n", "yes", "no"} <= spellings and {"YES", "True", "False"} <= spellings


def test_codes_in_mixed_case_and_with_spaces(sample):
    cells = [r["latest_category"] for p in sample.paths if p.parent.name == "cp_plans"
             for r in sample.raw_rows(p)]
    assert any(c != c.strip() for c in cells)
    assert any(c.strip() and c.strip() != c.strip().upper() for c in cells)


def test_encodings_line_endings_and_quoting(sample):
    data = {p: p.read_bytes() for p in sample.paths if p.suffix == ".csv"}
    assert any(b.startswith(b"\xef\xbb\xbf") for p, b in data.items() if p.parent.name == "adult_concerns")
    cp1252 = [p for p, b in data.items() if b"\x96" in b and b"\xa3" in b]
    assert cp1252 and all(p.parent.name == "training_attendance" for p in cp1252)
    for p in cp1252:
        with pytest.raises(UnicodeDecodeError):
            data[p].decode("utf-8")
    assert any(b"\r\n" in b for b in data.values()) and any(b"\r\n" not in b for b in data.values())
    assert any(b'"Domestic Abuse, Stalking and Harassment"' in b for b in data.values())


def test_xlsx_files(sample):
    xlsx = [p for p in sample.paths if p.suffix == ".xlsx"]
    assert {p.parent.name for p in xlsx} == {"training_attendance", "cp_plans"}
    cp = next(p for p in xlsx if p.parent.name == "cp_plans")
    assert fastexcel.read_excel(cp).sheet_names[1:] == ["Notes"]
    typed = [fastexcel.read_excel(p).load_sheet(0).to_polars().schema for p in xlsx]
    assert any("Datetime" in str(dtype) for schema in typed for dtype in schema.values())
    assert any(all("Datetime" not in str(d) for d in schema.values()) for schema in typed)


def test_resubmission_replaces_first_version(sample):
    v1 = sample.raw_dir / "adult_concerns" / "cwc-asc_2019-05.csv"
    v2 = sample.raw_dir / "adult_concerns" / "cwc-asc_2019-05_v2.csv"
    assert v2.stat().st_mtime - v1.stat().st_mtime >= 86400
    assert v2 in sample.used and v1 not in sample.used
    first = {r["concern_id"]: r for r in sample.raw_rows(v1)}
    second = {r["concern_id"]: r for r in sample.raw_rows(v2)}
    (resub,) = sample.manifest.resubmissions
    (dropped,) = resub["dropped_keys"]
    assert dropped in first and dropped not in second
    assert dropped.upper() not in {k[0] for k in sample.state["adult_concerns"]}
    assert sum(dropped in row for p in sample.paths for row in sample.tables[p][1]) == 1
    for key in resub["corrected_keys"]:
        was, now = first[key]["location_of_risk"], second[key]["location_of_risk"]
        assert was.strip().upper() != now.strip().upper()


def test_rejected_file_and_its_resubmission(sample):
    bad = sample.raw_dir / "police_incidents" / "wmp_2019-06.csv"
    good = sample.raw_dir / "police_incidents" / "wmp_2019-06_resubmitted.csv"
    assert "cse_marker" not in {norm(h) for h in sample.tables[bad][0]}
    assert sample.rejected == [bad] and good in sample.used
    assert good.stat().st_mtime > bad.stat().st_mtime
    assert sample.manifest.rejected_files == [{"path": "police_incidents/wmp_2019-06.csv",
                                               "reason": "missing_column:cse_marker",
                                               "replaced_by": "police_incidents/wmp_2019-06_resubmitted.csv"}]


def test_deleted_record(sample):
    (deleted,) = sample.manifest.deleted_keys
    rows = [(p, r) for p in sample.paths if p.parent.name == "adult_concerns"
            for r in sample.raw_rows(p) if r["concern_id"] == deleted["key"]]
    assert [rel(sample, p) for p, _ in rows] == [deleted["sent_in"], deleted["deleted_in"]]
    assert rows[1][1]["record_status"] == "deleted"
    assert deleted["key"] not in {k[0] for k in sample.state["adult_concerns"]}


def test_unknown_personal_data_columns(sample):
    found = {u["column"]: u for u in sample.manifest.unknown_columns}
    assert set(found) == {"Child Name", "Address"}
    for column, entry in found.items():
        path = sample.raw_dir / entry["file"]
        values = {r[norm(column)] for r in sample.raw_rows(path)} - {""}
        assert values == set(entry["values"]) and len(values) > 5


def test_corrections_in_later_months(sample):
    by_key = defaultdict(list)
    for path in sample.used:
        if path.parent.name == "police_incidents":
            for r in sample.raw_rows(path):
                by_key[r["incident_id"]].append(FLAGS.get(r["crime_recorded"].strip().lower()))
    assert any(seen[0] is False and seen[-1] is True for seen in by_key.values() if len(seen) > 1)
    late_ends = [c for c in sample.manifest.corrections if c["field"] == "cpp_end_date"]
    locations = [c for c in sample.manifest.corrections if c["field"] == "location_of_risk"]
    assert late_ends and locations


def file_versions(sample, extract):
    """[(reporting month, {key: raw row})] for the files the current state was built from."""
    out = []
    for path in sorted((p for p in sample.used if p.parent.name == extract),
                       key=lambda p: NAME.match(p.name)["month"]):
        rows = {tuple(r[k].strip() for k in KEYS[extract]): r for r in sample.raw_rows(path)}
        out.append((NAME.match(path.name)["month"], rows))
    return out


def test_no_key_twice_in_one_file(sample):
    for path in sample.paths:
        if path.parent.name in KEYS:
            keys = [tuple(r.get(k, "").strip().upper() for k in KEYS[path.parent.name])
                    for r in sample.raw_rows(path)]
            assert len(keys) == len(set(keys)), path


def test_cp_plan_histories(sample):
    """Late end dates, births after a pre-birth plan started, categories changing mid-plan."""
    seen: dict[tuple, list] = defaultdict(list)
    for month, rows in file_versions(sample, "cp_plans"):
        for key, r in rows.items():
            seen[key].append((month, r))
    late = births = changes = 0
    for history in seen.values():
        (last_month, last), first = history[-1], history[0][1]
        end = last["cpp_end_date"].strip()
        if end and len(history) > 1:  # the end was recorded in a later month than it happened
            late += f"{parse_date(end):%Y-%m}" < last_month
        births += bool(first["expected_date_of_birth"].strip() and last["date_of_birth"].strip())
        changes += first["latest_category"].strip().upper() != last["latest_category"].strip().upper()
        assert all(not r["cpp_end_date"].strip() for _, r in history[:-1])  # ends only at the last
    assert late > 5 and births > 5 and changes > 20


def test_icpc_timeliness_is_mostly_within_15_working_days(sample):
    bank = holidays.country_holidays("GB", subdiv="ENG", years=range(2014, 2021))
    lags = []
    for p in sample.state["cp_plans"].values():
        strategy, icpc = p["strategy_discussion_date"], p["icpc_date"]
        assert icpc is None or icpc <= p["cpp_start_date"]
        if strategy and icpc:
            days = (icpc - strategy).days
            between = [strategy + dt.timedelta(d) for d in range(1, days + 1)]
            lags.append(sum(d.weekday() < 5 and d not in bank for d in between))
    within = sum(lag <= 15 for lag in lags) / len(lags)
    assert 0.8 < within < 0.97


def test_adult_concern_corrections_and_repeat_people(sample):
    seen: dict[str, list[str]] = defaultdict(list)
    for _, rows in file_versions(sample, "adult_concerns"):
        for (key,), r in rows.items():
            seen[key].append(r["location_of_risk"].strip().upper())
    assert any(len(set(v)) > 1 for v in seen.values())
    people = Counter(c["person_id"] for c in sample.state["adult_concerns"].values())
    assert people.most_common(1)[0][1] > 1


def test_enquiries_start_on_or_after_their_concern(sample):
    received = {k[0]: c["date_received"] for k, c in sample.state["adult_concerns"].items()}
    enquiries = list(sample.state["s42_enquiries"].values())
    known = [e for e in enquiries if e["concern_id"] in received]
    assert len(known) == len(enquiries) - 1  # the one data-quality case
    lags = [(e["start_date"] - received[e["concern_id"]]).days for e in known]
    assert min(lags) >= 0 and sum(lag <= 20 for lag in lags) > 0.8 * len(lags)
    doubles = Counter(e["concern_id"] for e in known if e["enquiry_type"] == "S42")
    assert any(n == 2 for n in doubles.values())
    s42 = set(doubles)
    assert any(e["enquiry_type"] == "OTHER" and e["concern_id"] not in s42 for e in known)


def test_data_quality_cases(sample):
    dq = sample.manifest.data_quality
    (unknown,) = dq["unknown_concern_enquiries"]
    assert unknown["concern_id"] not in {k[0] for k in sample.state["adult_concerns"]}
    assert sample.state["s42_enquiries"][(unknown["enquiry_id"],)]["enquiry_type"] == "S42"
    (overlap,) = dq["overlapping_cp_plans"]
    plans = [p for k, p in sample.state["cp_plans"].items() if k[0] == overlap["child_id"]]
    assert len(plans) == 2
    (a, b) = sorted(plans, key=lambda p: p["cpp_start_date"])
    assert b["cpp_start_date"] < (a["cpp_end_date"] or dt.date.max) and b["cpp_end_date"] is not None
    for year in (2018, 2019, 2020):
        assert not (b["cpp_start_date"] <= dt.date(year, 3, 31) < b["cpp_end_date"])


def test_received_times(sample):
    late = sample.raw_dir / "police_incidents" / "wmp_2019-11.csv"
    when = lambda p: dt.datetime.fromtimestamp(p.stat().st_mtime, dt.timezone.utc)  # noqa: E731
    assert when(late).date() == dt.date(2019, 12, 20)
    assert when(sample.raw_dir / "population" / "ons_2020-06.csv").date() == dt.date(2020, 6, 25)
    for path in sample.paths:
        if path.parent.name in ("benchmarks", "neighbours"):  # published on the 24th of their month
            assert when(path).date() == parse_date(f"{NAME.match(path.name)['month']}-24"), path
        if path == late or path.parent.name in REFERENCE:
            continue
        month = NAME.match(path.name)["month"]
        got, due = when(path), month_end(month) + dt.timedelta(days=1)
        assert (got.year, got.month) == (due.year, due.month), path
        assert 3 <= got.day <= 15 and 9 <= got.hour < 17, path
    assert sample.manifest.late_returns[0]["file"] == "police_incidents/wmp_2019-11.csv"


# --- determinism and scale --------------------------------------------------------------------
def snapshot(raw_dir: Path) -> dict[str, tuple[bytes, float]]:
    return {p.relative_to(raw_dir).as_posix(): (p.read_bytes(), p.stat().st_mtime)
            for p in sorted(raw_dir.rglob("*")) if p.is_file()}


def test_same_seed_same_bytes_and_mtimes(tmp_path):
    first = generate_sample(tmp_path / "a", scale=0.1, seed=7)
    second = generate_sample(tmp_path / "b", scale=0.1, seed=7)
    assert snapshot(tmp_path / "a") == snapshot(tmp_path / "b")
    a, b = json.loads(first.to_json()), json.loads(second.to_json())
    a.pop("raw_dir"), b.pop("raw_dir")
    assert a == b
    generate_sample(tmp_path / "c", scale=0.1, seed=8)
    assert snapshot(tmp_path / "a") != snapshot(tmp_path / "c")


def test_scale_gives_a_tenth_of_the_rows(sample, tmp_path):
    small = generate_sample(tmp_path / "small", scale=0.1)
    monthly = lambda counts: sum(n for path, n in counts.items() if path.split("/")[0] not in REFERENCE)  # noqa: E731
    ratio = monthly(small.row_count) / monthly(sample.manifest.row_count)  # reference data is not scaled
    assert 0.07 <= ratio <= 0.14, ratio
    assert small.truth["adult_concerns_received"] == {"2018-19": 225, "2019-20": 267}
    assert small.truth["cp_open_at_period_end"] == {"2018-19": 33, "2019-20": 26}
    reread = Sample(tmp_path / "small", small)
    assert reread.failures == {(r.file, r.row, r.column, r.rule) for r in small.invalid_rows}
    assert len({k for k in reread.state["adult_concerns"]}) == 225 + 267


def test_refuses_a_raw_folder_with_other_files(tmp_path):
    (tmp_path / "raw" / "cp_plans").mkdir(parents=True)
    (tmp_path / "raw" / "cp_plans" / "cwc-cs_2017-03.csv").write_text("child_id\n")
    with pytest.raises(FileExistsError):
        generate_sample(tmp_path / "raw", scale=0.05)
