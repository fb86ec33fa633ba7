"""SPC pinned on crafted series: every rule, at and around its edges."""

import pytest

from wst_analytics.exceptions.settings import SpcSettings
from wst_analytics.exceptions.spc import analyse, xmr_limits

SETTINGS = SpcSettings()
BASELINE = [10, 12] * 6  # mean 11, every moving range 2: limits 11 +/- 5.32, two sigma 11 +/- 3.55


def flags(series, rule, settings=SETTINGS):
    return [p.signals.get(rule, 0) for p in analyse(series, settings)][len(BASELINE):]


def test_limits_from_the_baseline():
    limits = analyse(BASELINE + [11], SETTINGS)[-1].limits
    assert limits.centre == 11 and limits.mean_moving_range == 2
    assert limits.upper == pytest.approx(16.32) and limits.lower == pytest.approx(5.68)
    assert limits.upper_2sigma == pytest.approx(14.5467, abs=1e-4)
    assert not limits.trial


def test_limits_are_fixed_after_the_baseline():
    points = analyse(BASELINE + [30, 40, 50], SETTINGS)
    assert {p.limits for p in points} == {points[0].limits}


def test_large_moving_ranges_are_screened_out_before_limits_are_set():
    baseline = [10, 11] * 5 + [10, 40]  # one range of 30 against a mean of 3.6
    limits = xmr_limits(baseline, SETTINGS, trial=False)
    assert limits.mean_moving_range == pytest.approx(1.0)


def test_fewer_than_twelve_points_give_trial_limits():
    assert all(p.limits.trial for p in analyse([10, 12] * 5, SETTINGS))


def test_a_point_beyond_a_limit():
    assert flags(BASELINE + [16.5, 16.3, 5.6], "beyond_limit") == [1, 0, -1]


@pytest.mark.parametrize("run, flagged", [(7, True), (6, False)])
def test_shift_of_seven_not_six(run, flagged):
    marks = flags(BASELINE + [9] + [13] * run + [9], "shift")  # the baseline ends above the mean
    assert marks[1:run + 1] == [1 if flagged else 0] * run
    assert not any(marks[:1] + marks[run + 1:])


def test_a_point_on_the_mean_breaks_a_shift():
    assert not any(flags(BASELINE + [13] * 4 + [11] + [13] * 4, "shift"))


def test_shift_below():
    assert flags(BASELINE + [9] * 8, "shift") == [-1] * 8


@pytest.mark.parametrize("points, flagged", [(7, True), (6, False)])
def test_trend_of_seven_points_not_six(points, flagged):
    rising = [8 + 0.5 * n for n in range(points)]
    marks = flags(BASELINE + rising, "trend")
    assert (marks == [1] * points) is flagged and (any(marks) is flagged)


def test_a_tie_breaks_a_trend():
    assert not any(flags(BASELINE + [8, 8.5, 9, 9, 9.5, 10, 10.5], "trend"))


def test_falling_trend():
    assert flags(BASELINE + [14 - 0.5 * n for n in range(7)], "trend") == [-1] * 7


def test_two_of_three_near_the_limit():
    assert flags(BASELINE + [15, 11, 15], "two_of_three") == [1, 0, 1]
    assert flags(BASELINE + [7, 6, 11], "two_of_three") == [-1, -1, 0]


def test_two_of_three_variant_decides_whether_a_point_beyond_the_limit_counts():
    series = BASELINE + [17, 15, 11]
    assert not any(flags(series, "two_of_three"))
    wide = SpcSettings(two_of_three="beyond_two_sigma")
    assert flags(series, "two_of_three", wide) == [1, 1, 0]


def test_one_point_beyond_two_sigma_is_not_a_signal():
    assert not any(flags(BASELINE + [15, 11, 11], "two_of_three"))


def test_a_flat_series_raises_nothing():
    assert all(p.special_cause == 0 for p in analyse([20] * 24, SETTINGS))


def test_common_cause_variation_raises_nothing():
    series = [100, 104, 98, 103, 99, 101, 97, 102, 100, 105, 99, 101, 103, 98, 100, 102, 99, 101, 104, 97]
    assert all(p.special_cause == 0 for p in analyse(series, SETTINGS))


def test_a_rebase_starts_new_limits_only_where_recorded():
    series = BASELINE + [30, 32] * 6
    rebased = analyse(series, SETTINGS, rebase_at=[12])
    assert rebased[-1].limits.centre == 31 and rebased[-1].special_cause == 0
    assert analyse(series, SETTINGS)[-1].special_cause == 1  # without the rebase: far beyond
