"""Making Data Count's variation and assurance icons, read with the indicator's polarity."""

from __future__ import annotations

from wst_analytics.exceptions.spc import SHORT, Point
from wst_analytics.indicators.catalogue import Indicator

VARIATION = {
    "common_cause": "Common cause variation: no significant change",
    "improvement_high": "Special cause variation: improvement (higher)",
    "improvement_low": "Special cause variation: improvement (lower)",
    "concern_high": "Special cause variation: concern (higher)",
    "concern_low": "Special cause variation: concern (lower)",
    "neither_high": "Special cause variation: higher (neither improvement nor concern)",
    "neither_low": "Special cause variation: lower (neither improvement nor concern)",
    "too_few_points": "Fewer than 13 points since the series began or was rebased: no icon yet",
}
ASSURANCE = {
    "pass": "The target will consistently be met",
    "fail": "The target will consistently be missed",
    "hit_and_miss": "The target will be met and missed at random",
    "none": "No target",
}
SYMBOL = {"common_cause": "●", "improvement_high": "▲", "improvement_low": "▼", "concern_high": "▲",
          "concern_low": "▼", "neither_high": "▲", "neither_low": "▼",
          "too_few_points": "", "pass": "✔", "fail": "✘", "hit_and_miss": "?", "none": ""}
COLOUR = {"common_cause": "#768692", "improvement": "#005EB8", "concern": "#ED8B00", "neither": "#7C2855",
          "pass": "#005EB8", "fail": "#ED8B00", "hit_and_miss": "#768692", "none": "#FFFFFF"}


def variation(point: Point, indicator: Indicator) -> str:
    if point.limits.points < SHORT:
        return "too_few_points"
    direction = point.special_cause
    if direction == 0:
        return "common_cause"
    side = "high" if direction > 0 else "low"
    if indicator.polarity == "neutral":
        return f"neither_{side}"
    good = (direction > 0) == (indicator.polarity == "higher_is_better")
    return f"{'improvement' if good else 'concern'}_{side}"


def assurance(point: Point, indicator: Indicator) -> str:
    limits = point.limits
    if indicator.target is None or limits.upper is None or limits.points < SHORT:
        return "none"
    at_least = indicator.target_direction == "at_least"
    # strictly beyond, as NHSRplotthedots: a target on a limit is met and missed at random
    passing = limits.lower > indicator.target if at_least else limits.upper < indicator.target
    failing = limits.upper < indicator.target if at_least else limits.lower > indicator.target
    return "pass" if passing else "fail" if failing else "hit_and_miss"


def colour(icon: str) -> str:
    return COLOUR.get(icon.split("_")[0] if icon not in COLOUR else icon, COLOUR["common_cause"])
