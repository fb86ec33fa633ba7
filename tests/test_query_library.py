"""The query library notebooks use, on copies of the sample warehouse."""

from __future__ import annotations

import doctest
import shutil

import duckdb
import polars as pl
import pytest

import wst_analytics.query as q
from wst_analytics.copies import publish_copies_from
from wst_analytics.query import charts, connection, indicators, labels, places, plots, series
from tests.conftest import open_db


@pytest.fixture(scope="module")
def folder(sample_warehouse, tmp_path_factory):
    """Copies of the sample warehouse, found through WST_COPIES_DIR as a notebook finds them."""
    folder = tmp_path_factory.mktemp("copies")
    publish_copies_from(sample_warehouse[0].warehouse, folder)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("WST_COPIES_DIR", str(folder))
        yield folder


@pytest.fixture
def con(folder):
    con = q.open_latest()
    yield con
    con.close()


@pytest.fixture
def report(folder):
    con = q.open_latest("report")
    yield con
    con.close()


@pytest.mark.parametrize("module", [q, connection, places, indicators, series, charts, plots, labels],
                         ids=lambda m: m.__name__)
def test_the_docstring_examples_run(module, con):
    result = doctest.testmod(module, extraglobs={"con": con}, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0


def test_indicator_is_the_headline_by_default_and_filters_periods_and_breakdowns(con):
    headline = q.indicator(con, "cp_open_by_age_band")
    assert headline.is_empty()  # a breakdown indicator has no headline row
    ages = q.indicator(con, "cp_open_by_age_band", periods="2019-20", breakdown=None)
    assert set(ages["breakdown"]) == {"unborn", "under_1", "1-4", "5-9", "10-15", "16-17"}
    two = q.indicator(con, "cp_open_by_age_band", periods=["2018-19", "2019-20"], breakdown=["1-4", "5-9"])
    assert two.select("period", "breakdown").rows() == [
        ("2018-19", "1-4"), ("2018-19", "5-9"), ("2019-20", "1-4"), ("2019-20", "5-9")]
    months = q.indicator(con, "cp_started", period_type="month")
    assert months.height == 24 and set(months["period_type"]) == {"month"}


def test_indicator_values_are_the_marts_own(con, sample_warehouse):
    space = sample_warehouse[0]
    frame = q.indicator(con, "adult_concerns_received", periods="2019-20")
    assert frame["value"].to_list() == [space.scalar(
        "SELECT value FROM marts.indicator_values WHERE area_type = 'partnership' AND indicator_id = 'adult_concerns_received' "
        "AND period = '2019-20' AND breakdown = ''")]


def test_several_indicators_at_once(con):
    frame = q.yoy(con, ["cp_started", "cp_ended"], years="2019-20")
    assert frame["indicator_id"].to_list() == ["cp_ended", "cp_started"]
    assert frame.columns == ["indicator_id", "area_type", "area_code", "period_type", "period", "breakdown",
                             "value", "previous_value", "change", "change_pct", "previous_period",
                             "completeness", "previous_completeness"]  # an incomplete year undercounts (issue 14)


def test_the_monthly_series_is_in_order_with_dates_and_financial_years(con):
    series = q.monthly(con, "cp_started")
    assert series["period"].to_list() == sorted(series["period"].to_list())
    first = series.row(0, named=True)
    assert (first["period"], str(first["month"]), first["financial_year"]) == (
        "2018-04", "2018-04-01", "2018-19")
    assert series.filter(pl.col("period") == "2020-03")["financial_year"].to_list() == ["2019-20"]


def test_published_figures_carry_their_text_and_symbols(con, report):
    for connection_ in (con, report):
        frame = q.indicator(connection_, "adult_concerns_by_location", periods="2019-20", breakdown=None,
                            source="published")
        assert {"value_text", "symbol"} <= set(frame.columns)
        assert all(v is None or v % 5 == 0 for v in frame["value"])  # SAC: rounded to 5
    assert "value_text" in q.indicator(report, "cp_started").columns  # the report copy's default


def test_the_report_copy_has_no_marts(report):
    with pytest.raises(ValueError, match="no marts"):
        q.indicator(report, "cp_started", source="marts")
    assert set(q.tables(report)["schema"]) == {"published", "releases"}


def test_a_label_both_a_month_and_a_year_needs_its_period_type(con):
    with pytest.raises(ValueError, match="'2010-11' is both a month and a financial year"):
        q.indicator(con, "cp_started", periods=["2019-20", "2010-11"])
    assert q.indicator(con, "cp_started", periods="2010-11", period_type="month").is_empty()
    assert q.indicator(con, "cp_started", periods="2019-11")["period_type"].to_list() == ["month"]


def test_an_unknown_indicator_suggests_the_nearest_ids(con):
    with pytest.raises(q.UnknownIndicator, match="did you mean.*cp_started"):
        q.indicator(con, "cp_startd")


def years_drawn(figure) -> list[str]:
    return [t.name for t in figure.data if t.name[:2] == "20"]


def test_the_chart_shows_the_year_against_the_previous_one(con):
    figure = q.chart(con, "cp_started", year="2019-20")
    assert years_drawn(figure) == ["2018-19", "2019-20"]
    assert list(figure.data[1].x)[:2] == ["Apr", "May"] and len(figure.data[1].y) == 12
    assert figure.data[1].y[0] == q.indicator(con, "cp_started", periods="2019-04")["value"][0]
    assert "Child protection plans started" in figure.layout.title.text


def test_the_chart_without_a_previous_year_shows_the_year_alone(con):
    assert years_drawn(q.chart(con, "cp_started", year="2018-19")) == ["2018-19"]
    with pytest.raises(ValueError, match="no months in 2030-31"):
        q.chart(con, "cp_started", year="2030-31")


def copy_with_spc(sample_warehouse, tmp_path, sql: str):
    """An analyst copy of the sample warehouse whose marts.spc is made by `sql`."""
    warehouse = tmp_path / "wst.duckdb"
    shutil.copyfile(sample_warehouse[0].warehouse, warehouse)
    writer = open_db(warehouse, read_only=False)
    writer.execute(sql)
    writer.close()
    publish_copies_from(warehouse, tmp_path / "copies")
    return q.open_latest(directory=tmp_path / "copies")


def test_the_chart_draws_spc_limits_when_the_copy_has_them(sample_warehouse, tmp_path):
    con = copy_with_spc(sample_warehouse, tmp_path, """
        CREATE OR REPLACE TABLE marts.spc AS
        SELECT indicator_id, area_type, area_code, breakdown, period_type, period, value, 200.0 AS centre,
               150.0 AS lower_limit,
               CASE WHEN period = '2019-10' THEN value - 1 ELSE value + 100 END AS upper_limit
        FROM marts.indicator_values
        WHERE area_type = 'partnership' AND indicator_id = 'adult_concerns_received' AND period_type = 'month'""")
    assert q.spc(con, "adult_concerns_received").height == 24
    figure = q.chart(con, "adult_concerns_received", year="2019-20")
    assert [t.name for t in figure.data] == [
        "2018-19", "2019-20", "Upper process limit", "Centre line (mean)", "Lower process limit",
        "Outside the limits"]
    values, upper = figure.data[1].y, figure.data[2].y
    assert upper[6] == values[6] - 1 and upper[0] == values[0] + 100  # October, April
    assert set(figure.data[3].y) == {200.0} and set(figure.data[4].y) == {150.0}
    assert list(figure.data[-1].x) == ["Oct"]
    assert [t.name for t in q.chart(con, "cp_started").data] == ["2018-19", "2019-20"]  # none for it


def test_without_spc_the_chart_has_no_limits_and_spc_is_empty(sample_warehouse, tmp_path):
    con = copy_with_spc(sample_warehouse, tmp_path, "DROP TABLE IF EXISTS marts.spc")
    assert not q.has_table(con, "marts", "spc")
    assert q.spc(con, "cp_started").columns == list(series.SPC_COLUMNS)
    assert [t.name for t in q.chart(con, "cp_started").data] == ["2018-19", "2019-20"]
