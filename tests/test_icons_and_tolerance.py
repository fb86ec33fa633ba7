"""Variation and assurance icons, and tolerance exceptions, read with the polarity."""

from dataclasses import replace

import polars as pl
import pytest

from wst_analytics.exceptions import icons
from wst_analytics.exceptions.settings import SpcSettings
from wst_analytics.exceptions.spc import analyse
from wst_analytics.exceptions.spc_marts import analyse_indicators
from wst_analytics.exceptions.tolerance import tolerance_exceptions
from wst_analytics.indicators.catalogue import Catalogue, load_catalogue

BASE = load_catalogue()["icpc_within_15_days_pct"]  # higher is better
STABLE = [80, 84] * 6


def latest(series, settings=SpcSettings(baseline_points=12)):  # limits read off STABLE
    return analyse(series, settings)[-1]


@pytest.mark.parametrize("polarity, last, icon", [
    ("higher_is_better", 95, "improvement_high"), ("higher_is_better", 60, "concern_low"),
    ("higher_is_worse", 95, "concern_high"), ("higher_is_worse", 60, "improvement_low"),
    ("neutral", 95, "neither_high"), ("neutral", 82, "common_cause")])
def test_variation_icon(polarity, last, icon):
    assert icons.variation(latest(STABLE + [last]), replace(BASE, polarity=polarity)) == icon


@pytest.mark.parametrize("target, direction, icon", [
    (70, "at_least", "pass"), (95, "at_least", "fail"), (82, "at_least", "hit_and_miss"),
    (95, "at_most", "pass"), (70, "at_most", "fail"), (None, None, "none")])
def test_assurance_icon(target, direction, icon):
    indicator = replace(BASE, target=target, target_direction=direction)
    assert icons.assurance(latest(STABLE + [82]), indicator) == icon


def yoy(indicator_id, value, previous):
    return pl.DataFrame({"indicator_id": [indicator_id], "area_type": ["partnership"], "area_code": ["wst"],
                         "period_type": ["financial_year"], "period": ["2019-20"], "breakdown": [""],
                         "value": [value], "previous_value": [previous], "previous_period": ["2018-19"],
                         "change_pct": [100 * (value - previous) / previous]})


def test_tolerance_amber_red_and_within():
    catalogue = load_catalogue()  # police incidents: amber 10%, red 20%
    assert tolerance_exceptions(yoy("police_child_abuse_incidents", 105, 100), catalogue) == []
    assert tolerance_exceptions(yoy("police_child_abuse_incidents", 112, 100), catalogue)[0]["severity"] == "amber"
    red = tolerance_exceptions(yoy("police_child_abuse_incidents", 75, 100), catalogue)[0]
    assert red["severity"] == "red" and "down 25.0%" in red["message"]


def test_a_value_past_its_target_is_red():
    indicator = replace(BASE, target=85.0, target_direction="at_least")
    catalogue = Catalogue({indicator.id: indicator})
    raised = tolerance_exceptions(yoy(indicator.id, 80.0, 81.0), catalogue)
    assert [(r["severity"], r["detail"]) for r in raised] == [("red", "target")]
    assert "below its target of 85.0%" in raised[0]["message"]


@pytest.mark.parametrize("direction", ["at_least", "at_most"])
def test_a_target_exactly_on_a_limit_is_hit_and_miss(direction):
    # was "pass" for at_least: NHSRplotthedots passes only a target strictly beyond the limit
    point = latest(STABLE + [82])
    target = point.limits.lower if direction == "at_least" else point.limits.upper
    assert icons.assurance(point, replace(BASE, target=target, target_direction=direction)) == "hit_and_miss"


def test_the_marts_show_the_improvement_of_a_point_flagged_both_ways():
    # above the mean and falling: a shift high and a trend low; higher is better, so the shift shows
    indicator = replace(BASE, id="falling", polarity="higher_is_better")
    series = [10, 12] * 6 + [16, 15.5, 15, 14.5, 14, 13.5, 13]
    values = pl.DataFrame({"indicator_id": "falling", "area_type": "partnership", "area_code": "wst",
                           "period_type": "month", "breakdown": "", "value": [float(v) for v in series],
                           "period": [f"{2018 + n // 12}-{n % 12 + 1:02d}" for n in range(len(series))]})
    fixed = SpcSettings(baseline_points=12)  # the limits of [10, 12] * 6: mean 11
    spc, summaries, raised = analyse_indicators(values, Catalogue({"falling": indicator}), fixed)
    assert summaries[0]["variation"] == "improvement_high" and spc["trend"].to_list()[-1] == 0
    assert [(r["severity"], r["detail"]) for r in raised] == [("amber", "shift")]
    assert "8 months in a row above the average" in raised[0]["message"]


def test_fewer_than_thirteen_points_show_no_icons():
    # was: icons from two points; MDC's tool shows limits and icons from 13 points
    point, indicator = latest(STABLE[:11] + [95], SpcSettings()), replace(BASE, target=70, target_direction="at_least")
    assert (icons.variation(point, indicator), icons.assurance(point, indicator)) == ("too_few_points", "none")
    assert icons.variation(latest(STABLE + [95], SpcSettings()), indicator) != "too_few_points"


def test_fewer_than_thirteen_points_raise_no_spc_exception():
    indicator = replace(BASE, id="short", target=95.0, target_direction="at_least")
    series = [80.0, 84.0] * 5 + [80.0, 60.0]  # 12 points, the last far below: concern, and failing
    values = pl.DataFrame({"indicator_id": "short", "area_type": "partnership", "area_code": "wst",
                           "period_type": "month", "breakdown": "", "value": series,
                           "period": [f"2019-{n + 1:02d}" for n in range(12)]})
    _, summaries, raised = analyse_indicators(values, Catalogue({"short": indicator}), SpcSettings())
    assert (summaries[0]["variation"], summaries[0]["assurance"], summaries[0]["trial_limits"]) == \
        ("too_few_points", "none", True)
    assert raised == [] and summaries[0]["signal"] == ""


def test_the_report_shows_no_icon_for_too_few_points_and_says_why_in_the_detail():
    from wst_analytics.reports.exception_report import _icon
    assert _icon("too_few_points", icons.VARIATION, words=False) == ""
    assert _icon("too_few_points", icons.VARIATION) == icons.VARIATION["too_few_points"]
    assert 'data-icon="common_cause"' in _icon("common_cause", icons.VARIATION, words=False)
