"""A past month's exception report, rebuilt: what the report said as at that month (returns
late or missing as at then, not as at today; no figures of later months), on two loads of
hand-built police returns, the first the state the report was written from."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import VALID, Workspace, pointed_at, settings_for
from tests.helpers import load_and_build, months_of
from tests.test_exceptions_rules import ONLY_POLICE
from wst_analytics.cli import main
from wst_analytics.exceptions.as_at import marts_as_at
from wst_analytics.exceptions.build import build_exceptions
from wst_analytics.warehouse.connection import connect

COLUMNS = "kind, severity, area_type, area_code, indicator_id, partner, period, message, detail"
RECEIVED = {"2019-11": "2019-12-20T10:00:00",   # late, before December's report
            "2019-10": "2020-02-20T10:00:00"}   # missing as at December; late, after it


def drop(workspace, months: list[str]) -> None:
    for n, month in enumerate(months):
        rows = [{**VALID["police_incidents"], "incident_id": f"{month}-{i}", "recorded_date": f"{month}-10"}
                for i in range(10 + n % 3)]
        following = f"{int(month[:4]) + (month[5:] == '12')}-{int(month[5:]) % 12 + 1:02d}"
        workspace.drop(f"police_incidents/wmp_{month}.csv", rows,
                       received=RECEIVED.get(month, f"{following}-10T10:00:00"))


def exceptions(con) -> set[tuple]:
    return set(con.execute(f"SELECT {COLUMNS} FROM marts.exceptions").fetchall())


def build(workspace, today: date) -> set[tuple]:
    con = connect(workspace.warehouse)
    try:
        build_exceptions(con, "test", today=today)
        return exceptions(con)
    finally:
        con.close()


@pytest.fixture(scope="module")
def two_loads(tmp_path_factory):
    """(what December 2019's report said, the state today, the workspace): April to December
    2019 but October, loaded on 12 January 2020; then January to March 2020 and the late October."""
    workspace = Workspace(tmp_path_factory.mktemp("as_at"))
    workspace.raw.mkdir()
    (workspace.root / "partners.toml").write_text(ONLY_POLICE)
    with pointed_at(workspace), pytest.MonkeyPatch.context() as patch:
        patch.setenv("WST_PARTNERS", str(workspace.root / "partners.toml"))
        drop(workspace, [m for m in months_of("2019-20")[:9] if m != "2019-10"])
        load_and_build(workspace)
        then = build(workspace, today=date(2020, 1, 12))
        drop(workspace, ["2019-10", *months_of("2019-20")[9:]])
        load_and_build(workspace)
        yield then, build(workspace, today=date(2020, 4, 12)), workspace


@pytest.fixture
def on_two_loads(two_loads, tmp_path, monkeypatch):
    """`wst` pointed at the two loads' workspace (its activity log in tmp_path)."""
    workspace = two_loads[2]
    for name, value in settings_for(workspace).items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("WST_PARTNERS", str(workspace.root / "partners.toml"))
    monkeypatch.setenv("WST_ACTIVITY_LOG", str(tmp_path / "activity.log"))
    return workspace


def test_the_rebuilt_report_says_what_the_report_said_then(two_loads):
    then, now, workspace = two_loads
    con = marts_as_at(workspace.warehouse, "2019-12")
    try:
        assert exceptions(con) == then
        assert con.execute("SELECT DISTINCT as_at FROM marts.exceptions").fetchall() == [("2019-12",)]
    finally:
        con.close()
    assert then != now  # the later load changed what the latest report says


def test_a_return_that_came_in_late_since_is_missing_as_at_then(two_loads):
    _, now, workspace = two_loads
    late = {(r[1], r[6]) for r in now if r[0] == "late_return"}
    assert ("amber", "2019-10") in late  # today: received, late
    con = marts_as_at(workspace.warehouse, "2019-12")
    try:
        rebuilt = {(r[1], r[6]) for r in exceptions(con) if r[0] == "late_return"}
    finally:
        con.close()
    assert rebuilt == {("red", "2019-10"), ("amber", "2019-11")}


def test_no_figure_of_a_later_month_is_in_it(two_loads):
    workspace = two_loads[2]
    con = marts_as_at(workspace.warehouse, "2019-12")
    try:
        assert con.execute("SELECT max(period) FROM marts.spc").fetchall() == [("2019-12",)]
        assert con.execute("SELECT max(latest_period) FROM marts.spc_summary").fetchall() == [("2019-12",)]
        assert con.execute("SELECT count(*) FROM marts.indicator_yoy WHERE period = '2019-20'").fetchall() == [(0,)]
        assert con.execute("SELECT max(reporting_month) FROM marts.returns_due").fetchall() == [(date(2019, 12, 1),)]
    finally:
        con.close()


def test_wst_report_exceptions_month_writes_the_past_month(on_two_loads, tmp_path, capsys):
    assert main(["report", "exceptions", "--month", "2019-12", "--area", "E08000031",
                 "--out-dir", str(tmp_path / "out")]) == 0
    page = (tmp_path / "out" / "exceptions-E08000031-2019-12.html").read_text(encoding="utf-8")
    assert "the police_incidents return for October 2019 has not been received" in page
    assert "Rebuilt on" in page and "as at December 2019" in page
    assert "exceptions-E08000031-2019-12.xlsx" in capsys.readouterr().out


def test_a_month_no_report_was_ever_as_at_is_refused_in_a_line(on_two_loads, tmp_path, capsys):
    """October's return came in after November's: no report was ever as at October."""
    assert main(["report", "exceptions", "--month", "2019-10", "--area", "E08000031",
                 "--out-dir", str(tmp_path / "out")]) == 2
    printed = capsys.readouterr().out
    assert "no report was ever as at 2019-10" in printed and "the latest month received then was 2019-09" in printed
    assert len(printed.strip().splitlines()) == 1 and not list((tmp_path / "out").glob("*"))

