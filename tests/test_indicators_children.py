"""CP plan indicators pinned on small hand-built returns, edges included."""

import pytest

from tests.conftest import VALID
from tests.helpers import drop_returns, indicator, load_and_build

PLAN = VALID["cp_plans"]


def plan(child, start, end="", **other):
    return {**PLAN, "child_id": child, "cpp_start_date": start, "icpc_date": start,
            "strategy_discussion_date": start, "cpp_end_date": end, **other}


@pytest.fixture
def plans(workspace):
    drop_returns(workspace, "cp_plans", {
        "2019-05": [plan("OPEN1", "2019-05-01")],
        "2020-03": [
            plan("OPEN1", "2019-05-01", latest_category="EMO"),  # a later month wins
            plan("ENDS31MAR", "2019-06-01", "2020-03-31"),  # ended on the last day: not open
            plan("UNBORN", "2020-02-01", date_of_birth="", expected_date_of_birth="2020-06-01"),
            plan("LONG", "2017-03-01", "2020-03-15", previous_cpp_count="2"),
            plan("BORN", "2020-01-10", date_of_birth="2020-01-01", previous_cpp_count="1"),
            plan("TEEN", "2019-10-01", date_of_birth="2002-04-01", latest_category="SAB"),
            plan("GONE", "2019-11-01", record_status="deleted"),
        ],
        "2019-11": [plan("GONE", "2019-11-01")],
    })
    load_and_build(workspace)
    return workspace


def test_open_at_period_end_excludes_a_plan_ending_on_the_last_day(plans):
    assert indicator(plans, "cp_open_at_period_end") == (4, None, None)  # OPEN1, UNBORN, BORN, TEEN


def test_open_in_a_month(plans):
    assert indicator(plans, "cp_open_at_period_end", "2019-12")[0] == 4  # OPEN1, ENDS31MAR, TEEN, LONG


def test_deleted_plan_counts_nowhere(plans):
    assert indicator(plans, "cp_started", "2019-11")[0] == 0
    assert indicator(plans, "cp_open_at_period_end", "2019-11")[0] == 4  # OPEN1, ENDS31MAR, LONG, TEEN


def test_started_and_ended(plans):
    assert indicator(plans, "cp_started")[0] == 5  # OPEN1, ENDS31MAR, UNBORN, BORN, TEEN
    assert indicator(plans, "cp_ended")[0] == 2  # ENDS31MAR, LONG
    assert indicator(plans, "cp_ended", "2020-03")[0] == 2


def test_repeat_plans_started_pct(plans):
    assert indicator(plans, "cp_repeat_started_pct") == (20.0, 1, 5)  # BORN


def test_ended_two_years_or_more_pct(plans):
    assert indicator(plans, "cp_ended_2y_plus_pct") == (50.0, 1, 2)  # LONG


def test_by_category_uses_the_latest_category_and_shows_every_code(plans):
    rows = dict(plans.query("SELECT breakdown, value FROM marts.indicator_values WHERE "
                            "area_type = 'partnership' AND indicator_id = 'cp_open_by_category' AND period = '2019-20'"))
    assert rows == {"NEG": 2, "EMO": 1, "SAB": 1, "PHY": 0, "MUL": 0}
    assert indicator(plans, "cp_open_by_category", breakdown="EMO") == (1, 1, 4)


def test_by_age_band_on_the_last_day_with_an_unborn_child(plans):
    rows = dict(plans.query("SELECT breakdown, value FROM marts.indicator_values WHERE "
                            "area_type = 'partnership' AND indicator_id = 'cp_open_by_age_band' AND period = '2019-20'"))
    # UNBORN; BORN (1 January 2020); OPEN1 (born June 2015: 4); TEEN (born 1 April 2002: 17)
    assert rows == {"unborn": 1, "under_1": 1, "1-4": 1, "5-9": 0, "10-15": 0, "16-17": 1}


def test_born_after_the_last_day_is_unborn(workspace):
    drop_returns(workspace, "cp_plans", {"2020-03": [plan("X", "2020-01-05", date_of_birth="2020-04-02")]})
    load_and_build(workspace)
    assert indicator(workspace, "cp_open_by_age_band", breakdown="unborn")[0] == 1


def test_rate_per_10k_uses_mid_year_population_of_children(workspace):
    drop_returns(workspace, "cp_plans", {"2020-03": [plan(f"C{n}", "2020-03-01") for n in range(3)]})
    workspace.drop("population/ons_2020-06.csv", [
        {"mid_year": "2019", "age_from": "0", "age_to": "15", "population": "5000"},
        {"mid_year": "2019", "age_from": "16", "age_to": "17", "population": "1000"},
        {"mid_year": "2019", "age_from": "18", "age_to": "999", "population": "90000"},
        {"mid_year": "2020", "age_from": "0", "age_to": "17", "population": "9999"}])
    load_and_build(workspace)
    assert indicator(workspace, "cp_open_rate_per_10k") == (5.0, 3, 6000)


def test_icpc_timeliness_skips_weekends_and_bank_holidays(workspace):
    # strategy discussion Friday 12 April 2019; Good Friday 19/4, Easter Monday 22/4 and the
    # early May bank holiday 6/5 are not working days: 8 May is the 15th working day after.
    drop_returns(workspace, "cp_plans", {"2019-05": [
        plan("ONTIME", "2019-05-08", strategy_discussion_date="2019-04-12"),
        plan("LATE", "2019-05-09", strategy_discussion_date="2019-04-12"),
        plan("UNTIMED", "2019-05-09", strategy_discussion_date="")]})
    load_and_build(workspace)
    assert indicator(workspace, "icpc_within_15_days_pct", "2019-05") == (50.0, 1, 2)
