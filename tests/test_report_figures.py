"""The annual report's figures are one place's, and a financial year's: looked up in a report
copy made by hand (two places, and a month named like a financial year)."""

from __future__ import annotations

import duckdb
import pytest

from wst_analytics.reports.figures import PublishedFigures
from tests.conftest import open_db

KEY = "indicator_id VARCHAR, area_type VARCHAR, area_code VARCHAR, period_type VARCHAR, period VARCHAR, breakdown VARCHAR"
VALUES = [  # the month November 2010 first, and Wolverhampton's figures before the partnership's
    ("cp_started", "local_authority", "E08000031", "month", "2010-11", "", 1.0),
    ("cp_started", "local_authority", "E08000031", "financial_year", "2010-11", "", 7.0),
    ("cp_started", "local_authority", "E08000027", "financial_year", "2010-11", "", 9.0),
    ("cp_started", "partnership", "bc", "month", "2010-11", "", 2.0),
    ("cp_started", "partnership", "bc", "financial_year", "2010-11", "", 16.0),
]


@pytest.fixture
def copies(tmp_path):
    con = open_db(tmp_path / "report.duckdb", read_only=False)
    con.execute("CREATE SCHEMA published")
    con.execute("CREATE TABLE published.areas (area_type VARCHAR, area_code VARCHAR, name VARCHAR, "
                "region_code VARCHAR, region_name VARCHAR)")
    con.execute("INSERT INTO published.areas VALUES ('partnership', 'bc', 'Black Country', 'E12000005', "
                "'West Midlands'), ('local_authority', 'E08000031', 'Wolverhampton', 'E12000005', 'West Midlands'), "
                "('local_authority', 'E08000027', 'Dudley', 'E12000005', 'West Midlands')")
    con.execute(f"CREATE TABLE published.indicator_values ({KEY}, value DOUBLE, value_text VARCHAR, symbol VARCHAR)")
    con.executemany("INSERT INTO published.indicator_values VALUES (?, ?, ?, ?, ?, ?, ?, ?::VARCHAR, NULL)",
                    [(*row, f"{row[-1]:.0f}") for row in VALUES])
    con.execute(f"CREATE TABLE published.indicator_yoy ({KEY}, change_pct DOUBLE)")
    con.execute("INSERT INTO published.indicator_yoy VALUES ('cp_started', 'partnership', 'bc', 'month', '2010-11', "
                "'', -50), ('cp_started', 'partnership', 'bc', 'financial_year', '2010-11', '', 12.5)")
    con.execute(f"CREATE TABLE published.indicator_benchmarks ({KEY}, value DOUBLE, value_text VARCHAR)")
    con.execute("CREATE TABLE published.indicators (indicator_id VARCHAR, title VARCHAR, unit VARCHAR, polarity VARCHAR)")
    con.execute("CREATE TABLE published.notes (note VARCHAR)")
    con.execute("CREATE TABLE published.symbols (symbol VARCHAR, meaning VARCHAR)")
    con.close()
    return tmp_path


def test_the_report_reads_the_partnership_by_default(copies):
    figures = PublishedFigures(copies)
    assert figures.get("cp_started", "2010-11").value == 16.0
    assert figures.area["name"] == "Black Country"


def test_the_report_reads_the_place_asked_for(copies):
    assert PublishedFigures(copies, area="E08000031").get("cp_started", "2010-11").value == 7.0


def test_a_financial_year_is_not_the_month_of_the_same_name(copies):
    figures = PublishedFigures(copies, area="bc")
    assert (figures.get("cp_started", "2010-11").value, figures.change_pct("cp_started", "2010-11")) == (16.0, 12.5)


def test_an_unknown_place_is_refused_naming_the_places(copies):
    with pytest.raises(ValueError, match=r"no place 'E08000099' .* bc \(Black Country\), E08000031 \(Wolverhampton\)"):
        PublishedFigures(copies, area="E08000099")
