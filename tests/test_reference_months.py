"""Reference extracts (population, benchmarks, neighbours) are publications, not monthly returns:
one dated after the last monthly return (DfE publishes in the October after the year) does not
move the month the exception report and the published copies are "as at", and retention, which
removes old monthly returns, keeps them."""

import shutil
from datetime import date
from pathlib import Path

import duckdb
import pytest

from tests.conftest import VALID, Workspace, csv_bytes, pointed_at
from tests.helpers import drop_returns, load_and_build
from wst_analytics.copy_build import describe
from wst_analytics.exceptions.build import build_exceptions
from wst_analytics.warehouse.connection import connect
from wst_analytics.warehouse.retention import purge

SOURCE = "Synthetic test figures (not official statistics)"


@pytest.fixture(scope="module")
def loaded(tmp_path_factory) -> Workspace:
    """Police returns for 2019-20 (one incident in April), then DfE's October 2020 files,
    loaded once (tests change copies of the warehouse, never the warehouse itself)."""
    space = Workspace(tmp_path_factory.mktemp("reference"))
    with pointed_at(space):
        drop_returns(space, "police_incidents", {"2019-04": [VALID["police_incidents"]]})
        benchmarks = [{"indicator_id": "cp_open_rate_per_10k", "area_code": area, "period": "2019-20",
                       "breakdown": "", "value": value, "symbol": "", "source": SOURCE}
                      for area, value in (("E92000001", "42.8"), ("E08000031", "43.1"))]
        space.drop("benchmarks/dfe_2020-10.csv", csv_bytes(benchmarks), received="2020-10-24T09:30:00")
        space.drop("neighbours/dfe_2020-10.csv", csv_bytes([{"la_code": "E08000031", "neighbour_code": "E08000030",
                                                             "rank": "1"}]), received="2020-10-24T09:30:00")
        load_and_build(space)
    return space


def copy_of(loaded: Workspace, tmp_path: Path) -> duckdb.DuckDBPyConnection:
    shutil.copyfile(loaded.warehouse, tmp_path / "wst.duckdb")
    return connect(tmp_path / "wst.duckdb")


def test_the_exception_report_is_as_at_the_last_monthly_return(loaded, tmp_path):
    con = copy_of(loaded, tmp_path)
    try:
        with pointed_at(loaded):
            build_exceptions(con, today=date(2020, 11, 2))
        as_at = con.execute("SELECT in_force FROM marts.exception_settings WHERE setting = 'as_at'").fetchall()
        late = con.execute("SELECT count(*) FROM marts.exceptions WHERE kind = 'late_return' AND period > '2020-03'")
        assert (as_at, late.fetchall()) == ([("2020-03",)], [(0,)])
    finally:
        con.close()


def test_the_published_copies_name_the_last_monthly_return(loaded, tmp_path):
    con = copy_of(loaded, tmp_path)
    try:
        assert describe(con, {}, None)["data"]["latest_reporting_month"] == "2020-03"
    finally:
        con.close()


def test_retention_keeps_the_publications(loaded, tmp_path):
    con = copy_of(loaded, tmp_path)
    try:
        removed = purge(con, years=1, today=date(2022, 6, 1), run_id="test")
        kept = [con.execute(f"SELECT count(*) FROM core.{name}").fetchall()[0][0]
                for name in ("benchmarks", "neighbours")]
    finally:
        con.close()
    assert removed["history.police_incidents"] == 1
    assert "history.benchmarks" not in removed and "history.neighbours" not in removed
    assert kept == [2, 1]
