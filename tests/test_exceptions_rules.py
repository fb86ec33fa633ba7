"""Exception rules on small hand-built returns: late and missing returns, data quality,
tolerance, and a flat control series that must raise nothing."""

from datetime import date

import pytest

from tests.conftest import VALID
from tests.helpers import drop_returns, load_and_build
from wst_analytics.exceptions.build import build_exceptions, latest_due_month
from wst_analytics.registry import load_registry
from wst_analytics.warehouse.connection import connect

INCIDENT = VALID["police_incidents"]
ONLY_POLICE = """
due_day = 15
[areas.E08000031]
name = "Wolverhampton"
region = "E12000005"
[partners.wmp]
organisation = "West Midlands Police"
areas = ["E08000031"]
owes = ["police_incidents"]
first_month = "2019-04"
"""


def build(workspace, registry_path=None, today=date(2020, 5, 1)):
    con = connect(workspace.warehouse)
    try:
        build_exceptions(con, "test", registry=load_registry(registry_path), today=today)
    finally:
        con.close()
    return workspace.query("SELECT kind, severity, indicator_id, partner, period, detail, message "
                           "FROM marts.exceptions WHERE area_type = 'partnership'")  # the LA's are the same


@pytest.fixture
def police_only(tmp_path, monkeypatch):
    path = tmp_path / "partners.toml"
    path.write_text(ONLY_POLICE)
    monkeypatch.setenv("WST_PARTNERS", str(path))
    return path


def flat_year(n_per_month=10, year="2019-20"):
    from tests.helpers import months_of
    return {m: [{**INCIDENT, "incident_id": f"{m}-{n}", "recorded_date": f"{m}-10"} for n in range(n_per_month)]
            for m in months_of(year)}


def test_a_flat_control_series_raises_nothing(workspace, police_only):
    drop_returns(workspace, "police_incidents", flat_year() | flat_year(year="2018-19"), years=("2018-19", "2019-20"))
    load_and_build(workspace)
    raised = build(workspace, police_only, today=date(2020, 4, 10))
    assert [e for e in raised if e[0] in ("spc", "tolerance")] == []
    assert [e for e in raised if e[0] == "late_return"] == []


def test_a_gap_is_a_missing_return_and_a_late_file_is_late(workspace, police_only):
    drop_returns(workspace, "police_incidents", flat_year())
    (workspace.raw / "police_incidents/wmp_2019-07.csv").unlink()
    workspace.drop("police_incidents/wmp_2019-08.csv", b"incident_id,recorded_date,cse_marker,crime_recorded\r\n",
                   received="2019-09-20T09:00:00")
    load_and_build(workspace)
    late = [e for e in build(workspace, police_only) if e[0] == "late_return"]
    assert [(e[1], e[4]) for e in late] == [("red", "2019-07"), ("amber", "2019-08")]
    assert "5 days after it was due (15/09/2019)" in late[1][6]


def test_months_before_a_partner_was_due_are_never_late(workspace, tmp_path, monkeypatch):
    path = tmp_path / "partners.toml"
    path.write_text(ONLY_POLICE.replace('first_month = "2019-04"', 'first_month = "2019-10"'))
    monkeypatch.setenv("WST_PARTNERS", str(path))
    drop_returns(workspace, "police_incidents", {"2019-11": [INCIDENT]})
    for month in ("04", "05", "06", "07", "08", "09"):
        (workspace.raw / f"police_incidents/wmp_2019-{month}.csv").unlink()
    load_and_build(workspace)
    assert [e for e in build(workspace, path) if e[0] == "late_return"] == []


def test_a_return_only_ever_rejected_is_missing_and_its_file_red(workspace, police_only):
    drop_returns(workspace, "police_incidents", flat_year())
    workspace.drop("police_incidents/wmp_2019-10.csv", b"incident_id\r\nX\r\n", received="2019-11-05T09:00:00")
    load_and_build(workspace)
    raised = build(workspace, police_only)
    assert ("late_return", "red", "2019-10") in [(e[0], e[1], e[4]) for e in raised]
    assert ("data_quality", "red", "file_rejected") in [(e[0], e[1], e[5]) for e in raised]


def test_a_high_quarantine_rate_is_red(workspace, police_only):
    rows = flat_year()
    rows["2020-03"] = rows["2020-03"][:8] + [{**INCIDENT, "incident_id": f"BAD{n}", "child_age": "99"} for n in range(2)]
    drop_returns(workspace, "police_incidents", rows)
    load_and_build(workspace)
    found = [e for e in build(workspace, police_only) if e[5] == "quarantine_rate"]
    assert [(e[1], e[4]) for e in found] == [("red", "2020-03")] and "2 of 10 rows (20.0%)" in found[0][6]


def test_a_sharp_drop_in_rows_is_flagged(workspace, police_only):
    rows = flat_year()
    rows["2020-03"] = rows["2020-03"][:2]
    drop_returns(workspace, "police_incidents", rows)
    load_and_build(workspace)
    found = [e for e in build(workspace, police_only) if e[5] == "row_drop"]
    assert [(e[1], e[4]) for e in found] == [("red", "2020-03")] and "80% below its usual 10" in found[0][6]


def test_the_latest_month_due_follows_the_due_day():
    assert latest_due_month(date(2020, 5, 16), 15) == date(2020, 4, 1)
    assert latest_due_month(date(2020, 5, 15), 15) == date(2020, 3, 1)


def test_earlier_months_reports_are_kept(workspace, police_only, tmp_path):
    from wst_analytics.reports.exception_report import write_exception_report

    drop_returns(workspace, "police_incidents", flat_year())
    load_and_build(workspace)
    build(workspace, police_only)
    write_exception_report(tmp_path / "out", workspace.warehouse)
    drop_returns(workspace, "police_incidents", {"2020-04": [{**INCIDENT, "recorded_date": "2020-04-02"}]},
                 years=("2020-21",))
    load_and_build(workspace)
    build(workspace, police_only, today=date(2021, 5, 1))
    write_exception_report(tmp_path / "out", workspace.warehouse)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "exceptions-all-2020-03.html", "exceptions-all-2020-03.xlsx", "exceptions-all-2021-03.html",
        "exceptions-all-2021-03.xlsx"]  # the registry's own partnership, `all`
