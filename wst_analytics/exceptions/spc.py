"""Statistical process control as NHS England's "Making Data Count" (MDC) does it: XmR charts.

For each segment of a monthly series (a new segment starts only at a rebase the catalogue
records, never automatically; no rule looks across a rebase):

- Limits from every point of the segment (MDC's default), or its first `baseline_points`, then
  fixed; *trial* while the segment has fewer than 13 points (MDC's tool shows limits and icons
  from 13) or the baseline is not complete. Centre: the mean; limits: centre +/- `limit_factor`
  x the mean moving range (`screen_moving_ranges`, not MDC's default, drops those >=
  `moving_range_screen` x their mean); two sigma two thirds out; no variation: all on the centre.
- Rules: a point beyond a limit; a shift (`shift_points` or more in a row on one side of the
  centre; a point on it breaks the run); a trend (`trend_points` or more each rising, or each
  falling; a tie breaks it); two of three in a row beyond two sigma, all three on one side (a
  point on the centre breaks it), the points beyond two sigma flagged (`beyond_two_sigma`: MDC
  since November 2023, one beyond the limit counts; `near_limit_only`: NHSRplotthedots 0.2).
- A point flagged both ways (a rising trend's end and a falling one's start, a shift one way and
  a trend the other) shows the improvement, as MDC's Excel tool does; with no improvement
  direction the first rule in `PRIORITY` decides it (for two trends, the later).
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

from wst_analytics.exceptions.settings import SpcSettings

RULES = ("beyond_limit", "shift", "trend", "two_of_three")
SHORT = 13  # a segment of fewer points has trial limits and shows no icons
PRIORITY = ("beyond_limit", "trend", "two_of_three", "shift")  # NHSRplotthedots' order naming a point's rule


@dataclass(frozen=True)
class Limits:
    centre: float
    lower: float | None  # None when there is no moving range (one point)
    upper: float | None
    lower_2sigma: float | None
    upper_2sigma: float | None
    trial: bool
    mean_moving_range: float | None
    points: int = 0  # the points of the segment


@dataclass
class Point:
    value: float
    limits: Limits
    segment: int
    signals: dict[str, int] = field(default_factory=dict)  # rule -> +1 (high) or -1 (low), the shown side only
    special_cause: int = 0  # +1 (high), -1 (low) or 0 (common cause)

    @property
    def rule(self) -> str | None:
        """The rule that names the point's signal: the first in PRIORITY order."""
        return next((rule for rule in PRIORITY if rule in self.signals), None)


def xmr_limits(baseline: list[float], settings: SpcSettings, trial: bool, points: int = 0) -> Limits:
    _mean = statistics.fmean
    centre = _mean(baseline)
    ranges = [abs(b - a) for a, b in zip(baseline, baseline[1:])]
    if not ranges:
        return Limits(centre, None, None, None, None, True, None, points)
    mean_range = _mean(ranges)
    kept = [r for r in ranges if r < settings.moving_range_screen * mean_range]
    if settings.screen_moving_ranges and kept:  # all left out only when every range is 0: keep 0
        mean_range = _mean(kept)
    width = settings.limit_factor * mean_range
    return Limits(centre, centre - width, centre + width, centre - width * 2 / 3, centre + width * 2 / 3,
                  trial, mean_range, points)


def _runs(flags: list[int], length: int) -> list[int]:
    """Mark (+1/-1) the members of runs of at least `length` equal non-zero flags."""
    marked, start = [0] * len(flags), 0
    for end in range(1, len(flags) + 1):
        if end == len(flags) or flags[end] != flags[start] or flags[end] == 0:
            if flags[start] and end - start >= length:
                marked[start:end] = [flags[start]] * (end - start)
            start = end
    return marked


def _beyond_two_sigma(point: Point, settings: SpcSettings) -> int:
    limits, value = point.limits, point.value
    inner = settings.two_of_three == "near_limit_only"
    if value > limits.upper_2sigma and not (inner and value > limits.upper):
        return 1
    if value < limits.lower_2sigma and not (inner and value < limits.lower):
        return -1
    return 0


def _two_of_three(points: list[Point], side: list[int], settings: SpcSettings) -> list[int]:
    """Mark the points beyond two sigma of every three in a row on one side with two such points."""
    near, marked = [_beyond_two_sigma(p, settings) for p in points], [0] * len(points)
    for window in (range(start, start + 3) for start in range(len(points) - 2)):
        for direction in (1, -1):
            if all(side[i] == direction for i in window) and sum(near[i] == direction for i in window) >= 2:
                for i in window:
                    marked[i] = direction if near[i] == direction else marked[i]
    return marked


def _found(points: list[Point], settings: SpcSettings) -> list[dict[str, list[int]]]:
    """Each point's rules and the directions each found it in (a trend's: before, after)."""
    limits, values = points[0].limits, [p.value for p in points]
    side = [(v > limits.centre) - (v < limits.centre) for v in values]
    steps = [0] + [(b > a) - (b < a) for a, b in zip(values, values[1:])]
    shift = _runs(side, settings.shift_points)
    trend = _runs(steps, settings.trend_points - 1) + [0]  # a trend of n points is n - 1 steps
    near = _two_of_three(points, side, settings) if limits.upper is not None else [0] * len(points)
    found = []
    for i, value in enumerate(values):
        rules = {"shift": [shift[i]], "trend": [trend[i], trend[i + 1]], "two_of_three": [near[i]]}
        if limits.upper is not None and (value > limits.upper or value < limits.lower):
            rules["beyond_limit"] = [1 if value > limits.upper else -1]
        found.append({rule: [d for d in ways if d] for rule, ways in rules.items() if any(ways)})
    return found


def _resolve(point: Point, found: dict[str, list[int]], improvement: int) -> None:
    """Set the point's side (the improvement when it is flagged both ways) and its signals."""
    sides = {d for ways in found.values() for d in ways}
    if len(sides) == 2:
        side = improvement or next(found[rule][-1] for rule in PRIORITY if rule in found)
    else:
        side = next(iter(sides), 0)
    point.special_cause = side
    point.signals = {rule: side for rule in RULES if side in found.get(rule, [])}


def analyse(values: list[float], settings: SpcSettings, rebase_at: list[int] | None = None,
            improvement: int = 0) -> list[Point]:
    """SPC for a series (in time order); `rebase_at` lists the indexes where a new segment starts;
    `improvement` is +1 when higher is better, -1 when lower is, 0 when neither."""
    starts = sorted({0, *(i for i in (rebase_at or []) if 0 < i < len(values))})
    points: list[Point] = []
    for number, (start, end) in enumerate(zip(starts, [*starts[1:], len(values)])):
        segment = values[start:end]
        baseline = segment[:settings.baseline_points] if settings.baseline_points else segment
        trial = len(segment) < max(SHORT, settings.baseline_points)
        limits = xmr_limits(baseline, settings, trial, len(segment))
        block = [Point(v, limits, number) for v in segment]
        for point, found in zip(block, _found(block, settings)):
            _resolve(point, found, improvement)
        points += block
    return points
