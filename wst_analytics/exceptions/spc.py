"""Statistical process control as NHS England's "Making Data Count" does it: XmR charts.

For each segment of a monthly series (a new segment starts only at a rebase the catalogue
records, never automatically):

- Limits come from a baseline: the segment's first `baseline_points` points, then fixed; a
  segment with fewer points uses them all and its limits are *trial* limits. The centre is
  the baseline's mean; the moving ranges are the differences between successive points;
  moving ranges at or above `moving_range_screen` x their mean are screened out and the mean
  moving range taken again; the process limits are centre +/- `limit_factor` x that, and the
  two-sigma lines two thirds of the way out.
- Every point of the segment is tested against them by four rules: a point beyond a limit; a
  shift (`shift_points` or more in a row on one side of the centre: a point on the centre
  breaks it); a trend (`trend_points` or more each rising, or each falling: a tie breaks it);
  two of three successive points beyond two sigma on the same side (`near_limit_only`: only
  points between two sigma and the limit count; `beyond_two_sigma`: any point beyond two
  sigma counts).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from wst_analytics.exceptions.settings import SpcSettings

RULES = ("beyond_limit", "shift", "trend", "two_of_three")


@dataclass(frozen=True)
class Limits:
    centre: float
    lower: float | None  # None when there is no moving range (one point)
    upper: float | None
    lower_2sigma: float | None
    upper_2sigma: float | None
    trial: bool
    mean_moving_range: float | None


@dataclass
class Point:
    value: float
    limits: Limits
    segment: int
    signals: dict[str, int] = field(default_factory=dict)  # rule -> +1 (high) or -1 (low)

    @property
    def special_cause(self) -> int:
        """+1 (high), -1 (low) or 0 (common cause); the first rule in RULES order decides."""
        return next((self.signals[rule] for rule in RULES if rule in self.signals), 0)


def _mean(values: list[float]) -> float:
    return sum(values) / len(values)


def xmr_limits(baseline: list[float], settings: SpcSettings, trial: bool) -> Limits:
    centre = _mean(baseline)
    ranges = [abs(b - a) for a, b in zip(baseline, baseline[1:])]
    if not ranges:
        return Limits(centre, None, None, None, None, True, None)
    mean_range = _mean(ranges)
    kept = [r for r in ranges if r < settings.moving_range_screen * mean_range]
    mean_range = _mean(kept) if kept else mean_range
    width = settings.limit_factor * mean_range
    return Limits(centre, centre - width, centre + width, centre - width * 2 / 3, centre + width * 2 / 3,
                  trial, mean_range)


def _runs(flags: list[int], length: int) -> list[int]:
    """Mark (+1/-1) the members of runs of at least `length` equal non-zero flags."""
    marked, start = [0] * len(flags), 0
    for end in range(1, len(flags) + 1):
        if end == len(flags) or flags[end] != flags[start] or flags[end] == 0:
            if flags[start] and end - start >= length:
                marked[start:end] = [flags[start]] * (end - start)
            start = end
    return marked


def _flag_segment(points: list[Point], settings: SpcSettings) -> None:
    limits = points[0].limits
    values = [p.value for p in points]
    side = [(v > limits.centre) - (v < limits.centre) for v in values]
    steps = [0] + [(b > a) - (b < a) for a, b in zip(values, values[1:])]
    shift = _runs(side, settings.shift_points)
    # a trend of n points is n - 1 steps the same way; the first point of the run is in it too
    rising = _runs(steps, settings.trend_points - 1)
    trend = [rising[i] or (rising[i + 1] if i + 1 < len(rising) else 0) for i in range(len(values))]
    for i, point in enumerate(points):
        if limits.upper is not None and (point.value > limits.upper or point.value < limits.lower):
            point.signals["beyond_limit"] = 1 if point.value > limits.upper else -1
        if shift[i]:
            point.signals["shift"] = shift[i]
        if trend[i]:
            point.signals["trend"] = trend[i]
    if limits.upper is not None:
        _two_of_three(points, settings)


def _near(point: Point, settings: SpcSettings) -> int:
    limits, value = point.limits, point.value
    inner = settings.two_of_three == "near_limit_only"
    if value > limits.upper_2sigma and not (inner and value > limits.upper):
        return 1
    if value < limits.lower_2sigma and not (inner and value < limits.lower):
        return -1
    return 0


def _two_of_three(points: list[Point], settings: SpcSettings) -> None:
    near = [_near(p, settings) for p in points]
    for start in range(len(points) - 2):
        window = near[start:start + 3]
        for direction in (1, -1):
            if window.count(direction) >= 2:
                for offset, flag in enumerate(window):
                    if flag == direction:
                        points[start + offset].signals["two_of_three"] = direction


def analyse(values: list[float], settings: SpcSettings, rebase_at: list[int] | None = None) -> list[Point]:
    """SPC for a series (in time order); `rebase_at` lists the indexes where a new segment starts."""
    starts = sorted({0, *(i for i in (rebase_at or []) if 0 < i < len(values))})
    points: list[Point] = []
    for number, (start, end) in enumerate(zip(starts, [*starts[1:], len(values)])):
        segment = values[start:end]
        trial = len(segment) < settings.baseline_points
        limits = xmr_limits(segment if trial else segment[:settings.baseline_points], settings, trial)
        block = [Point(v, limits, number) for v in segment]
        _flag_segment(block, settings)
        points += block
    return points
