"""Missing is not zero (issue 14, item 1): a month whose owed return never arrived has no value,
a financial year with such a month is `incomplete`, and a return received with no rows is a
true zero. On the demo sample (its manifest knows the missing return) and small real loads."""

import polars as pl
import pytest

from tests.conftest import VALID, open_db
from tests.helpers import drop_returns, load_and_build
from tests.test_exceptions_rules import ONLY_POLICE

TRAINING = ("training_sessions", "training_places", "training_attended", "training_fill_pct")
LABEL = "wst training_attendance 2019-08"


@pytest.fixture(scope="module")
def sample(sample_warehouse):
    space, manifest, _ = sample_warehouse
    assert manifest.missing_returns == [{"partner": "wst", "extract": "training_attendance", "month": "2019-08"}]
    return space


def row(space, table, indicator_id, period, columns):
    return space.query(f"SELECT {columns} FROM {table} WHERE area_type = 'partnership' AND area_code = 'wst' "
                       "AND indicator_id = ? AND period = ? AND breakdown = ''", [indicator_id, period])[0]


@pytest.mark.parametrize("indicator_id", TRAINING)
def test_the_demo_august_2019_training_figures_are_missing_not_zero(sample, indicator_id):
    assert row(sample, "marts.indicator_values", indicator_id, "2019-08",
               "value, numerator, denominator, completeness, missing_returns") == (
        None, None, None, "missing", LABEL)


def test_the_demo_2019_20_training_year_is_incomplete_and_named(sample):
    value, completeness, missing = row(sample, "marts.indicator_values", "training_sessions", "2019-20",
                                       "value, completeness, missing_returns")
    assert value > 0 and (completeness, missing) == ("incomplete", LABEL)
    assert row(sample, "marts.indicator_values", "training_sessions", "2018-19", "completeness") == ("complete",)


def test_other_extracts_of_august_2019_are_complete(sample):
    assert row(sample, "marts.indicator_values", "adult_concerns_received", "2019-08",
               "completeness, missing_returns") == ("complete", None)


def test_the_published_fill_rate_for_the_missing_month_shows_x(sample):
    assert row(sample, "published.indicator_values", "training_fill_pct", "2019-08",
               "value, value_text, symbol, completeness") == (None, "x", "x", "missing")
    assert row(sample, "published.indicator_values", "training_sessions", "2019-08",
               "value_text, symbol") == ("x", "x")


def test_the_published_incomplete_year_carries_its_symbol_beside_the_figure(sample):
    value, text, completeness = row(sample, "published.indicator_values", "training_sessions", "2019-20",
                                    "value, value_text, completeness")
    assert completeness == "incomplete" and text == f"{value:,.0f} u"


def test_spc_skips_the_missing_month(sample):
    assert sample.query("SELECT count(*) FROM marts.spc WHERE indicator_id LIKE 'training%' "
                        "AND period = '2019-08'") == [(0,)]
    assert sample.query("SELECT count(*) FROM marts.exceptions WHERE kind = 'spc' "
                        "AND indicator_id LIKE 'training%' AND period = '2019-08'") == [(0,)]


def test_tolerances_compare_only_complete_years(sample):
    assert sample.query("SELECT count(*) FROM marts.exceptions WHERE kind = 'tolerance' "
                        "AND indicator_id LIKE 'training%' AND period = '2019-20'") == [(0,)]


def test_a_return_received_with_no_rows_is_a_true_zero(workspace, tmp_path, monkeypatch):
    (tmp_path / "partners.toml").write_text(ONLY_POLICE)
    monkeypatch.setenv("WST_PARTNERS", str(tmp_path / "partners.toml"))
    incident = VALID["police_incidents"]
    drop_returns(workspace, "police_incidents", {m: [{**incident, "incident_id": f"{m}-1", "recorded_date": f"{m}-10"}]
                                                 for m in ("2019-04", "2019-05", "2019-06")})
    (workspace.raw / "police_incidents/wmp_2019-07.csv").unlink()
    load_and_build(workspace)
    figures = dict((p, (v, c)) for p, v, c in workspace.query(
        "SELECT period, value, completeness FROM marts.indicator_values WHERE indicator_id = "
        "'police_child_abuse_incidents' AND area_type = 'local_authority' AND breakdown = ''"))
    assert figures["2019-06"] == (1, "complete") and figures["2019-09"] == (0, "complete")
    assert figures["2019-07"] == (None, "missing") and figures["2019-20"] == (3, "incomplete")


@pytest.mark.parametrize(("policy", "indicator_id"),
                         [("none", "training_fill_pct"), ("sac_adults", "adult_concerns_to_s42_pct")])
def test_a_missing_month_is_x_not_z_under_every_policy(policy, indicator_id):
    from tests.test_disclosure import CATALOGUE, marts, shown
    from wst_analytics.disclosure.policies import apply

    frame = marts([(indicator_id, "2019-08", "", None, None, None)]).with_columns(completeness=pl.lit("missing"))
    assert shown(apply(policy, frame, CATALOGUE)) == {(indicator_id, "2019-08", ""): "x"}


def test_an_incomplete_year_raises_no_benchmark_exception(comparator_warehouse, tmp_path):
    import shutil

    import duckdb

    from tests.comparators import W
    from wst_analytics.exceptions.benchmark import benchmark_exceptions
    from wst_analytics.indicators.catalogue import load_catalogue

    copy = shutil.copy(comparator_warehouse.warehouse, tmp_path / "copy.duckdb")
    con = open_db(copy, read_only=False)
    try:  # W's 2019-20 (in the worst quartile) as a missing month would leave it: incomplete
        con.execute("UPDATE marts.indicator_values SET completeness = 'incomplete' WHERE area_code = ? "
                    "AND period = '2019-20' AND period_type = 'financial_year'", [W])
        raised = benchmark_exceptions(con, load_catalogue())
    finally:
        con.close()
    assert [(e["area_code"], e["period"]) for e in raised if e["area_code"] == W and e["period"] == "2019-20"] == []
