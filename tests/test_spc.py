"""SPC pinned on crafted series: every rule, at and around its edges."""

from importlib.resources import files

import pytest

from wst_analytics.exceptions.settings import SpcSettings, load_settings
from wst_analytics.exceptions.spc import analyse, xmr_limits

# The rules' tests fix the limits on the 12-point BASELINE (the baseline variant) so that their
# answers read off it; MDC's default, limits from every point, is pinned on its own below.
SETTINGS = SpcSettings(baseline_points=12)
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


# NHSRplotthedots' "Deviations from Excel defaults" vignette: 18 points, every one in the limits;
# MDC's Excel tool keeps every moving range (limits -3.06 to 6.95), the R package screens (-0.72 to 4.60)
VIGNETTE = [1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1]


def test_mdc_keeps_every_moving_range():
    # was: large moving ranges screened out by default; MDC's tools do not screen (issue 15)
    limits = xmr_limits(VIGNETTE, SETTINGS, trial=False)
    assert (round(limits.lower, 2), round(limits.centre, 2), round(limits.upper, 2)) == (-3.06, 1.94, 6.95)


def test_the_moving_range_screen_is_a_setting():
    limits = xmr_limits(VIGNETTE, SpcSettings(screen_moving_ranges=True), trial=False)
    assert (round(limits.lower, 2), round(limits.upper, 2)) == (-0.72, 4.6)


def test_zero_variation_puts_the_limits_on_the_mean_and_screens_nothing():
    limits = xmr_limits([20] * 12, SpcSettings(screen_moving_ranges=True), trial=False)
    assert limits.lower == limits.upper == 20 and limits.mean_moving_range == 0


def test_after_a_flat_baseline_any_other_value_is_beyond_a_limit():
    assert [p.signals.get("beyond_limit", 0) for p in analyse([20] * 12 + [20, 21, 19], SETTINGS)][12:] == [0, 1, -1]


def test_by_default_the_limits_come_from_every_point_of_the_segment():
    # was: fixed on the first 12 points; MDC's tools set no baseline unless asked (NHSRplotthedots PR 33)
    points = analyse(BASELINE + [30, 40, 50], SpcSettings())
    assert {p.limits for p in points} == {points[0].limits} and points[0].limits.centre == 252 / 15


def test_fewer_than_thirteen_points_give_trial_limits():
    # was: trial below 12; MDC's tool shows limits and icons from 13 points (NHSRplotthedots issue 194)
    assert all(p.limits.trial for p in analyse([10, 12] * 6, SpcSettings()))
    assert not any(p.limits.trial for p in analyse([10, 12] * 6 + [11], SpcSettings()))


def test_limits_not_yet_fixed_on_a_longer_baseline_are_trial():
    assert analyse([10, 12] * 7, SpcSettings(baseline_points=15))[-1].limits.trial


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


def test_two_of_three_flags_only_the_points_beyond_two_sigma():
    assert flags(BASELINE + [15, 13, 15], "two_of_three") == [1, 0, 1]
    assert flags(BASELINE + [10, 7, 6], "two_of_three") == [0, -1, -1]


def test_two_of_three_needs_all_three_points_on_the_same_side_of_the_mean():
    # was [1, 0, 1]: the middle point's side was not looked at (MDC; NHSRplotthedots issue 143)
    assert not any(flags(BASELINE + [15, 9, 15], "two_of_three"))


def test_a_point_on_the_mean_breaks_two_of_three():
    # was [1, 0, 1]: a point exactly on the mean is on neither side
    assert not any(flags(BASELINE + [15, 11, 15], "two_of_three"))


def test_a_point_beyond_the_limit_counts_towards_two_of_three():
    # was not flagged: MDC counts every point beyond two sigma since November 2023
    # (NHSRplotthedots issue 194); the point beyond the limit is beyond_limit too
    assert flags(BASELINE + [15, 17], "two_of_three") == [1, 1]
    assert flags(BASELINE + [15, 17], "beyond_limit") == [0, 1]


def test_near_limit_only_is_the_earlier_variant():
    assert not any(flags(BASELINE + [15, 17], "two_of_three", SpcSettings(two_of_three="near_limit_only")))


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


def test_rules_do_not_look_across_a_rebase():
    series = BASELINE + [6, 6.5, 7, 7.5, 8, 8.5, 9]  # a trend of seven, rebased in its middle
    assert flags(series, "trend") == [1] * 7
    assert not any(p.signals.get("trend") for p in analyse(series, SETTINGS, rebase_at=[16]))


def test_a_short_segment_after_a_rebase_has_trial_limits():
    points = analyse(BASELINE + [11] + [30, 32] * 3, SETTINGS, rebase_at=[13])
    assert not points[12].limits.trial and all(p.limits.trial for p in points[13:])
    assert points[-1].limits.centre == 31


# above the mean and falling: a shift high (with the baseline's last point) and a trend low
ABOVE_AND_FALLING = BASELINE + [16, 15.5, 15, 14.5, 14, 13.5, 13]


@pytest.mark.parametrize("improvement, shown, rules", [(1, 1, {"shift": 1}), (-1, -1, {"trend": -1})])
def test_a_point_both_a_shift_and_a_trend_shows_the_improvement(improvement, shown, rules):
    latest = analyse(ABOVE_AND_FALLING, SETTINGS, improvement=improvement)[-1]
    assert latest.special_cause == shown and latest.signals == rules


def test_with_no_improvement_direction_the_trend_names_the_point():
    latest = analyse(ABOVE_AND_FALLING, SETTINGS)[-1]
    assert latest.special_cause == -1 and latest.rule == "trend"


PEAK = BASELINE + [8, 9, 10, 11, 12, 13, 14, 13, 12, 11, 10, 9, 8]  # 14 ends a rise and starts a fall


@pytest.mark.parametrize("improvement, shown", [(1, 1), (-1, -1), (0, -1)])
def test_the_peak_of_two_trends_shows_the_improvement_or_else_the_later_trend(improvement, shown):
    peak = analyse(PEAK, SETTINGS, improvement=improvement)[18]
    assert peak.value == 14 and peak.special_cause == shown and peak.signals == {"trend": shown}


def test_the_default_settings_are_mdcs():
    spc = load_settings(files("wst_analytics") / "defaults" / "exceptions.toml").spc
    assert spc == SpcSettings() and spc.two_of_three == "beyond_two_sigma" and not spc.screen_moving_ranges
    assert spc.baseline_points == 0  # no baseline: limits from every point of the segment


@pytest.mark.parametrize("line, words", [('screen_moving_ranges = "yes"', "true or false"),
                                         ('two_of_three = "any"', "two_of_three must be one of"),
                                         ("baseline_points = 6", "0 \\(no baseline\\) or at least 12")])
def test_a_setting_outside_the_variants_is_refused_naming_the_file(tmp_path, line, words):
    path = tmp_path / "exceptions.toml"
    path.write_text(f"[spc]\n{line}\n", encoding="utf-8")
    with pytest.raises(ValueError, match=words) as refused:
        load_settings(path)
    assert str(path) in str(refused.value)
