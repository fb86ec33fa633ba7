"""A hand-made warehouse with comparators whose every answer is worked out by hand below.

Three LAs of the West Midlands, Wolverhampton (W, E08000031), Dudley (D, E08000027) and
Shropshire (S, E06000051); the partnership `wst` is W alone, `bc` is all three. Each sends
cp_plans for 2019-20: W 8 plans started in June 2019, 6 of them repeats, all open at 31 March
2020; D 5, S 7, no repeats. 2,000 children each. So:

| place | cp_open_rate_per_10k | cp_repeat_started_pct |
|---|---|---|
| W, wst | 40.0 | 75.0 |
| D | 25.0 (published `c`: 5 children) | 0.0 (published `c`) |
| S | 35.0 (published `c`: bc less W and S would give D's 5 back, and S is the smaller) | 0.0 |
| bc | 33.3... | 30.0 |

The benchmarks file (below) publishes cp_open_rate_per_10k for 2019-20, cp_repeat_started_pct
for 2017-18 only (and 2016-17, and 2020-21: never the one compared), cp_started (neutral) for
three LAs, all above W and D, and one breakdown of cp_open_by_age_band for England.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import VALID, Workspace, csv_bytes, pointed_at
from tests.helpers import months_of

W, D, S, ENGLAND, WEST_MIDLANDS = "E08000031", "E08000027", "E06000051", "E92000001", "E12000005"
REGISTRY = f"""
due_day = 15
[areas.{W}]
name = "Wolverhampton"
region = "{WEST_MIDLANDS}"
[areas.{D}]
name = "Dudley"
region = "{WEST_MIDLANDS}"
[areas.{S}]
name = "Shropshire"
region = "{WEST_MIDLANDS}"
[partnerships.wst]
name = "Wolverhampton Safeguarding Together"
areas = ["{W}"]
[partnerships.bc]
name = "Black Country"
areas = ["{W}", "{D}", "{S}"]
[partners.cwc-cs]
organisation = "City of Wolverhampton Council, Children's Services"
areas = ["{W}"]
owes = ["cp_plans"]
first_month = "2019-04"
[partners.dud-cs]
organisation = "Dudley Council, Children's Services"
areas = ["{D}"]
owes = ["cp_plans"]
first_month = "2019-04"
[partners.shr-cs]
organisation = "Shropshire Council, Children's Services"
areas = ["{S}"]
owes = ["cp_plans"]
first_month = "2019-04"
[partners.ons]
organisation = "Office for National Statistics"
reference = ["population"]
[partners.dfe]
organisation = "Department for Education"
reference = ["benchmarks", "neighbours"]
"""

OPEN_RATE = {ENGLAND: "43.7", WEST_MIDLANDS: "50.1", W: "45.0", D: "31.0", "E08000025": "60.0",
             "E08000026": "40.0", "E08000028": "55.0", "E08000029": "20.0", "E08000030": "",
             "E06000001": "90.0", "E06000002": "10.0"}
REPEATS_2017 = {ENGLAND: "", WEST_MIDLANDS: "22.0", W: "70", D: "5", "E08000026": "10",
                "E06000002": "15", "E08000028": "20", "E06000001": "25", "E08000029": "30",
                "E08000025": "80"}
NEIGHBOURS = {W: [D, "E08000025", "E08000026", "E08000030", "E06000003"],
              D: [W, "E08000028", "E08000029", "E08000025"]}


def benchmark_rows() -> list[dict]:
    rows = [{"indicator_id": "cp_open_rate_per_10k", "area_code": area, "period": "2019-20",
             "value": value, "symbol": "" if value else "c", "source": "DfE CIN 2020"}
            for area, value in OPEN_RATE.items()]
    rows += [{"indicator_id": "cp_repeat_started_pct", "area_code": area, "period": "2017-18",
              "value": value, "symbol": "" if value else "x", "source": "DfE CIN 2018"}
             for area, value in REPEATS_2017.items()]
    rows += [{"indicator_id": "cp_repeat_started_pct", "area_code": ENGLAND, "period": period,
              "value": value, "source": f"DfE CIN {period}"}
             for period, value in (("2016-17", "11"), ("2020-21", "99"))]
    rows += [{"indicator_id": "cp_started", "area_code": area, "period": "2019-20", "value": value,
              "source": "DfE CIN 2020"} for area, value in (("E08000025", "100"), ("E08000026", "200"),
                                                            ("E08000028", "300"))]  # W's 8 the lowest: D
    rows.append({"indicator_id": "cp_open_by_age_band", "area_code": ENGLAND, "period": "2019-20",
                 "breakdown": "Under_1", "value": "1234", "source": "DfE CIN 2020"})
    return rows


def plan(child: str, repeat: bool) -> dict:
    return {**VALID["cp_plans"], "child_id": child, "cpp_start_date": "2019-06-01", "icpc_date": "2019-06-01",
            "strategy_discussion_date": "2019-06-01", "previous_cpp_count": "1" if repeat else "0"}


def drop_files(space: Workspace) -> None:
    header = [*VALID["cp_plans"], "record_status"]
    plans = {"cwc-cs": [plan(f"W{n}", n < 6) for n in range(8)], "dud-cs": [plan(f"D{n}", False) for n in range(5)],
             "shr-cs": [plan(f"S{n}", False) for n in range(7)]}
    for partner, rows in plans.items():
        for month in months_of("2019-20"):
            space.drop(f"cp_plans/{partner}_{month}.csv", csv_bytes(rows if month == "2019-06" else [], header),
                       received=f"{month}-28T10:00:00")
    space.drop("population/ons_2020-06.csv", [
        {"la_code": la, "mid_year": "2019", "age_from": a, "age_to": b, "population": n}
        for la in (W, D, S) for a, b, n in (("0", "17", "2000"), ("18", "999", "50000"))])
    space.drop("benchmarks/dfe_2020-10.csv", csv_bytes(benchmark_rows(), [
        "indicator_id", "area_code", "period", "breakdown", "value", "symbol", "source"]))
    space.drop("neighbours/dfe_2020-10.csv", [
        {"la_code": la, "neighbour_code": n, "rank": str(r)}
        for la, listed in NEIGHBOURS.items() for r, n in enumerate(listed, 1)])


def build(root: Path):
    """The workspace, loaded through every asset (a real Dagster run), copies published."""
    from tests.helpers import materialize

    space = Workspace(root)
    (root / "partners.toml").write_text(REGISTRY)
    drop_files(space)
    with pointed_at(space), pytest.MonkeyPatch.context() as patch:
        patch.setenv("WST_PARTNERS", str(root / "partners.toml"))
        materialize(space)
    return space


def benchmarks(space: Workspace, area: str, indicator: str = "cp_open_rate_per_10k", period: str = "2019-20",
               table: str = "marts.indicator_benchmarks", breakdown: str = "") -> dict | None:
    """One row of a benchmarks table, by name, or None."""
    con_rows = space.query(f"SELECT * FROM {table} WHERE area_code = ? AND indicator_id = ? AND period = ? "
                           "AND period_type = 'financial_year' AND breakdown = ?", [area, indicator, period, breakdown])
    if not con_rows:
        return None
    names = [r[0] for r in space.query(f"SELECT column_name FROM duckdb_columns() WHERE schema_name = ? AND "
                                       "table_name = ? ORDER BY column_index", table.split("."))]
    return dict(zip(names, con_rows[0]))
