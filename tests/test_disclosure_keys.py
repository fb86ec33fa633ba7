"""Every key of a cell holds its period type: November 2010 (`2010-11`, a month) and the
financial year 2010-11 are two cells, in disclosure control, the published tables and reports."""

import polars as pl

from wst_analytics.disclosure.policies import apply
from wst_analytics.disclosure.publish import published_values, published_yoy
from wst_analytics.indicators.catalogue import load_catalogue
from wst_analytics.reports.figures import PublishedFigures

CATALOGUE = load_catalogue()
SCHEMA = {"indicator_id": pl.String, "period": pl.String, "period_type": pl.String,
          "breakdown": pl.String, "value": pl.Float64, "numerator": pl.Float64, "denominator": pl.Float64}


def frame(rows) -> pl.DataFrame:
    """rows: (indicator, period_type, period, breakdown, value[, numerator, denominator])."""
    return pl.DataFrame([(i, p, t, b, v, *(rest or (None, None))) for i, t, p, b, v, *rest in rows],
                        schema=SCHEMA, orient="row")


def symbols(published: pl.DataFrame) -> dict:
    return {(r["indicator_id"], r["period_type"], r["period"]): r["symbol"] or r["value"]
            for r in published.iter_rows(named=True)}


def test_a_small_month_does_not_hide_the_financial_year_of_the_same_label():
    rows = [("adult_concerns_received", "month", "2010-11", "", 3),
            ("adult_concerns_received", "financial_year", "2010-11", "", 40)]
    out = symbols(apply("sac_adults", frame(rows), CATALOGUE))
    assert out == {("adult_concerns_received", "month", "2010-11"): "[c]",
                   ("adult_concerns_received", "financial_year", "2010-11"): 40}


def test_a_rate_is_hidden_with_its_own_period_s_count_only():
    rows = [("cp_open_at_period_end", "month", "2010-11", "", 4),
            ("cp_open_at_period_end", "financial_year", "2010-11", "", 40),
            ("cp_open_rate_per_10k", "financial_year", "2010-11", "", 6.5, 40, 61244)]
    out = symbols(apply("dfe_children", frame(rows), CATALOGUE))
    assert out[("cp_open_rate_per_10k", "financial_year", "2010-11")] == 6.5
    assert out[("cp_open_at_period_end", "month", "2010-11")] == "c"


def test_year_on_year_compares_financial_years_only():
    rows = [("adult_concerns_received", "financial_year", "2010-11", "", 100),
            ("adult_concerns_received", "month", "2010-11", "", 3),
            ("adult_concerns_received", "financial_year", "2011-12", "", 120),
            ("adult_concerns_received", "month", "2011-12", "", 9)]
    yoy = published_yoy(published_values(frame(rows), CATALOGUE))
    assert yoy.select("period", "previous_value", "change", "change_symbol").rows() == [
        ("2010-11", None, None, "x"), ("2011-12", 100.0, 20.0, None)]


def test_the_annual_report_reads_the_financial_year_not_the_month_of_the_same_label():
    rows = [("adult_concerns_received", "month", "2010-11", "", 30),
            ("adult_concerns_received", "financial_year", "2010-11", "", 400)]
    figures = PublishedFigures.__new__(PublishedFigures)
    figures.values = published_values(frame(rows), CATALOGUE).sort("period_type", descending=True)
    figures.yoy = published_yoy(figures.values)
    figures.indicators = {"adult_concerns_received": {"unit": "count"}}
    assert figures.get("adult_concerns_received", "2010-11").text == "400"
    assert figures.years() == ["2010-11"]
